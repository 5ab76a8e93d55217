package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.standalone.ledger.LedgerBackend;
import dev.arca.test.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.lease.SecretLeaseContainer;
import org.springframework.vault.core.lease.domain.RequestedSecret;
import org.springframework.vault.core.lease.event.AfterSecretLeaseRenewedEvent;
import org.springframework.vault.core.lease.event.AfterSecretLeaseRevocationEvent;
import org.springframework.vault.core.lease.event.SecretLeaseCreatedEvent;
import org.springframework.vault.core.lease.event.SecretLeaseEvent;
import tools.jackson.databind.JsonNode;

/**
 * Leases end to end: the {@code ledger} engine (its own service, in test sources) issues credentials
 * under leases, and the platform looks them up, renews them up to their max TTL, revokes them one by
 * one, by prefix, when they expire, when their token is revoked and when their mount is disabled;
 * failed revocations end irrevocable and visible; a lease that cannot be registered undoes its
 * credential. Spring Vault's {@code SecretLeaseContainer} renews a lease as an application would.
 * The shared platform runs the ledger service and a fast expiry scheduler ({@link DevPlatform}).
 */
@Timeout(120)
class LeasesBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        http = DevPlatform.http();
        assertThat(call("POST", "sys/mounts/db", Map.of("type", "ledger"), ROOT).status()).isEqualTo(204);
    }

    private static TestHttp.Response call(String method, String path, Object body, String token) {
        return http.send(method, "/v1/" + path, body, "X-Vault-Token", token);
    }

    private static void role(String mount, String name, Map<String, Object> settings) {
        assertThat(call("POST", mount + "/roles/" + name, settings, ROOT).status()).isEqualTo(204);
    }

    private static JsonNode issue(String path, String token) {
        TestHttp.Response r = call("GET", path, null, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode lookup(String leaseId) {
        return call("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), ROOT).json();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void issuesLooksUpRenewsUpToTheMaxTtlAndRevokes() {
        role("db", "app", Map.of("ttl", "1h", "max_ttl", "2h"));
        JsonNode secret = issue("db/creds/app", ROOT);
        String id = secret.path("lease_id").asString();
        String user = secret.path("data").path("username").asString();
        assertThat(id).startsWith("db/creds/app/").hasSize("db/creds/app/".length() + 24);
        assertThat(secret.path("lease_duration").asLong()).isEqualTo(3600);
        assertThat(secret.path("renewable").asBoolean()).isTrue();

        JsonNode found = lookup(id).path("data");
        assertThat(found.path("id").asString()).isEqualTo(id);
        assertThat(found.path("ttl").asLong()).isBetween(3590L, 3600L);
        assertThat(found.path("renewable").asBoolean()).isTrue();
        assertThat(found.path("last_renewal").isNull()).isTrue();

        JsonNode renewed = call("PUT", "sys/leases/renew", Map.of("lease_id", id, "increment", "3h"), ROOT).json();
        assertThat(renewed.path("lease_id").asString()).isEqualTo(id);
        assertThat(renewed.path("lease_duration").asLong()).as("capped at max_ttl from issue").isBetween(7190L, 7200L);
        assertThat(renewed.path("warnings").get(0).asString()).contains("exceeded the effective max_ttl");
        assertThat(LedgerBackend.RENEWALS).as("the engine saw the capped TTL").isNotEmpty();
        assertThat(call("PUT", "sys/renew/" + id, Map.of("increment", 60), ROOT).json().path("lease_duration").asLong())
                .as("the old path").isEqualTo(60);
        assertThat(lookup(id).path("data").path("last_renewal").isNull()).isFalse();

        assertThat(call("PUT", "sys/leases/revoke", Map.of("lease_id", id), ROOT).status()).isEqualTo(204);
        assertThat(LedgerBackend.REVOKED).as("sync by default").contains(user);
        assertThat(LedgerBackend.LIVE).doesNotContain(user);
        assertThat(call("PUT", "sys/leases/lookup", Map.of("lease_id", id), ROOT).status()).isEqualTo(400);
        assertThat(call("PUT", "sys/leases/renew", Map.of("lease_id", id), ROOT).status()).isEqualTo(400);
        TestHttp.Response noId = call("PUT", "sys/leases/renew", Map.of("url_lease_id", id), ROOT);
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.json().path("errors").get(0).asString()).isEqualTo("lease_id must be specified");
    }

    @Test
    void aLeaseThatIsNotRenewableRefusesRenewal() {
        role("db", "fixed", Map.of("ttl", "1h", "renewable", false));
        JsonNode secret = issue("db/creds/fixed", ROOT);
        assertThat(secret.path("renewable").asBoolean()).isFalse();
        TestHttp.Response r = call("PUT", "sys/leases/renew", Map.of("lease_id", secret.path("lease_id").asString()), ROOT);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).asString()).isEqualTo("lease is not renewable");
    }

    @Test
    void leasesEndWhenTheyExpire() {
        role("db", "brief", Map.of("ttl", "1s"));
        String user = issue("db/creds/brief", ROOT).path("data").path("username").asString();
        assertThat(LedgerBackend.LIVE).contains(user);
        await("expired lease revoked", () -> LedgerBackend.REVOKED.contains(user));
    }

    @Test
    void asyncRevocationIsQueued() {
        role("db", "queued", Map.of("ttl", "1h"));
        JsonNode secret = issue("db/creds/queued", ROOT);
        String user = secret.path("data").path("username").asString();
        assertThat(call("PUT", "sys/leases/revoke/" + secret.path("lease_id").asString(), Map.of("sync", false), ROOT).status())
                .isEqualTo(202);
        await("queued revocation done", () -> LedgerBackend.REVOKED.contains(user));
    }

    @Test
    void revokePrefixTakesEverythingBelowItAndNeedsSudo() {
        role("db", "bulk", Map.of("ttl", "1h"));
        role("db", "bulky", Map.of("ttl", "1h"));
        List<String> users = List.of(issue("db/creds/bulk", ROOT), issue("db/creds/bulk", ROOT), issue("db/creds/bulk", ROOT))
                .stream().map(s -> s.path("data").path("username").asString()).toList();
        String other = issue("db/creds/bulky", ROOT).path("data").path("username").asString();

        assertThat(call("LIST", "sys/leases/lookup/db/creds/bulk/", null, ROOT).json().path("data").path("keys")).hasSize(3);
        assertThat(call("LIST", "sys/leases/lookup/db/creds/", null, ROOT).json().path("data").path("keys").toString())
                .contains("\"bulk/\"").contains("\"bulky/\"");

        assertThat(call("PUT", "sys/policies/acl/prefix-no-sudo", Map.of("policy",
                "path \"sys/leases/*\" { capabilities = [\"update\", \"list\"] }"), ROOT).status()).isEqualTo(204);
        String noSudo = call("POST", "auth/token/create", Map.of("policies", List.of("prefix-no-sudo")), ROOT).json()
                .path("auth").path("client_token").asString();
        assertThat(call("PUT", "sys/leases/revoke-prefix/db/creds/bulk", null, noSudo).status()).isEqualTo(403);
        assertThat(call("LIST", "sys/leases/lookup/db/creds/", null, noSudo).status()).isEqualTo(403);
        assertThat(call("PUT", "sys/leases/revoke-force/db/creds/bulk", null, noSudo).status()).isEqualTo(403);
        assertThat(call("PUT", "sys/revoke-prefix/db/creds/bulk", null, noSudo).status()).isEqualTo(403);

        assertThat(call("PUT", "sys/leases/revoke-prefix/db/creds/bulk", null, ROOT).status()).isEqualTo(204);
        assertThat(LedgerBackend.REVOKED).containsAll(users);
        assertThat(LedgerBackend.LIVE).as("bulky/ is not below bulk/").contains(other);
        assertThat(call("PUT", "sys/revoke-prefix/db/creds/bulky", null, ROOT).status()).as("the old path").isEqualTo(204);
        assertThat(LedgerBackend.REVOKED).contains(other);
    }

    @Test
    void failedRevocationsAreRetriedThenIrrevocableVisibleAndTidyRetriesThem() {
        role("db", "flaky", Map.of("ttl", "1s", "fail_revokes", 2));
        role("db", "broken", Map.of("ttl", "1s", "fail_revokes", 5));
        String flaky = issue("db/creds/flaky", ROOT).path("data").path("username").asString();
        String brokenId = issue("db/creds/broken", ROOT).path("lease_id").asString();
        await("retried until revoked", () -> LedgerBackend.REVOKED.contains(flaky));

        await("marked irrevocable", () -> lookup(brokenId).path("data").path("irrevocable").asBoolean());
        JsonNode broken = lookup(brokenId).path("data");
        assertThat(broken.path("revocation_attempts").asInt()).isEqualTo(3);
        assertThat(broken.path("revocation_error").asString()).isEqualTo("backend answered 500");
        assertThat(call("GET", "sys/leases/count?type=irrevocable", null, ROOT).json().path("data").path("lease_count").asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(call("LIST", "sys/leases?type=irrevocable", null, ROOT).json().path("data").path("leases").toString())
                .contains(brokenId);

        // two more failures are left: the tidy's round of three attempts gets through
        assertThat(call("PUT", "sys/leases/tidy", null, ROOT).status()).isEqualTo(202);
        await("revoked after tidy", () -> call("PUT", "sys/leases/lookup", Map.of("lease_id", brokenId), ROOT).status() == 400);
    }

    @Test
    void revokingATokenRevokesTheLeasesOfItAndItsChildren() {
        assertThat(call("PUT", "sys/policies/acl/ledger-user", Map.of("policy",
                "path \"db/creds/*\" { capabilities = [\"read\"] }\npath \"auth/token/create\" { capabilities = [\"update\"] }"),
                ROOT).status()).isEqualTo(204);
        role("db", "owned", Map.of("ttl", "1h"));
        String parent = call("POST", "auth/token/create", Map.of("policies", List.of("ledger-user")), ROOT).json()
                .path("auth").path("client_token").asString();
        String child = call("POST", "auth/token/create", Map.of("policies", List.of("ledger-user")), parent).json()
                .path("auth").path("client_token").asString();
        String byParent = issue("db/creds/owned", parent).path("data").path("username").asString();
        String byChild = issue("db/creds/owned", child).path("data").path("username").asString();
        String byRoot = issue("db/creds/owned", ROOT).path("data").path("username").asString();

        assertThat(call("POST", "auth/token/revoke", Map.of("token", parent), ROOT).status()).isEqualTo(204);
        await("the leases of the token tree revoked",
                () -> LedgerBackend.REVOKED.contains(byParent) && LedgerBackend.REVOKED.contains(byChild));
        assertThat(LedgerBackend.LIVE).contains(byRoot);
    }

    @Test
    void disablingAMountRevokesItsLeases() {
        assertThat(call("POST", "sys/mounts/db-gone", Map.of("type", "ledger"), ROOT).status()).isEqualTo(204);
        role("db-gone", "app", Map.of("ttl", "1h"));
        String user = issue("db-gone/creds/app", ROOT).path("data").path("username").asString();
        assertThat(call("DELETE", "sys/mounts/db-gone", null, ROOT).status()).isEqualTo(204);
        assertThat(LedgerBackend.REVOKED).as("revoked before the disable returns").contains(user);
        assertThat(call("LIST", "sys/leases/lookup/db-gone/", null, ROOT).status()).isEqualTo(404);
    }

    @Test
    void aLeaseThatCannotBeRegisteredUndoesItsCredential() {
        role("db", "unleased", Map.of("ttl", "1h", "break_lease", true));
        int undone = LedgerBackend.UNDONE.size();
        TestHttp.Response r = call("GET", "db/creds/unleased", null, ROOT);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("pw-");
        assertThat(LedgerBackend.UNDONE).hasSize(undone + 1);
        assertThat(LedgerBackend.LIVE).doesNotContain(LedgerBackend.UNDONE.get(undone));
    }

    @Test
    void springVaultsSecretLeaseContainerRenewsAndRevokesALease() throws Exception {
        role("db", "spring", Map.of("ttl", "3s", "max_ttl", "1h"));
        VaultTemplate vault = DevPlatform.vault(ROOT);
        BlockingQueue<SecretLeaseEvent> events = new LinkedBlockingQueue<>();
        SecretLeaseContainer container = new SecretLeaseContainer(vault);
        container.setMinRenewal(Duration.ofSeconds(1));
        container.setExpiryThreshold(Duration.ofSeconds(2));
        container.addLeaseListener(events::add);
        container.addRequestedSecret(RequestedSecret.renewable("db/creds/spring"));
        container.afterPropertiesSet();
        container.start();
        try {
            SecretLeaseCreatedEvent created = (SecretLeaseCreatedEvent) next(events, SecretLeaseCreatedEvent.class);
            String user = (String) created.getSecrets().get("username");
            String leaseId = created.getLease().getLeaseId();
            assertThat(leaseId).startsWith("db/creds/spring/");
            AfterSecretLeaseRenewedEvent renewed = (AfterSecretLeaseRenewedEvent) next(events, AfterSecretLeaseRenewedEvent.class);
            assertThat(renewed.getLease().getLeaseId()).isEqualTo(leaseId);
            assertThat(lookup(leaseId).path("data").path("last_renewal").isNull()).as("renewed at the platform").isFalse();
            container.stop();
            container.destroy();
            next(events, AfterSecretLeaseRevocationEvent.class);
            assertThat(LedgerBackend.REVOKED).contains(user);
        } finally {
            container.destroy();
        }
    }

    private static SecretLeaseEvent next(BlockingQueue<SecretLeaseEvent> events, Class<?> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            SecretLeaseEvent e = events.poll(1, TimeUnit.SECONDS);
            if (type.isInstance(e)) {
                return e;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in time");
    }
}
