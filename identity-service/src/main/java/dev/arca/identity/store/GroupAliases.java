package dev.arca.identity.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.FieldData;
import dev.arca.identity.store.GroupAliasStore.GroupAlias;
import dev.arca.identity.store.GroupStore.Group;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Vault's {@code identity/group-alias}: the name an external group has in one auth mount, which a
 * login's groups name to make the entity a member. A new alias without {@code canonical_id} makes its
 * external group.
 */
@Service
class GroupAliases {

    private final GroupAliasStore aliases;
    private final GroupStore groups;

    GroupAliases(GroupAliasStore aliases, GroupStore groups) {
        this.aliases = aliases;
        this.groups = groups;
    }

    /** A write on {@code group-alias} (new, {@code pathId} null) or {@code group-alias/id/<id>}. */
    @Transactional
    Map<String, Object> write(FieldData f, @Nullable String pathId) {
        String id = pathId != null ? pathId : f.string("id");
        GroupAlias existing = id.isEmpty() ? null : aliases.byId(id).orElse(null);
        if (pathId != null && existing == null) {
            throw VaultException.badRequest("invalid group alias ID");
        }
        AliasWrite w = existing == null ? AliasWrite.of(f, "", "", "")
                : AliasWrite.of(f, existing.name(), existing.mountAccessor(), existing.groupId());
        String name = w.name();
        String mount = w.mountAccessor();
        aliases.byName(mount, name).filter(o -> existing == null || !o.id().equals(existing.id())).ifPresent(o -> {
            throw VaultException.badRequest("combination of mount and group alias name is already in use");
        });
        String canonical = w.canonicalId();
        Group group = canonical.isEmpty() ? newExternalGroup()
                : groups.byId(canonical).orElseThrow(() -> VaultException.badRequest("invalid group ID given in 'canonical_id'"));
        if (!group.type().equals(IdentityService.EXTERNAL)) {
            throw VaultException.badRequest("alias can't be set on an internal group");
        }
        GroupAlias a = new GroupAlias(existing == null ? EntityStore.newId() : existing.id(), group.id(), mount, name, Instant.now(),
                Instant.now());
        aliases.save(a);
        return existing != null ? Map.of() : Map.of("canonical_id", group.id(), "id", a.id());
    }

    private Group newExternalGroup() {
        String id = EntityStore.newId();
        Group g = new Group(id, EntityStore.generatedName("group_", id), IdentityService.EXTERNAL, List.of(), Map.of(), List.of(), List.of(),
                Instant.now(), Instant.now(), 0);
        groups.save(g, true);
        return g;
    }

    @Transactional(readOnly = true)
    Optional<Map<String, Object>> read(String id) {
        return aliases.byId(id).map(IdentityViews::groupAlias);
    }

    @Transactional
    void delete(String id) {
        aliases.byId(id).ifPresent(aliases::delete);
    }

    List<String> ids() {
        return aliases.ids();
    }
}
