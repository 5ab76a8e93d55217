package dev.arca.gateway.config;

import dev.arca.core.config.InternalProperties;
import dev.arca.core.context.ContextKeys;
import dev.arca.core.context.ContextSigner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The gateway is the public edge: it authenticates Vault tokens itself (not through Spring Security
 * sessions) and signs the context that services verify.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({GatewayProperties.class, ListenerProperties.class})
public class GatewayConfiguration {

    @Bean
    ContextSigner contextSigner(InternalProperties props) {
        if (props.privateKey() == null || props.privateKey().isBlank()) {
            throw new IllegalStateException("arca.internal.private-key is not set: the gateway needs its context signing key");
        }
        return new ContextSigner(ContextKeys.privateKey(props.privateKey()));
    }

    /**
     * Spring Security here is the request firewall and the no-cache headers only: every API call is
     * authenticated and authorised by the gateway's own token and ACL checks, so the filters for
     * sessions, logins, logout and URL authorisation would only cost time on every call.
     */
    @Bean
    SecurityFilterChain publicApi(HttpSecurity http) throws Exception {
        return http
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .anonymous(a -> a.disable())
                .logout(l -> l.disable())
                .servletApi(a -> a.disable())
                .exceptionHandling(e -> e.disable())
                .headers(h -> h.cacheControl(c -> { }))
                .build();
    }
}
