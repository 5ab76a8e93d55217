package dev.arca.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.BarrierException;
import dev.arca.core.barrier.Keyring;
import dev.arca.core.local.LocalEndpoint;
import dev.arca.core.local.LocalRoute;
import dev.arca.core.local.LocalServices;
import dev.arca.lease.expiry.LeaseMetrics;
import dev.arca.lease.expiry.Revocations;
import dev.arca.lease.expiry.TokenRevocationFeed;
import dev.arca.lease.registry.BackendCalls;
import dev.arca.lease.registry.LeaseRegistry;
import dev.arca.lease.store.LeaseRecord;
import dev.arca.lease.store.LeaseStore;
import dev.arca.lease.store.LeaseWriter;
import dev.arca.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The expiry machinery against real PostgreSQL, with an in-process backend that counts its
 * revocations: two schedulers on one database, retries and the irrevocable state, token revocations
 * recorded before a crash and carried out by a fresh process, and the encryption of revocation data.
 */
@Timeout(60)
class LeaseExpiryIntegrationTests {

    private static final LeaseProperties PROPS = new LeaseProperties(Duration.ofHours(768), Duration.ofSeconds(1), 50, 3,
            Duration.ofMillis(1), Duration.ofMillis(5));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, AtomicInteger> REVOKED = new ConcurrentHashMap<>();
    private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

    private static HikariDataSource one;
    private static HikariDataSource two;
    private static Barrier barrier;
    private static LocalServices directory;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        String url = TestDatabase.createDatabase("lease");
        one = pool(url);
        two = pool(url);
        Flyway.configure().dataSource(one).schemas("lease").defaultSchema("lease").locations("classpath:db/migration/lease")
                .load().migrate();
        jdbc = new JdbcTemplate(one);
        // identity's table, as its migration makes it
        jdbc.execute("CREATE SCHEMA identity");
        jdbc.execute("CREATE TABLE identity.token_revocations (id BIGSERIAL PRIMARY KEY, accessor TEXT NOT NULL, revoked_ms BIGINT NOT NULL)");
        barrier = new Barrier();
        barrier.unseal(Keyring.generate());
        directory = new LocalServices();
        LocalRoute leases = new LocalRoute("POST", "/internal/backends/leases", call -> {
            JsonNode b = call.tree();
            String id = b.path("lease_id").asString();
            if ("revoke".equals(b.path("event").asString())) {
                if (FAILING.contains(id)) {
                    throw new VaultException(500, "the database is down");
                }
                REVOKED.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            return ResponseEntity.ok(Map.of("ttl", b.path("ttl").asLong()));
        });
        new LocalEndpoint("ledger", directory, List.of(leases), barrier, JSON).start();
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM lease.leases");
        jdbc.update("DELETE FROM identity.token_revocations");
        jdbc.update("DELETE FROM lease.revoked_tokens");
        REVOKED.clear();
        FAILING.clear();
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(TestDatabase.server().username());
        ds.setPassword(TestDatabase.server().password());
        ds.setSchema("lease");
        ds.setMaximumPoolSize(4);
        return ds;
    }

    /** One lease-service process: its own pool, store, scheduler and token feed. */
    private record Process(LeaseStore store, Revocations revocations, TokenRevocationFeed tokens) {
        static Process on(HikariDataSource ds) {
            JdbcTemplate t = new JdbcTemplate(ds);
            DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
            LeaseStore store = new LeaseStore(t, barrier, JSON);
            return new Process(store, new Revocations(store, new BackendCalls(directory, JSON), PROPS, tm),
                    new TokenRevocationFeed(t, store, tm));
        }

        int expireAll() {
            int total = 0;
            int n;
            while ((n = revocations.expireDue()) > 0) {
                total += n;
            }
            return total;
        }
    }

    private static LeaseRecord lease(String id, String token, long dueMs) {
        long now = System.currentTimeMillis();
        return new LeaseRecord(id, "ledger", "db/", "ledger", "ledger_1", "creds", token, now, dueMs, 0, 60, 3600, true,
                Map.of("username", "u-" + id.hashCode()), LeaseRecord.ACTIVE, 0, dueMs, null);
    }

    @Test
    void twoSchedulersOnOneDatabaseRevokeEachLeaseExactlyOnce() {
        Process a = Process.on(one);
        Process b = Process.on(two);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String id = "db/creds/app/" + i;
            ids.add(id);
            a.store().insert(lease(id, "", System.currentTimeMillis() - 1));
        }
        a.store().insert(lease("db/creds/app/later", "", System.currentTimeMillis() + 3_600_000));

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(a::expireAll);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(b::expireAll);
        int byFirst = first.join();
        int bySecond = second.join();

        assertThat(byFirst + bySecond).isEqualTo(600);
        assertThat(REVOKED.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(REVOKED.values()).allSatisfy(n -> assertThat(n.get()).as("revocations of one lease").isEqualTo(1));
        assertThat(a.store().count("")).as("only the lease not yet due is left").isEqualTo(1);
    }

