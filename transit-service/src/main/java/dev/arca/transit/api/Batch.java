package dev.arca.transit.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Runs an operation on the request or on each entry of its {@code batch_input}, as Vault does: a batch
 * answers {@code batch_results} in order, an entry that fails carries {@code error} (and its
 * {@code reference}); any user error makes the status 400 unless {@code partial_failure_response_code}
 * names another for a batch with some successes.
 */
public final class Batch {

    public static final String INPUT = "batch_input";
    public static final Field REFERENCE = Field.string("reference", "Echoed back in the batch result for this entry.");
    public static final Field PARTIAL_FAILURE = Field.of("partial_failure_response_code", FieldType.INT,
            "The status of a batch where some entries succeeded and some failed (default 400).").range(1, 599);

    private Batch() {
    }

    /** Adds the batch fields to a family (batch_input itself is an array of objects, read from the body). */
    public static PathFamily.Builder fields(PathFamily.Builder family) {
        return family.field(REFERENCE).field(PARTIAL_FAILURE);
    }

    public static ResponseEntity<?> run(BackendRequest request, PathFamily family, Function<Item, Map<String, Object>> operation) {
        JsonNode input = request.body().get(INPUT);
        if (input == null || input.isNull()) {
            return request.ok(operation.apply(Item.of(request.fields())));
        }
        if (!input.isArray()) {
            throw VaultException.badRequest("failed to parse batch input: expected an array of objects");
        }
        if (input.isEmpty()) {
            throw VaultException.badRequest("missing batch input to process");
        }
        List<Map<String, Object>> results = new ArrayList<>(input.size());
        boolean failed = false;
        boolean succeeded = false;
        for (JsonNode entry : input) {
            Map<String, Object> result;
            String reference = entry.path("reference").asString("");
            try {
                result = new LinkedHashMap<>(operation.apply(Item.of(entry, family.fields())));
                succeeded = true;
            } catch (VaultException e) {
                if (e.status() >= 500) {
                    throw e;
                }
                result = new LinkedHashMap<>();
                result.put("error", String.join("; ", e.errors()));
                failed = true;
            }
            if (!reference.isEmpty()) {
                result.put("reference", reference);
            }
            results.add(result);
        }
        int status = 200;
        if (failed) {
            status = 400;
            Integer partial = request.fields().integer(PARTIAL_FAILURE.name());
            if (partial != null && succeeded) {
                status = partial;
            }
        }
        return ResponseEntity.status(status).body(request.envelope(Map.of("batch_results", results)));
    }
}
