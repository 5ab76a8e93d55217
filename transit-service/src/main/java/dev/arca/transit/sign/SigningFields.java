package dev.arca.transit.sign;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Batch;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.HashAlgorithm;
import dev.arca.transit.key.Signatures;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The fields sign, verify and hmac share, and how they become {@link Signatures.Options}. */
final class SigningFields {

    static final Field NAME = Field.path("name", "Name of the key.");
    static final Field URL_ALGORITHM = Field.path("urlalgorithm", "Hash algorithm, instead of hash_algorithm.");
    static final Field INPUT = Field.string("input", "Base64 input.");
    static final Field HASH = Field.of("hash_algorithm", FieldType.LOWERCASE_STRING,
            "sha1, sha2-224, sha2-256, sha2-384, sha2-512, sha3-224, sha3-256, sha3-384, sha3-512, or none (PKCS#1 v1.5 prehashed).")
            .withDefault("sha2-256");
    static final Field ALGORITHM = Field.of("algorithm", FieldType.LOWERCASE_STRING, "Deprecated name of hash_algorithm.");
    static final Field SIGNATURE_ALGORITHM = Field.of("signature_algorithm", FieldType.LOWERCASE_STRING,
            "RSA padding: pss or pkcs1v15.").withDefault("pss");
    static final Field MARSHALING = Field.of("marshaling_algorithm", FieldType.LOWERCASE_STRING, "ECDSA encoding: asn1 or jws.")
            .withDefault("asn1");
    static final Field PREHASHED = Field.of("prehashed", FieldType.BOOL, "The input is already a digest.");
    static final Field KEY_VERSION = Field.of("key_version", FieldType.INT, "Version of the key; 0 means the latest.")
            .range(0, Integer.MAX_VALUE);
    static final Field CONTEXT = Field.string("context", "Base64 context for derived keys.");

    private SigningFields() {
    }

    /** Two families for one operation: {@code <op>/<name>} and {@code <op>/<name>/<algorithm>}. */
    static List<PathFamily> families(String op, Function<PathFamily.Builder, PathFamily.Builder> fields) {
        return List.of(fields.apply(Batch.fields(PathFamily.of(op + "/{name}/{urlalgorithm}")).field(NAME).field(URL_ALGORITHM)).build(),
                fields.apply(Batch.fields(PathFamily.of(op + "/{name}")).field(NAME)).build());
    }

    static HashAlgorithm hash(Item request, Item item) {
        String name;
        if (request.has(URL_ALGORITHM.name())) {
            name = request.string(URL_ALGORITHM.name());
        } else if (item.has(ALGORITHM.name())) {
            name = item.string(ALGORITHM.name());
        } else {
            name = item.string(HASH.name());
        }
        return HashAlgorithm.ofWire(name);
    }

    static Signatures.Options options(Item request, Item item) {
        String padding = item.string(SIGNATURE_ALGORITHM.name());
        if (!padding.equals("pss") && !padding.equals("pkcs1v15")) {
            throw VaultException.badRequest("unsupported rsa signature algorithm " + padding);
        }
        String marshaling = item.string(MARSHALING.name());
        if (!marshaling.equals("asn1") && !marshaling.equals("jws")) {
            throw VaultException.badRequest("invalid marshaling type " + marshaling);
        }
        HashAlgorithm hash = hash(request, item);
        boolean prehashed = item.bool(PREHASHED.name());
        if (hash == HashAlgorithm.NONE && !(prehashed && padding.equals("pkcs1v15"))) {
            throw VaultException.badRequest("hash_algorithm none is only allowed with prehashed input and pkcs1v15");
        }
        return new Signatures.Options(hash, padding, marshaling, prehashed);
    }

    static byte[] input(Item item) {
        byte[] in = item.base64(INPUT.name(), "input");
        if (in == null) {
            throw VaultException.badRequest("missing input");
        }
        return in;
    }

    /** The context of a derived key, or null when not sent. */
    static byte @Nullable [] context(Item item) {
        return item.base64(CONTEXT.name(), "context");
    }

    static String encode(byte[] signature, String marshaling) {
        return "jws".equals(marshaling) ? Base64.getUrlEncoder().withoutPadding().encodeToString(signature)
                : Base64.getEncoder().encodeToString(signature);
    }

    static byte[] decode(String payload, String marshaling) {
        try {
            return "jws".equals(marshaling) ? Base64.getUrlDecoder().decode(payload) : Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("invalid base64 signature value");
        }
    }
}
