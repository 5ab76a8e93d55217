/** Issuing users under leases ({@code creds/<role>}), their renewal and revocation, and the write-ahead records that leave no orphan. */
@NullMarked
package dev.arca.database.creds;

import org.jspecify.annotations.NullMarked;
