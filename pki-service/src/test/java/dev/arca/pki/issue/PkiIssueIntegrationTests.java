package dev.arca.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.pki.PkiIntegrationTestSupport;
import dev.arca.pki.PkiMount;
import dev.arca.pki.Tools;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Roles' name, key, TTL and usage rules on issue and sign, with CSRs made by openssl. */
class PkiIssueIntegrationTests extends PkiIntegrationTestSupport {

    @TempDir
    Path dir;

    @Test
    void domainRules() {
        PkiMount m = mountWithRoot();
        m.postOk("issue/web", Map.of("common_name", "a.example.com"));
        m.postOk("issue/web", Map.of("common_name", "*.example.com"));
        m.postOk("issue/web", Map.of("common_name", "localhost"));
        assertThat(m.error(400, "POST", "issue/web", Map.of("common_name", "example.com"))).isEqualTo("common name example.com not allowed by this role");
        assertThat(m.error(400, "POST", "issue/web", Map.of("common_name", "a.example.org"))).contains("not allowed by this role");
        assertThat(m.error(400, "POST", "issue/web", Map.of("common_name", "a.example.com", "alt_names", "b.evil.com")))
                .isEqualTo("subject alternate name b.evil.com not allowed by this role");
        assertThat(m.error(400, "POST", "issue/web", Map.of())).contains("common_name field is required");
        assertThat(m.error(400, "POST", "issue/web", Map.of("common_name", "bad_name.example.com"))).contains("not allowed");
        assertThat(m.error(400, "POST", "issue/nope", Map.of("common_name", "a.example.com"))).isEqualTo("unknown role: nope");

        m.postOk("roles/bare", Map.of("allowed_domains", List.of("example.com"), "allow_bare_domains", true, "allow_localhost", false,
                "key_type", "ec"));
        m.postOk("issue/bare", Map.of("common_name", "example.com"));
        assertThat(m.error(400, "POST", "issue/bare", Map.of("common_name", "a.example.com"))).contains("not allowed");
        assertThat(m.error(400, "POST", "issue/bare", Map.of("common_name", "localhost"))).contains("not allowed");

        m.postOk("roles/glob", Map.of("allowed_domains", "*.svc.cluster.local", "allow_glob_domains", true, "key_type", "ec"));
        m.postOk("issue/glob", Map.of("common_name", "db.ns.svc.cluster.local"));
        assertThat(m.error(400, "POST", "issue/glob", Map.of("common_name", "svc.cluster.local"))).contains("not allowed");

        m.postOk("roles/any", Map.of("allow_any_name", true, "enforce_hostnames", false, "key_type", "ec", "allow_ip_sans", false,
                "allowed_uri_sans", "spiffe://cluster/*", "allowed_other_sans", "1.3.6.1.4.1.311.20.2.3;UTF8:*@example.com"));
        m.postOk("issue/any", Map.of("common_name", "Any Name At All", "uri_sans", "spiffe://cluster/ns/default",
                "other_sans", "1.3.6.1.4.1.311.20.2.3;UTF8:devops@example.com"));
        assertThat(m.error(400, "POST", "issue/any", Map.of("common_name", "x", "ip_sans", "10.1.1.1")))
                .startsWith("IP Subject Alternative Names are not allowed in this role");
        assertThat(m.error(400, "POST", "issue/any", Map.of("common_name", "x", "uri_sans", "https://elsewhere")))
                .startsWith("URI Subject Alternative Names are not allowed");
        assertThat(m.error(400, "POST", "issue/any", Map.of("common_name", "x", "other_sans", "1.3.6.1.4.1.311.20.2.3;UTF8:a@b.org")))
                .contains("not allowed for OID");
        assertThat(m.error(400, "POST", "issue/any", Map.of("common_name", "x", "ip_sans", "999.1.1.1"))).isNotEmpty();
    }

