package dev.arca.gateway.seal;

import dev.arca.core.api.VaultResponse;
import static dev.arca.core.backend.Operation.READ;
import static dev.arca.core.backend.Operation.UPDATE;

import dev.arca.core.barrier.Keyring;
import dev.arca.gateway.api.ApiCall;
import dev.arca.gateway.api.ApiResult;
import dev.arca.gateway.api.LocalRoutes;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The authenticated seal paths: {@code sys/seal}, {@code sys/rotate}, {@code sys/key-status}. */
@Component
public class SealHandlers implements LocalRoutes.Registrar {

    private final SealManager seal;

    public SealHandlers(SealManager seal) {
        this.seal = seal;
    }

    @Override
    public void register(LocalRoutes routes) {
        routes.exact("sys/seal", Set.of(UPDATE), call -> ApiResult.noContentThen(seal::seal)).exact("sys/rotate", Set.of(UPDATE), call -> {
            seal.rotate();
            return ApiResult.noContent();
        }).exact("sys/key-status", Set.of(READ), this::keyStatus);
    }

    private ApiResult keyStatus(ApiCall call) {
        Keyring.Term active = seal.activeTerm();
        return ApiResult.ok(VaultResponse.injected(call.ctx().requestId(), Map.of(
                "term", active.term(),
                "install_time", active.installed().toString(),
                "encryptions", 0)));
    }
}
