package dev.arca.core.config;

import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.KeyringController;
import dev.arca.core.barrier.SealedFilter;
import dev.arca.core.context.ContextDecoder;
import dev.arca.core.context.ContextKeys;
import dev.arca.core.context.RequestContextArgumentResolver;
import dev.arca.core.local.LocalEndpoint;
import dev.arca.core.local.LocalRoute;
import dev.arca.core.local.LocalServices;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An internal service (every role but the gateway): each request must carry a gateway-signed
 * context for this service ({@code Authorization: Bearer <context JWT>}), verified by Spring
 * Security's resource server; {@code /v1/} answers 503 while sealed; the gateway unseals through
 * {@code /internal/keyring}.
 */
@AutoConfiguration(after = CoreAutoConfiguration.class)
@ConditionalOnProperty(name = "arca.internal.role", havingValue = "service", matchIfMissing = true)
@Import(KeyringController.class)
public class ServiceAutoConfiguration {

    @Bean
    JwtDecoder contextDecoder(InternalProperties props, @Value("${spring.application.name}") String serviceName) {
        if (props.publicKey() == null || props.publicKey().isBlank()) {
            throw new IllegalStateException("arca.internal.public-key is not set: a service needs the gateway's "
                    + "context verification key");
        }
        return ContextDecoder.forService(ContextKeys.publicKey(props.publicKey()), serviceName);
    }

    @Bean
    SecurityFilterChain internalSecurity(HttpSecurity http, JwtDecoder decoder) throws Exception {
        byte[] unauthorized = "{\"errors\":[\"missing or invalid gateway context\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return http
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                // an internal API: no browser, so no logout endpoint and no browser security headers
                .logout(l -> l.disable())
                .headers(h -> h.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(ServiceAutoConfiguration::bearer)
                        .jwt(j -> j.decoder(decoder))
                        .authenticationEntryPoint((req, res, e) -> {
                            res.setStatus(HttpStatus.UNAUTHORIZED.value());
                            res.setContentType("application/json");
                            res.getOutputStream().write(unauthorized);
                        }))
                .build();
    }

    /**
     * The context from {@code Authorization: Bearer <jwt>}, without the default resolver's regular
     * expression on every call; anything that is not a well-formed context fails in the decoder (401).
     */
    static @Nullable String bearer(HttpServletRequest request) {
        String h = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = h.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /**
     * The in-process entrance to this service's {@link LocalRoute}s, registered in the process's
     * {@link LocalServices} when the launcher runs several services in one JVM and gives them one.
     */
    @Bean
    LocalEndpoint localEndpoint(@Value("${spring.application.name}") String serviceName,
            @Qualifier(LocalServices.BEAN_NAME) ObjectProvider<LocalServices> directory, ObjectProvider<LocalRoute> routes,
            Barrier barrier, JsonMapper json) {
        return new LocalEndpoint(serviceName, directory.getIfAvailable(), routes.orderedStream().toList(), barrier, json);
    }

    @Bean
    FilterRegistrationBean<SealedFilter> sealedFilter(Barrier barrier) {
        FilterRegistrationBean<SealedFilter> r = new FilterRegistrationBean<>(new SealedFilter(barrier));
        r.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return r;
    }

    @Bean
    WebMvcConfigurer requestContextResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new RequestContextArgumentResolver());
            }
        };
    }
}
