@NullMarked
package dev.arca.core.seal;

import org.jspecify.annotations.NullMarked;
