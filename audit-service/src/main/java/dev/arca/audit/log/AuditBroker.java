package dev.arca.audit.log;

import dev.arca.audit.config.AuditProperties;
import dev.arca.audit.device.ActiveDevice;
import dev.arca.audit.device.Device;
import dev.arca.audit.device.DeviceRegistry;
import dev.arca.audit.device.FileSink;
import dev.arca.audit.hash.EntryHasher;
import dev.arca.audit.hash.Hmac;
import dev.arca.audit.store.GroupCommitter;
import dev.arca.audit.store.StoreEntry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fans one entry out to every enabled device, each hashing with its own key, and returns only when
 * all of them have stored it. The store's write is queued first so that its group commit overlaps
 * with the file writes.
 */
@Component
class AuditBroker {

    private final DeviceRegistry devices;
    private final GroupCommitter store;
    private final FileSink files;
    private final JsonMapper json;
    private final long timeoutNanos;

    AuditBroker(DeviceRegistry devices, GroupCommitter store, FileSink files, JsonMapper json, AuditProperties props) {
        this.devices = devices;
        this.store = store;
        this.files = files;
        this.json = json;
        this.timeoutNanos = props.commitTimeout().toNanos();
    }

    /**
     * Stores entries in order; all of them are queued before the first wait, so a batch from the
     * gateway lands in as few store transactions as the group commit allows.
     *
     * @throws AuditFailedException when any device did not store any of the entries in time
     */
    void log(List<ObjectNode> entries) {
        List<ActiveDevice> active = devices.active();
        List<Map.Entry<String, CompletableFuture<Void>>> pending = new ArrayList<>(entries.size() * active.size());
        // per device, the batch's tokens and accessors (repeated in every request and response entry) are hashed once
        List<Hmac> hmacs = active.stream().map(d -> d.hmac().memoizing()).toList();
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC);
        for (ObjectNode entry : entries) {
            for (int i = 0; i < active.size(); i++) {
                ActiveDevice d = active.get(i);
                String line = json.writeValueAsString(EntryHasher.hashed(entry, hmacs.get(i), d.device().hmacAccessor()));
                pending.add(Map.entry(d.device().path(), write(d.device(), entry, line, received)));
            }
        }
        long deadline = System.nanoTime() + timeoutNanos;
        pending.forEach(p -> await(p.getKey(), p.getValue(), deadline));
    }

    /** @param received when the batch arrived: the store row's {@code time}; the entry keeps the gateway's own time */
    private CompletableFuture<Void> write(Device device, ObjectNode entry, String line, OffsetDateTime received) {
        if (device.type().equals(Device.STORE)) {
            return store.submit(new StoreEntry(received, entry.path("type").asString(""),
                    entry.path("request").path("id").asString(""), line));
        }
        try {
            files.write(device.filePath(), line);
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void await(String path, CompletableFuture<Void> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AuditFailedException(path, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new AuditFailedException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditFailedException(path, e);
        }
    }
}
