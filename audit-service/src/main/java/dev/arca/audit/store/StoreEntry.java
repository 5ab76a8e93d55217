package dev.arca.audit.store;

import java.time.OffsetDateTime;

/**
 * One hashed audit entry on its way into the store.
 *
 * @param entry the entry's JSON text exactly as chained; its bytes are what the hash covers
 */
public record StoreEntry(OffsetDateTime time, String type, String requestId, String entry) {
}
