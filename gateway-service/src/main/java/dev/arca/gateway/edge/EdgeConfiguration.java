package dev.arca.gateway.edge;

import org.apache.catalina.Host;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The public port's edge: every answer outside the API pipeline is Vault's JSON too. */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    /**
     * The firewall lets through Vault's methods only, the non-standard {@code LIST} included, and
     * answers what it refuses in Vault's shape. OPTIONS is refused too: Vault answers it 405 while
     * CORS is not configured, and it is not here.
     */
    @Bean
    WebSecurityCustomizer vaultMethods(RejectedRequests rejected) {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(EdgeErrors.VAULT_METHODS);
        return web -> web.httpFirewall(firewall).requestRejectedHandler(rejected);
    }

    /**
     * Tomcat reports what it refuses in Vault's shape, and passes an encoded slash through undecoded for
     * {@link EncodedSlashes} to read (its default refuses it; Vault decodes it).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> vaultErrorReports() {
        return factory -> {
            factory.addContextCustomizers(context -> VaultErrorReportValve.install((Host) context.getParent()));
            factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
        };
    }

    /** Ahead of the firewall, which then checks the path with its encoded slashes decoded. */
    @Bean
    FilterRegistrationBean<EncodedSlashes> encodedSlashes() {
        FilterRegistrationBean<EncodedSlashes> r = new FilterRegistrationBean<>(new EncodedSlashes());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return r;
    }

    /** Ahead of the security filters and the servlet, so that it sees every answer they give. */
    @Bean
    FilterRegistrationBean<EmptyBodyJsonFilter> emptyBodyJsonFilter() {
        FilterRegistrationBean<EmptyBodyJsonFilter> r = new FilterRegistrationBean<>(new EmptyBodyJsonFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return r;
    }

    /** After the firewall, so that a refused request gets the firewall's answer whatever its path. */
    @Bean
    FilterRegistrationBean<ActuatorProbesFilter> actuatorProbesFilter(WebEndpointProperties endpoints) {
        return new FilterRegistrationBean<>(new ActuatorProbesFilter(endpoints.getBasePath()));
    }
}
