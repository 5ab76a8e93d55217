package dev.arca.transit.export;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.key.KeyMaterial;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.KeyType;
import dev.arca.transit.key.KeyVersion;
import dev.arca.transit.key.Pem;
import dev.arca.transit.store.KeyStore;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code export/<type>/<name>[/<version>]}: key material as Vault exports it (base64 for symmetric,
 * HMAC and ed25519 keys; PEM SEC 1 for ECDSA and PKCS#1 for RSA private keys; PEM PKIX public keys).
 * Private material only from keys created exportable.
 */
@Component
public class ExportPath {

    private static final List<String> TYPES = List.of("encryption-key", "signing-key", "hmac-key", "public-key");

    private final KeyStore keys;

    public ExportPath(KeyStore keys) {
        this.keys = keys;
    }

    public List<PathFamily> families() {
        return List.of(family("export/{type}/{name}/{version}"), family("export/{type}/{name}"));
    }

    private PathFamily family(String pattern) {
        PathFamily.Builder b = PathFamily.of(pattern)
                .field(Field.path("type", "encryption-key, signing-key, hmac-key or public-key."))
                .field(Field.path("name", "Name of the key."));
        if (pattern.endsWith("{version}")) {
            b.field(Field.path("version", "A version number or latest."));
        }
        return b.read(this::export, "Export key material.")
                .help("Export a named key.", "Private material needs a key created with exportable set.")
                .build();
    }

    ResponseEntity<?> export(BackendRequest request) {
        String type = request.fields().string("type");
        if (!TYPES.contains(type)) {
            throw VaultException.badRequest("invalid export type: " + type);
        }
        KeyPolicy p = keys.find(request.mountAccessor(), request.fields().string("name")).orElseThrow(VaultException::notFound);
        if (!type.equals("public-key") && !p.exportable) {
            throw VaultException.badRequest("private key material is not exportable");
        }
        checkType(type, p.type);
        if (type.equals("public-key") && p.derived) {
            // The stored public key is half of the derivation's input; a context's public key is read from keys/<name>.
            throw VaultException.badRequest("public-key export is not available for derived keys; read keys/" + p.name + " with a context");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (request.fields().has("version")) {
            String v = request.fields().string("version");
            int n;
            try {
                n = v.equals("latest") ? p.latestVersion : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw VaultException.badRequest("invalid key version");
            }
            KeyVersion kv = p.versions.get(n);
            if (kv == null) {
                throw VaultException.badRequest("version does not exist or cannot be found");
            }
            out.put(Integer.toString(n), material(type, p.type, kv));
        } else {
            p.versions.forEach((n, kv) -> out.put(Integer.toString(n), material(type, p.type, kv)));
        }
        return request.ok(Map.of("name", p.name, "type", p.type.wire(), "keys", out));
    }

    private static void checkType(String export, KeyType type) {
        boolean ok = switch (export) {
            case "encryption-key" -> type.encrypts();
            case "signing-key" -> type.signs();
            case "public-key" -> type.signs();
            default -> true;
        };
        if (!ok) {
            throw VaultException.badRequest(export + " not supported for key type " + type);
        }
    }

    static String material(String export, KeyType type, KeyVersion v) {
        Base64.Encoder b64 = Base64.getEncoder();
        if (export.equals("hmac-key")) {
            return b64.encodeToString(v.hmacKey());
        }
        if (export.equals("public-key")) {
            return KeyMaterial.publicKey(type, v);
        }
        return switch (type.family()) {
            case SYMMETRIC, HMAC, ED25519 -> b64.encodeToString(v.requireKey());
            case RSA -> Pem.encode("RSA PRIVATE KEY", pkcs1(v));
            case ECDSA -> Pem.encode("EC PRIVATE KEY", sec1(type, v));
        };
    }

    private static byte[] pkcs1(KeyVersion v) {
        try {
            return PrivateKeyInfo.getInstance(KeyMaterial.rsaPrivate(v.rsa()).getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode RSA key", e);
        }
    }

    private static byte[] sec1(KeyType type, KeyVersion v) {
        int size = (type.size() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4;
        fixed(v.ecX(), point, 1, size);
        fixed(v.ecY(), point, 1 + size, size);
        ASN1ObjectIdentifier curve = switch (type) {
            case ECDSA_P256 -> SECObjectIdentifiers.secp256r1;
            case ECDSA_P384 -> SECObjectIdentifiers.secp384r1;
            default -> SECObjectIdentifiers.secp521r1;
        };
        try {
            return new org.bouncycastle.asn1.sec.ECPrivateKey(type.size(), v.ecD(), new DERBitString(point), curve).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode EC key", e);
        }
    }

    private static void fixed(BigInteger n, byte[] out, int off, int size) {
        byte[] b = n.toByteArray();
        byte[] trimmed = b.length > size ? Arrays.copyOfRange(b, b.length - size, b.length) : b;
        System.arraycopy(trimmed, 0, out, off + size - trimmed.length, trimmed.length);
    }
}
