package dev.arca.pki.acme;

import com.nimbusds.jose.JOSEException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code authorization/<id>} (POST-as-GET) and {@code challenge/<id>/http-01}: a POST to the challenge
 * runs the {@code http-01} check at once and answers the challenge as it ended ({@code valid}, or
 * {@code invalid} with the reason), which also settles the authorization.
 */
@Component
public class AcmeAuthorizationPath {

    private final AcmeProtocol protocol;
    private final AcmeRepository repository;
    private final Http01 http01;

    public AcmeAuthorizationPath(AcmeProtocol protocol, AcmeRepository repository, Http01 http01) {
        this.protocol = protocol;
        this.repository = repository;
        this.http01 = http01;
    }

    public List<PathFamily> families() {
        Field authz = Field.path("auth_id", "The authorization.");
        List<PathFamily> out = new ArrayList<>();
        for (AcmeDirectory.Prefix p : AcmeDirectory.Prefix.ALL) {
            out.add(protocol.signedFamily(p, "authorization/{auth_id}", AcmeProtocol.KeyRule.KID, this::authorization,
                    "An ACME authorization (RFC 8555 section 7.5).", authz));
            out.add(protocol.signedFamily(p, "challenge/{auth_id}/{challenge_type}", AcmeProtocol.KeyRule.KID, this::challenge,
                    "An ACME challenge (RFC 8555 section 7.5.1): only http-01 is offered.", authz,
                    Field.path("challenge_type", "The challenge type: http-01.")));
        }
        return out;
    }

    private ObjectNode requireAuthz(BackendRequest r, AcmeProtocol.Signed c) {
        return repository.authz(r.mountAccessor(), c.requireAccount().id(), r.fields().string("auth_id"))
                .orElseThrow(() -> AcmeProblem.notFound("no such authorization"));
    }

    private AcmeProtocol.Answer authorization(BackendRequest r, AcmeProtocol.Signed c) {
        String id = r.fields().string("auth_id");
        return AcmeProtocol.Answer.json(200, AcmeOrders.authzView(c.directory(), id, requireAuthz(r, c)), null);
    }

    private AcmeProtocol.Answer challenge(BackendRequest r, AcmeProtocol.Signed c) {
        if (!"http-01".equals(r.fields().string("challenge_type"))) {
            throw AcmeProblem.notFound("only http-01 challenges are offered");
        }
        String id = r.fields().string("auth_id");
        ObjectNode authz = requireAuthz(r, c);
        if (c.payload() != null && "pending".equals(authz.path("challenge_status").asString())) {
            if (Instant.parse(authz.path("expires").asString()).isBefore(Instant.now())) {
                settle(authz, "invalid", "the authorization has expired");
            } else {
                String thumbprint;
                try {
                    thumbprint = c.key().computeThumbprint().toString();
                } catch (JOSEException e) {
                    throw new AcmeProblem("badPublicKey", 400, "the account key has no thumbprint");
                }
                String token = authz.path("token").asString();
                String failure = http01.check(authz.path("identifier").path("value").asString(), token, token + "." + thumbprint);
                settle(authz, failure == null ? "valid" : "invalid", failure);
            }
            String orderId = authz.path("order_id").asString();
            authz.remove("order_id");
            repository.saveAuthz(r.mountAccessor(), id, c.requireAccount().id(), orderId, authz);
        }
        return AcmeProtocol.Answer.json(200, AcmeOrders.challengeView(c.directory(), id, authz), null);
    }

    private static void settle(ObjectNode authz, String status, @org.jspecify.annotations.Nullable String error) {
        authz.put("challenge_status", status);
        authz.put("status", status);
        if (error == null) {
            authz.put("validated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            authz.put("error", error);
        }
    }
}
