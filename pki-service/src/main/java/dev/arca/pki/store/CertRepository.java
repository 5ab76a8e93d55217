package dev.arca.pki.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Issued certificates (public material, plaintext) and each issuer's latest complete and delta CRL. */
@Repository
public class CertRepository {

    private static final String COLUMNS = "serial, issuer_id, certificate, not_after, revoked_at";
    private static final RowMapper<CertRecord> ROW = (rs, n) -> new CertRecord(rs.getString(1), rs.getString(2), rs.getBytes(3),
            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant());

    private final JdbcClient jdbc;

    public CertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String mount, CertRecord c) {
        jdbc.sql("INSERT INTO pki_cert (mount_accessor, serial, issuer_id, certificate, not_after) VALUES (?, ?, ?, ?, ?)")
                .params(mount, c.serial(), c.issuerId(), c.der(), Timestamp.from(c.notAfter()))
                .update();
    }

    public Optional<CertRecord> find(String mount, String serial) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pki_cert WHERE mount_accessor = ? AND serial = ?").params(mount, serial).query(ROW)
                .optional();
    }

    /** Marks a certificate revoked at {@code at} unless it already is; the revocation time in force. */
    public Optional<Instant> revoke(String mount, String serial, Instant at) {
        return jdbc.sql("UPDATE pki_cert SET revoked_at = COALESCE(revoked_at, ?) WHERE mount_accessor = ? AND serial = ? RETURNING revoked_at")
                .params(Timestamp.from(at), mount, serial)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    public void delete(String mount, String serial) {
        jdbc.sql("DELETE FROM pki_cert WHERE mount_accessor = ? AND serial = ?").params(mount, serial).update();
    }

    /** A page of serials after {@code after} (exclusive), in order. */
    public List<String> serials(String mount, boolean revokedOnly, String after, int limit) {
        return jdbc.sql("SELECT serial FROM pki_cert WHERE mount_accessor = ? AND serial > ?" + (revokedOnly ? " AND revoked_at IS NOT NULL" : "")
                        + " ORDER BY serial LIMIT ?")
                .params(mount, after, limit)
                .query(String.class)
                .list();
    }

    /** An issuer's revoked certificates, optionally only those revoked since {@code since} (delta CRLs; a repeat is harmless). */
    public List<CertRecord> revoked(String mount, String issuerId, @Nullable Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pki_cert WHERE mount_accessor = ? AND issuer_id = ? AND revoked_at IS NOT NULL"
                        + (since == null ? "" : " AND revoked_at >= ?") + " ORDER BY serial")
                .params(since == null ? List.of(mount, issuerId) : List.of(mount, issuerId, Timestamp.from(since)))
                .query(ROW)
                .list();
    }

    /** Deletes up to {@code limit} certificates that expired before {@code before}; how many went, and whether revoked ones did. */
    public int[] tidy(String mount, Instant before, boolean certStore, boolean revokedCerts, int limit) {
        String which = certStore && revokedCerts ? "" : certStore ? " AND revoked_at IS NULL" : " AND revoked_at IS NOT NULL";
        List<Boolean> deleted = jdbc.sql("DELETE FROM pki_cert WHERE ctid IN (SELECT ctid FROM pki_cert WHERE mount_accessor = ? AND not_after < ?"
                        + which + " LIMIT ?) RETURNING revoked_at IS NOT NULL")
                .params(mount, Timestamp.from(before), limit)
                .query(Boolean.class)
                .list();
        return new int[] {deleted.size(), (int) deleted.stream().filter(Boolean::booleanValue).count()};
    }

    public record Crl(long number, Instant thisUpdate, byte[] der) {
    }

    public Optional<Crl> crl(String mount, String issuerId, boolean delta) {
        return jdbc.sql("SELECT number, this_update, crl FROM pki_crl WHERE mount_accessor = ? AND issuer_id = ? AND delta = ?")
                .params(mount, issuerId, delta)
                .query((rs, n) -> new Crl(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getBytes(3)))
                .optional();
    }

    /** The highest CRL number an issuer has used (complete or delta), locked for this transaction. */
    public long lastCrlNumber(String mount, String issuerId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('pki-crl:' || ? || '/' || ?))").params(mount, issuerId).query().singleValue();
        return jdbc.sql("SELECT COALESCE(max(number), 0) FROM pki_crl WHERE mount_accessor = ? AND issuer_id = ?")
                .params(mount, issuerId)
                .query(Long.class)
                .single();
    }

    public void saveCrl(String mount, String issuerId, boolean delta, Crl crl) {
        jdbc.sql("INSERT INTO pki_crl (mount_accessor, issuer_id, delta, number, this_update, crl) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (mount_accessor, issuer_id, delta) DO UPDATE SET number = EXCLUDED.number, "
                        + "this_update = EXCLUDED.this_update, crl = EXCLUDED.crl")
                .params(mount, issuerId, delta, crl.number(), Timestamp.from(crl.thisUpdate()), crl.der())
                .update();
    }
}
