package dev.arca.identity.kubernetes;

import dev.arca.core.api.VaultException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public keys of {@code pem_keys}: each entry a PEM {@code PUBLIC KEY}, {@code RSA PUBLIC KEY} or
 * {@code CERTIFICATE} holding an RSA or ECDSA key, as Vault's {@code parsePublicKeyPEM} takes them.
 */
final class PemKeys {

    /** At most this many keys in one configuration. */
    static final int MAX_KEYS = 100;
    static final String INVALID = "data does not contain any valid RSA or ECDSA public keys";
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemKeys() {
    }

    /** Every key of the entries; a 400 when an entry holds none or something else. */
    static List<PublicKey> parse(List<String> entries) {
        if (entries.size() > MAX_KEYS) {
            throw VaultException.badRequest("at most " + MAX_KEYS + " pem_keys");
        }
        List<PublicKey> keys = new ArrayList<>();
        for (String entry : entries) {
            keys.add(parseOne(entry));
        }
        return keys;
    }

    private static PublicKey parseOne(String pem) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw VaultException.badRequest(INVALID);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            PublicKey key = switch (m.group(1)) {
                case "CERTIFICATE" -> CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                case "RSA PUBLIC KEY" -> rsaPkcs1(der);
                case "PUBLIC KEY" -> spki(der);
                default -> throw VaultException.badRequest(INVALID);
            };
            if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
                throw VaultException.badRequest(INVALID);
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw VaultException.badRequest(INVALID);
        }
    }

    private static PublicKey spki(byte[] der) throws GeneralSecurityException {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // the other algorithm, then a 400
            }
        }
        throw new GeneralSecurityException("not an RSA or EC key");
    }

    private static PublicKey rsaPkcs1(byte[] der) throws GeneralSecurityException {
        org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
    }
}
