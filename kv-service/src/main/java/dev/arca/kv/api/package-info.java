/** The one entry point for every {@code /v1/**} call on a KV mount: routing by relative path to per-path handlers, request input and Vault's response shapes. */
@NullMarked
package dev.arca.kv.api;

import org.jspecify.annotations.NullMarked;
