/** HMAC hashing of audit entries: pure functions, no state. */
@NullMarked
package dev.arca.audit.hash;

import org.jspecify.annotations.NullMarked;
