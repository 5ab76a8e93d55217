package dev.arca.identity.kubernetes;

import dev.arca.core.api.VaultException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Kubernetes label selector ({@code metav1.LabelSelector} in JSON: {@code matchLabels} and
 * {@code matchExpressions} with {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}), as
 * a role's {@code bound_service_account_namespace_selector} holds it. An empty selector matches every
 * namespace, as Kubernetes reads it.
 */
final class LabelSelector {

    private record Requirement(String key, String operator, List<String> values) {
    }

    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");
    private static final int MAX_REQUIREMENTS = 100;

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /** Parses the selector; a 400 when it is not one. */
    static LabelSelector parse(String selector, JsonMapper json) {
        JsonNode root;
        try {
            root = json.readTree(selector);
        } catch (JacksonException e) {
            throw invalid();
        }
        if (root == null || !root.isObject()) {
            throw invalid();
        }
        List<Requirement> out = new ArrayList<>();
        JsonNode labels = root.path("matchLabels");
        if (!labels.isMissingNode() && !labels.isObject()) {
            throw invalid();
        }
        labels.properties().forEach(p -> {
            if (!p.getValue().isString()) {
                throw invalid();
            }
            out.add(new Requirement(p.getKey(), "In", List.of(p.getValue().asString())));
        });
        JsonNode expressions = root.path("matchExpressions");
        if (!expressions.isMissingNode() && !expressions.isArray()) {
            throw invalid();
        }
        for (JsonNode e : expressions) {
            String key = e.path("key").asString("");
            String op = e.path("operator").asString("");
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asString("")));
            boolean needsValues = op.equals("In") || op.equals("NotIn");
            if (key.isEmpty() || !OPERATORS.contains(op) || needsValues == values.isEmpty()) {
                throw invalid();
            }
            out.add(new Requirement(key, op, values));
        }
        if (out.size() > MAX_REQUIREMENTS) {
            throw invalid();
        }
        return new LabelSelector(out);
    }

    boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            String v = labels.get(r.key());
            boolean ok = switch (r.operator()) {
                case "In" -> v != null && r.values().contains(v);
                case "NotIn" -> v == null || !r.values().contains(v);
                case "Exists" -> v != null;
                default -> v == null;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static VaultException invalid() {
        return VaultException.badRequest("invalid \"bound_service_account_namespace_selector\": not a valid label selector");
    }
}
