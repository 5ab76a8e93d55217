package dev.arca.identity.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * The {@code identity} backend, mounted at {@code identity/} in every installation (as Vault's is):
 * {@code entity}, {@code entity/id/*}, {@code entity/name/*}, {@code entity/merge},
 * {@code entity-alias}, {@code entity-alias/id/*}, {@code group}, {@code group/id/*},
 * {@code group/name/*}, {@code group-alias}, {@code group-alias/id/*}, {@code lookup/entity},
 * {@code lookup/group}.
 */
@Configuration(proxyBeanMethods = false)
public class IdentityBackend {

    private final IdentityService identity;
    private final EntityStore entities;
    private final GroupAliases groupAliases;

    IdentityBackend(IdentityService identity, EntityStore entities, GroupAliases groupAliases) {
        this.identity = identity;
        this.entities = entities;
        this.groupAliases = groupAliases;
    }

    @Bean
    Backend identity() {
        return Backend.builder("identity", Backend.Kind.SECRET)
                .description("identity store: entities, aliases and groups")
                .builtinMount("identity/")
                .paths(entityFields(PathFamily.of("entity"))
                                .write(r -> created(r, identity.writeEntity(r.fields(), null, null)), "Create or update an entity.")
                                .help("Create an entity, or update the one named by id or name.", "").build(),
                        PathFamily.of("entity/id/?").list(r -> r.keys(identity.entityIds()), "List entities by id.")
                                .help("The ids of all entities.", "").build(),
                        entityFields(PathFamily.of("entity/id/{id}"))
                                .read(r -> found(r, identity.readEntity(identity.entityById(id(r)))), "Read an entity.")
                                .write(r -> created(r, identity.writeEntity(r.fields(), id(r), null)), "Update an entity.")
                                .delete(r -> {
                                    identity.deleteEntity(identity.entityById(id(r)));
                                    return BackendRequest.noContent();
                                }, "Delete an entity, its aliases and its group memberships.")
                                .help("An entity by its id.", "").build(),
                        PathFamily.of("entity/name/?").list(r -> r.keys(identity.entityNames()), "List entities by name.")
                                .help("The names of all entities.", "").build(),
                        entityFields(PathFamily.of("entity/name/{name}"))
                                .read(r -> found(r, identity.readEntity(identity.entityByName(name(r)))), "Read an entity by name.")
                                .write(r -> created(r, identity.writeEntity(r.fields(), null, name(r))), "Create or update an entity by name.")
                                .delete(r -> {
                                    identity.deleteEntity(identity.entityByName(name(r)));
                                    return BackendRequest.noContent();
                                }, "Delete an entity by name.")
                                .help("An entity by its name.", "").build(),
                        PathFamily.of("entity/merge")
                                .field(Field.string("to_entity_id", "The entity the others are merged into."))
                                .field(Field.of("from_entity_ids", FieldType.COMMA_STRING_SLICE, "The entities to merge; they are deleted."))
                                .field(Field.of("force", FieldType.BOOL, "Accepted for compatibility; no MFA secrets to merge."))
                                .field(Field.of("conflicting_alias_ids_to_keep", FieldType.COMMA_STRING_SLICE,
                                        "Of two aliases on one mount, the one to keep."))
                                .write(r -> {
                                    identity.merge(r.fields().string("to_entity_id"), r.fields().strings("from_entity_ids"),
                                            r.fields().strings("conflicting_alias_ids_to_keep"));
                                    return BackendRequest.noContent();
                                }, "Merge entities.")
                                .help("Merge entities: their aliases, policies and groups go to the surviving entity.", "").build(),
                        aliasFields(PathFamily.of("entity-alias"))
                                .write(r -> created(r, identity.writeAlias(r.fields(), null)), "Create an entity alias.")
                                .help("Create an alias: an entity's name in one auth mount.", "").build(),
                        PathFamily.of("entity-alias/id/?").list(r -> r.keys(identity.aliasIds()), "List aliases by id.")
                                .help("The ids of all aliases.", "").build(),
                        aliasFields(PathFamily.of("entity-alias/id/{id}"))
                                .read(r -> found(r, identity.readAlias(id(r))), "Read an alias.")
                                .write(r -> created(r, identity.writeAlias(r.fields(), id(r))), "Update an alias.")
                                .delete(r -> {
                                    identity.deleteAlias(id(r));
                                    return BackendRequest.noContent();
                                }, "Delete an alias.")
                                .help("An alias by its id.", "").build(),
                        groupFields(PathFamily.of("group"))
                                .write(r -> created(r, identity.writeGroup(r.fields(), null, null)), "Create or update a group.")
                                .help("Create a group, or update the one named by id or name.", "").build(),
                        PathFamily.of("group/id/?").list(r -> r.keys(identity.groupIds()), "List groups by id.")
                                .help("The ids of all groups.", "").build(),
                        groupFields(PathFamily.of("group/id/{id}"))
                                .read(r -> found(r, identity.readGroup(identity.groupById(id(r)))), "Read a group.")
                                .write(r -> created(r, identity.writeGroup(r.fields(), id(r), null)), "Update a group.")
                                .delete(r -> {
                                    identity.deleteGroup(identity.groupById(id(r)));
                                    return BackendRequest.noContent();
                                }, "Delete a group.")
                                .help("A group by its id.", "").build(),
                        PathFamily.of("group/name/?").list(r -> r.keys(identity.groupNames()), "List groups by name.")
                                .help("The names of all groups.", "").build(),
                        groupFields(PathFamily.of("group/name/{name}"))
                                .read(r -> found(r, identity.readGroup(identity.groupByName(name(r)))), "Read a group by name.")
                                .write(r -> created(r, identity.writeGroup(r.fields(), null, name(r))), "Create or update a group by name.")
                                .delete(r -> {
                                    identity.deleteGroup(identity.groupByName(name(r)));
                                    return BackendRequest.noContent();
                                }, "Delete a group by name.")
                                .help("A group by its name.", "").build(),
                        aliasFields(PathFamily.of("group-alias"))
                                .write(r -> created(r, groupAliases.write(r.fields(), null)), "Create a group alias.")
                                .help("Create a group alias: an external group's name in one auth mount.", "").build(),
                        PathFamily.of("group-alias/id/?").list(r -> r.keys(groupAliases.ids()), "List group aliases by id.")
                                .help("The ids of all group aliases.", "").build(),
                        aliasFields(PathFamily.of("group-alias/id/{id}"))
                                .read(r -> found(r, groupAliases.read(id(r))), "Read a group alias.")
                                .write(r -> created(r, groupAliases.write(r.fields(), id(r))), "Update a group alias.")
                                .delete(r -> {
                                    groupAliases.delete(id(r));
                                    return BackendRequest.noContent();
                                }, "Delete a group alias.")
                                .help("A group alias by its id.", "").build(),
                        PathFamily.of("lookup/entity")
                                .field(Field.string("name", "The entity's name."))
                                .field(Field.string("id", "The entity's id."))
                                .field(Field.string("alias_id", "The id of one of its aliases."))
                                .field(Field.string("alias_name", "The name of one of its aliases (with alias_mount_accessor)."))
                                .field(Field.string("alias_mount_accessor", "The mount of that alias."))
                                .write(this::lookupEntity, "Look up an entity.")
                                .help("Find an entity by name, id, alias id, or alias name and mount.", "").build(),
                        PathFamily.of("lookup/group")
                                .field(Field.string("name", "The group's name."))
                                .field(Field.string("id", "The group's id."))
                                .field(Field.string("type", "The group's type: internal or external."))
                                .write(this::lookupGroup, "Look up a group.")
                                .help("Find a group by name or id.", "").build())
                .build();
    }

    private static PathFamily.Builder entityFields(PathFamily.Builder b) {
        return b.field(Field.string("name", "The entity's name; generated when left out."))
                .field(Field.string("id", "The id of an entity to update."))
                .field(Field.of("metadata", FieldType.KV_PAIRS, "Key-value pairs, read by policy templates."))
                .field(Field.of("policies", FieldType.COMMA_STRING_SLICE, "Policies every token of the entity gets."))
                .field(Field.of("disabled", FieldType.BOOL, "Tokens of a disabled entity cannot be used (they are kept)."));
    }

    private static PathFamily.Builder aliasFields(PathFamily.Builder b) {
        return b.field(Field.string("name", "The alias's name: the user's name in the auth method."))
                .field(Field.string("id", "The id of an alias to update."))
                .field(Field.string("mount_accessor", "The accessor of the auth mount."))
                .field(Field.string("canonical_id", "The entity (or, for a group alias, the group) the alias belongs to; a new one when left out."));
    }

    private static PathFamily.Builder groupFields(PathFamily.Builder b) {
        return b.field(Field.string("name", "The group's name; generated when left out."))
                .field(Field.string("id", "The id of a group to update."))
                .field(Field.string("type", "The group's type: internal (members written) or external (members set by logins)."))
                .field(Field.of("metadata", FieldType.KV_PAIRS, "Key-value pairs, read by policy templates."))
                .field(Field.of("policies", FieldType.COMMA_STRING_SLICE, "Policies every member's tokens get."))
                .field(Field.of("member_entity_ids", FieldType.COMMA_STRING_SLICE, "The entities in the group."))
                .field(Field.of("member_group_ids", FieldType.COMMA_STRING_SLICE, "The groups in the group: their members inherit its policies."));
    }

    private ResponseEntity<?> lookupEntity(BackendRequest r) {
        FieldData f = r.fields();
        String aliasName = f.string("alias_name");
        String aliasMount = f.string("alias_mount_accessor");
        int criteria = (f.string("name").isEmpty() ? 0 : 1) + (f.string("id").isEmpty() ? 0 : 1) + (f.string("alias_id").isEmpty() ? 0 : 1)
                + (aliasName.isEmpty() && aliasMount.isEmpty() ? 0 : 1);
        if (criteria == 0) {
            throw VaultException.badRequest("missing request parameters: name, id, alias_id, alias_name, alias_mount_accessor");
        }
        if (criteria > 1) {
            throw VaultException.badRequest("query parameters name, id, alias_id and the pair alias_name, alias_mount_accessor are mutually exclusive");
        }
        if (aliasName.isEmpty() != aliasMount.isEmpty()) {
            throw VaultException.badRequest("both 'alias_name' and 'alias_mount_accessor' need to be set");
        }
        Optional<EntityStore.Entity> e;
        if (!f.string("name").isEmpty()) {
            e = identity.entityByName(f.string("name"));
        } else if (!f.string("id").isEmpty()) {
            e = identity.entityById(f.string("id"));
        } else if (!f.string("alias_id").isEmpty()) {
            e = entities.alias(f.string("alias_id")).flatMap(a -> identity.entityById(a.entityId()));
        } else {
            e = entities.alias(aliasMount, aliasName).flatMap(a -> identity.entityById(a.entityId()));
        }
        return identity.readEntity(e).<ResponseEntity<?>>map(r::ok).orElseGet(BackendRequest::noContent);
    }

    private ResponseEntity<?> lookupGroup(BackendRequest r) {
        FieldData f = r.fields();
        IdentityService.groupType(f.string("type"));
        String name = f.string("name");
        String id = f.string("id");
        if (name.isEmpty() == id.isEmpty()) {
            throw VaultException.badRequest(name.isEmpty() ? "missing request parameters: name, id" : "query parameters name and id are mutually exclusive");
        }
        return identity.readGroup(name.isEmpty() ? identity.groupById(id) : identity.groupByName(name))
                .<ResponseEntity<?>>map(r::ok).orElseGet(BackendRequest::noContent);
    }

    /** A new object answers its ids (200); an update of an existing one answers 204, as Vault does. */
    private static ResponseEntity<?> created(BackendRequest r, Map<String, Object> data) {
        return data.isEmpty() ? BackendRequest.noContent() : r.ok(data);
    }

    private static ResponseEntity<?> found(BackendRequest r, Optional<Map<String, Object>> data) {
        return r.ok(data.orElseThrow(VaultException::notFound));
    }

    private static String id(BackendRequest r) {
        return r.fields().string("id");
    }

    private static String name(BackendRequest r) {
        return r.fields().string("name");
    }

}
