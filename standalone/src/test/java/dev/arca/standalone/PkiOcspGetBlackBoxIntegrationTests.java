package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultMount;

/**
 * OCSP over GET as clients send it: the base64 request URL-encoded in the path, its {@code /} as
 * {@code %2F} (Java's own client), or its {@code //} sent as it is. Java's PKIX validation checks an
 * issued certificate whose AIA names the mount's responder, for a good and a revoked certificate.
 */
class PkiOcspGetBlackBoxIntegrationTests {

    private static final String MOUNT = "pki-ocspget";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static VaultTemplate root;
    private static X509Certificate ca;
    private static DigestCalculatorProvider digests;
    private static final Map<BigInteger, String> SERIALS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void mount() throws Exception {
        root = DevPlatform.root();
        root.opsForSys().mount(MOUNT, VaultMount.create("pki"));
        root.write("sys/mounts/" + MOUNT + "/tune", Map.of("max_lease_ttl", "87600h"));
        ca = certificate(root.write(MOUNT + "/root/generate/internal", Map.of("common_name", "Arca OCSP GET Root", "ttl", "87600h",
                "key_type", "ec")).getRequiredData().get("certificate").toString());
        root.write(MOUNT + "/config/urls", Map.of("ocsp_servers", responder()));
        root.write(MOUNT + "/roles/svc", Map.of("allowed_domains", "svc.local", "allow_subdomains", true, "key_type", "ec",
                "max_ttl", "72h"));
        digests = new JcaDigestCalculatorProviderBuilder().build();
    }

    @Test
    void javasRevocationCheckerAsksOverGetWithEncodedSlashes() throws Exception {
        X509Certificate good = issueWithSlashInItsRequest("good");
        X509Certificate revoked = issueWithSlashInItsRequest("revoked");
        root.write(MOUNT + "/revoke", Map.of("serial_number", serial(revoked)));

        assertThat(validate(good).getTrustAnchor().getTrustedCert()).isEqualTo(ca);
        assertThatThrownBy(() -> validate(revoked)).isInstanceOfSatisfying(CertPathValidatorException.class,
                e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }

    @Test
    void aRequestWhoseBase64HoldsDoubleSlashesIsReadAsSent() throws Exception {
        X509Certificate good = issue("double.svc.local");
        X509Certificate revoked = issue("double-revoked.svc.local");
        root.write(MOUNT + "/revoke", Map.of("serial_number", serial(revoked)));
        for (X509Certificate cert : List.of(good, revoked)) {
            byte[] nonce = new byte[0];
            String b64 = "";
            while (!(b64.contains("//") && b64.contains("+") && b64.endsWith("="))) {
                nonce = new byte[16 + RANDOM.nextInt(3)];
                RANDOM.nextBytes(nonce);
                b64 = Base64.getEncoder().encodeToString(request(cert, nonce));
            }
            String encoded = URLEncoder.encode(b64, StandardCharsets.US_ASCII);
            // Java's client and most others encode every '/'; some send them as they are, "//" included.
            for (String sent : List.of(encoded, encoded.replace("%2F", "/"), encoded.replace("%2F", "%2f").replace("%2B", "+"))) {
                BasicOCSPResp answer = ask(sent);
                assertThat(answer.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets())
                        .as("the nonce of the request as sent: " + sent).isEqualTo(nonce);
                CertificateStatus status = answer.getResponses()[0].getCertStatus();
                if (cert == good) {
                    assertThat(status).as(sent).isEqualTo(CertificateStatus.GOOD);
                } else {
                    assertThat(status).as(sent).isInstanceOf(RevokedStatus.class);
                }
            }
        }
    }

    /** Java's PKIX validation of {@code cert} against the mount's CA, revocation by OCSP only, asked of the AIA's responder. */
    private static java.security.cert.PKIXCertPathValidatorResult validate(X509Certificate cert) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.addCertPathChecker(checker);
        return (java.security.cert.PKIXCertPathValidatorResult) validator.validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
    }

    /**
     * Issues certificates until the request Java's client sends for one (SHA-1 certificate id, no nonce)
     * holds a {@code /} in its base64, and that request fits the length Java sends over GET.
     */
    private static X509Certificate issueWithSlashInItsRequest(String name) throws Exception {
        for (int i = 0; i < 100; i++) {
            X509Certificate cert = issue(name + i + ".svc.local");
            String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request(cert, null)), StandardCharsets.UTF_8);
            if (encoded.contains("%2F") && (responder() + "/" + encoded).length() <= 255) {
                return cert;
            }
        }
        throw new AssertionError("no certificate's OCSP request held a '/' in its base64");
    }

    private static byte[] request(X509Certificate cert, byte[] nonce) throws Exception {
        OCSPReqBuilder b = new OCSPReqBuilder().addRequest(new CertificateID(digests.get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(ca.getEncoded()), cert.getSerialNumber()));
        if (nonce != null) {
            b.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce))));
        }
        return b.build().getEncoded();
    }

    private static BasicOCSPResp ask(String encodedRequest) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(responder() + "/" + encodedRequest))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(encodedRequest).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/ocsp-response");
        OCSPResp resp = new OCSPResp(r.body());
        assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.getPublicKey()))).isTrue();
        return basic;
    }

    private static X509Certificate issue(String commonName) throws Exception {
        Map<String, Object> data = root.write(MOUNT + "/issue/svc", Map.of("common_name", commonName, "ttl", "1h")).getRequiredData();
        X509Certificate cert = certificate(data.get("certificate").toString());
        SERIALS.put(cert.getSerialNumber(), data.get("serial_number").toString());
        return cert;
    }

    /** The serial number of a certificate this test issued, as the engine writes it. */
    private static String serial(X509Certificate cert) {
        return SERIALS.get(cert.getSerialNumber());
    }

    private static String responder() {
        return DevPlatform.address() + "/v1/" + MOUNT + "/ocsp";
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
