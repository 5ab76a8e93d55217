package dev.arca.transit.sign;

import static dev.arca.transit.TransitMount.b64;
import static dev.arca.transit.TransitMount.unb64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.transit.Jdk;
import dev.arca.transit.TransitIntegrationTestSupport;
import dev.arca.transit.TransitMount;
import dev.arca.test.TestHttp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Signatures made here verify with the JDK or BouncyCastle, and theirs verify here; HMAC, hash and random. */
class TransitSigningIntegrationTests extends TransitIntegrationTestSupport {

    private static final byte[] INPUT = "sign me".getBytes(StandardCharsets.UTF_8);

    private static String pem(TransitMount m, String name) {
        return m.data("GET", "keys/" + name, null).path("keys").path("1").path("public_key").asString();
    }

    private static String exported(TransitMount m, String type, String name) {
        return m.data("GET", "export/" + type + "/" + name + "/1", null).path("keys").path("1").asString();
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static boolean verified(TransitMount m, String path, Map<String, Object> body) {
        return m.postOk(path, body).path("valid").asBoolean();
    }

    @ParameterizedTest
    @CsvSource({"ecdsa-p256,secp256r1,sha2-256,SHA256", "ecdsa-p384,secp384r1,sha2-384,SHA384", "ecdsa-p521,secp521r1,sha2-512,SHA512"})
    void ecdsaBothWays(String type, String curve, String hash, String jdkHash) throws Exception {
        TransitMount m = mount();
        m.postOk("keys/ec", Map.of("type", type, "exportable", true));
        PublicKey pub = Jdk.publicKey("EC", pem(m, "ec"));

        String asn1 = m.postOk("sign/ec/" + hash, Map.of("input", b64(INPUT))).path("signature").asString();
        Signature v = Signature.getInstance(jdkHash + "withECDSA");
        v.initVerify(pub);
        v.update(INPUT);
        assertThat(v.verify(Jdk.payload(asn1, 1))).isTrue();

        String jws = m.postOk("sign/ec", Map.of("input", b64(INPUT), "hash_algorithm", hash, "marshaling_algorithm", "jws"))
                .path("signature").asString();
        Signature p1363 = Signature.getInstance(jdkHash + "withECDSAinP1363Format");
        p1363.initVerify(pub);
        p1363.update(INPUT);
        assertThat(p1363.verify(Base64.getUrlDecoder().decode(jws.substring("vault:v1:".length())))).isTrue();

        byte[] digest = MessageDigest.getInstance(jdkHash.replace("SHA", "SHA-")).digest(INPUT);
        String pre = m.postOk("sign/ec", Map.of("input", b64(digest), "hash_algorithm", hash, "prehashed", true)).path("signature").asString();
        v.initVerify(pub);
        v.update(INPUT);
        assertThat(v.verify(Jdk.payload(pre, 1))).as("a prehashed signature is over the same digest").isTrue();

        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der(exported(m, "signing-key", "ec")));
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(curve));
        PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(sec1.getKey(),
                params.getParameterSpec(ECParameterSpec.class)));
        Signature s = Signature.getInstance(jdkHash + "withECDSA");
        s.initSign(priv);
        s.update(INPUT);
        String theirs = "vault:v1:" + b64(s.sign());
        assertThat(verified(m, "verify/ec/" + hash, Map.of("input", b64(INPUT), "signature", theirs))).isTrue();
        assertThat(verified(m, "verify/ec/" + hash, Map.of("input", b64("other".getBytes(StandardCharsets.UTF_8)), "signature", theirs)))
                .isFalse();
        assertThat(verified(m, "verify/ec", Map.of("input", b64(INPUT), "signature", jws, "hash_algorithm", hash,
                "marshaling_algorithm", "jws"))).isTrue();
    }

    @Test
    void ed25519BothWays() throws Exception {
        TransitMount m = mount();
        m.postOk("keys/ed", Map.of("type", "ed25519", "exportable", true));
        byte[] pub = unb64(pem(m, "ed"));
        assertThat(pub).hasSize(32);
        String sig = m.postOk("sign/ed", Map.of("input", b64(INPUT))).path("signature").asString();
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(pub, 0));
        v.update(INPUT, 0, INPUT.length);
        assertThat(v.verifySignature(Jdk.payload(sig, 1))).isTrue();

        byte[] priv = unb64(exported(m, "signing-key", "ed"));
        assertThat(priv).hasSize(64);
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, new Ed25519PrivateKeyParameters(priv, 0));
        byte[] other = "ed input".getBytes(StandardCharsets.UTF_8);
        s.update(other, 0, other.length);
        String theirs = "vault:v1:" + b64(s.generateSignature());
        assertThat(verified(m, "verify/ed", Map.of("input", b64(other), "signature", theirs))).isTrue();
        assertThat(verified(m, "verify/ed", Map.of("input", b64(INPUT), "signature", theirs))).isFalse();
    }

    /**
     * A derived ed25519 key signs with the key whose seed is HKDF-SHA256 (no salt, the context as info)
     * over the version's 64-byte key: computed here with the JDK's HMAC and signed with the JDK's
     * Ed25519, the signature is byte for byte the engine's (ed25519 is deterministic), and BouncyCastle
     * verifies it with the public key the engine answers.
     */
    @Test
    void derivedEd25519SignsWithTheKeyDerivedForTheContext() throws Exception {
        TransitMount m = mount();
        m.postOk("keys/ded", Map.of("type", "ed25519", "derived", true, "exportable", true));
        byte[] base = unb64(exported(m, "signing-key", "ded"));
        assertThat(base).hasSize(64);
        byte[] context = "tenant-7".getBytes(StandardCharsets.UTF_8);
        byte[] seed = hkdfSha256(base, context);
        byte[] expectedPub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();

        JsonNode signed = m.postOk("sign/ded", Map.of("input", b64(INPUT), "context", b64(context)));
        assertThat(signed.path("public_key").asString()).isEqualTo(b64(expectedPub));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(
                new java.security.spec.EdECPrivateKeySpec(java.security.spec.NamedParameterSpec.ED25519, seed)));
        jdk.update(INPUT);
        byte[] expectedSig = jdk.sign();
        assertThat(signed.path("signature").asString()).isEqualTo("vault:v1:" + b64(expectedSig));

        Ed25519Signer bc = new Ed25519Signer();
        bc.init(false, new Ed25519PublicKeyParameters(expectedPub, 0));
        bc.update(INPUT, 0, INPUT.length);
        assertThat(bc.verifySignature(expectedSig)).isTrue();
        Ed25519Signer underBase = new Ed25519Signer();
        underBase.init(false, new Ed25519PublicKeyParameters(base, 32));
        underBase.update(INPUT, 0, INPUT.length);
        assertThat(underBase.verifySignature(expectedSig)).as("not the base key's signature").isFalse();

        String sig = signed.path("signature").asString();
        assertThat(verified(m, "verify/ded", Map.of("input", b64(INPUT), "signature", sig, "context", b64(context)))).isTrue();
        assertThat(verified(m, "verify/ded", Map.of("input", b64(INPUT), "signature", sig,
                "context", b64("tenant-8".getBytes(StandardCharsets.UTF_8))))).as("another context's key").isFalse();
        assertThat(m.error(400, "POST", "verify/ded", Map.of("input", b64(INPUT), "signature", sig))).contains("missing 'context'");
        assertThat(m.error(400, "POST", "sign/ded", Map.of("input", b64(INPUT)))).contains("missing 'context'");

        JsonNode batch = m.postOk("sign/ded", Map.of("batch_input", List.of(Map.of("input", b64(INPUT), "context", b64(context)))));
        assertThat(batch.path("batch_results").path(0).path("publickey").asString()).isEqualTo(b64(expectedPub));
        assertThat(batch.path("batch_results").path(0).path("signature").asString()).isEqualTo(sig);

        assertThat(m.data("GET", "keys/ded", null).path("keys").path("1").path("public_key").asString())
                .as("no public key without a context").isEmpty();
        assertThat(m.data("GET", "keys/ded?context=" + java.net.URLEncoder.encode(b64(context), StandardCharsets.UTF_8), null)
                .path("keys").path("1").path("public_key").asString()).isEqualTo(b64(expectedPub));
        assertThat(m.error(400, "GET", "export/public-key/ded", null)).contains("derived");
    }

    /** RFC 5869 with SHA-256, an empty salt and one block of output, from the JDK's HMAC alone. */
    private static byte[] hkdfSha256(byte[] ikm, byte[] info) throws Exception {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(info);
        expand.update((byte) 1);
        return expand.doFinal();
    }

    @ParameterizedTest
    @CsvSource({"rsa-2048,sha2-256,SHA-256,32", "rsa-3072,sha2-512,SHA-512,64"})
    void rsaPssAndPkcs1BothWays(String type, String hash, String jdkHash, int hashLen) throws Exception {
        TransitMount m = mount();
        m.postOk("keys/rsa", Map.of("type", type, "exportable", true));
        PublicKey pub = Jdk.publicKey("RSA", pem(m, "rsa"));
        int modulusBytes = Integer.parseInt(type.substring(4)) / 8;

        String pkcs1 = m.postOk("sign/rsa/" + hash, Map.of("input", b64(INPUT), "signature_algorithm", "pkcs1v15")).path("signature").asString();
        Signature v = Signature.getInstance(jdkHash.replace("-", "") + "withRSA");
        v.initVerify(pub);
        v.update(INPUT);
        assertThat(v.verify(Jdk.payload(pkcs1, 1))).isTrue();

        String pss = m.postOk("sign/rsa/" + hash, Map.of("input", b64(INPUT))).path("signature").asString();
        Signature pv = Signature.getInstance("RSASSA-PSS");
        pv.setParameter(new PSSParameterSpec(jdkHash, "MGF1", new MGF1ParameterSpec(jdkHash), modulusBytes - 2 - hashLen, 1));
        pv.initVerify(pub);
        pv.update(INPUT);
        assertThat(pv.verify(Jdk.payload(pss, 1))).as("PSS with Go's largest salt").isTrue();

        RSAPrivateKey k = RSAPrivateKey.getInstance(der(exported(m, "signing-key", "rsa")));
        PrivateKey priv = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(), k.getCoefficient()));
        Signature ps = Signature.getInstance("RSASSA-PSS");
        ps.setParameter(new PSSParameterSpec(jdkHash, "MGF1", new MGF1ParameterSpec(jdkHash), hashLen, 1));
        ps.initSign(priv);
        ps.update(INPUT);
        assertThat(verified(m, "verify/rsa/" + hash, Map.of("input", b64(INPUT), "signature", "vault:v1:" + b64(ps.sign()))))
                .as("PSS with the hash length as salt").isTrue();
        Signature s = Signature.getInstance(jdkHash.replace("-", "") + "withRSA");
        s.initSign(priv);
        s.update(INPUT);
        String theirs = "vault:v1:" + b64(s.sign());
        assertThat(verified(m, "verify/rsa/" + hash, Map.of("input", b64(INPUT), "signature", theirs, "signature_algorithm", "pkcs1v15")))
                .isTrue();
        assertThat(verified(m, "verify/rsa/" + hash, Map.of("input", b64(INPUT), "signature", theirs))).as("not a PSS signature").isFalse();
    }

    @Test
    void hmacWithTheExportedKeyAndItsVerification() throws Exception {
        TransitMount m = mount();
        m.postOk("keys/h", Map.of("type", "hmac", "key_size", 64, "exportable", true));
        byte[] key = unb64(exported(m, "hmac-key", "h"));
        assertThat(key).hasSize(64);
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(key, "HmacSHA512"));
        String expected = "vault:v1:" + b64(mac.doFinal(INPUT));
        assertThat(m.postOk("hmac/h/sha2-512", Map.of("input", b64(INPUT))).path("hmac").asString()).isEqualTo(expected);
        assertThat(verified(m, "verify/h/sha2-512", Map.of("input", b64(INPUT), "hmac", expected))).isTrue();
        assertThat(verified(m, "verify/h", Map.of("input", b64(INPUT), "hmac", expected))).as("with sha2-256").isFalse();
        assertThat(m.error(400, "POST", "sign/h", Map.of("input", b64(INPUT)))).contains("does not support signing");

        m.postOk("keys/h/rotate", Map.of());
        String v2 = m.postOk("hmac/h", Map.of("input", b64(INPUT))).path("hmac").asString();
        assertThat(v2).startsWith("vault:v2:");
        m.postOk("keys/h/config", Map.of("min_decryption_version", 2));
        assertThat(m.error(400, "POST", "verify/h/sha2-512", Map.of("input", b64(INPUT), "hmac", expected)))
                .isEqualTo("ciphertext or signature version is disallowed by policy (too old)");
    }

    @Test
    void signBatchReportsEachEntry() {
        TransitMount m = mount();
        m.postOk("keys/b", Map.of("type", "ecdsa-p256"));
        TestHttp.Response r = m.post("sign/b", Map.of("batch_input", List.of(Map.of("input", b64(INPUT), "reference", "r1"),
                Map.of("input", "!!"), Map.of("input", b64(INPUT), "hash_algorithm", "md5"))));
        assertThat(r.status()).isEqualTo(400);
        JsonNode results = r.json().path("data").path("batch_results");
        assertThat(results.get(0).path("signature").asString()).startsWith("vault:v1:");
        assertThat(results.get(0).path("reference").asString()).isEqualTo("r1");
        assertThat(results.get(1).path("error").asString()).isEqualTo("failed to base64-decode input");
        assertThat(results.get(2).path("error").asString()).isEqualTo("unsupported hash algorithm md5");
        String sig = results.get(0).path("signature").asString();
        JsonNode verified = m.postOk("verify/b", Map.of("batch_input", List.of(Map.of("input", b64(INPUT), "signature", sig),
                Map.of("input", b64("x".getBytes(StandardCharsets.UTF_8)), "signature", sig))));
        assertThat(verified.path("batch_results").get(0).path("valid").asBoolean()).isTrue();
        assertThat(verified.path("batch_results").get(1).path("valid").asBoolean()).isFalse();
    }

    @Test
    void hashAndRandomNeedNoKey() throws Exception {
        TransitMount m = mount();
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(m.postOk("hash", Map.of("input", b64(hello))).path("sum").asString())
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(m.postOk("hash/sha3-256", Map.of("input", b64(hello), "format", "base64")).path("sum").asString())
                .isEqualTo(b64(MessageDigest.getInstance("SHA3-256").digest(hello)));
        assertThat(m.postOk("hash", Map.of("input", b64(hello), "algorithm", "sha2-512")).path("sum").asString())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(hello)));
        assertThat(m.error(400, "POST", "hash/md5", Map.of("input", b64(hello)))).contains("md5");
        assertThat(m.error(400, "POST", "hash", Map.of("input", b64(hello), "format", "raw"))).contains("format");

        assertThat(unb64(m.postOk("random", Map.of()).path("random_bytes").asString())).hasSize(32);
        assertThat(m.postOk("random/16", Map.of("format", "hex")).path("random_bytes").asString()).hasSize(32);
        assertThat(new BigInteger(1, unb64(m.postOk("random", Map.of("bytes", 64)).path("random_bytes").asString())).bitLength())
                .isGreaterThan(400);
        assertThat(m.call("POST", "random/0", Map.of()).status()).isEqualTo(400);
        assertThat(m.error(400, "POST", "random", Map.of("bytes", 1 << 20))).contains("bytes");
    }
}
