package dev.arca.core.config;

import dev.arca.core.api.VaultErrorHandler;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.events.Invalidations;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What every Arca service and the gateway get: Vault error mapping, the barrier, invalidations. */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(InternalProperties.class)
@Import(VaultErrorHandler.class)
public class CoreAutoConfiguration {

    @Bean
    Barrier barrier() {
        return new Barrier();
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    Invalidations invalidations(DataSource dataSource) {
        return new Invalidations(dataSource);
    }
}
