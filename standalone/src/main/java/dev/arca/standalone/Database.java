package dev.arca.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * Where the platform's PostgreSQL is: a JDBC URL with credentials, and the embedded server when Arca
 * started one itself.
 */
public record Database(String url, String username, String password, @Nullable EmbeddedPostgres server)
        implements AutoCloseable {

    /** An embedded PostgreSQL in a temporary directory, gone when closed. */
    public static Database startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new Database("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
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
