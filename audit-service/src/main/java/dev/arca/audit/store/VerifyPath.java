package dev.arca.audit.store;

import dev.arca.core.backend.PathFamily;
import org.springframework.stereotype.Component;

/** {@code sys/audit-verify}: Arca's own path, walks the store's chain and names the first break. */
@Component
public class VerifyPath {

    private final ChainVerifier verifier;

    VerifyPath(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    public PathFamily family() {
        return PathFamily.of("audit-verify")
                .read(r -> r.ok(verifier.verify().toData()), "Verify the audit store's hash chain.")
                .help("Walks the audit store's hash chain and names the first broken entry.", "")
                .build();
    }
}
