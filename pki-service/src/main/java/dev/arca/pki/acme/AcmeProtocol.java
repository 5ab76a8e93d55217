package dev.arca.pki.acme;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.PkiStore;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every ACME resource shares: the directory of the call, the JWS check of a signed POST
 * (RFC 8555 section 6.2: an asymmetric {@code alg}, exactly one of {@code jwk} and {@code kid} as the
 * resource requires, a single-use {@code nonce}, a {@code url} equal to the resource's), and the answer
 * with {@code Replay-Nonce}, {@code Link: <directory>;rel="index"}, {@code Cache-Control: no-store} and
 * an optional {@code Location}; a refusal is a problem document.
 */
@Component
public class AcmeProtocol {

    static final String JSON_TYPE = "application/json";
    static final String PROBLEM_TYPE = "application/problem+json";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Which key a resource takes (RFC 8555 section 6.2). */
    enum KeyRule { JWK, KID, EITHER }

    /**
     * A verified signed request.
     *
     * @param account the account of a {@code kid}, or null for a {@code jwk}
     * @param payload the payload object, or null for a POST-as-GET (empty payload)
     */
    record Signed(AcmeDirectory directory, AcmeRepository.@Nullable Account account, JWK key, @Nullable ObjectNode payload) {

        AcmeRepository.Account requireAccount() {
            if (account == null) {
                throw AcmeProblem.malformed("this resource takes a kid");
            }
            return account;
        }

        ObjectNode payloadOrEmpty() {
            return payload == null ? JSON.createObjectNode() : payload;
        }
    }

    /** An answer before the protocol's headers are added. */
    record Answer(int status, byte[] body, String contentType, @Nullable String location) {

        static Answer json(int status, Object body, @Nullable String location) {
            return new Answer(status, JSON.writeValueAsBytes(body), JSON_TYPE, location);
        }
    }

    /** Handles an unsigned call (directory, new-nonce). */
    @FunctionalInterface
    interface Plain {
        Answer handle(AcmeDirectory directory);
    }

    /** Handles a verified signed call. */
    @FunctionalInterface
    interface SignedHandler {
        Answer handle(Signed call);
    }

    /** A signed resource: handles a verified call with the request it came in. */
    @FunctionalInterface
    interface Resource {
        Answer handle(BackendRequest request, Signed call);
    }

    /**
     * The family of a signed resource of the directory at {@code prefix}: a POST carrying a JWS, checked
     * as {@code rule} says, then answered by {@code handler}.
     *
     * @param pathFields the resource's own path segments, e.g. {@code order_id}
     */
    PathFamily signedFamily(AcmeDirectory.Prefix prefix, String resource, KeyRule rule, Resource handler, String synopsis,
            Field... pathFields) {
        PathFamily.Builder b = prefix.family(resource);
        for (Field f : pathFields) {
            b.field(f);
        }
        return b.write(r -> signed(r, prefix, rule, c -> handler.handle(r, c)), synopsis)
                .help(synopsis, rule == KeyRule.JWK ? "Signed with the account key (jwk)." : rule == KeyRule.KID
                        ? "Signed with the account's kid; an empty payload is a POST-as-GET." : "Signed with a kid or a jwk.")
                .build();
    }

    private final PkiStore store;
    private final AcmeNonces nonces;
    private final AcmeRepository repository;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    public AcmeProtocol(PkiStore store, AcmeNonces nonces, AcmeRepository repository) {
        this.store = store;
        this.nonces = nonces;
        this.repository = repository;
    }

    ResponseEntity<byte[]> plain(BackendRequest r, AcmeDirectory.Prefix prefix, Plain handler) {
        AcmeDirectory directory = null;
        try {
            directory = AcmeDirectory.of(r, prefix, store);
            return render(directory, handler.handle(directory));
        } catch (AcmeProblem p) {
            return problem(directory, p);
        }
    }

    ResponseEntity<byte[]> signed(BackendRequest r, AcmeDirectory.Prefix prefix, KeyRule rule, SignedHandler handler) {
        AcmeDirectory directory = null;
        try {
            directory = AcmeDirectory.of(r, prefix, store);
            Signed call = verify(r, directory, prefix, rule);
            return render(directory, handler.handle(call));
        } catch (AcmeProblem p) {
            return problem(directory, p);
        } catch (VaultException e) {
            if (e.status() >= 500) {
                throw e;
            }
            // a refusal of the issuing code (a name the role does not allow, a weak key): the CSR is at fault
            return problem(directory, new AcmeProblem("badCSR", 400, e.errors().isEmpty() ? "refused" : e.errors().getFirst()));
        }
    }

    private Signed verify(BackendRequest r, AcmeDirectory directory, AcmeDirectory.Prefix prefix, KeyRule rule) {
        JsonNode body = r.body();
        String encodedHeader = body.path("protected").asString("");
        String payload = body.path("payload").isString() ? body.path("payload").asString() : null;
        String signature = body.path("signature").asString("");
        if (encodedHeader.isEmpty() || payload == null || signature.isEmpty()) {
            throw AcmeProblem.malformed("the body must be a flattened JWS: protected, payload and signature");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(encodedHeader + "." + payload + "." + signature);
        } catch (ParseException e) {
            throw AcmeProblem.malformed("the JWS could not be parsed");
        }
        JWSHeader header = jws.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new AcmeProblem("badSignatureAlgorithm", 400, "unsupported JWS algorithm " + header.getAlgorithm());
        }
        if (!(header.getCustomParam("nonce") instanceof String nonce) || !nonces.consume(nonce)) {
            throw new AcmeProblem("badNonce", 400, "the nonce is missing, unknown, expired or already used");
        }
        if (!(header.getCustomParam("url") instanceof String url) || !url.equals(directory.url(r.relativePath().substring(prefix.filled(r).length() + 1)))) {
            throw AcmeProblem.unauthorized("the JWS url does not match the request's URL");
        }
        JWK jwk = header.getJWK();
        String kid = header.getKeyID();
        if ((jwk == null) == (kid == null)) {
            throw AcmeProblem.malformed("the JWS must carry exactly one of jwk and kid");
        }
        if (jwk != null && rule == KeyRule.KID || kid != null && rule == KeyRule.JWK) {
            throw AcmeProblem.malformed(rule == KeyRule.KID ? "this resource takes a kid" : "this resource takes a jwk");
        }
        AcmeRepository.@Nullable Account account = null;
        if (kid != null) {
            String accounts = directory.url("account/");
            String id = kid.startsWith(accounts) ? kid.substring(accounts.length()) : "";
            account = id.isEmpty() ? null : repository.account(r.mountAccessor(), id).orElse(null);
            if (account == null) {
                throw new AcmeProblem("accountDoesNotExist", 400, "no account for this kid");
            }
            if (!"valid".equals(account.status())) {
                throw AcmeProblem.unauthorized("the account is " + account.status());
            }
            try {
                jwk = JWK.parse(account.jwk());
            } catch (ParseException e) {
                throw new IllegalStateException("a stored account key does not parse", e);
            }
        }
        if (!(jwk instanceof AsymmetricJWK asymmetric)) {
            throw new AcmeProblem("badPublicKey", 400, "the account key must be an EC or RSA public key");
        }
        try {
            PublicKey key = asymmetric.toPublicKey();
            JWSVerifier verifier = verifiers.createJWSVerifier(header, key);
            if (!jws.verify(verifier)) {
                throw AcmeProblem.malformed("the JWS signature is not valid");
            }
        } catch (JOSEException e) {
            throw new AcmeProblem("badPublicKey", 400, "the key cannot verify this JWS");
        }
        String text = jws.getPayload().toString();
        ObjectNode parsed = null;
        if (!text.isEmpty()) {
            try {
                JsonNode n = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
                if (!(n instanceof ObjectNode o)) {
                    throw AcmeProblem.malformed("the payload must be a JSON object");
                }
                parsed = o;
            } catch (JacksonException e) {
                throw AcmeProblem.malformed("the payload is not JSON");
            }
        }
        return new Signed(directory, account, jwk, parsed);
    }

    ResponseEntity<byte[]> render(AcmeDirectory directory, Answer answer) {
        ResponseEntity.BodyBuilder b = headers(ResponseEntity.status(answer.status()), directory)
                .header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        if (answer.location() != null) {
            b.header(HttpHeaders.LOCATION, answer.location());
        }
        return b.body(answer.body());
    }

    private ResponseEntity<byte[]> problem(@Nullable AcmeDirectory directory, AcmeProblem p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "urn:ietf:params:acme:error:" + p.type());
        doc.put("detail", p.getMessage());
        doc.put("status", p.status());
        return headers(ResponseEntity.status(p.status()), directory).header(HttpHeaders.CONTENT_TYPE, PROBLEM_TYPE)
                .body(JSON.writeValueAsBytes(doc));
    }

    private ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder b, @Nullable AcmeDirectory directory) {
        b.header("Replay-Nonce", nonces.issue()).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (directory != null) {
            b.header("Link", "<" + directory.url("directory") + ">;rel=\"index\"");
        }
        return b;
    }
}
