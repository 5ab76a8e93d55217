package dev.arca.gateway.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Of the actuator, the public port shows only the liveness and readiness probes an orchestrator needs;
 * every other actuator path answers as a path that does not exist. The path is the decoded, normalised
 * one the endpoints are matched against, so no encoding of it reaches an endpoint this refuses.
 */
public final class ActuatorProbesFilter extends OncePerRequestFilter {

    private final String basePath;
    private final Set<String> probes;

    /** @param basePath the actuator's base path, e.g. {@code /actuator} */
    public ActuatorProbesFilter(String basePath) {
        this.basePath = basePath;
        this.probes = Set.of(basePath + "/health/liveness", basePath + "/health/readiness");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !path.equals(basePath) && !path.startsWith(basePath + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (probes.contains(path(request))) {
            chain.doFilter(request, response);
        } else {
            EdgeErrors.write(response, 404, EdgeErrors.forStatus(404));
        }
    }

    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? request.getServletPath() : request.getServletPath() + info;
    }
}
