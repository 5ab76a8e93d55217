package dev.arca.core.events;

import dev.arca.core.local.LocalCallScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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
    private static final String MARKER = "marker";
    /**
     * Set on a service's response when handling the call published invalidations, so that the gateway
     * can wait until it has applied them ({@link #awaitDelivered}) before it answers its caller.
     */
    public static final String PUBLISHED_HEADER = "Arca-Invalidations";

    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final boolean markResponses;
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> markers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile Thread listener;

    /**
     * @param markResponses whether a publish made while handling a request marks that request's
     *                      response with {@link #PUBLISHED_HEADER} (services do; the public gateway does not)
     */
    public Invalidations(DataSource dataSource, boolean markResponses) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.markResponses = markResponses;
    }

    /** Sends a message; inside a transaction it is delivered on commit. */
    public void publish(String kind, String id) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, kind + ":" + id);
        if (!markResponses || LocalCallScope.markInvalidationsPublished()) {
            return;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletResponse response = attrs.getResponse();
            if (response != null && !response.isCommitted()) {
                response.setHeader(PUBLISHED_HEADER, "1");
            }
        }
    }

    /**
     * Waits until this instance's listener has delivered every message committed before the call:
     * notifications arrive in commit order, so once a marker sent now comes back, everything earlier
     * has been handled. Gives read-your-writes to the caller that just made a change elsewhere.
     *
     * @return false when the marker did not come back within the timeout
     */
    public boolean awaitDelivered(Duration timeout) {
        if (listener == null) {
            return true;
        }
        String marker = UUID.randomUUID().toString();
        CompletableFuture<Void> arrived = new CompletableFuture<>();
        markers.put(marker, arrived);
        try {
            publish(MARKER, marker);
            arrived.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            markers.remove(marker);
        }
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
        if (message.startsWith(MARKER + ":")) {
            CompletableFuture<Void> waiting = markers.get(message.substring(MARKER.length() + 1));
            if (waiting != null) {
                waiting.complete(null);
            }
            return;
        }
        if (RESET.equals(message)) {
            // the connection was lost and remade: whoever waits for a marker may have missed it
            markers.values().forEach(f -> f.complete(null));
        }
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
