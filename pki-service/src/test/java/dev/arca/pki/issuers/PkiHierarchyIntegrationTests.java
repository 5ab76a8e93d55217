package dev.arca.pki.issuers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.pki.PkiIntegrationTestSupport;
import dev.arca.pki.PkiMount;
import dev.arca.pki.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Root, intermediate, signed intermediate, role, leaf: checked by openssl and Java's PKIX validator. */
class PkiHierarchyIntegrationTests extends PkiIntegrationTestSupport {

    @TempDir
    Path dir;

    @Test
    void rootIntermediateRoleIssueVerifiesWithOpensslAndPkix() throws Exception {
        PkiMount root = mount();
        JsonNode r = root.postOk("root/generate/internal", Map.of("common_name", "Example Root", "ttl", "87600h", "key_type", "rsa",
                "key_bits", 2048, "issuer_name", "root-2026"));
        assertThat(r.has("private_key")).isFalse();
        assertThat(r.path("issuer_name").asString()).isEqualTo("root-2026");
        assertThat(r.path("serial_number").asString()).matches("([0-9a-f]{2}:)+[0-9a-f]{2}");
        String rootPem = r.path("certificate").asString();
        X509Certificate rootCert = Tools.certificate(rootPem);
        assertThat(rootCert.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(rootCert.getSubjectX500Principal().getName()).isEqualTo("CN=Example Root");

        PkiMount inter = mount();
        JsonNode gen = inter.postOk("intermediate/generate/internal", Map.of("common_name", "Example Intermediate", "key_type", "ec",
                "key_bits", 384));
        assertThat(gen.has("private_key")).isFalse();
        String csr = gen.path("csr").asString();
        assertThat(Tools.openssl(dir, "req", "-noout", "-verify", "-in", Tools.write(dir, "inter.csr", csr).toString()).output())
                .contains("verify OK");
        JsonNode signed = root.postOk("root/sign-intermediate", Map.of("csr", csr, "ttl", "43800h", "format", "pem_bundle"));
        assertThat(signed.path("ca_chain").get(0).asString()).isEqualTo(rootPem);
        JsonNode imported = inter.postOk("intermediate/set-signed", Map.of("certificate", signed.path("certificate").asString()));
        String issuerId = imported.path("imported_issuers").get(0).asString();
        assertThat(imported.path("mapping").path(issuerId).asString()).isEqualTo(gen.path("key_id").asString());
        assertThat(inter.read("config/issuers").path("default").asString()).isEqualTo(issuerId);

        inter.postOk("roles/svc", Map.of("allowed_domains", "svc.example", "allow_subdomains", true, "key_type", "ec", "ttl", "1h"));
        JsonNode leaf = inter.postOk("issue/svc", Map.of("common_name", "api.svc.example", "alt_names", "db.svc.example",
                "ip_sans", "10.0.0.7"));
        assertThat(leaf.path("private_key_type").asString()).isEqualTo("ec");
        assertThat(Tools.pemType(leaf.path("private_key").asString())).isEqualTo("EC PRIVATE KEY");
        X509Certificate leafCert = Tools.certificate(leaf.path("certificate").asString());
        assertThat(leafCert.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList()).contains((Object) "api.svc.example", "db.svc.example", "10.0.0.7");
        assertThat(leafCert.getNotAfter().getTime() - leafCert.getNotBefore().getTime()).isBetween(3_600_000L, 3_640_000L);
        assertThat(leafCert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        X509Certificate interCert = Tools.certificate(leaf.path("issuing_ca").asString());
        assertThat(leaf.path("ca_chain")).hasSize(2);

        Tools.write(dir, "root.pem", rootPem);
        Tools.write(dir, "inter.pem", leaf.path("issuing_ca").asString());
        Tools.write(dir, "leaf.pem", leaf.path("certificate").asString());
        Tools.Run verify = Tools.openssl(dir, "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem");
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("leaf.pem: OK");
        Tools.write(dir, "key.pem", leaf.path("private_key").asString());
        Tools.Run keyCheck = Tools.openssl(dir, "pkey", "-in", "key.pem", "-pubout");
        Tools.Run certKey = Tools.openssl(dir, "x509", "-in", "leaf.pem", "-noout", "-pubkey");
        assertThat(keyCheck.output()).isEqualTo(certKey.output());
        Tools.pkixValid(leafCert, List.of(interCert), rootCert);
        // the wrong root does not validate it
        PkiMount other = mount();
        String otherRoot = other.postOk("root/generate/internal", Map.of("common_name", "Other Root", "key_type", "ec"))
                .path("certificate").asString();
        Tools.write(dir, "other.pem", otherRoot);
        assertThat(Tools.openssl(dir, "verify", "-CAfile", "other.pem", "-untrusted", "inter.pem", "leaf.pem").exit()).isNotZero();
    }

    @Test
    void exportedIsTheOnlyWayAPrivateKeyLeavesAndKeysAreSealedAtRest() {
        PkiMount m = mount();
        JsonNode exported = m.postOk("root/generate/exported", Map.of("common_name", "Exported Root", "key_type", "rsa",
                "key_name", "root-key"));
        assertThat(Tools.pemType(exported.path("private_key").asString())).isEqualTo("RSA PRIVATE KEY");
        assertThat(exported.path("private_key_type").asString()).isEqualTo("rsa");
        String keyId = exported.path("key_id").asString();
        JsonNode key = m.read("key/root-key");
        assertThat(key.path("key_id").asString()).isEqualTo(keyId);
        assertThat(key.path("key_type").asString()).isEqualTo("rsa");
        assertThat(key.has("private_key")).isFalse();
        assertThat(m.data("LIST", "keys", null).path("keys")).extracting(JsonNode::asString).containsExactly(keyId);
        JsonNode issuer = m.read("issuer/" + exported.path("issuer_id").asString());
        assertThat(issuer.toString()).doesNotContain("PRIVATE KEY");
        assertThat(issuer.path("key_id").asString()).isEqualTo(keyId);

        // at rest: barrier ciphertext, not the key's DER
        byte[] stored = jdbc.sql("SELECT private_key FROM pki.pki_key WHERE mount_accessor = ?").param(m.accessor()).query(byte[].class)
                .single();
        String der = exported.path("private_key").asString().replaceAll("-----[A-Z ]+-----|\\s", "");
        byte[] pkcs1 = java.util.Base64.getDecoder().decode(der);
        assertThat(HexFormat.of().formatHex(stored)).doesNotContain(HexFormat.of().formatHex(pkcs1, 0, 32));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE");
    }

    @Test
    void severalIssuersDefaultRotateAndReplace() {
        PkiMount m = mount();
        String first = m.postOk("root/generate/internal", Map.of("common_name", "Root A", "key_type", "ec", "issuer_name", "a"))
                .path("issuer_id").asString();
        String second = m.postOk("root/rotate/internal", Map.of("common_name", "Root B", "key_type", "ec", "issuer_name", "b"))
                .path("issuer_id").asString();
        JsonNode list = m.data("LIST", "issuers", null);
        assertThat(list.path("keys")).extracting(JsonNode::asString).containsExactlyInAnyOrder(first, second);
        assertThat(list.path("key_info").path(first).path("is_default").asBoolean()).isTrue();
        assertThat(list.path("key_info").path(second).path("is_default").asBoolean()).isFalse();
        assertThat(Tools.certificate(new String(m.get("ca/pem").body(), StandardCharsets.US_ASCII)).getSubjectX500Principal().getName())
                .isEqualTo("CN=Root A");
        assertThat(m.postOk("root/replace", Map.of()).path("default").asString()).isEqualTo(second);
        assertThat(Tools.certificate(new String(m.get("ca/pem").body(), StandardCharsets.US_ASCII)).getSubjectX500Principal().getName())
                .isEqualTo("CN=Root B");
        m.postOk("config/issuers", Map.of("default", "a"));
        assertThat(m.read("config/issuers").path("default").asString()).isEqualTo(first);
        assertThat(m.error(400, "POST", "config/issuers", Map.of("default", "nope"))).contains("unable to find PKI issuer");
        m.postOk("issuer/b", Map.of("issuer_name", "b2", "leaf_not_after_behavior", "truncate"));
        assertThat(m.read("issuer/b2").path("leaf_not_after_behavior").asString()).isEqualTo("truncate");
        assertThat(m.error(400, "POST", "issuer/b2", Map.of("leaf_not_after_behavior", "sometimes"))).contains("leaf_not_after_behavior");
        // a key an issuer uses cannot be deleted
        String key = m.read("issuer/b2").path("key_id").asString();
        assertThat(m.error(400, "DELETE", "key/" + key, null)).contains("in use by an issuer");
        assertThat(m.call("DELETE", "issuer/b2", null).status()).isEqualTo(204);
        assertThat(m.call("DELETE", "key/" + key, null).status()).isEqualTo(204);
        assertThat(m.call("GET", "key/" + key, null).status()).isEqualTo(404);
    }

    @Test
    void signSelfIssuedCrossSignsAnotherRoot() throws Exception {
        PkiMount a = mount();
        String rootA = a.postOk("root/generate/internal", Map.of("common_name", "Root A", "key_type", "ec")).path("certificate").asString();
        PkiMount b = mount();
        String rootB = b.postOk("root/generate/internal", Map.of("common_name", "Root B", "key_type", "ec")).path("certificate").asString();
        JsonNode cross = a.postOk("root/sign-self-issued", Map.of("certificate", rootB));
        X509Certificate crossCert = Tools.certificate(cross.path("certificate").asString());
        assertThat(crossCert.getIssuerX500Principal().getName()).isEqualTo("CN=Root A");
        assertThat(crossCert.getSubjectX500Principal().getName()).isEqualTo("CN=Root B");
        crossCert.verify(Tools.certificate(rootA).getPublicKey());
        assertThat(a.error(400, "POST", "root/sign-self-issued", Map.of("certificate", cross.path("certificate").asString())))
                .contains("not self-issued");
    }

    @Test
    void sealedAnswers503AndUnsealedIssuesAgain() {
        PkiMount m = mountWithRoot();
        m.postOk("issue/web", Map.of("common_name", "before.example.com"));
        barrier.seal();
        try {
            assertThat(m.call("POST", "issue/web", Map.of("common_name", "sealed.example.com")).status()).isEqualTo(503);
            assertThat(m.get("ca").status()).isEqualTo(503);
        } finally {
            barrier.unseal(dev.arca.test.TestGateway.KEYRING);
        }
        m.postOk("issue/web", Map.of("common_name", "after.example.com"));
    }

    @Test
    void configUrlsGoIntoIssuedCertificates() {
        PkiMount m = mountWithRoot();
        JsonNode urls = m.postOk("config/urls", Map.of("issuing_certificates", "https://arca.example/v1/pki/ca",
                "crl_distribution_points", List.of("https://arca.example/v1/pki/crl"), "ocsp_servers", "https://arca.example/v1/pki/ocsp"));
        assertThat(urls.path("ocsp_servers")).extracting(JsonNode::asString).containsExactly("https://arca.example/v1/pki/ocsp");
        assertThat(m.error(400, "POST", "config/urls", Map.of("ocsp_servers", "not a url"))).contains("invalid URL");
        Tools.write(dir, "leaf.pem", m.postOk("issue/web", Map.of("common_name", "u.example.com")).path("certificate").asString());
        assertThat(Tools.openssl(dir, "x509", "-in", "leaf.pem", "-noout", "-ocsp_uri").output().trim())
                .isEqualTo("https://arca.example/v1/pki/ocsp");
        assertThat(Tools.openssl(dir, "x509", "-in", "leaf.pem", "-noout", "-ext", "crlDistributionPoints,authorityInfoAccess").output())
                .contains("URI:https://arca.example/v1/pki/crl", "CA Issuers - URI:https://arca.example/v1/pki/ca");
        assertThat(m.postOk("config/cluster", Map.of("path", "https://arca.example/v1/pki")).path("path").asString())
                .isEqualTo("https://arca.example/v1/pki");
        assertThat(m.read("config/cluster").path("aia_path").asString()).isEmpty();
    }

    @Test
    void rejectsBadGenerationInput() {
        PkiMount m = mount();
        assertThat(m.error(400, "POST", "root/generate/internal", Map.of("key_type", "ec"))).contains("common_name");
        assertThat(m.error(400, "POST", "root/generate/internal", Map.of("common_name", "x", "key_type", "rsa", "key_bits", 1024)))
                .contains("unsupported bit length");
        assertThat(m.error(400, "POST", "root/generate/internal", Map.of("common_name", "x", "key_type", "dsa"))).contains("unknown key type");
        assertThat(m.error(400, "POST", "root/generate/sideways", Map.of("common_name", "x"))).contains("invalid type");
        assertThat(m.error(400, "POST", "root/generate/internal", Map.of("common_name", "x", "max_path_length", 5000)))
                .contains("max_path_length");
        assertThat(m.error(400, "POST", "root/generate/internal", Map.of("common_name", "x", "format", "xml"))).contains("format");
        assertThat(m.error(400, "POST", "root/sign-intermediate", Map.of("csr", "not a csr"))).isNotEmpty();
    }
}
