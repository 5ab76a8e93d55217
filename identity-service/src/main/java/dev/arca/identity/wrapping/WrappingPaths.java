package dev.arca.identity.wrapping;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * {@code sys/wrapping/*} as a system backend: {@code wrap} answers its body as data (the gateway wraps
 * it, as it wraps any call sent with {@code X-Vault-Wrap-TTL}), {@code unwrap} and {@code rewrap} use
 * a wrapping token up (the one in the body, or the caller's own), {@code lookup} needs no token.
 */
@Configuration(proxyBeanMethods = false)
public class WrappingPaths {

    /** The header that asks for a wrapped response; the gateway passes it on. */
    public static final String WRAP_TTL_HEADER = "X-Vault-Wrap-TTL";

    private final WrappingService wrapping;

    public WrappingPaths(WrappingService wrapping) {
        this.wrapping = wrapping;
    }

    @Bean
    Backend wrappingBackend() {
        Field token = Field.string("token", "The wrapping token; the caller's own when empty.");
        return Backend.builder("wrapping", Backend.Kind.SYSTEM)
                .description("response wrapping")
                .systemPrefix("sys/wrapping")
                .unauthenticated("wrapping/lookup")
                .paths(PathFamily.of("wrapping/wrap")
                                .write(this::wrap, "Wrap the body in a response-wrapping token.")
                                .help("Wraps the given values: the call must ask for wrapping (X-Vault-Wrap-TTL).", "")
                                .build(),
                        PathFamily.of("wrapping/unwrap")
                                .field(token)
                                .write(r -> ResponseEntity.ok(wrapping.unwrap(r.context(), r.fields().string("token"))),
                                        "Unwrap a response-wrapping token.")
                                .help("Answers the wrapped response; the token works once.", "")
                                .build(),
                        PathFamily.of("wrapping/lookup")
                                .field(Field.string("token", "The wrapping token."))
                                .write(r -> r.ok(wrapping.lookup(r.fields().string("token"))), "Look up a wrapping token.")
                                .help("Creation path, time and TTL of a wrapping token, without using it.", "")
                                .build(),
                        PathFamily.of("wrapping/rewrap")
                                .field(token)
                                .write(r -> ResponseEntity.ok(wrapping.rewrap(r.context(), r.fields().string("token"))),
                                        "Move a wrapped response to a new wrapping token.")
                                .help("Uses the token up and answers a new one with the same TTL and response.", "")
                                .build())
                .build();
    }

    private ResponseEntity<?> wrap(BackendRequest r) {
        String ttl = r.header(WRAP_TTL_HEADER);
        if (ttl == null || ttl.isBlank()) {
            throw VaultException.badRequest("endpoint requires response wrapping to be used");
        }
        if (r.body().isEmpty()) {
            throw VaultException.badRequest("no data provided");
        }
        return r.ok(r.body());
    }
}
