package dev.arca.gateway.token;

import dev.arca.core.net.Cidrs;
import dev.arca.gateway.config.ListenerProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The caller's address, as bound CIDRs and the request context see it: the connection's, or, when the
 * connection comes from a proxy listed in {@code arca.listener.x-forwarded-for-authorized-addrs}, the
 * address its {@code X-Forwarded-For} names (the rightmost, after {@code x-forwarded-for-hop-skips}).
 * A header from anyone else is ignored, so a caller cannot choose its own address.
 */
@Component
public class ClientAddresses {

    private final List<String> authorized;
    private final int hopSkips;

    public ClientAddresses(ListenerProperties listener) {
        this.authorized = Cidrs.check(listener.xForwardedForAuthorizedAddrs(), "x_forwarded_for_authorized_addrs");
        if (listener.xForwardedForHopSkips() < 0) {
            throw new IllegalArgumentException("arca.listener.x-forwarded-for-hop-skips must not be negative");
        }
        this.hopSkips = listener.xForwardedForHopSkips();
    }

    public String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (authorized.isEmpty() || !Cidrs.allows(authorized, remote)) {
            return remote;
        }
        String header = request.getHeader("X-Forwarded-For");
        if (header == null || header.isBlank()) {
            return remote;
        }
        List<String> hops = Arrays.stream(header.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        int at = hops.size() - 1 - hopSkips;
        return at < 0 ? remote : hops.get(at);
    }
}
