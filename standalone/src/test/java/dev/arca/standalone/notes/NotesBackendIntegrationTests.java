package dev.arca.standalone.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.standalone.Database;
import dev.arca.standalone.DevMode;
import dev.arca.standalone.Platform;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A backend that exists only in this package, run as a service of its own beside the built-in ones:
 * mounted through {@code sys/mounts}, served with its special paths, existence check, field types,
 * help and OpenAPI, moved and disabled, with nothing outside this package knowing it.
 */
class NotesBackendIntegrationTests {

    private static final String ROOT = "hvs.notes-root";
    private static Platform platform;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        TestDatabase.Server s = TestDatabase.server();
        Database db = new Database(TestDatabase.createDatabase("notes"), s.username(), s.password(), null);
        platform = Platform.start(new Platform.Options(db, "127.0.0.1", 0, 0, true, true, DevMode.gatewaySettings(new byte[32], ROOT),
                Map.of("notes", NotesService::builder)));
        http = new TestHttp("http://127.0.0.1:" + platform.gatewayPort());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static TestHttp.Response call(String method, String path, Object body, String token) {
        return token == null ? http.send(method, "/v1/" + path, body) : http.send(method, "/v1/" + path, body, "X-Vault-Token", token);
    }

    private static String tokenWith(String name, String policy) {
        assertThat(call("PUT", "sys/policies/acl/" + name, Map.of("policy", policy), ROOT).status()).isEqualTo(204);
        return call("POST", "auth/token/create", Map.of("policies", List.of(name)), ROOT).json().path("auth").path("client_token").asString();
    }

    @Test
    void mountsOnlyAsASecretEngineAndTheBackendMayRefuse() {
        assertThat(call("POST", "sys/auth/notes-auth", Map.of("type", "notes"), ROOT).status()).isEqualTo(400);
        TestHttp.Response loud = call("POST", "sys/mounts/loud", Map.of("type", "notes", "options", Map.of("flavour", "loud")), ROOT);
        assertThat(loud.status()).isEqualTo(400);
        assertThat(loud.json().path("errors").get(0).asString()).isEqualTo("notes are never loud");
        assertThat(call("GET", "sys/mounts", null, ROOT).json().path("data").has("loud/")).isFalse();
        assertThat(call("POST", "sys/mounts/nothing", Map.of("type", "no-such-engine"), ROOT).status()).isEqualTo(400);
    }

    @Test
    void servesItsPathsWithTypedFieldsAndSpecialPaths() {
        assertThat(call("POST", "sys/mounts/nn", Map.of("type", "notes"), ROOT).status()).isEqualTo(204);
        assertThat(NotesBackend.EVENTS).contains("enable nn/");

        assertThat(call("GET", "nn/info", null, null).json().path("data").path("engine").asString()).as("no token needed").isEqualTo("notes");
        assertThat(call("POST", "sys/mounts/nn/tune", Map.of("default_lease_ttl", "1h", "max_lease_ttl", "2h"), ROOT).status()).isEqualTo(204);
        JsonNode tuned = call("GET", "nn/info", null, null).json().path("data");
        assertThat(tuned.path("default_lease_ttl").asLong()).as("the mount's tune reaches the backend").isEqualTo(3600);
        assertThat(tuned.path("max_lease_ttl").asLong()).isEqualTo(7200);
        assertThat(call("GET", "nn/notes/a", null, null).status()).isEqualTo(403);

        assertThat(call("POST", "nn/notes/a", Map.of("text", "hi", "priority", "2"), ROOT).json().path("data").path("operation").asString())
                .isEqualTo("create");
        assertThat(call("POST", "nn/notes/a", Map.of("text", "hello"), ROOT).json().path("data").path("operation").asString())
                .isEqualTo("update");
        JsonNode read = call("GET", "nn/notes/a", null, ROOT).json();
        assertThat(read.path("data").path("text").asString()).isEqualTo("hello");
        assertThat(read.path("data").path("priority").asLong()).as("the field's default").isEqualTo(3);
        assertThat(read.path("mount_type").asString()).isEqualTo("notes");

        TestHttp.Response outOfRange = call("POST", "nn/notes/b", Map.of("text", "x", "priority", 9), ROOT);
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().path("errors").get(0).asString()).contains("priority").contains("out of range");
        assertThat(call("POST", "nn/notes/b", Map.of("priority", 1), ROOT).status()).as("text is required").isEqualTo(400);
        assertThat(call("DELETE", "nn/info", null, ROOT).status()).isEqualTo(405);
        assertThat(call("GET", "nn/elsewhere", null, ROOT).status()).isEqualTo(404);

        assertThat(call("LIST", "nn/notes", null, ROOT).json().path("data").path("keys").toString()).isEqualTo("[\"a\"]");

