/** KV secrets engine, versions 1 and 2. */
@NullMarked
package dev.arca.kv;

import org.jspecify.annotations.NullMarked;
