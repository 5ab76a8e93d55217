package dev.arca.core.config;

import dev.arca.core.api.VaultErrorHandler;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.events.Invalidations;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.observation.SecurityObservationSettings;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;

/**
 * What every Arca service and the gateway get: Vault error mapping, the barrier, invalidations, and
 * no Micrometer observations around each Spring Security filter, authentication and authorization
 * (on every call they cost more than the checks they observe; request metrics stay).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(InternalProperties.class)
@Import(VaultErrorHandler.class)
public class CoreAutoConfiguration {

    @Bean
    Barrier barrier() {
        return new Barrier();
    }

    /**
     * Numbers keep what was written, as Vault's (Go {@code json.Number}) do: decimals are read as
     * {@code BigDecimal}, never doubles ({@code 1e309} would become Infinity, {@code 1e-400} zero,
     * {@code 1.0000000000000000000001} one), and their scale is kept ({@code 1.50} stays {@code 1.50}).
     */
    @Bean
    JsonMapperBuilderCustomizer exactNumbers() {
        return builder -> builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    Invalidations invalidations(DataSource dataSource, InternalProperties props) {
        return new Invalidations(dataSource, !props.isGateway());
    }
}
