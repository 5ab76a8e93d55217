package dev.arca.gateway.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Labels every answer without a body {@code application/json}, as Vault does: a 204, or an empty body
 * that a message converter labelled {@code application/octet-stream}. Clients decode by the label, and
 * some fail on a 204 labelled anything else (Spring's reactive WebClient does).
 *
 * <p>Whether a body follows is known only at the end, so nothing may commit the response before its
 * first byte: a flush before it is held back, and so is a write of no bytes.
 */
public final class EmptyBodyJsonFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tracking tracking = new Tracking(response);
        chain.doFilter(request, tracking);
        if (!response.isCommitted() && (!tracking.bodyStarted || response.getStatus() == 204)) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
    }

    /** Notes whether any byte of a body was written, and holds back flushes until one is. */
    private static final class Tracking extends HttpServletResponseWrapper {

        private boolean bodyStarted;
        private @Nullable ServletOutputStream out;

        Tracking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new TrackingStream(super.getOutputStream());
            }
            return out;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            // Characters are not followed through the writer: taking it counts as writing a body.
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (bodyStarted) {
                super.flushBuffer();
            }
        }

        private final class TrackingStream extends ServletOutputStream {

            private final ServletOutputStream delegate;

            TrackingStream(ServletOutputStream delegate) {
                this.delegate = delegate;
            }

            @Override
            public void write(int b) throws IOException {
                bodyStarted = true;
                delegate.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    // Not even passed on: with a declared length of 0 the container commits the
                    // response as soon as that many bytes are written, label and all.
                    return;
                }
                bodyStarted = true;
                delegate.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (bodyStarted) {
                    delegate.flush();
                }
            }

            @Override
            public void close() throws IOException {
                if (!bodyStarted) {
                    // Closing commits the response, and with no byte written its body is surely empty.
                    setContentType(MediaType.APPLICATION_JSON_VALUE);
                }
                delegate.close();
            }

            @Override
            public boolean isReady() {
                return delegate.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                delegate.setWriteListener(listener);
            }
        }
    }
}
