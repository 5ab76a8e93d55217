package dev.arca.pki.crl;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** Raw (non-JSON) answers with Vault's content types; an empty body is a 204, as Vault answers it. */
public final class Raw {

    public static final String PKIX_CERT = "application/pkix-cert";
    public static final String PEM_CHAIN = "application/pem-certificate-chain";
    public static final String PKIX_CRL = "application/pkix-crl";
    public static final String PEM_FILE = "application/x-pem-file";
    public static final String OCSP_RESPONSE = "application/ocsp-response";

    private Raw() {
    }

    public static ResponseEntity<byte[]> of(String contentType, byte[] body) {
        return ResponseEntity.status(body.length == 0 ? 204 : 200).header(HttpHeaders.CONTENT_TYPE, contentType).body(body);
    }

    public static ResponseEntity<byte[]> of(String contentType, String body) {
        return of(contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
