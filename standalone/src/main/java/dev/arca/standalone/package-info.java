/** Every Arca service in one JVM: {@code arca dev} and {@code arca server -config FILE}. */
@NullMarked
package dev.arca.standalone;

import org.jspecify.annotations.NullMarked;
