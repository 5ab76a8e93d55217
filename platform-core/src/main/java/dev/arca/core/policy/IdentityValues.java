package dev.arca.core.policy;

import java.util.Map;

/**
 * What policy path templates read about a token's entity ({@code {{identity.entity.id}}} and the rest).
 *
 * @param aliasNames    the entity's alias name by auth mount accessor
 * @param metadata      the entity's metadata
 * @param groupNames    the name of every group the entity is in (directly or through member groups), by id
 * @param groupMetadata those groups' metadata, by id
 */
public record IdentityValues(String entityId, String entityName, Map<String, String> aliasNames, Map<String, String> metadata,
        Map<String, String> groupNames, Map<String, Map<String, String>> groupMetadata) {

    public IdentityValues {
        aliasNames = Map.copyOf(aliasNames);
        metadata = Map.copyOf(metadata);
        groupNames = Map.copyOf(groupNames);
        groupMetadata = Map.copyOf(groupMetadata);
    }
}
