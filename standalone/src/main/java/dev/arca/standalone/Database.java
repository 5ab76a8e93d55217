package dev.arca.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the platform's PostgreSQL is: a JDBC URL with credentials, and the embedded server when Arca
 * started one itself.
 */
public record Database(String url, String username, String password, @Nullable EmbeddedPostgres server)
        implements AutoCloseable {

    private static final String SHARED_BUFFERS = "ARCA_DEV_DB_SHARED_BUFFERS";
    private static final String PASSWORD = "ARCA_DEV_DB_PASSWORD";
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,9}(kB|MB|GB)?");

    /**
     * An embedded PostgreSQL in a temporary directory, gone when closed. Its {@code postgres} login has a
     * password from the first moment (initdb sets it, and every connection, local or TCP, must give it
     * with SCRAM): {@code ARCA_DEV_DB_PASSWORD} when the operator sets one, else a random one that is never
     * printed. {@code ARCA_DEV_DB_SHARED_BUFFERS} (PostgreSQL's size syntax, e.g. {@code 1GB}) sets its
     * buffer cache; PostgreSQL's default is 128MB.
     */
    public static Database startEmbedded() {
        return startEmbedded(System.getenv(PASSWORD), System.getenv(SHARED_BUFFERS));
    }

    static Database startEmbedded(@Nullable String chosenPassword, @Nullable String buffers) {
        String password = chosenPassword == null || chosenPassword.isEmpty() ? randomPassword() : chosenPassword;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (buffers != null && !buffers.isBlank()) {
            builder.setServerConfig("shared_buffers", sharedBuffers(buffers));
        }
        Path pwfile = null;
        try {
            pwfile = Files.createTempFile("arca-pg", ".pw", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pwfile, password + "\n");
            // Passed to initdb after zonky's own "-A trust": the later --auth wins, for local and host lines alike.
            builder.setLocaleConfig("auth", "scram-sha-256");
            builder.setLocaleConfig("pwfile", pwfile.toString());
            builder.setConnectConfig("password", password);
            EmbeddedPostgres pg = builder.start();
            return new Database("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres", password, pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        } finally {
            if (pwfile != null) {
                try {
                    Files.deleteIfExists(pwfile);
                } catch (IOException ignored) {
                    // a temporary file of the process's own user; the password dies with the database anyway
                }
            }
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A buffer cache size in PostgreSQL's syntax: a number with an optional kB, MB or GB unit. */
    static String sharedBuffers(String value) {
        String v = value.strip();
        if (!SIZE.matcher(v).matches()) {
            throw new IllegalArgumentException(SHARED_BUFFERS + " must be a size such as 512MB or 2GB");
        }
        return v;
    }

    /** {@code ARCA_DATABASE_URL} (JDBC) with {@code ARCA_DATABASE_USERNAME}/{@code _PASSWORD}, else embedded. */
    public static Database fromEnvironment() {
        String url = System.getenv("ARCA_DATABASE_URL");
        if (url == null || url.isBlank()) {
            return startEmbedded();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("ARCA_DATABASE_URL must be a JDBC URL (jdbc:postgresql://host:port/db)");
        }
        return new Database(url, env("ARCA_DATABASE_USERNAME", "postgres"), env("ARCA_DATABASE_PASSWORD", ""), null);
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return "Database[" + url + "]";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
