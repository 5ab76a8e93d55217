package dev.arca.pki.revoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.pki.PkiIntegrationTestSupport;
import dev.arca.pki.PkiMount;
import dev.arca.pki.Tools;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Revocation seen by openssl: in the CRL (complete and delta), and through the OCSP responder (GET and POST). */
class PkiRevocationIntegrationTests extends PkiIntegrationTestSupport {

    @TempDir
    Path dir;

    @Test
    void revokedCertificateIsInTheCrlAndFailsOcsp() throws Exception {
        PkiMount m = mountWithRoot();
        JsonNode good = m.postOk("issue/web", Map.of("common_name", "good.example.com"));
        JsonNode bad = m.postOk("issue/web", Map.of("common_name", "bad.example.com"));
        String badSerial = bad.path("serial_number").asString();
        Tools.write(dir, "ca.pem", good.path("issuing_ca").asString());
        Tools.write(dir, "good.pem", good.path("certificate").asString());
        Tools.write(dir, "bad.pem", bad.path("certificate").asString());

        assertThat(m.read("cert/" + badSerial).path("revocation_time").asLong()).isZero();
        JsonNode revoked = m.postOk("revoke", Map.of("serial_number", badSerial));
        assertThat(revoked.path("state").asString()).isEqualTo("revoked");
        long at = revoked.path("revocation_time").asLong();
        assertThat(at).isPositive();
        // idempotent: the first time stays
        assertThat(m.postOk("revoke", Map.of("certificate", bad.path("certificate").asString())).path("revocation_time").asLong())
                .isEqualTo(at);
        assertThat(m.read("cert/" + badSerial.replace(':', '-')).path("revocation_time").asLong()).isEqualTo(at);
        assertThat(m.data("LIST", "certs/revoked", null).path("keys")).extracting(JsonNode::asString).containsExactly(badSerial);
        assertThat(m.error(400, "POST", "revoke", Map.of("serial_number", "01:02"))).isEqualTo("certificate with serial 01:02 not found.");

        PkiMount.Raw crl = m.get("crl");
        assertThat(crl.status()).isEqualTo(200);
        assertThat(crl.contentType()).isEqualTo("application/pkix-crl");
        Tools.write(dir, "crl.der", crl.body());
        Tools.Run text = Tools.openssl(dir, "crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text", "-CAfile", "ca.pem");
        assertThat(text.output()).contains("verify OK").contains(badSerial.replace(":", "").toUpperCase())
                .doesNotContain(good.path("serial_number").asString().replace(":", "").toUpperCase());
        PkiMount.Raw crlPem = m.get("crl/pem");
        assertThat(crlPem.contentType()).isEqualTo("application/x-pem-file");
        Files.write(dir.resolve("crl.pem"), crlPem.body());
        Tools.Run check = Tools.openssl(dir, "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "bad.pem");
        assertThat(check.exit()).isNotZero();
        assertThat(check.output()).contains("certificate revoked");
        assertThat(Tools.openssl(dir, "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem", "good.pem").output())
                .contains("good.pem: OK");

        // OCSP over GET (base64 request in the path) and POST (DER body)
        assertThat(ocspGet(m, "good.pem")).contains("Cert Status: good");
        assertThat(ocspGet(m, "bad.pem")).contains("Cert Status: revoked");
        Tools.openssl(dir, "ocsp", "-issuer", "ca.pem", "-cert", "bad.pem", "-reqout", "post.der", "-no_nonce");
        PkiMount.Raw posted = m.raw("POST", "ocsp", Files.readAllBytes(dir.resolve("post.der")), "application/ocsp-request");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.contentType()).isEqualTo("application/ocsp-response");
        Tools.write(dir, "post-resp.der", posted.body());
        assertThat(Tools.openssl(dir, "ocsp", "-respin", "post-resp.der", "-issuer", "ca.pem", "-cert", "bad.pem", "-CAfile", "ca.pem")
                .output()).contains("Response verify OK", "bad.pem: revoked");
        PkiMount.Raw malformed = m.raw("POST", "ocsp", new byte[] {1, 2, 3}, "application/ocsp-request");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).isEqualTo("application/ocsp-response");
    }

    private String ocspGet(PkiMount m, String cert) throws Exception {
        // The service is called directly here (no gateway), so the path avoids "//": GET suits requests
        // whose base64 has none; a fresh nonce gives another encoding. POST has no such limit.
        String b64;
        do {
            Tools.openssl(dir, "ocsp", "-issuer", "ca.pem", "-cert", cert, "-reqout", "req.der");
            b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("req.der")));
        } while (b64.contains("//") || b64.startsWith("/"));
        PkiMount.Raw resp = m.get("ocsp/" + URLEncoder.encode(b64, StandardCharsets.US_ASCII).replace("%2F", "/"));
        assertThat(resp.status()).as(resp.contentType() + " " + new String(resp.body(), StandardCharsets.ISO_8859_1) + " for " + b64)
                .isEqualTo(200);
        Tools.write(dir, "resp.der", resp.body());
        // the response is checked against the request it answers: signature, and the nonce echoed
        Tools.Run run = Tools.openssl(dir, "ocsp", "-reqin", "req.der", "-respin", "resp.der", "-CAfile", "ca.pem", "-resp_text");
        assertThat(run.output()).contains("Response verify OK").doesNotContain("Nonce Verify error");
        return run.output();
    }

    @Test
    void deltaCrlRotateAndConfig() {
        PkiMount m = mountWithRoot();
        assertThat(m.error(400, "POST", "config/crl", Map.of("enable_delta", true))).contains("require auto_rebuild");
        JsonNode config = m.postOk("config/crl", Map.of("enable_delta", true, "auto_rebuild", true, "expiry", "48h"));
        assertThat(config.path("expiry").asString()).isEqualTo("48h");
        assertThat(config.path("ocsp_expiry").asString()).isEqualTo("12h");
        assertThat(m.error(400, "POST", "config/crl", Map.of("expiry", "1h", "auto_rebuild_grace_period", "2h"))).contains("grace period");
        assertThat(m.error(400, "POST", "config/crl", Map.of("expiry", "soon"))).isNotEmpty();
        String ca = m.postOk("issue/web", Map.of("common_name", "x.example.com")).path("issuing_ca").asString();
        Tools.write(dir, "ca.pem", ca);
        assertThat(m.read("crl/rotate").path("success").asBoolean()).isTrue();
        String serial = m.postOk("issue/web", Map.of("common_name", "y.example.com")).path("serial_number").asString();
        m.postOk("revoke", Map.of("serial_number", serial));
        Tools.write(dir, "delta.der", m.get("crl/delta").body());
        Tools.Run delta = Tools.openssl(dir, "crl", "-inform", "DER", "-in", "delta.der", "-noout", "-text", "-CAfile", "ca.pem");
        assertThat(delta.output()).contains("verify OK", "Delta CRL Indicator", serial.replace(":", "").toUpperCase());
        Tools.write(dir, "full.der", m.get("crl").body());
        Tools.Run full = Tools.openssl(dir, "crl", "-inform", "DER", "-in", "full.der", "-noout", "-text");
        assertThat(full.output()).contains(serial.replace(":", "").toUpperCase()).doesNotContain("Delta CRL Indicator");
        String issuer = m.read("config/issuers").path("default").asString();
        assertThat(m.read("issuer/" + issuer + "/crl").path("crl").asString()).startsWith("-----BEGIN X509 CRL-----");
        assertThat(m.get("issuer/" + issuer + "/crl/der").contentType()).isEqualTo("application/pkix-crl");
    }

    @Test
    void revokeWithKeyNeedsTheMatchingKey() {
        PkiMount m = mountWithRoot();
        JsonNode a = m.postOk("issue/web", Map.of("common_name", "a.example.com"));
        JsonNode b = m.postOk("issue/web", Map.of("common_name", "b.example.com"));
        assertThat(m.error(400, "POST", "revoke-with-key", Map.of("serial_number", a.path("serial_number").asString(),
                "private_key", b.path("private_key").asString()))).contains("does not match");
        assertThat(m.read("cert/" + a.path("serial_number").asString()).path("revocation_time").asLong()).isZero();
        m.postOk("revoke-with-key", Map.of("certificate", a.path("certificate").asString(), "private_key", a.path("private_key").asString()));
        assertThat(m.read("cert/" + a.path("serial_number").asString()).path("revocation_time").asLong()).isPositive();
    }

    @Test
    void noStoreKeepsCertificatesOutOfTheStoreAndTidyRemovesExpiredOnes() throws Exception {
        PkiMount m = mountWithRoot();
        m.postOk("roles/ephemeral", Map.of("allowed_domains", "example.com", "allow_subdomains", true, "key_type", "ec", "no_store", true));
        JsonNode e = m.postOk("issue/ephemeral", Map.of("common_name", "e.example.com"));
        assertThat(m.call("GET", "cert/" + e.path("serial_number").asString(), null).status()).isEqualTo(404);
        // a certificate the mount signed but did not keep can still be revoked by its PEM
        m.postOk("revoke", Map.of("certificate", e.path("certificate").asString()));
        assertThat(m.read("cert/" + e.path("serial_number").asString()).path("revocation_time").asLong()).isPositive();

        m.postOk("roles/short", Map.of("allowed_domains", "example.com", "allow_subdomains", true, "key_type", "ec", "ttl", "1s",
                "not_before_duration", "0s"));
        String shortLived = m.postOk("issue/short", Map.of("common_name", "s.example.com")).path("serial_number").asString();
        String kept = m.postOk("issue/web", Map.of("common_name", "k.example.com")).path("serial_number").asString();
        jdbc.sql("UPDATE pki.pki_cert SET not_after = now() - interval '10 days' WHERE serial = ?").param(shortLived).update();
        JsonNode started = m.call("POST", "tidy", Map.of("tidy_cert_store", true, "safety_buffer", "72h")).json();
        assertThat(started.path("warnings").get(0).asString()).contains("Tidy operation successfully started");
        JsonNode status;
        do {
            status = m.read("tidy-status");
        } while (status.path("state").asString().equals("Running"));
        assertThat(status.path("state").asString()).isEqualTo("Finished");
        assertThat(status.path("cert_store_deleted_count").asLong()).isEqualTo(1);
        assertThat(m.call("GET", "cert/" + shortLived, null).status()).isEqualTo(404);
        assertThat(m.call("GET", "cert/" + kept, null).status()).isEqualTo(200);
        assertThat(m.error(400, "POST", "tidy", Map.of())).contains("no tidy operations");
        assertThat(m.error(400, "POST", "tidy", Map.of("tidy_cert_store", true, "safety_buffer", "0s"))).contains("safety_buffer");
    }
}
