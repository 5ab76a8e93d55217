/** KV v2 {@code delete/}, {@code undelete/} and {@code destroy/}: lifecycle of given versions. */
@NullMarked
package dev.arca.kv.versions;

import org.jspecify.annotations.NullMarked;
