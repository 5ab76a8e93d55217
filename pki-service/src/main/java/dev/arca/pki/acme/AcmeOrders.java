package dev.arca.pki.acme;

import dev.arca.pki.roles.Names;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of orders and authorizations: creation (bounded identifiers, one authorization with an
 * {@code http-01} challenge per identifier), the order's status from its authorizations' and expiry,
 * and the views RFC 8555 gives them.
 */
@Component
public class AcmeOrders {

    static final int MAX_IDENTIFIERS = 100;
    static final long LIFETIME_HOURS = 24;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final AcmeRepository repository;

    public AcmeOrders(AcmeRepository repository) {
        this.repository = repository;
    }

    /** A new pending order of the account, with its authorizations; the order document. */
    ObjectNode create(String mount, String accountId, JsonNode identifiers) {
        Set<String> names = dnsNames(identifiers);
        String orderId = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(LIFETIME_HOURS, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode order = JSON.createObjectNode();
        order.put("id", orderId);
        order.put("status", "pending");
        order.put("expires", expires.toString());
        ArrayNode ids = order.putArray("identifiers");
        ArrayNode authzs = order.putArray("authorizations");
        for (String name : names) {
            ids.addObject().put("type", "dns").put("value", name);
            String authzId = UUID.randomUUID().toString();
            authzs.add(authzId);
            ObjectNode authz = JSON.createObjectNode();
            authz.putObject("identifier").put("type", "dns").put("value", name);
            authz.put("status", "pending");
            authz.put("expires", expires.toString());
            byte[] token = new byte[32];
            random.nextBytes(token);
            authz.put("token", Base64.getUrlEncoder().withoutPadding().encodeToString(token));
            authz.put("challenge_status", "pending");
            repository.saveAuthz(mount, authzId, accountId, orderId, authz);
        }
        repository.saveOrder(mount, orderId, accountId, order, expires);
        return order;
    }

    /** The DNS names of a new-order's identifiers: bounded, lower-cased, unique, host names only. */
    static Set<String> dnsNames(JsonNode identifiers) {
        if (!identifiers.isArray() || identifiers.isEmpty()) {
            throw AcmeProblem.malformed("identifiers must be a non-empty list");
        }
        if (identifiers.size() > MAX_IDENTIFIERS) {
            throw new AcmeProblem("rejectedIdentifier", 400, "an order holds at most " + MAX_IDENTIFIERS + " identifiers");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode id : identifiers) {
            if (!"dns".equals(id.path("type").asString(""))) {
                throw new AcmeProblem("unsupportedIdentifier", 400, "only dns identifiers are supported");
            }
            String value = id.path("value").asString("").toLowerCase(Locale.ROOT);
            if (value.startsWith("*.")) {
                throw new AcmeProblem("rejectedIdentifier", 400, "wildcard identifiers need dns-01, which is not offered");
            }
            if (value.isEmpty() || value.length() > 253 || !Names.looksLikeHostname(value)) {
                throw new AcmeProblem("rejectedIdentifier", 400, "not a valid DNS name: " + value.substring(0, Math.min(value.length(), 64)));
            }
            names.add(value);
        }
        return names;
    }

    /** The order with its status brought up to date from its authorizations and its expiry (saved when it changed). */
    ObjectNode refresh(String mount, String accountId, ObjectNode order) {
        String status = order.path("status").asString();
        String next = status;
        if (("pending".equals(status) || "ready".equals(status)) && Instant.parse(order.path("expires").asString()).isBefore(Instant.now())) {
            next = "invalid";
        } else if ("pending".equals(status)) {
            boolean all = true;
            for (JsonNode id : order.path("authorizations")) {
                String s = repository.authz(mount, accountId, id.asString()).map(a -> a.path("status").asString()).orElse("invalid");
                if ("invalid".equals(s)) {
                    next = "invalid";
                    all = false;
                    break;
                }
                all &= "valid".equals(s);
            }
            if (all) {
                next = "ready";
            }
        }
        if (!next.equals(status)) {
            order.put("status", next);
            repository.saveOrder(mount, order.path("id").asString(), accountId, order, Instant.parse(order.path("expires").asString()));
        }
        return order;
    }

    /** The order as RFC 8555 section 7.1.3 shows it. */
    static Map<String, Object> view(AcmeDirectory d, ObjectNode order) {
        Map<String, Object> out = new LinkedHashMap<>();
        String id = order.path("id").asString();
        out.put("status", order.path("status").asString());
        out.put("expires", order.path("expires").asString());
        out.put("identifiers", order.path("identifiers"));
        out.put("authorizations", stream(order.path("authorizations")).stream().map(a -> d.url("authorization/" + a)).toList());
        out.put("finalize", d.url("order/" + id + "/finalize"));
        if (order.has("cert_serial")) {
            out.put("certificate", d.url("order/" + id + "/cert"));
        }
        return out;
    }

    /** The authorization as RFC 8555 section 7.1.4 shows it, with its one http-01 challenge. */
    static Map<String, Object> authzView(AcmeDirectory d, String id, ObjectNode authz) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("identifier", authz.path("identifier"));
        out.put("status", authz.path("status").asString());
        out.put("expires", authz.path("expires").asString());
        out.put("challenges", List.of(challengeView(d, id, authz)));
        return out;
    }

    static Map<String, Object> challengeView(AcmeDirectory d, String id, ObjectNode authz) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", "http-01");
        c.put("url", d.url("challenge/" + id + "/http-01"));
        c.put("token", authz.path("token").asString());
        c.put("status", authz.path("challenge_status").asString());
        if (authz.has("validated")) {
            c.put("validated", authz.path("validated").asString());
        }
        if (authz.has("error")) {
            c.put("error", Map.of("type", "urn:ietf:params:acme:error:incorrectResponse", "detail", authz.path("error").asString()));
        }
        return c;
    }

    static List<String> stream(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
