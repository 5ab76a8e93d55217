/** What the transit path families share: base64 input, batch items and Vault's batch statuses. */
@NullMarked
package dev.arca.transit.api;

import org.jspecify.annotations.NullMarked;
