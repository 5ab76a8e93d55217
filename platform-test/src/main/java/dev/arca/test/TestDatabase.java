package dev.arca.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real PostgreSQL for tests, one per JVM: {@code ARCA_TEST_DATABASE_URL} (with
 * {@code ARCA_TEST_DATABASE_USERNAME}/{@code _PASSWORD}) when set, else an embedded PostgreSQL started
 * on first use. Each call of {@link #createDatabase} makes a fresh database, so test classes that need
 * isolation do not see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Server server;

    /** Where the server is and how to log in. */
    public record Server(String baseUrl, String username, String password) {
        public String url(String database) {
            return baseUrl + database;
        }
    }

    private TestDatabase() {
    }

    public static synchronized Server server() {
        if (server == null) {
            String url = System.getenv("ARCA_TEST_DATABASE_URL");
            if (url != null && !url.isBlank()) {
                String base = url.substring(0, url.lastIndexOf('/') + 1);
                server = new Server(base, env("ARCA_TEST_DATABASE_USERNAME", "postgres"), env("ARCA_TEST_DATABASE_PASSWORD", ""));
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting; the data directory is temporary
                        }
                    }));
                    server = new Server("jdbc:postgresql://localhost:" + pg.getPort() + "/", "postgres", "");
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start embedded PostgreSQL", e);
                }
            }
        }
        return server;
    }

    /** Creates an empty database with a unique name and returns its JDBC URL. */
    public static String createDatabase(String prefix) {
        Server s = server();
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet()).toLowerCase();
        try (Connection c = java.sql.DriverManager.getConnection(s.url("postgres"), s.username(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return s.url(name);
    }

    /** Points a Spring test context's data source at a fresh database. */
    public static void register(DynamicPropertyRegistry registry, String prefix) {
        String url = createDatabase(prefix);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> server().username());
        registry.add("spring.datasource.password", () -> server().password());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
