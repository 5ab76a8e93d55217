package dev.arca.pki.issue;

import dev.arca.core.api.VaultException;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Serials;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * A certificate response in Vault's shape for a {@code format} (pem, der as base64, pem_bundle) and
 * {@code private_key_format} (der: PKCS#1/SEC1, or pkcs8): {@code certificate}, {@code issuing_ca},
 * {@code ca_chain}, {@code serial_number}, {@code expiration}, and the private key when one was generated.
 */
public record Output(String format, boolean pkcs8) {

    public static Output of(String format, String privateKeyFormat) {
        if (!List.of("pem", "der", "pem_bundle").contains(format)) {
            throw VaultException.badRequest("unknown format \"" + format + "\", must be one of pem, der, pem_bundle");
        }
        if (!List.of("", "der", "pem", "pkcs8").contains(privateKeyFormat)) {
            throw VaultException.badRequest("unknown private_key_format \"" + privateKeyFormat + "\"");
        }
        return new Output(format, privateKeyFormat.equals("pkcs8"));
    }

    /**
     * @param issuerChain the issuer's certificate and those above it (PEM), empty for a self-signed certificate
     */
    public Map<String, Object> certificate(X509CertificateHolder cert, List<String> issuerChain, @Nullable KeyPair key,
            boolean removeRoots) {
        Map<String, Object> data = new LinkedHashMap<>();
        String certPem = Pem.certificate(cert);
        String issuing = issuerChain.isEmpty() ? certPem : issuerChain.getFirst();
        List<String> chain = new ArrayList<>();
        for (String c : issuerChain) {
            if (!(removeRoots && selfSigned(c))) {
                chain.add(c);
            }
        }
        String keyPem = key == null ? null : Pem.privateKey(key, pkcs8);
        switch (format) {
            case "der" -> {
                data.put("certificate", der(certPem));
                data.put("issuing_ca", der(issuing));
                data.put("ca_chain", chain.stream().map(Output::der).toList());
                if (keyPem != null) {
                    data.put("private_key", der(keyPem));
                }
            }
            case "pem_bundle" -> {
                StringBuilder bundle = new StringBuilder();
                if (keyPem != null) {
                    bundle.append(keyPem).append('\n');
                }
                bundle.append(certPem);
                if (!issuerChain.isEmpty()) {
                    bundle.append('\n').append(issuing);
                }
                data.put("certificate", bundle.toString());
                data.put("issuing_ca", issuing);
                data.put("ca_chain", chain);
                if (keyPem != null) {
                    data.put("private_key", keyPem);
                }
            }
            default -> {
                data.put("certificate", certPem);
                data.put("issuing_ca", issuing);
                data.put("ca_chain", chain);
                if (keyPem != null) {
                    data.put("private_key", keyPem);
                }
            }
        }
        if (key != null) {
            data.put("private_key_type", Pem.keyType(key.getPublic()));
        }
        data.put("serial_number", Serials.format(cert.getSerialNumber()));
        data.put("expiration", cert.getNotAfter().toInstant().getEpochSecond());
        return data;
    }

    /** A PEM object as its base64 DER ({@code format=der}). */
    public static String der(String pem) {
        return pem.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
    }

    private static boolean selfSigned(String pem) {
        X509CertificateHolder c = Pem.certificate(pem, "ca_chain");
        return c.getIssuer().equals(c.getSubject());
    }
}
