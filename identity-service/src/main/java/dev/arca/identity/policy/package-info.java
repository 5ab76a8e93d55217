/**
 * ACL policies: {@code sys/policies/acl/*}, legacy {@code sys/policy/*}, and {@code /internal/policies/{name}}
 * for the gateway. Policies are validated with platform-core's strict parser before they are stored.
 */
@NullMarked
package dev.arca.identity.policy;

import org.jspecify.annotations.NullMarked;
