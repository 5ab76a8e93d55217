package dev.arca.pki.acme;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** ACME accounts, orders and authorizations of a mount (public protocol state, plaintext). */
@Repository
public class AcmeRepository {

    /** An account: its key (a public JWK as JSON), status and contacts. */
    public record Account(String id, String jwk, String status, String contact) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public AcmeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the account unless one with this key exists; the account of the key either way. */
    public Account account(String mount, String id, String thumbprint, String jwk, String contact) {
        jdbc.sql("INSERT INTO pki_acme_account (mount_accessor, id, thumbprint, jwk, status, contact, created) VALUES (?, ?, ?, ?, 'valid', ?, ?)"
                        + " ON CONFLICT (mount_accessor, thumbprint) DO NOTHING")
                .params(mount, id, thumbprint, jwk, contact, Timestamp.from(Instant.now()))
                .update();
        return byThumbprint(mount, thumbprint).orElseThrow();
    }

    public Optional<Account> byThumbprint(String mount, String thumbprint) {
        return jdbc.sql("SELECT id, jwk, status, contact FROM pki_acme_account WHERE mount_accessor = ? AND thumbprint = ?")
                .params(mount, thumbprint)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    public Optional<Account> account(String mount, String id) {
        return jdbc.sql("SELECT id, jwk, status, contact FROM pki_acme_account WHERE mount_accessor = ? AND id = ?")
                .params(mount, id)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    public void updateAccount(String mount, String id, String status, String contact) {
        jdbc.sql("UPDATE pki_acme_account SET status = ?, contact = ? WHERE mount_accessor = ? AND id = ?")
                .params(status, contact, mount, id).update();
    }

    public void saveOrder(String mount, String id, String accountId, ObjectNode order, Instant expires) {
        jdbc.sql("INSERT INTO pki_acme_order (mount_accessor, id, account_id, document, expires) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (mount_accessor, id) DO UPDATE SET document = EXCLUDED.document")
                .params(mount, id, accountId, JSON.writeValueAsString(order), Timestamp.from(expires))
                .update();
    }

    /** An order of this account, or empty (another account's order is not told apart from a missing one). */
    public Optional<ObjectNode> order(String mount, String accountId, String id) {
        return jdbc.sql("SELECT document FROM pki_acme_order WHERE mount_accessor = ? AND id = ? AND account_id = ?")
                .params(mount, id, accountId)
                .query(String.class)
                .optional()
                .map(d -> (ObjectNode) JSON.readTree(d));
    }

    /** The ids of an account's orders, newest last, at most {@code limit}. */
    public List<String> orders(String mount, String accountId, int limit) {
        return jdbc.sql("SELECT id FROM pki_acme_order WHERE mount_accessor = ? AND account_id = ? ORDER BY expires, id LIMIT ?")
                .params(mount, accountId, limit)
                .query(String.class)
                .list();
    }

    /** Whether this account's orders issued the certificate of this serial. */
    public boolean ordered(String mount, String accountId, String serial) {
        return jdbc.sql("SELECT count(*) FROM pki_acme_order WHERE mount_accessor = ? AND account_id = ?"
                        + " AND document::jsonb ->> 'cert_serial' = ?")
                .params(mount, accountId, serial)
                .query(Long.class)
                .single() > 0;
    }

    public void saveAuthz(String mount, String id, String accountId, String orderId, ObjectNode authz) {
        jdbc.sql("INSERT INTO pki_acme_authz (mount_accessor, id, account_id, order_id, document) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (mount_accessor, id) DO UPDATE SET document = EXCLUDED.document")
                .params(mount, id, accountId, orderId, JSON.writeValueAsString(authz))
                .update();
    }

    /** An authorization of this account, with the order it belongs to ({@code order_id}), or empty. */
    public Optional<ObjectNode> authz(String mount, String accountId, String id) {
        return jdbc.sql("SELECT document, order_id FROM pki_acme_authz WHERE mount_accessor = ? AND id = ? AND account_id = ?")
                .params(mount, id, accountId)
                .query((rs, n) -> {
                    ObjectNode doc = (ObjectNode) JSON.readTree(rs.getString(1));
                    doc.put("order_id", rs.getString(2));
                    return doc;
                })
                .optional();
    }
}
