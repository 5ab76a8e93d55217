package dev.arca.core.config;

import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendController;
import dev.arca.core.backend.BackendDispatcher;
import dev.arca.core.lease.LeaseClient;
import dev.arca.core.local.LocalRoute;
import dev.arca.core.local.LocalServices;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service that declares {@link Backend} beans gets the one dispatcher that serves them all, its
 * HTTP controller, and its in-process routes.
 */
@AutoConfiguration(after = CoreAutoConfiguration.class)
@ConditionalOnProperty(name = "arca.internal.role", havingValue = "service", matchIfMissing = true)
@ConditionalOnBean(Backend.class)
public class BackendAutoConfiguration {

    @Bean
    LeaseClient leaseClient(@Value("${spring.application.name}") String service,
            @Qualifier(LocalServices.BEAN_NAME) ObjectProvider<LocalServices> directory, JsonMapper json,
            @Value("${arca.lease.system-max-ttl:768h}") Duration systemMax) {
        return new LeaseClient(service, directory.getIfAvailable(), json, systemMax.toSeconds(), Clock.systemUTC());
    }

    @Bean
    BackendDispatcher backendDispatcher(@Value("${spring.application.name}") String service, List<Backend> backends,
            JsonMapper json, ObjectProvider<MeterRegistry> meters, LeaseClient leases) {
        return new BackendDispatcher(service, backends, json, meters.getIfAvailable(), leases::revokeMount);
    }

    @Bean
    BackendController backendController(BackendDispatcher dispatcher, JsonMapper json) {
        return new BackendController(dispatcher, json);
    }

    @Bean
    LocalRoute backendApiRoute(BackendController controller) {
        return controller.localRoutes().get(0);
    }

    @Bean
    LocalRoute backendCatalogRoute(BackendController controller) {
        return controller.localRoutes().get(1);
    }

    @Bean
    LocalRoute backendMountsRoute(BackendController controller) {
        return controller.localRoutes().get(2);
    }

    @Bean
    LocalRoute backendLeasesRoute(BackendController controller) {
        return controller.localRoutes().get(3);
    }
}
