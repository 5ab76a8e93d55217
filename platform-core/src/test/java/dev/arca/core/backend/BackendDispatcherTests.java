package dev.arca.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dispatcher on a small backend: family matching, fields, existence check and write limits, help, metrics. */
class BackendDispatcherTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, String> store = new ConcurrentHashMap<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final Backend backend = Backend.builder("things", Backend.Kind.SECRET)
            .paths(PathFamily.of("items/{name}")
                            .field(Field.string("value", "The value.").asRequired())
                            .field(Field.of("count", FieldType.INT, "How many.").range(0, 10).withDefault(1L))
                            .field(Field.of("ttl", FieldType.DURATION, "How long."))
                            .read(r -> r.ok(Map.of("value", store.getOrDefault(r.fields().string("name"), ""),
                                    "count", r.fields().number("count"))), "Read.")
                            .write(this::put, "Write.")
                            .create(this::put, "Create.")
                            .existenceCheck(r -> store.containsKey(r.fields().string("name")))
                            .help("Items.", "Each item has a value.")
                            .build(),
                    PathFamily.of("v2only").read(r -> r.ok(Map.of()), "Only on version 2.").when("version", "2").build(),
                    PathFamily.of("rest/{path*}").read(r -> r.ok(Map.of("path", r.fields().string("path"),
                            "raw", r.rawRelativePath())), "Rest.").build())
            .build();
    private ResponseEntity<?> put(BackendRequest r) {
        store.put(r.fields().string("name"), r.fields().string("value"));
        return r.ok(Map.of("op", r.operation().wire(), "ttl", String.valueOf(r.fields().duration("ttl"))));
    }

    private final BackendDispatcher dispatcher = new BackendDispatcher("things-service", List.of(backend), JSON, meters);

    private ResponseEntity<?> call(String op, String relative, Map<String, String> query, Object body, String writeLimit,
            Map<String, String> options) {
        RequestContext ctx = new RequestContext("req", op, "th/" + relative, "th/", "acc_1", "things", options, "tacc", "", "t",
                List.of("default"), "127.0.0.1", 0, 0, writeLimit);
        JsonNode tree = body == null ? JSON.missingNode() : JSON.valueToTree(body);
        return dispatcher.dispatch(ctx, query, tree, "application/json", name -> null);
    }

    private ResponseEntity<?> call(String op, String relative, Object body) {
        return call(op, relative, Map.of(), body, "", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(ResponseEntity<?> r) {
        return (Map<String, Object>) ((VaultResponse) r.getBody()).data();
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (VaultException e) {
            return e.status();
        }
    }

    @Test
    void thePathAsSentIsTakenOnlyWhenItReadsAsTheRoutedOne() {
        RequestContext ctx = new RequestContext("req", "read", "th/rest/a/b", "th/", "acc_1", "things", Map.of(), "tacc", "", "t",
                List.of("default"), "127.0.0.1");
        java.util.function.Function<String, Map<String, Object>> withHeader = raw -> data(dispatcher.dispatch(ctx, Map.of(),
                JSON.missingNode(), null, name -> BackendRequest.RAW_PATH_HEADER.equalsIgnoreCase(name) ? raw : null));
        assertThat(withHeader.apply("th/rest/a%2F%2Fb")).containsEntry("path", "a/b").containsEntry("raw", "rest/a//b");
        assertThat(withHeader.apply("th//rest/a/b")).as("slashes at the mount's edge").containsEntry("raw", "/rest/a/b");
        assertThat(withHeader.apply("th/rest/a/c")).as("another path").containsEntry("raw", "rest/a/b");
        assertThat(withHeader.apply("other/rest/a//b")).as("another mount").containsEntry("raw", "rest/a/b");
        assertThat(withHeader.apply(null)).containsEntry("raw", "rest/a/b");
        assertThat(BackendRequest.collapseSlashes("//a///b/")).isEqualTo("/a/b/");
    }

    @Test
    void aWriteIsACreateOrAnUpdateByTheExistenceCheck() {
        assertThat(data(call("update", "items/a", Map.of("value", "1")))).containsEntry("op", "create");
        assertThat(data(call("update", "items/a", Map.of("value", "2")))).containsEntry("op", "update");
        assertThat(store).containsEntry("a", "2");
    }

    @Test
    void theCallersWriteLimitIsEnforcedAgainstWhatExists() {
        store.put("old", "x");
        assertThat(status(() -> call("update", "items/old", Map.of(), Map.of("value", "y"), "create", Map.of()))).isEqualTo(403);
        assertThat(status(() -> call("update", "items/new", Map.of(), Map.of("value", "y"), "update", Map.of()))).isEqualTo(403);
        assertThat(status(() -> call("update", "items/new", Map.of(), Map.of("value", "y"), "create", Map.of()))).isEqualTo(200);
        assertThat(status(() -> call("update", "items/old", Map.of(), Map.of("value", "z"), "update", Map.of()))).isEqualTo(200);
        assertThat(store).containsEntry("old", "z").containsEntry("new", "y");
    }

    @Test
    void theExistenceCheckRunsOnlyWhenItDecidesSomething() {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        Backend plain = Backend.builder("plain", Backend.Kind.SECRET)
                .paths(PathFamily.of("{path*}").write(r -> r.ok(Map.of("op", r.operation().wire())), "Write.")
                        .existenceCheck(r -> {
                            checks.incrementAndGet();
                            return false;
                        }).build())
                .build();
        BackendDispatcher d = new BackendDispatcher("plain-service", List.of(plain), JSON, null);
        RequestContext free = new RequestContext("r", "update", "p/x", "p/", "acc", "plain", Map.of(), "t", "", "t", List.of("root"),
                "127.0.0.1", 0, 0, "");
        RequestContext createOnly = new RequestContext("r", "update", "p/x", "p/", "acc", "plain", Map.of(), "t", "", "t",
                List.of("p"), "127.0.0.1", 0, 0, "create");
        d.dispatch(free, Map.of(), JSON.valueToTree(Map.of("a", "b")), null, name -> null);
        assertThat(checks).as("no write limit and one handler for both: nothing to decide").hasValue(0);
        d.dispatch(createOnly, Map.of(), JSON.valueToTree(Map.of("a", "b")), null, name -> null);
        assertThat(checks).hasValue(1);
    }

    @Test
    void fieldsAreConvertedAndRangeCheckedBeforeTheHandlerRuns() {
        assertThat(data(call("update", "items/t", Map.of("value", "v", "ttl", "1h30m")))).containsEntry("ttl", "5400");
        assertThat(status(() -> call("update", "items/t", Map.of("value", "v", "count", 11)))).isEqualTo(400);
        assertThat(status(() -> call("update", "items/t", Map.of("value", "v", "count", "4294967297")))).isEqualTo(400);
        assertThat(status(() -> call("update", "items/t", Map.of("value", "v", "ttl", 1e308)))).isEqualTo(400);
        assertThat(status(() -> call("update", "items/u", Map.of("count", 2)))).as("value is required on writes").isEqualTo(400);
        assertThat(store).doesNotContainKey("u");
        assertThat(data(call("read", "items/t", Map.of(), null, "", Map.of()))).as("the default, from the query on reads")
                .containsEntry("count", 1L);
        assertThat(data(call("read", "items/t", Map.of("count", "7"), null, "", Map.of()))).containsEntry("count", 7L);
    }

    @Test
    void pathsOperationsAndMountOptionsDecideWhatIsServed() {
        assertThat(status(() -> call("delete", "items/a", null))).isEqualTo(405);
        assertThat(status(() -> call("read", "nothing", null))).isEqualTo(404);
        assertThat(status(() -> call("read", "v2only", null))).isEqualTo(404);
        assertThat(status(() -> call("read", "v2only", Map.of(), null, "", Map.of("version", "2")))).isEqualTo(200);
        assertThat(data(call("read", "rest/a/b/c", null))).containsEntry("path", "a/b/c");
        assertThat(data(call("read", "rest/", null))).containsEntry("path", "");
    }

    @Test
    @SuppressWarnings("unchecked")
    void helpComesFromTheFamilyWithoutRunningIt() {
        ResponseEntity<?> r = call("update", "items/h", Map.of("help", "1"), Map.of("value", "x"), "", Map.of());
        Map<String, Object> help = (Map<String, Object>) r.getBody();
        assertThat((String) help.get("help")).contains("Each item has a value.").contains("count (int)");
        assertThat(((Map<String, Object>) ((Map<String, Object>) help.get("openapi")).get("paths"))).containsKey("/th/items/{name}");
        assertThat(store).doesNotContainKey("h");
    }

    @Test
    void theCatalogDescribesTheBackend() {
        Descriptors.BackendInfo info = dispatcher.catalog().backends().getFirst();
        assertThat(info.service()).isEqualTo("things-service");
        assertThat(info.paths()).extracting(Descriptors.PathInfo::pattern).containsExactly("items/{name}", "v2only", "rest/{path*}");
        Descriptors.PathInfo items = info.paths().getFirst();
        assertThat(items.existenceCheck()).isTrue();
        assertThat(items.template()).isEqualTo("items/{name}");
        assertThat(items.regex().matcher("items/x").matches()).isTrue();
        assertThat(items.regex().matcher("items/x/y").matches()).isFalse();
        assertThat(info.paths().get(1).appliesTo(Map.of("version", "1"))).isFalse();
    }

    @Test
    void everyCallIsTimedWithBoundedTags() {
        call("update", "items/m", Map.of("value", "1"));
        status(() -> call("read", "nothing", null));
        assertThat(meters.get("arca.backend.requests").tag("type", "things").tag("operation", "update").tag("status", "2xx").timer()
                .count()).isEqualTo(1);
        assertThat(meters.get("arca.backend.requests").tag("operation", "read").tag("status", "4xx").timer().count()).isEqualTo(1);
        assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags().toString()).doesNotContain("items/m"));
    }
}
