package dev.arca.gateway.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public listener's settings ({@code arca.listener.*}), named after Vault's listener stanza.
 *
 * @param xForwardedForAuthorizedAddrs proxies (CIDR blocks) whose {@code X-Forwarded-For} names the client;
 *                                     empty (the default) trusts no header, the connection's address is the client's
 * @param xForwardedForHopSkips        how many addresses to skip from the right of {@code X-Forwarded-For}
 *                                     (proxies of one's own behind the authorized one)
 */
@ConfigurationProperties("arca.listener")
public record ListenerProperties(@DefaultValue List<String> xForwardedForAuthorizedAddrs, @DefaultValue("0") int xForwardedForHopSkips) {
}
