package dev.arca.test;

import dev.arca.core.barrier.Keyring;
import dev.arca.core.context.ContextKeys;
import dev.arca.core.context.ContextSigner;
import dev.arca.core.context.RequestContext;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stands in for the gateway in a service's tests: a context signing key generated for this JVM, the
 * matching verification key for the service, and signed contexts for requests.
 */
public final class TestGateway {

    private static final KeyPair KEYS = ContextKeys.generate();
    private static final ContextSigner SIGNER = new ContextSigner((ECPrivateKey) KEYS.getPrivate());
    /** One keyring per JVM, so services under test can be unsealed with it. */
    public static final Keyring KEYRING = Keyring.generate();

    private TestGateway() {
    }

    /** Gives the service under test the verification key and its name. */
    public static void register(DynamicPropertyRegistry registry, String serviceName) {
        registry.add("arca.internal.public-key", () -> ContextKeys.encode(KEYS.getPublic()));
        registry.add("spring.application.name", () -> serviceName);
    }

    /** {@code Authorization} header value carrying a signed context for {@code service}. */
    public static String bearer(RequestContext ctx, String service) {
        return "Bearer " + SIGNER.sign(ctx, List.of(service));
    }

    /** A context for a call to {@code path} on a mount, as the root token would make it. */
    public static RequestContext context(String operation, String path, String mountPath, String mountAccessor,
            String mountType, Map<String, String> mountOptions, List<String> policies) {
        return new RequestContext(UUID.randomUUID().toString(), operation, path, mountPath, mountAccessor, mountType,
                mountOptions, "test-accessor", "", "test", policies, "127.0.0.1");
    }

    /** A root context for a system or auth path with no mount of its own. */
    public static RequestContext root(String operation, String path) {
        return context(operation, path, "", "", "", Map.of(), List.of("root"));
    }
}
