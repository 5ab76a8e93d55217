package dev.arca.core.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cache invalidation across services and replicas over PostgreSQL LISTEN/NOTIFY. A writer publishes
 * {@code kind:id} (e.g. {@code token:<accessor>}, {@code policy:<name>}) in its own transaction, so the
 * message is delivered only if the change commits. A listener that loses its connection tells its
 * subscribers to drop everything ({@link #RESET}), because messages may have been missed meanwhile.
 */
public final class Invalidations implements DisposableBean {

    public static final String CHANNEL = "arca_invalidation";
    /** Delivered to subscribers when notifications may have been lost: drop every cached entry. */
    public static final String RESET = "*";

    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile Thread listener;

    public Invalidations(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Sends a message; inside a transaction it is delivered on commit. */
    public void publish(String kind, String id) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, kind + ":" + id);
    }

    /** Registers a subscriber; the first one starts the listening thread. */
    public synchronized void subscribe(Consumer<String> subscriber) {
        subscribers.add(subscriber);
        if (listener == null) {
            listener = Thread.ofPlatform().daemon().name("arca-invalidations").start(this::listen);
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                deliver(RESET);
                while (running) {
                    PGNotification[] batch = pg.getNotifications(500);
                    if (batch != null) {
                        for (PGNotification n : batch) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("invalidation listener lost its connection ({}); reconnecting", e.getSQLState());
                    sleepQuietly();
                }
            }
        }
    }

    private void deliver(String message) {
        for (Consumer<String> s : subscribers) {
            try {
                s.accept(message);
            } catch (RuntimeException e) {
                log.error("invalidation subscriber failed", e);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }
}
