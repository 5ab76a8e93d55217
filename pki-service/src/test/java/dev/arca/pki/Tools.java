package dev.arca.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** The real tools a certificate is checked with: the openssl command line and Java's PKIX validator. */
public final class Tools {

    private static final Pattern PEM_OPENING = Pattern.compile("\\A-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n");

    private Tools() {
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    public record Run(int exit, String output) {
    }

    public static boolean opensslPresent() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs openssl; skips the test with a clear message when it is not installed. */
    public static Run openssl(Path dir, String... args) {
        Assumptions.assumeTrue(opensslPresent(), "openssl is not installed: the openssl checks are skipped");
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl did not finish: " + cmd);
            }
            return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text.endsWith("\n") ? text : text + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("not PEM certificates", e);
        }
    }

    /** The type named by the boundary a PEM text opens with, e.g. {@code "EC PRIVATE KEY"} for a SEC1 key; empty when it opens with none. */
    public static String pemType(String pem) {
        Matcher m = PEM_OPENING.matcher(pem);
        return m.find() ? m.group(1) : "";
    }

    public static X509Certificate certificate(String pem) {
        return certificates(pem).getFirst();
    }

    /** Java's PKIX validation of {@code leaf} (with {@code intermediates}, nearest first) up to {@code root}, without revocation checks. */
    public static void pkixValid(X509Certificate leaf, List<X509Certificate> intermediates, X509Certificate root) throws Exception {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(intermediates);
        var certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        assertThat(CertPathValidator.getInstance("PKIX").validate(certPath, params)).isNotNull();
    }
}