    @Test
    void failedRevocationsAreRetriedThenTheLeaseIsIrrevocableAndVisible() {
        Process p = Process.on(one);
        p.store().insert(lease("db/creds/app/stuck", "", System.currentTimeMillis() - 1));
        FAILING.add("db/creds/app/stuck");

        long deadline = System.currentTimeMillis() + 10_000;
        while (!LeaseRecord.IRREVOCABLE.equals(p.store().find("db/creds/app/stuck", false).orElseThrow().state())) {
            assertThat(System.currentTimeMillis()).as("irrevocable in time").isLessThan(deadline);
            p.revocations().expireDue();
            Thread.onSpinWait();
        }
        LeaseRecord stuck = p.store().find("db/creds/app/stuck", false).orElseThrow();
        assertThat(stuck.attempts()).isEqualTo(3);
        assertThat(stuck.lastError()).isEqualTo("backend answered 500");
        assertThat(p.store().count(LeaseRecord.IRREVOCABLE)).isEqualTo(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new LeaseMetrics(meters, p.store());
        assertThat(meters.get("arca.leases.irrevocable").gauge().value()).isEqualTo(1.0);
        assertThat(p.expireAll()).as("the scheduler leaves it alone").isZero();

        assertThatThrownBy(() -> p.revocations().revoke("db/creds/app/stuck", false)).isInstanceOf(VaultException.class);
        FAILING.clear();
        assertThat(p.store().retryIrrevocable(System.currentTimeMillis())).isEqualTo(1);
        assertThat(p.expireAll()).isEqualTo(1);
        assertThat(REVOKED).containsKey("db/creds/app/stuck");
        assertThat(p.store().count("")).isZero();
    }

    @Test
    void tokenRevocationsRecordedBeforeACrashRevokeTheirLeasesInTheNextProcess() {
        long later = System.currentTimeMillis() + 3_600_000;
        Process before = Process.on(one);
        before.store().insert(lease("db/creds/app/a1", "tok-a", later));
        before.store().insert(lease("db/creds/app/a2", "tok-a", later));
        before.store().insert(lease("db/creds/app/b1", "tok-b", later));
        // identity committed the revocation of tok-a (and its child tok-c); lease-service died before acting
        jdbc.update("INSERT INTO identity.token_revocations (accessor, revoked_ms) VALUES ('tok-a', 1), ('tok-c', 1)");

        Process after = Process.on(two);
        assertThat(after.tokens().drain()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity.token_revocations", Long.class)).isZero();
        assertThat(after.expireAll()).isEqualTo(2);
        assertThat(REVOKED.keySet()).containsExactlyInAnyOrder("db/creds/app/a1", "db/creds/app/a2");
        assertThat(after.store().find("db/creds/app/b1", false)).isPresent();

        LeaseWriter writer = new LeaseWriter(after.store(), new DataSourceTransactionManager(two));
        try {
            LeaseRegistry registry = new LeaseRegistry(after.store(), writer, new BackendCalls(directory, JSON), PROPS);
            long now = System.currentTimeMillis();
            assertThatThrownBy(() -> registry.register(new LeaseRegistry.Registration("db/creds/app/late", "ledger", "db/", "ledger",
                    "ledger_1", "creds", "tok-a", now, now + 60_000, 60, 3600, true, Map.of())))
                    .as("a request in flight with the revoked token").isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.status()).isEqualTo(403));
            registry.register(new LeaseRegistry.Registration("db/creds/app/b2", "ledger", "db/", "ledger", "ledger_1", "creds", "tok-b",
                    now, now + 60_000, 60, 3600, true, Map.of()));
            assertThat(after.store().find("db/creds/app/b2", false)).isPresent();
        } finally {
            writer.destroy();
        }
    }

    @Test
    void oneBatchRecordsEachLeaseUnlessItsTokensRevocationWasApplied() {
        long later = System.currentTimeMillis() + 3_600_000;
        Process p = Process.on(one);
        jdbc.update("INSERT INTO identity.token_revocations (accessor, revoked_ms) VALUES ('tok-gone', 1)");
        p.tokens().drain();
        List<Boolean> inserted = new TransactionTemplate(new DataSourceTransactionManager(one)).execute(s -> p.store().insert(List.of(
                lease("db/creds/app/m1", "tok-zz", later), lease("db/creds/app/m2", "tok-gone", later),
                lease("db/creds/app/m3", "", later), lease("db/creds/app/m4", "tok-aa", later))));
        assertThat(inserted).containsExactly(true, false, true, true);
        assertThat(p.store().ids("db/creds/app/m")).containsExactly("db/creds/app/m1", "db/creds/app/m3", "db/creds/app/m4");
    }

    @Test
    void concurrentRegistrationsAreEachCommittedBeforeTheyReturn() throws Exception {
        Process p = Process.on(one);
        LeaseWriter writer = new LeaseWriter(p.store(), new DataSourceTransactionManager(one));
        long later = System.currentTimeMillis() + 3_600_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "db/creds/app/c" + i;
                done.add(pool.submit(() -> {
                    boolean ok = writer.insert(lease(id, "tok-" + (id.hashCode() & 7), later));
                    // committed when insert returns: another connection sees it at once
                    return ok && jdbc.queryForObject("SELECT count(*) FROM lease.leases WHERE lease_id = ?", Long.class, id) == 1;
                }));
            }
            for (Future<Boolean> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            writer.destroy();
        }
        assertThat(p.store().ids("db/creds/app/c")).hasSize(400);
    }

    @Test
    void revocationDataIsEncryptedAndBoundToItsRow() {
        Process p = Process.on(one);
        p.store().insert(lease("db/creds/app/x", "", System.currentTimeMillis() + 60_000));
        p.store().insert(lease("db/creds/app/y", "", System.currentTimeMillis() + 60_000));
        byte[] raw = jdbc.queryForObject("SELECT data FROM lease.leases WHERE lease_id = 'db/creds/app/x'", byte[].class);
        assertThat(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("username");
        assertThat(p.store().find("db/creds/app/x", false).orElseThrow().data()).containsKey("username");

        jdbc.update("UPDATE lease.leases SET data = ? WHERE lease_id = 'db/creds/app/y'", (Object) raw);
        assertThatThrownBy(() -> p.store().find("db/creds/app/y", false)).isInstanceOf(BarrierException.class);
    }
}
