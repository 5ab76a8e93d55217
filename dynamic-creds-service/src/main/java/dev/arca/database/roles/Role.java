package dev.arca.database.roles;

import java.util.List;

/** A dynamic role as stored: which connection, the statements of each step, and TTLs in seconds. */
public record Role(String dbName, List<String> creationStatements, List<String> revocationStatements, List<String> rollbackStatements,
        List<String> renewStatements, long defaultTtl, long maxTtl, String credentialType) {

    public Role {
        creationStatements = List.copyOf(creationStatements);
        revocationStatements = List.copyOf(revocationStatements);
        rollbackStatements = List.copyOf(rollbackStatements);
        renewStatements = List.copyOf(renewStatements);
    }
}
