package dev.arca.identity.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.identity.jwt.Claims.Refused;
import dev.arca.identity.login.TokenSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TokenVerifierTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    private static JwtRole role(String type, List<String> audiences, long skew, long exp, long nbf) {
        return new JwtRole(type, audiences, "", Map.of(), "string", Map.of(), "sub", false, "", List.of(), List.of(), false, skew, exp, nbf, 0,
                TokenSettings.DEFAULT);
    }

    private static JsonNode claims(String json) {
        return JSON.readTree(json);
    }

    @Test
    void expiryAllowsTheExpirationAndClockSkewLeewaysAndNoMore() throws Refused {
        JwtRole defaults = role("jwt", List.of("a"), 0, 0, 0);
        TokenVerifier.checkClaims(claims("{\"aud\":\"a\",\"exp\":" + (NOW.getEpochSecond() - 209) + "}"), defaults, "", NOW);
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"a\",\"exp\":" + (NOW.getEpochSecond() - 210) + "}"), defaults, "",
                NOW)).hasMessage("token is expired (exp)");
        JwtRole strict = role("jwt", List.of("a"), -1, -1, -1);
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"a\",\"exp\":" + NOW.getEpochSecond() + "}"), strict, "", NOW))
                .isInstanceOf(Refused.class);
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"a\"}"), strict, "", NOW)).hasMessage("exp claim is required");
    }

    @Test
    void notBeforeAndIssuedAtInTheFutureAreRefusedBeyondTheirLeeways() throws Refused {
        long exp = NOW.getEpochSecond() + 600;
        JwtRole r = role("jwt", List.of("a"), 10, 0, 20);
        TokenVerifier.checkClaims(claims("{\"aud\":\"a\",\"exp\":" + exp + ",\"nbf\":" + (NOW.getEpochSecond() + 30) + "}"), r, "", NOW);
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"a\",\"exp\":" + exp + ",\"nbf\":" + (NOW.getEpochSecond() + 31) + "}"),
                r, "", NOW)).hasMessage("token not valid yet (nbf)");
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"a\",\"exp\":" + exp + ",\"iat\":" + (NOW.getEpochSecond() + 11) + "}"),
                r, "", NOW)).hasMessage("token issued in the future (iat)");
    }

    @Test
    void audienceIssuerAndSubjectAreCheckedAsVaultDoes() throws Refused {
        long exp = NOW.getEpochSecond() + 600;
        TokenVerifier.checkClaims(claims("{\"aud\":[\"x\",\"a\"],\"iss\":\"https://i\",\"exp\":" + exp + "}"), role("jwt", List.of("a"), 0, 0, 0),
                "https://i", NOW);
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"a\",\"iss\":\"https://other\",\"exp\":" + exp + "}"),
                role("jwt", List.of("a"), 0, 0, 0), "https://i", NOW)).hasMessage("invalid issuer (iss) claim");
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"b\",\"exp\":" + exp + "}"), role("jwt", List.of("a"), 0, 0, 0), "",
                NOW)).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"aud\":\"b\",\"exp\":" + exp + "}"), role("jwt", List.of(), 0, 0, 0), "",
                NOW)).hasMessage("audience claim found in JWT but no audiences bound to the role");
        TokenVerifier.checkClaims(claims("{\"aud\":\"b\",\"exp\":" + exp + "}"), role("oidc", List.of(), 0, 0, 0), "", NOW);
        JwtRole bound = new JwtRole("jwt", List.of(), "repo:x", Map.of(), "string", Map.of(), "sub", false, "", List.of(), List.of(), false, 0, 0,
                0, 0, TokenSettings.DEFAULT);
        assertThatThrownBy(() -> TokenVerifier.checkClaims(claims("{\"sub\":\"repo:y\",\"exp\":" + exp + "}"), bound, "", NOW))
                .isInstanceOf(Refused.class);
        TokenVerifier.checkClaims(claims("{\"sub\":\"repo:x\",\"exp\":" + exp + "}"), bound, "", NOW);
        assertThat(JwtRole.leeway(0, 150)).isEqualTo(150);
    }

    @Test
    void loopbackRedirectsMatchWhateverThePortOthersOnlyExactly() {
        List<String> allowed = List.of("http://localhost:8250/oidc/callback", "https://arca.example.com/ui/vault/auth/oidc/oidc/callback");
        assertThat(OidcPaths.allowedRedirect("http://localhost:8250/oidc/callback", allowed)).isTrue();
        assertThat(OidcPaths.allowedRedirect("http://localhost:9999/oidc/callback", allowed)).isTrue();
        assertThat(OidcPaths.allowedRedirect("http://localhost:9999/other", allowed)).isFalse();
        assertThat(OidcPaths.allowedRedirect("https://arca.example.com:8443/ui/vault/auth/oidc/oidc/callback", allowed)).isFalse();
        assertThat(OidcPaths.allowedRedirect("https://arca.example.com/ui/vault/auth/oidc/oidc/callback", allowed)).isTrue();
        assertThat(OidcPaths.allowedRedirect("http://127.0.0.1:8250/oidc/callback", allowed)).isFalse();
    }
}
