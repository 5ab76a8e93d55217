package dev.arca.gateway.edge;

import dev.arca.core.backend.BackendRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Reads an encoded slash ({@code %2F}) in the path as {@code /}, and repeated slashes as one, as Vault's HTTP layer does: Go decodes
 * the path before routing, so {@code GET /v1/secret%2Fdata%2Fapp} is {@code secret/data/app}, and
 * OCSP clients send the base64 of a request (which may hold {@code /}) URL-encoded in the path.
 *
 * <p>Tomcat passes {@code %2F} through undecoded; this filter, ahead of the request firewall, hands on a
 * request whose URI has those slashes decoded and repeated slashes read as one, which is the path every
 * later step (firewall, handler mapping, router, ACL) sees. What the firewall refuses it still refuses
 * on that path: a decoded {@code .} or {@code ..} segment is not normalized, so {@code ..%2F} can never
 * reach a path other than the one the policy check sees. A literal {@code //} is read as one slash too
 * (Go's router cleans it; OCSP clients send base64 with {@code //} unencoded). The decoded URI with its slashes as sent is kept in
 * the {@link #RAW_URI} attribute, for a path family that needs them ({@link BackendRequest#rawRelativePath()}).
 */
public final class EncodedSlashes extends OncePerRequestFilter {

    /** Request attribute: the request URI with its encoded slashes decoded and repeated slashes kept. */
    public static final String RAW_URI = EncodedSlashes.class.getName() + ".rawUri";

    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[fF]");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri == null || !(uri.contains("//") || ENCODED_SLASH.matcher(uri).find())) {
            chain.doFilter(request, response);
            return;
        }
        String slashes = ENCODED_SLASH.matcher(uri).replaceAll("/");
        request.setAttribute(RAW_URI, slashes);
        chain.doFilter(new Decoded(request, BackendRequest.collapseSlashes(slashes)), response);
    }

    /** The URI with its slashes as sent when it held encoded ones, else null. */
    public static @Nullable String rawUri(HttpServletRequest request) {
        return request.getAttribute(RAW_URI) instanceof String s ? s : null;
    }

    /** The request as if its encoded slashes had been sent as slashes. */
    private static final class Decoded extends HttpServletRequestWrapper {

        private final String uri;
        private final String servletPath;

        Decoded(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
            this.servletPath = UriUtils.decode(uri.substring(request.getContextPath().length()), StandardCharsets.UTF_8);
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
            int port = getServerPort();
            if (port > 0 && !(port == 80 && "http".equals(getScheme())) && !(port == 443 && "https".equals(getScheme()))) {
                url.append(':').append(port);
            }
            return url.append(uri);
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public @Nullable String getPathInfo() {
            return null;
        }
    }
}
