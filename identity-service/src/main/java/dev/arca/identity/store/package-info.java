/**
 * The identity store at {@code identity/}: entities, their aliases (one per auth mount and name, made
 * at first login), internal groups, lookups and merges, and the identity view the gateway's ACL
 * evaluation reads (identity policies, template values).
 */
@NullMarked
package dev.arca.identity.store;

import org.jspecify.annotations.NullMarked;
