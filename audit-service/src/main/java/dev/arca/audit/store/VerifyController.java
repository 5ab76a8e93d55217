package dev.arca.audit.store;

import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code sys/audit-verify}: Arca's own endpoint, walks the store's chain and names the first break. */
@RestController
class VerifyController {

    private final ChainVerifier verifier;

    VerifyController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/v1/sys/audit-verify")
    VaultResponse read(RequestContext ctx) {
        return VaultResponse.of(ctx.requestId(), verifier.verify().toData());
    }
}
