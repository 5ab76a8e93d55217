package dev.arca.pki.x509;

import dev.arca.core.api.VaultException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

/**
 * A key type and size as Vault names them ({@code key_type}, {@code key_bits}): {@code rsa} 2048, 3072,
 * 4096 or 8192 (default 2048), {@code ec} 224, 256, 384 or 521 (default 256), {@code ed25519}, and for
 * roles that only sign, {@code any}.
 */
public record KeySpec(String type, int bits) {

    public static final String ANY = "any";
    private static final Set<Integer> RSA_BITS = Set.of(2048, 3072, 4096, 8192);
    private static final Set<Integer> EC_BITS = Set.of(224, 256, 384, 521);

    /**
     * Checks a caller's key type and bits, filling Vault's default size.
     *
     * @param allowAny whether {@code any} is accepted (roles)
     */
    public static KeySpec parse(String type, long bits, boolean allowAny) {
        return switch (type) {
            case "rsa" -> sized(type, bits == 0 ? 2048 : bits, RSA_BITS);
            case "ec" -> sized(type, bits == 0 ? 256 : bits, EC_BITS);
            case "ed25519" -> new KeySpec(type, 0);
            case ANY -> {
                if (!allowAny) {
                    throw VaultException.badRequest("key_type 'any' is only valid for roles");
                }
                yield new KeySpec(type, 0);
            }
            default -> throw VaultException.badRequest("unknown key type " + type);
        };
    }

    private static KeySpec sized(String type, long bits, Set<Integer> allowed) {
        if (!allowed.contains((int) bits) || bits != (int) bits) {
            throw VaultException.badRequest("unsupported bit length for " + type + " key: " + bits);
        }
        return new KeySpec(type, (int) bits);
    }

    /** The type and size of a public key, as Vault reports them. */
    public static KeySpec of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new KeySpec("rsa", rsa.getModulus().bitLength());
        }
        if (key instanceof ECPublicKey ec) {
            return new KeySpec("ec", ec.getParams().getCurve().getField().getFieldSize());
        }
        if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            return new KeySpec("ed25519", 0);
        }
        throw VaultException.badRequest("unsupported public key algorithm " + key.getAlgorithm());
    }

    /** Whether a key of this spec satisfies a role asking for {@code wanted} (Vault's key_type/key_bits check on sign). */
    public void check(KeySpec wanted) {
        if (wanted.type.equals(ANY)) {
            return;
        }
        if (!wanted.type.equals(type)) {
            throw VaultException.badRequest("role requires keys of type " + wanted.type);
        }
        if (wanted.bits != 0 && bits < wanted.bits) {
            throw VaultException.badRequest("role requires a minimum of a " + wanted.bits + "-bit key, but CSR's key is "
                    + bits + " bits");
        }
    }

    public KeyPair generate() {
        try {
            return switch (type) {
                case "rsa" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(bits);
                    yield g.generateKeyPair();
                }
                case "ec" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(curve()));
                    yield g.generateKeyPair();
                }
                case "ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default -> throw VaultException.badRequest("cannot generate a key of type " + type);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed for " + type, e);
        }
    }

    private String curve() {
        return switch (bits) {
            case 224 -> "secp224r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> "secp256r1";
        };
    }

    /**
     * The signature algorithm a key of this spec signs with: SHA-256 for RSA unless
     * {@code signature_bits} asks for 384 or 512, the curve's hash for ECDSA, pure Ed25519.
     */
    public String signatureAlgorithm(long signatureBits, boolean pss) {
        return switch (type) {
            case "rsa" -> {
                String hash = switch ((int) signatureBits) {
                    case 0, 256 -> "SHA256";
                    case 384 -> "SHA384";
                    case 512 -> "SHA512";
                    default -> throw VaultException.badRequest("unsupported signature_bits " + signatureBits);
                };
                yield hash + (pss ? "withRSAandMGF1" : "withRSA");
            }
            case "ec" -> switch (bits) {
                case 384 -> "SHA384withECDSA";
                case 521 -> "SHA512withECDSA";
                default -> "SHA256withECDSA";
            };
            default -> "Ed25519";
        };
    }
}
