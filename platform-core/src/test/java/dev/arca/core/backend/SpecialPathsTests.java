package dev.arca.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Vault's special-path patterns: exact, prefix ({@code *}) and one-segment ({@code +}) matches; raw request bodies. */
class SpecialPathsTests {

    @Test
    void exactAndPrefixPatterns() {
        assertThat(SpecialPaths.matches(List.of("crl"), "crl")).isTrue();
        assertThat(SpecialPaths.matches(List.of("crl"), "crl/pem")).isFalse();
        assertThat(SpecialPaths.matches(List.of("cert/*"), "cert/01:02")).isTrue();
        assertThat(SpecialPaths.matches(List.of("cert/*"), "certs")).isFalse();
    }

    @Test
    void plusMatchesExactlyOneSegment() {
        List<String> p = List.of("issuer/+/crl", "issuer/+/crl/delta/pem", "ocsp/+/x*");
        assertThat(SpecialPaths.matches(p, "issuer/default/crl")).isTrue();
        assertThat(SpecialPaths.matches(p, "issuer/3f1a/crl/delta/pem")).isTrue();
        assertThat(SpecialPaths.matches(p, "issuer//crl")).as("an empty segment is no segment").isFalse();
        assertThat(SpecialPaths.matches(p, "issuer/a/b/crl")).isFalse();
        assertThat(SpecialPaths.matches(p, "issuer/default/crl/pem")).isFalse();
        assertThat(SpecialPaths.matches(p, "issuer/default")).isFalse();
        assertThat(SpecialPaths.matches(p, "ocsp/a/xyz/more")).isTrue();
        assertThat(SpecialPaths.matches(p, "ocsp/a/y")).isFalse();
    }

    @Test
    void onlyDeclaredContentTypesPassARawBody() {
        assertThat(BackendRequest.isRawBody("application/ocsp-request")).isTrue();
        assertThat(BackendRequest.isRawBody("Application/OCSP-Request; charset=binary")).isTrue();
        assertThat(BackendRequest.isRawBody("application/json")).isFalse();
        assertThat(BackendRequest.isRawBody(null)).isFalse();
    }

    @Test
    void theDispatcherHandsARawBodyToTheHandlerUnparsed() {
        byte[][] seen = new byte[1][];
        Backend b = Backend.builder("rawtest", Backend.Kind.SECRET)
                .paths(PathFamily.of("echo").write(r -> {
                    seen[0] = r.rawBody();
                    return BackendRequest.noContent();
                }, "Echo.").build())
                .build();
        BackendDispatcher d = new BackendDispatcher("test", List.of(b), JsonMapper.builder().build(), null);
        var ctx = new dev.arca.core.context.RequestContext("r", "update", "raw/echo", "raw/", "acc", "rawtest", java.util.Map.of(), "",
                "", "", List.of("root"), "127.0.0.1", 0, 0, "");
        byte[] der = {0x30, 0x03, 0x02, 0x01, 0x01};
        d.dispatch(ctx, java.util.Map.of(), JsonMapper.builder().build().missingNode(), der, "application/ocsp-request", n -> null);
        assertThat(seen[0]).isEqualTo(der);
        d.dispatch(ctx, java.util.Map.of(), JsonMapper.builder().build().readTree("{}"), "application/json", n -> null);
        assertThat(seen[0]).isEmpty();
    }
}
