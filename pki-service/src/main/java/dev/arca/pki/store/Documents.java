package dev.arca.pki.store;

import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.PathFamily;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Settings stored as one JSON document per name (roles, {@code config/*}): the family's declared
 * fields are the schema, a write keeps what it does not send, and an unset field reads as its default.
 */
public final class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Documents() {
    }

    /** {@code base} with every declared body field the caller sent, and the defaults of those never set. */
    public static ObjectNode merge(PathFamily family, FieldData data, ObjectNode base) {
        ObjectNode out = base.deepCopy();
        for (Field f : family.fields().values()) {
            if (f.fromPath()) {
                continue;
            }
            if (data.has(f.name())) {
                out.set(f.name(), JSON.valueToTree(data.get(f.name())));
            } else if (!out.has(f.name()) && f.defaultValue() != null) {
                out.set(f.name(), JSON.valueToTree(f.defaultValue()));
            }
        }
        return out;
    }

    /** A stored document completed with the defaults of fields added since it was written. */
    public static ObjectNode withDefaults(PathFamily family, ObjectNode stored) {
        return withDefaults(family.fields().values(), stored);
    }

    /** {@link #withDefaults(PathFamily, ObjectNode)} for a list of fields. */
    public static ObjectNode withDefaults(java.util.Collection<Field> fields, ObjectNode stored) {
        ObjectNode out = stored.deepCopy();
        for (Field f : fields) {
            if (!f.fromPath() && !out.has(f.name()) && f.defaultValue() != null) {
                out.set(f.name(), JSON.valueToTree(f.defaultValue()));
            }
        }
        return out;
    }

    /**
     * A family for a settings document that answers read and write (e.g. {@code config/urls}); the write
     * returns the stored document, {@code check} may refuse it first.
     */
    public static PathFamily settings(String pattern, List<Field> fields, PkiStore store, Consumer<ObjectNode> check,
            String synopsis, String description) {
        PathFamily[] self = new PathFamily[1];
        PathFamily.Builder b = PathFamily.of(pattern);
        fields.forEach(b::field);
        self[0] = b.read(r -> r.ok(withDefaults(self[0], store.state(r.mountAccessor()).config(pattern))), "Read the " + pattern + " settings.")
                .write(r -> write(self[0], store, r, check), "Write the " + pattern + " settings.")
                .help(synopsis, description)
                .build();
        return self[0];
    }

    private static org.springframework.http.ResponseEntity<?> write(PathFamily family, PkiStore store, BackendRequest r,
            Consumer<ObjectNode> check) {
        String mount = r.mountAccessor();
        ObjectNode next = merge(family, r.fields(), store.state(mount).config(family.pattern()));
        check.accept(next);
        store.change(mount, () -> store.repository().saveConfig(mount, family.pattern(), next));
        return r.ok(next);
    }
}
