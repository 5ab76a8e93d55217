package dev.arca.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Coerce;
import dev.arca.core.backend.Operation;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestParsingTests {

    @Test
    void methodsMapToVaultOperations() {
        assertThat(Operation.of("GET", null)).isEqualTo(Operation.READ);
        assertThat(Operation.of("GET", "true")).isEqualTo(Operation.LIST);
        assertThat(Operation.of("LIST", null)).isEqualTo(Operation.LIST);
        assertThat(Operation.of("PUT", null)).isEqualTo(Operation.UPDATE);
        assertThat(Operation.of("POST", null)).isEqualTo(Operation.UPDATE);
        assertThat(Operation.of("PATCH", null)).isEqualTo(Operation.PATCH);
        assertThat(Operation.of("DELETE", null)).isEqualTo(Operation.DELETE);
        assertThatThrownBy(() -> Operation.of("TRACE", null)).isInstanceOf(VaultException.class)
                .satisfies(e -> assertThat(((VaultException) e).status()).isEqualTo(405));
    }

    @Test
    void queryIsParsedWithoutTouchingTheBody() {
        assertThat(Coerce.query("version=2&list=true&x=a%2Fb&flag")).containsEntry("version", "2")
                .containsEntry("list", "true").containsEntry("x", "a/b").containsEntry("flag", "");
        assertThat(Coerce.query(null)).isEmpty();
    }

    @Test
    void pathsAreDecodedNormalisedAndTraversalRefused() {
        assertThat(ApiController.path(new MockHttpServletRequest("GET", "/v1/secret/data/a%20b"))).isEqualTo("secret/data/a b");
        assertThat(ApiController.path(new MockHttpServletRequest("GET", "/v1/secret//data///x"))).isEqualTo("secret/data/x");
        assertThat(ApiController.path(new MockHttpServletRequest("GET", "/v1/a+b"))).isEqualTo("a+b");
        assertThatThrownBy(() -> ApiController.path(new MockHttpServletRequest("GET", "/v1/secret/../sys/seal")))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void encodedSlashesAreReadAsSlashesAndTheSlashesAsSentAreKept() throws Exception {
        MockHttpServletRequest sent = new MockHttpServletRequest("GET", "/v1/pki/ocsp/MEow%2F%2FAB%2Bc%3D");
        org.springframework.mock.web.MockFilterChain chain = new org.springframework.mock.web.MockFilterChain();
        new dev.arca.gateway.edge.EncodedSlashes().doFilter(sent, new org.springframework.mock.web.MockHttpServletResponse(), chain);
        jakarta.servlet.http.HttpServletRequest seen = (jakarta.servlet.http.HttpServletRequest) chain.getRequest();
        assertThat(seen.getRequestURI()).isEqualTo("/v1/pki/ocsp/MEow/AB%2Bc%3D");
        assertThat(seen.getServletPath()).isEqualTo("/v1/pki/ocsp/MEow/AB+c=");
        String path = ApiController.path(seen);
        assertThat(path).isEqualTo("pki/ocsp/MEow/AB+c=");
        assertThat(ApiController.rawPath(seen, path)).isEqualTo("pki/ocsp/MEow//AB+c=");

        MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/v1/secret/data/x");
        org.springframework.mock.web.MockFilterChain untouched = new org.springframework.mock.web.MockFilterChain();
        new dev.arca.gateway.edge.EncodedSlashes().doFilter(plain, new org.springframework.mock.web.MockHttpServletResponse(), untouched);
        assertThat(untouched.getRequest()).isSameAs(plain);
        assertThat(ApiController.rawPath(plain, ApiController.path(plain))).isNull();
    }

    @Test
    void tokenComesFromEitherHeader() {
        MockHttpServletRequest vault = new MockHttpServletRequest("GET", "/v1/x");
        vault.addHeader("X-Vault-Token", " hvs.abc ");
        assertThat(ApiController.token(vault)).isEqualTo("hvs.abc");
        MockHttpServletRequest bearer = new MockHttpServletRequest("GET", "/v1/x");
        bearer.addHeader("Authorization", "Bearer hvs.def");
        assertThat(ApiController.token(bearer)).isEqualTo("hvs.def");
        assertThat(ApiController.token(new MockHttpServletRequest("GET", "/v1/x"))).isNull();
    }
}
