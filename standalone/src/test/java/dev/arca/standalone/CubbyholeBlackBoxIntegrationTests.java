package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.CubbyholeAuthentication;
import org.springframework.vault.authentication.CubbyholeAuthenticationOptions;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/** The cubbyhole engine: each token's own storage, gone with the token; spring-vault's CubbyholeAuthentication reads from it. */
class CubbyholeBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;


    private static JsonNode token(Map<String, Object> body) {
        return DevPlatform.api("POST", "auth/token/create", body, ROOT).json().path("auth");
    }

    @Test
    void eachTokenSeesOnlyItsOwnCubbyholeAndItGoesWithTheToken() {
        JsonNode a = token(Map.of("policies", List.of("default")));
        String tokenA = a.path("client_token").asString();
        String tokenB = token(Map.of("policies", List.of("default"))).path("client_token").asString();

        assertThat(DevPlatform.api("POST", "cubbyhole/app/db", Map.of("password", "only-a"), tokenA).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "cubbyhole/app/db", null, tokenA).json().path("data").path("password").asString()).isEqualTo("only-a");
        assertThat(DevPlatform.api("GET", "cubbyhole/app/db", null, tokenB).status()).isEqualTo(404);
        assertThat(DevPlatform.api("GET", "cubbyhole/app/db", null, ROOT).status()).as("not even root").isEqualTo(404);
        assertThat(DevPlatform.api("LIST", "cubbyhole/", null, tokenA).json().path("data").path("keys").toString()).isEqualTo("[\"app/\"]");
        assertThat(DevPlatform.api("LIST", "cubbyhole/app", null, tokenA).json().path("data").path("keys").toString()).isEqualTo("[\"db\"]");

        assertThat(DevPlatform.api("POST", "auth/token/revoke", Map.of("token", tokenA), ROOT).status()).isEqualTo(204);
        var db = DevPlatform.database();
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
             var st = c.prepareStatement("SELECT count(*) FROM identity.cubbyhole WHERE token_accessor = ?")) {
            st.setString(1, a.path("accessor").asString());
            try (var rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("destroyed with the token").isZero();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anApplicationReadsItsTokenFromAOneTimeTokensCubbyhole() {
        String appToken = token(Map.of("policies", List.of("default"), "ttl", "1h")).path("client_token").asString();
        String initial = token(Map.of("policies", List.of("default"), "num_uses", 2)).path("client_token").asString();
        assertThat(DevPlatform.api("POST", "cubbyhole/token", Map.of("token", appToken), initial).status()).isEqualTo(204);

        VaultToken got = new CubbyholeAuthentication(CubbyholeAuthenticationOptions.builder().initialToken(VaultToken.of(initial))
                .path("cubbyhole/token").build(), DevPlatform.loginClient()).login();

        assertThat(got.getToken()).isEqualTo(appToken);
        assertThat(DevPlatform.api("GET", "cubbyhole/token", null, initial).status()).as("the initial token is used up").isEqualTo(403);
    }

    @Test
    void theBuiltInMountCannotBeMovedDisabledOrMountedAgain() {
        assertThat(DevPlatform.api("GET", "sys/mounts", null, ROOT).json().path("data").path("cubbyhole/").path("type").asString()).isEqualTo("cubbyhole");
        assertThat(DevPlatform.api("DELETE", "sys/mounts/cubbyhole", null, ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "sys/mounts/cubby2", Map.of("type", "cubbyhole"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "sys/remount", Map.of("from", "cubbyhole", "to", "elsewhere"), ROOT).status()).isEqualTo(400);
    }
}
