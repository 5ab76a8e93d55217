package dev.arca.core.backend;

import dev.arca.core.api.VaultException;
import java.util.Map;

/**
 * A kind of secret a backend issues under a lease ({@code framework.Secret}): how it is renewed and
 * revoked. lease-service does the bookkeeping and calls these when a lease is renewed, revoked or
 * expires; the engine decides what renewal means (refuse, accept the capped TTL, extend its credential).
 *
 * @param name   the type's name, unique in its backend (e.g. {@code creds})
 * @param renew  answers a renewal with the TTL granted, at most {@link Event#ttl()}; throws a
 *               {@link VaultException} to refuse
 * @param revoke ends the secret; must be idempotent (a crash may repeat it); throws to be retried
 */
public record SecretType(String name, Renew renew, Revoke revoke) {

    /** One renewal or revocation of a lease of this type. */
    @FunctionalInterface
    public interface Renew {
        long renew(Event event);
    }

    /** Ends a leased secret. */
    @FunctionalInterface
    public interface Revoke {
        void revoke(Event event);
    }

    /**
     * What the engine is told about the lease.
     *
     * @param leaseId   the lease's id, e.g. {@code database/creds/app/Xyz...}
     * @param mount     the mount that issued it
     * @param data      the revocation data the engine registered (decrypted)
     * @param increment the TTL the caller asked for on renewal, 0 for the default
     * @param ttl       on renewal, the TTL lease-service allows (already capped at the lease's max TTL)
     * @param issueMs   when the lease was issued
     */
    public record Event(String leaseId, Backend.MountInfo mount, Map<String, String> data, long increment, long ttl,
            long issueMs) {
        public Event {
            data = Map.copyOf(data);
        }
    }

    /** A secret that cannot be renewed. */
    public static Renew notRenewable() {
        return e -> {
            throw VaultException.badRequest("lease is not renewable");
        };
    }

    /** Renewal that grants what lease-service allows, for secrets whose validity lease-service alone decides. */
    public static Renew granted() {
        return Event::ttl;
    }
}
