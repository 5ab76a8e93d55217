package dev.arca.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Children created while their parent is being revoked must not outlive the revoke. */
class TokenRevocationRaceIntegrationTests extends IdentityIntegrationTestSupport {

    private static final int CREATORS = 12;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void noDescendantSurvivesARevokeRacingItsCreation() throws Exception {
        Token root = root();
        for (int round = 0; round < 4; round++) {
            Token parent = create(root, Map.of("policies", List.of("web"), "ttl", "1h"));
            ConcurrentLinkedQueue<String> issued = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(CREATORS + 1);
            try {
                List<Future<?>> creators = new ArrayList<>();
                for (int i = 0; i < CREATORS; i++) {
                    creators.add(pool.submit(() -> {
                        go.await();
                        for (int n = 0; n < 30; n++) {
                            TestHttp.Response r = call("POST", "/v1/auth/token/create", Map.of("policies", List.of("web")), parent);
                            if (r.status() != 200) {
                                continue;
                            }
                            Token child = new Token(r.json().get("auth").get("client_token").asString(),
                                    r.json().get("auth").get("accessor").asString(), List.of("default", "web"));
                            issued.add(child.id());
                            TestHttp.Response g = call("POST", "/v1/auth/token/create", Map.of("policies", List.of("web")), child);
                            if (g.status() == 200) {
                                issued.add(g.json().get("auth").get("client_token").asString());
                            }
                        }
                        return null;
                    }));
                }
                Future<TestHttp.Response> revoke = pool.submit(() -> {
                    go.await();
                    Thread.sleep(40);
                    return call("POST", "/v1/auth/token/revoke", Map.of("token", parent.id()), root);
                });
                go.countDown();
                assertThat(revoke.get().status()).isEqualTo(204);
                List<String> survivors = new ArrayList<>();
                // what is resolvable once the revoke has returned, and later, once every creator has given up
                for (String id : issued) {
                    if (resolve(id).status() == 200) {
                        survivors.add(id);
                    }
                }
                for (Future<?> f : creators) {
                    f.get();
                }
                for (String id : issued) {
                    if (resolve(id).status() == 200) {
                        survivors.add(id);
                    }
                }
                assertThat(survivors).as("descendants alive after the revoke of round %d (of %d issued)", round, issued.size())
                        .isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
        Long dangling = jdbc.sql("SELECT count(*) FROM tokens t WHERE parent_accessor IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM tokens p WHERE p.accessor = t.parent_accessor)").query(Long.class).single();
        assertThat(dangling).isZero();
    }
}
