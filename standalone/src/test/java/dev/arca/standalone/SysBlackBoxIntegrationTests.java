package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.core.local.LocalServices;
import dev.arca.test.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.vault.support.VaultHealth;
import org.springframework.vault.support.VaultMount;

/** System calls through spring-vault-core and plain HTTP. */
class SysBlackBoxIntegrationTests {

    private final TestHttp http = DevPlatform.http();

    @Test
    void healthAndSealStatus() {
        VaultHealth health = DevPlatform.root().opsForSys().health();
        assertThat(health.isInitialized()).isTrue();
        assertThat(health.isSealed()).isFalse();
        assertThat(http.send("GET", "/v1/sys/health?activecode=299", null).status()).isEqualTo(299);
        assertThat(http.send("GET", "/v1/sys/seal-status", null).json().path("sealed").asBoolean(true)).isFalse();
        assertThat(DevPlatform.management().send("GET", "/actuator/health", null).status()).isEqualTo(200);
        assertThat(http.send("GET", "/livez", null).status()).as("the liveness probe on the public port").isEqualTo(200);
        assertThat(http.send("GET", "/readyz", null).status()).as("the readiness probe on the public port").isEqualTo(200);
        assertThat(http.send("GET", "/actuator/health", null).status()).as("only the probes on the public port").isEqualTo(404);
        assertThat(http.send("GET", "/actuator/prometheus", null).status()).as("no metrics on the public port").isEqualTo(404);
    }

    @Test
    void theGatewayCallsKvAuditAndIdentityInProcess() {
        LocalServices local = DevPlatform.get().localServices();
        assertThat(local).isNotNull();
        assertThat(local.find("kv")).as("kv answers /v1/ in process").isNotNull();
        assertThat(local.find("audit")).as("audit takes the gateway's entries in process").isNotNull();
        assertThat(local.find("identity")).as("identity answers tokens and policies in process").isNotNull();
    }

    @Test
    void mountsCanBeEnabledTunedAndDisabledAndKvV1Works() {
        var sys = DevPlatform.root().opsForSys();
        sys.mount("sysbb-kv1", VaultMount.builder().type("kv").options(Map.of("version", "1")).build());
        assertThat(sys.getMounts()).containsKey("sysbb-kv1/");
        assertThat(sys.getMounts().get("secret/").getOptions()).containsEntry("version", "2");

        String t = DevPlatform.ROOT_TOKEN;
        assertThat(http.send("POST", "/v1/sysbb-kv1/app", Map.of("user", "u1"), "X-Vault-Token", t).status()).isEqualTo(204);
        assertThat(http.send("GET", "/v1/sysbb-kv1/app", null, "X-Vault-Token", t).json().path("data").path("user").asString()).isEqualTo("u1");
        TestHttp.Response ui = http.send("GET", "/v1/sys/internal/ui/mounts/secret/some/path", null, "X-Vault-Token", t);
        assertThat(ui.json().path("data").path("path").asString()).isEqualTo("secret/");
        assertThat(ui.json().path("data").path("options").path("version").asString()).isEqualTo("2");

        assertThat(http.send("POST", "/v1/sys/mounts/sysbb-kv1/tune", Map.of("default_lease_ttl", "1h"), "X-Vault-Token", t).status()).isEqualTo(204);
        assertThat(http.send("GET", "/v1/sys/mounts/sysbb-kv1/tune", null, "X-Vault-Token", t).json().path("default_lease_ttl").asLong()).isEqualTo(3600);

        assertThat(http.send("POST", "/v1/sys/mounts/sysbb-kv1", Map.of("type", "kv"), "X-Vault-Token", t).status()).isEqualTo(400);
        assertThat(http.send("POST", "/v1/sys/mounts/sysbb-x", Map.of("type", "nope"), "X-Vault-Token", t).status()).isEqualTo(400);

        sys.unmount("sysbb-kv1");
        assertThat(sys.getMounts()).doesNotContainKey("sysbb-kv1/");
        assertThat(http.send("GET", "/v1/sysbb-kv1/app", null, "X-Vault-Token", t).status()).isEqualTo(404);
        sys.mount("sysbb-kv1", VaultMount.builder().type("kv").options(Map.of("version", "1")).build());
        assertThat(http.send("GET", "/v1/sysbb-kv1/app", null, "X-Vault-Token", t).status())
                .as("a re-enabled mount starts empty").isEqualTo(404);
        sys.unmount("sysbb-kv1");
    }

    @Test
    void keyRotationKeepsOldDataReadable() {
        String t = DevPlatform.ROOT_TOKEN;
        http.send("POST", "/v1/secret/data/sysbb/rotate", Map.of("data", Map.of("before", "rotation")), "X-Vault-Token", t);
        int term = http.send("GET", "/v1/sys/key-status", null, "X-Vault-Token", t).json().path("term").asInt();
        assertThat(http.send("POST", "/v1/sys/rotate", null, "X-Vault-Token", t).status()).isEqualTo(204);
        assertThat(http.send("GET", "/v1/sys/key-status", null, "X-Vault-Token", t).json().path("term").asInt()).isEqualTo(term + 1);
        http.send("POST", "/v1/secret/data/sysbb/rotate2", Map.of("data", Map.of("after", "rotation")), "X-Vault-Token", t);
        assertThat(http.send("GET", "/v1/secret/data/sysbb/rotate", null, "X-Vault-Token", t).json().path("data").path("data").path("before").asString())
                .isEqualTo("rotation");
        assertThat(http.send("GET", "/v1/secret/data/sysbb/rotate2", null, "X-Vault-Token", t).json().path("data").path("data").path("after").asString())
                .isEqualTo("rotation");
    }

    @Test
    void unknownPathsAndMethodsGetVaultErrors() {
        String t = DevPlatform.ROOT_TOKEN;
        assertThat(http.send("GET", "/v1/nomount/x", null, "X-Vault-Token", t).status()).isEqualTo(404);
        assertThat(http.send("GET", "/v1/nomount/x", null, "X-Vault-Token", "hvs.not-a-token").status())
                .as("without a valid token, a missing mount looks like any other denied path").isEqualTo(403);
        assertThat(http.send("GET", "/v1/nomount/x", null).status()).isEqualTo(403);
        assertThat(http.send("GET", "/v1/sys/nothing-here", null, "X-Vault-Token", t).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "/v1/sys/key-status", null, "X-Vault-Token", t).status()).isEqualTo(405);
        assertThat(http.send("POST", "/v1/sys/init", Map.of("secret_shares", 1, "secret_threshold", 1)).status()).isEqualTo(400);
    }
}