        String writer = tokenWith("notes-purge", "path \"nn/purge\" { capabilities = [\"update\"] }");
        assertThat(call("POST", "nn/purge", null, writer).status()).as("purge needs sudo").isEqualTo(403);
        assertThat(call("POST", "nn/purge", null, ROOT).status()).isEqualTo(204);
        assertThat(call("GET", "nn/notes/a", null, ROOT).status()).isEqualTo(404);
    }

    @Test
    void createAndUpdateCapabilitiesMeanWhatVaultSays() {
        assertThat(call("POST", "sys/mounts/caps", Map.of("type", "notes"), ROOT).status()).isEqualTo(204);
        assertThat(call("POST", "caps/notes/old", Map.of("text", "there"), ROOT).status()).isEqualTo(200);
        String creator = tokenWith("notes-create", "path \"caps/notes/*\" { capabilities = [\"create\", \"read\"] }");
        String updater = tokenWith("notes-update", "path \"caps/notes/*\" { capabilities = [\"update\"] }");

        assertThat(call("POST", "caps/notes/new", Map.of("text", "x"), creator).status()).isEqualTo(200);
        assertThat(call("POST", "caps/notes/old", Map.of("text", "overwritten"), creator).status())
                .as("create may not overwrite").isEqualTo(403);
        assertThat(call("POST", "caps/notes/other", Map.of("text", "x"), updater).status()).as("update may not create").isEqualTo(403);
        assertThat(call("POST", "caps/notes/old", Map.of("text", "changed"), updater).status()).isEqualTo(200);
        assertThat(call("GET", "caps/notes/old", null, creator).json().path("data").path("text").asString()).isEqualTo("changed");
    }

    @Test
    void helpAndOpenApiComeFromTheFamilies() {
        assertThat(call("POST", "sys/mounts/docs", Map.of("type", "notes"), ROOT).status()).isEqualTo(204);
        String nobody = tokenWith("notes-none", "path \"elsewhere/*\" { capabilities = [\"read\"] }");

        JsonNode help = call("GET", "docs/notes/a?help=1", null, nobody).json();
        assertThat(help.path("help").asString()).contains("priority").contains("from 1 to 5");
        assertThat(help.path("openapi").path("paths").has("/docs/notes/{name}")).isTrue();
        assertThat(call("GET", "docs/notes/a?help=1", null, null).status()).as("help still needs a token").isEqualTo(403);

        JsonNode spec = call("GET", "sys/internal/specs/openapi", null, ROOT).json();
        JsonNode note = spec.path("paths").path("/docs/notes/{name}");
        assertThat(note.path("post").path("requestBody").path("content").path("application/json").path("schema")
                .path("properties").path("priority").path("type").asString()).isEqualTo("integer");
        assertThat(note.has("get")).isTrue();
        assertThat(note.has("delete")).isTrue();
        assertThat(spec.path("paths").has("/secret/data/{path}")).as("kv's families too").isTrue();
        assertThat(spec.path("paths").has("/sys/policies/acl/{name}")).as("system families too").isTrue();
    }

    @Test
    void aliasesRemountAndDisable() {
        assertThat(call("POST", "sys/mounts/memo", Map.of("type", "memo"), ROOT).status()).isEqualTo(204);
        JsonNode mount = call("GET", "sys/mounts/memo", null, ROOT).json().path("data");
        assertThat(mount.path("type").asString()).isEqualTo("notes");
        assertThat(mount.path("options").path("flavour").asString()).isEqualTo("memo");
        assertThat(call("POST", "memo/notes/kept", Map.of("text", "moved with its mount"), ROOT).status()).isEqualTo(200);

        TestHttp.Response moved = call("POST", "sys/remount", Map.of("from", "memo", "to", "memo2"), ROOT);
        assertThat(moved.status()).isEqualTo(200);
        String id = moved.json().path("data").path("migration_id").asString();
        assertThat(call("GET", "sys/remount/status/" + id, null, ROOT).json().path("data").path("migration_info")
                .path("status").asString()).isEqualTo("success");
        assertThat(call("GET", "memo2/notes/kept", null, ROOT).json().path("data").path("text").asString()).isEqualTo("moved with its mount");
        assertThat(call("GET", "memo/notes/kept", null, ROOT).status()).as("root on an unmounted path").isEqualTo(404);

        assertThat(call("DELETE", "sys/mounts/memo2", null, ROOT).status()).isEqualTo(204);
        assertThat(NotesBackend.EVENTS).contains("disable memo2/");
        assertThat(call("POST", "sys/mounts/memo2", Map.of("type", "notes"), ROOT).status()).isEqualTo(204);
        assertThat(call("GET", "memo2/notes/kept", null, ROOT).status()).as("a new mount starts empty").isEqualTo(404);
    }
}
