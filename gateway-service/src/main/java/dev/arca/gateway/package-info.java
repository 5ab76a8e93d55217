/** The public Vault-compatible API: seal, mounts, token resolution, ACL, routing and audit emission. */
@NullMarked
package dev.arca.gateway;

import org.jspecify.annotations.NullMarked;
