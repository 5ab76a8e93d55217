package dev.arca.identity.wrapping;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.local.LocalRoute;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's wrapping call, over HTTP and in process: {@code /internal/wrapping/wrap} with the
 * response to wrap ({@code response}), {@code ttl} in seconds, {@code creation_path} and {@code request_id};
 * answers the envelope with {@code wrap_info} the caller gets.
 */
@RestController
public class InternalWrappingController {

    private final WrappingService wrapping;
    private final JsonMapper json;

    public InternalWrappingController(WrappingService wrapping, JsonMapper json) {
        this.wrapping = wrapping;
        this.json = json;
    }

    @PostMapping("/internal/wrapping/wrap")
    public VaultResponse wrap(@RequestBody(required = false) @Nullable JsonNode body) {
        if (body == null || !body.path("response").isObject() || !body.path("ttl").canConvertToLong()) {
            throw VaultException.badRequest("missing response or ttl");
        }
        return wrapping.wrap(body.path("request_id").asString(""), body.path("ttl").asLong(), body.path("creation_path").asString(""),
                body.path("response"));
    }

    @Bean
    static LocalRoute wrappingWrapRoute(InternalWrappingController c) {
        return new LocalRoute("POST", "/internal/wrapping/wrap", call -> ResponseEntity.ok(c.wrap(call.json(c.json))));
    }
}