    @Test
    void keyTypesAndSizes() {
        PkiMount m = mountWithRoot();
        for (Object[] spec : new Object[][] {{"rsa", 2048}, {"rsa", 3072}, {"ec", 256}, {"ec", 384}, {"ec", 521}, {"ed25519", 0}}) {
            String role = "k-" + spec[0] + spec[1];
            m.postOk("roles/" + role, Map.of("allowed_domains", "example.com", "allow_subdomains", true, "key_type", spec[0],
                    "key_bits", spec[1]));
            JsonNode issued = m.postOk("issue/" + role, Map.of("common_name", "k.example.com"));
            X509Certificate c = Tools.certificate(issued.path("certificate").asString());
            assertThat(issued.path("private_key_type").asString()).isEqualTo(spec[0]);
            switch ((String) spec[0]) {
                case "rsa" -> assertThat(((RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(spec[1]);
                case "ec" -> assertThat(((ECPublicKey) c.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(spec[1]);
                default -> assertThat(c.getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
            }
        }
        assertThat(m.error(400, "POST", "roles/bad", Map.of("key_type", "ec", "key_bits", 512))).contains("unsupported bit length");
        assertThat(m.error(400, "POST", "roles/bad", Map.of("key_type", "rsa", "key_bits", 99999))).contains("key_bits");
        m.postOk("roles/anykey", Map.of("allow_any_name", true, "key_type", "any"));
        assertThat(m.error(400, "POST", "issue/anykey", Map.of("common_name", "x"))).contains("only signing");
    }

    @Test
    void ttlIsCappedByRoleAndRefusedBeyondTheIssuer() {
        PkiMount m = mount();
        m.postOk("root/generate/internal", Map.of("common_name", "Short Root", "key_type", "ec", "ttl", "48h"));
        m.postOk("roles/r", Map.of("allow_any_name", true, "key_type", "ec", "ttl", "1h", "max_ttl", "10h", "not_before_duration", "0s"));
        X509Certificate def = Tools.certificate(m.postOk("issue/r", Map.of("common_name", "a")).path("certificate").asString());
        assertThat(def.getNotAfter().getTime() - def.getNotBefore().getTime()).isBetween(3_599_000L, 3_601_000L);
        X509Certificate capped = Tools.certificate(m.postOk("issue/r", Map.of("common_name", "a", "ttl", "20h")).path("certificate")
                .asString());
        assertThat(capped.getNotAfter().getTime() - capped.getNotBefore().getTime()).isBetween(35_999_000L, 36_001_000L);
        m.postOk("roles/long", Map.of("allow_any_name", true, "key_type", "ec", "max_ttl", "1000h"));
        assertThat(m.error(400, "POST", "issue/long", Map.of("common_name", "a", "ttl", "100h")))
                .contains("beyond the expiration of the CA certificate");
        assertThat(m.error(400, "POST", "issue/long", Map.of("common_name", "a", "ttl", "-5s"))).contains("ttl");
        assertThat(m.error(400, "POST", "roles/bad", Map.of("ttl", "2h", "max_ttl", "1h"))).contains("max_ttl");
    }

    @Test
    void signTakesTheCsrUnderTheRoleAndVerbatimTakesItAsItIs() {
        PkiMount m = mountWithRoot();
        Tools.openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
                "-out", "r.csr", "-subj", "/O=Ignored/CN=app.example.com", "-addext", "subjectAltName=DNS:app.example.com,DNS:www.example.com");
        String csr = Tools.read(dir.resolve("r.csr"));
        JsonNode signed = m.postOk("sign/web", Map.of("csr", csr, "ttl", "2h"));
        assertThat(signed.has("private_key")).isFalse();
        X509Certificate c = Tools.certificate(signed.path("certificate").asString());
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=app.example.com");
        Tools.write(dir, "leaf.pem", signed.path("certificate").asString());
        assertThat(Tools.openssl(dir, "x509", "-in", "leaf.pem", "-noout", "-ext", "subjectAltName").output())
                .contains("DNS:app.example.com", "DNS:www.example.com");
        Tools.write(dir, "ca.pem", signed.path("issuing_ca").asString());
        assertThat(Tools.openssl(dir, "verify", "-CAfile", "ca.pem", "leaf.pem").output()).contains("leaf.pem: OK");

        Tools.openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k2.pem",
                "-out", "evil.csr", "-subj", "/CN=app.evil.com");
        assertThat(m.error(400, "POST", "sign/web", Map.of("csr", Tools.read(dir.resolve("evil.csr"))))).contains("not allowed by this role");
        JsonNode verbatim = m.postOk("sign-verbatim", Map.of("csr", Tools.read(dir.resolve("evil.csr")), "ttl", "1h"));
        assertThat(Tools.certificate(verbatim.path("certificate").asString()).getSubjectX500Principal().getName()).isEqualTo("CN=app.evil.com");

        Tools.openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "k3.pem", "-out", "rsa.csr", "-subj", "/CN=r.example.com");
        assertThat(m.error(400, "POST", "sign/web", Map.of("csr", Tools.read(dir.resolve("rsa.csr"))))).contains("role requires keys of type ec");
        String tampered = csr.replace(csr.substring(100, 104), "AAAA");
        assertThat(m.error(400, "POST", "sign/web", Map.of("csr", tampered))).isNotEmpty();
    }

    @Test
    void formatsAndUsages() throws Exception {
        PkiMount m = mountWithRoot();
        JsonNode der = m.postOk("issue/web", Map.of("common_name", "d.example.com", "format", "der", "private_key_format", "pkcs8"));
        assertThat(der.path("certificate").asString()).doesNotContain("BEGIN");
        java.util.Base64.getDecoder().decode(der.path("certificate").asString());
        JsonNode pkcs8 = m.postOk("issue/web", Map.of("common_name", "d.example.com", "private_key_format", "pkcs8"));
        assertThat(Tools.pemType(pkcs8.path("private_key").asString())).isEqualTo("PRIVATE KEY");
        JsonNode bundle = m.postOk("issue/web", Map.of("common_name", "d.example.com", "format", "pem_bundle"));
        assertThat(Tools.pemType(bundle.path("certificate").asString())).isEqualTo("EC PRIVATE KEY");
        assertThat(bundle.path("certificate").asString()).contains("BEGIN CERTIFICATE");
        JsonNode excluded = m.postOk("issue/web", Map.of("common_name", "e.example.com", "exclude_cn_from_sans", true,
                "alt_names", "f.example.com"));
        assertThat(Tools.certificate(excluded.path("certificate").asString()).getSubjectAlternativeNames()).hasSize(1);

        m.postOk("roles/client", Map.of("allow_any_name", true, "key_type", "ec", "server_flag", false, "key_usage", "DigitalSignature",
                "ext_key_usage_oids", "1.3.6.1.5.5.7.3.4"));
        X509Certificate c = Tools.certificate(m.postOk("issue/client", Map.of("common_name", "me")).path("certificate").asString());
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4");
        assertThat(c.getKeyUsage()[0]).isTrue();
        assertThat(c.getKeyUsage()[2]).isFalse();
        assertThat(m.error(400, "POST", "roles/x", Map.of("key_usage", "Juggling"))).contains("unrecognized key usage");
        JsonNode role = m.read("roles/client");
        assertThat(role.path("key_usage")).extracting(JsonNode::asString).containsExactly("DigitalSignature");
        assertThat(role.path("allow_subdomains").asBoolean()).isFalse();
        assertThat(role.path("issuer_ref").asString()).isEqualTo("default");
        assertThat(m.data("LIST", "roles", null).path("keys")).extracting(JsonNode::asString).containsExactly("client", "web");
        assertThat(m.call("DELETE", "roles/client", null).status()).isEqualTo(204);
        assertThat(m.call("GET", "roles/client", null).status()).isEqualTo(404);
    }
}
