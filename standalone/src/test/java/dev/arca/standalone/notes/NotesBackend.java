package dev.arca.standalone.notes;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * The {@code notes} secrets engine: {@code notes/<name>} holds a text and a priority; {@code info} needs
 * no token; {@code purge} needs sudo. Notes are kept per mount (by accessor) and dropped when the
 * mount is disabled.
 */
@Configuration(proxyBeanMethods = false)
public class NotesBackend {

    /** A stored note. */
    record Note(String text, long priority) {
    }

    /** What the mount hooks saw, for the test to check. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private final Map<String, Map<String, Note>> notes = new ConcurrentHashMap<>();

    @Bean
    Backend notes() {
        return Backend.builder("notes", Backend.Kind.SECRET)
                .description("short notes")
                .alias("memo", Map.of("flavour", "memo"))
                .unauthenticated("info")
                .sudo("purge")
                .paths(PathFamily.of("info")
                                .read(r -> r.ok(Map.of("engine", "notes", "flavour", r.mountOptions().getOrDefault("flavour", "plain"),
                                        "default_lease_ttl", r.context().defaultLeaseTtl(), "max_lease_ttl", r.context().maxLeaseTtl())),
                                        "Describe the engine, with the mount's tuned lease TTLs.")
                                .help("What this engine is.", "")
                                .build(),
                        PathFamily.of("purge")
                                .write(r -> {
                                    mount(r).clear();
                                    return BackendRequest.noContent();
                                }, "Delete every note of the mount.")
                                .help("Removes every note.", "")
                                .build(),
                        PathFamily.of("notes/?")
                                .list(r -> r.keys(mount(r).keySet().stream().sorted().toList()), "List notes.")
                                .help("The names of the notes.", "")
                                .build(),
                        PathFamily.of("notes/{name}")
                                .field(Field.path("name", "The note's name."))
                                .field(Field.string("text", "What the note says.").asRequired())
                                .field(Field.of("priority", FieldType.INT, "From 1 to 5.").range(1, 5).withDefault(3L))
                                .read(this::read, "Read a note.")
                                .write(this::write, "Change a note.")
                                .create(this::write, "Write a new note.")
                                .delete(r -> {
                                    mount(r).remove(r.fields().string("name"));
                                    return BackendRequest.noContent();
                                }, "Delete a note.")
                                .existenceCheck(r -> mount(r).containsKey(r.fields().string("name")))
                                .help("One note.", "A note has a text and a priority from 1 to 5.")
                                .build())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public Map<String, String> enable(Backend.MountInfo m) {
                        if ("loud".equals(m.options().get("flavour"))) {
                            throw VaultException.badRequest("notes are never loud");
                        }
                        EVENTS.add("enable " + m.path());
                        return m.options();
                    }

                    @Override
                    public void disable(Backend.MountInfo m) {
                        EVENTS.add("disable " + m.path());
                        notes.remove(m.accessor());
                    }
                })
                .build();
    }

    private ResponseEntity<?> read(BackendRequest r) {
        Note n = mount(r).get(r.fields().string("name"));
        if (n == null) {
            throw VaultException.notFound();
        }
        return r.ok(Map.of("text", n.text(), "priority", n.priority(), "created", r.operation().wire()));
    }

    private ResponseEntity<?> write(BackendRequest r) {
        Long priority = r.fields().number("priority");
        mount(r).put(r.fields().string("name"), new Note(r.fields().string("text"), priority == null ? 3 : priority));
        return r.ok(Map.of("operation", r.operation().wire()));
    }

    private Map<String, Note> mount(BackendRequest r) {
        return notes.computeIfAbsent(r.mountAccessor(), k -> new ConcurrentHashMap<>());
    }
}
