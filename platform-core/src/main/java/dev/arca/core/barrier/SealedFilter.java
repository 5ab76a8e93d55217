package dev.arca.core.barrier;

import dev.arca.core.api.VaultException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers every {@code /v1/} call with Vault's 503 while this instance's barrier is sealed. */
public final class SealedFilter extends OncePerRequestFilter {

    /** Vault's sealed answer, written directly: a filter runs before the MVC error handling. */
    private static final byte[] BODY = ("{\"errors\":[\"" + VaultException.sealed().errors().getFirst() + "\"]}")
            .getBytes(StandardCharsets.UTF_8);
    private final Barrier barrier;

    public SealedFilter(Barrier barrier) {
        this.barrier = barrier;
    }

    /** Whether a call to {@code path} is refused while sealed: the API, {@code /v1/}, over HTTP or in process. */
    public static boolean guards(String path) {
        return path.startsWith("/v1/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !guards(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (barrier.isSealed()) {
            response.setStatus(503);
            response.setContentType("application/json");
            response.getOutputStream().write(BODY);
            return;
        }
        chain.doFilter(request, response);
    }
}
