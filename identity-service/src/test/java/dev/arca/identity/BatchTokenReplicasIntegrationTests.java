package dev.arca.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.core.barrier.Barrier;
import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** A batch token is stored nowhere: a second identity replica over the same database opens and trusts it. */
class BatchTokenReplicasIntegrationTests extends IdentityIntegrationTestSupport {

    @Autowired
    Environment env;

    @Test
    void aBatchTokenMadeByOneReplicaIsAcceptedByAnother() {
        Token root = root();
        TestHttp.Response made = call("POST", "/v1/auth/token/create", Map.of("type", "batch", "policies", List.of("default"), "ttl", "1h"), root);
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        String batch = made.json().path("auth").path("client_token").asString();
        assertThat(batch).startsWith("hvb.");
        Integer rows = jdbc.sql("SELECT count(*) FROM tokens").query(Integer.class).single();

        try (ConfigurableApplicationContext other = IdentityApplication.builder().properties(
                "server.port=0",
                "spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                "spring.datasource.password=" + env.getProperty("spring.datasource.password", ""),
                "arca.internal.public-key=" + env.getProperty("arca.internal.public-key"),
                "spring.application.name=identity").run()) {
            unsealWithCopy(other.getBean(Barrier.class));
            TestHttp replica = new TestHttp("http://127.0.0.1:" + ((WebServerApplicationContext) other).getWebServer().getPort());

            TestHttp.Response resolved = replica.send("POST", "/internal/tokens/resolve", Map.of("token", batch), "Authorization", internalAuth());
            assertThat(resolved.status()).isEqualTo(200);
            assertThat(resolved.json().path("policies").toString()).isEqualTo("[\"default\"]");
            assertThat(resolved.json().path("accessor").asString()).isEmpty();

            String altered = batch.substring(0, batch.length() - 2) + (batch.endsWith("A") ? "BB" : "AA");
            assertThat(replica.send("POST", "/internal/tokens/resolve", Map.of("token", altered), "Authorization", internalAuth()).status())
                    .isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM tokens").query(Integer.class).single()).as("nothing stored").isEqualTo(rows);
    }
}
