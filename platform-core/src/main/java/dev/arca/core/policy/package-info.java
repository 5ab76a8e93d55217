/**
 * Vault's ACL policy language: {@link dev.arca.core.policy.PolicyParser} turns policy HCL into a
 * {@link dev.arca.core.policy.Policy}; {@link dev.arca.core.policy.Acl} compiles a set of policies once
 * and answers {@code allowOperation} and {@code capabilities} with Vault's matching priority.
 */
@NullMarked
package dev.arca.core.policy;

import org.jspecify.annotations.NullMarked;
