/** The gateway's entry point: hashes an entry for every enabled device and waits until all have stored it. */
@NullMarked
package dev.arca.audit.log;

import org.jspecify.annotations.NullMarked;
