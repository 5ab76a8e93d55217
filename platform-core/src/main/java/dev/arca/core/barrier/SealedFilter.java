package dev.arca.core.barrier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers every {@code /v1/} call with Vault's 503 while this instance's barrier is sealed. */
public final class SealedFilter extends OncePerRequestFilter {

    private static final byte[] BODY = "{\"errors\":[\"Vault is sealed\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final Barrier barrier;

    public SealedFilter(Barrier barrier) {
        this.barrier = barrier;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
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
