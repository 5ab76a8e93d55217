@NullMarked
package dev.arca.core.api;

import org.jspecify.annotations.NullMarked;
