package dev.arca.pki.acme;

import com.nimbusds.jose.JOSEException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code new-account} (signed with the account's {@code jwk}: creates the account, or finds the key's
 * existing one; {@code onlyReturnExisting}) and {@code account/<kid>} (read, update {@code contact},
 * deactivate). One account per key and mount.
 */
@Component
public class AcmeAccountPath {

    static final int MAX_CONTACTS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AcmeProtocol protocol;
    private final AcmeRepository repository;

    public AcmeAccountPath(AcmeProtocol protocol, AcmeRepository repository) {
        this.protocol = protocol;
        this.repository = repository;
    }

    public List<PathFamily> families() {
        List<PathFamily> out = new ArrayList<>();
        for (AcmeDirectory.Prefix p : AcmeDirectory.Prefix.ALL) {
            out.add(protocol.signedFamily(p, "new-account", AcmeProtocol.KeyRule.JWK, this::newAccount,
                    "ACME new-account (RFC 8555 section 7.3): creates or finds the key's account."));
            out.add(protocol.signedFamily(p, "account/{kid}", AcmeProtocol.KeyRule.KID, this::account,
                    "An ACME account (RFC 8555 section 7.3.2): read, update contact, deactivate.", Field.path("kid", "The account's id.")));
        }
        return out;
    }

    private AcmeProtocol.Answer newAccount(BackendRequest r, AcmeProtocol.Signed call) {
        String mount = r.mountAccessor();
        ObjectNode payload = call.payloadOrEmpty();
        String thumbprint;
        try {
            thumbprint = call.key().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new AcmeProblem("badPublicKey", 400, "the account key has no thumbprint");
        }
        var existing = repository.byThumbprint(mount, thumbprint);
        if (existing.isPresent()) {
            return AcmeProtocol.Answer.json(200, view(call.directory(), existing.get()), call.directory().url("account/" + existing.get().id()));
        }
        if (payload.path("onlyReturnExisting").asBoolean(false)) {
            throw new AcmeProblem("accountDoesNotExist", 400, "no account exists for this key");
        }
        String contact = contacts(payload.path("contact"));
        var account = repository.account(mount, UUID.randomUUID().toString(), thumbprint, call.key().toPublicJWK().toJSONString(), contact);
        return AcmeProtocol.Answer.json(201, view(call.directory(), account), call.directory().url("account/" + account.id()));
    }

    private AcmeProtocol.Answer account(BackendRequest r, AcmeProtocol.Signed call) {
        String mount = r.mountAccessor();
        AcmeRepository.Account account = call.requireAccount();
        if (!account.id().equals(r.fields().string("kid"))) {
            throw AcmeProblem.unauthorized("the kid is not this account's");
        }
        ObjectNode payload = call.payloadOrEmpty();
        String status = account.status();
        String contact = account.contact();
        if (payload.has("status")) {
            if (!"deactivated".equals(payload.path("status").asString(""))) {
                throw AcmeProblem.malformed("an account's status may only be set to deactivated");
            }
            status = "deactivated";
        }
        if (payload.has("contact")) {
            contact = contacts(payload.path("contact"));
        }
        if (!status.equals(account.status()) || !contact.equals(account.contact())) {
            repository.updateAccount(mount, account.id(), status, contact);
            account = new AcmeRepository.Account(account.id(), account.jwk(), status, contact);
        }
        return AcmeProtocol.Answer.json(200, view(call.directory(), account), call.directory().url("account/" + account.id()));
    }

    private static String contacts(JsonNode contact) {
        if (contact.isMissingNode() || contact.isNull()) {
            return "[]";
        }
        if (!contact.isArray() || contact.size() > MAX_CONTACTS) {
            throw AcmeProblem.malformed("contact must be a list of at most " + MAX_CONTACTS + " URLs");
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode c : contact) {
            String v = c.asString("");
            if (!v.startsWith("mailto:") || v.length() > 256) {
                throw new AcmeProblem("unsupportedContact", 400, "only mailto: contacts are supported");
            }
            out.add(v);
        }
        return JSON.writeValueAsString(out);
    }

    private static Map<String, Object> view(AcmeDirectory directory, AcmeRepository.Account account) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", account.status());
        out.put("contact", JSON.readTree(account.contact()));
        out.put("orders", directory.url("account/" + account.id() + "/orders"));
        return out;
    }
}
