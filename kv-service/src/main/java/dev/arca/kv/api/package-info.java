/** What the KV path families share beyond the backends framework: key helpers, Vault's times and non-200 envelopes. */
@NullMarked
package dev.arca.kv.api;

import org.jspecify.annotations.NullMarked;
