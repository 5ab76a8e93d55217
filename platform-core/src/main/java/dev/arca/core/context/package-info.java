@NullMarked
package dev.arca.core.context;

import org.jspecify.annotations.NullMarked;
