@NullMarked
package dev.arca.core.barrier;

import org.jspecify.annotations.NullMarked;
