package dev.arca.gateway.catalog;

import static dev.arca.core.backend.Operation.READ;

import dev.arca.core.backend.OpenApi;
import dev.arca.gateway.api.ApiCall;
import dev.arca.gateway.api.ApiResult;
import dev.arca.gateway.api.LocalRoutes;
import dev.arca.gateway.mount.Mount;
import dev.arca.gateway.mount.MountTable;
import dev.arca.gateway.seal.SysRawController;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code GET sys/internal/specs/openapi}: an OpenAPI 3 document of every mounted backend's path
 * families and of the system paths the services own, generated from the catalog (the same definitions
 * the services serve and answer {@code ?help=1} from).
 */
@Component
public class OpenApiHandlers implements LocalRoutes.Registrar {

    private final MountTable mounts;
    private final Catalog catalog;

    public OpenApiHandlers(MountTable mounts, Catalog catalog) {
        this.mounts = mounts;
        this.catalog = catalog;
    }

    @Override
    public void register(LocalRoutes routes) {
        routes.exact("sys/internal/specs/openapi", Set.of(READ), this::document);
    }

    private ApiResult document(ApiCall call) {
        List<OpenApi.Mounted> paths = new ArrayList<>();
        for (Mount m : mounts.all()) {
            catalog.type(m.type()).ifPresent(e -> e.info().paths().stream().filter(p -> p.appliesTo(m.options()))
                    .forEach(p -> paths.add(new OpenApi.Mounted(m.path(), p))));
        }
        for (Catalog.Entry e : catalog.systemBackends()) {
            e.info().paths().forEach(p -> paths.add(new OpenApi.Mounted("sys/", p)));
        }
        return ApiResult.ok(OpenApi.document(paths, SysRawController.VERSION));
    }
}
