@NullMarked
package dev.arca.core.events;

import org.jspecify.annotations.NullMarked;
