/**
 * The {@code ldap} auth method: a directory's users log in with their password, and the directory's
 * groups they belong to map to policies.
 */
@NullMarked
package dev.arca.identity.ldap;

import org.jspecify.annotations.NullMarked;
