package dev.arca.gateway.seal;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row that says how Arca was initialised and holds the encrypted keyring. */
@Repository
public class SealStore {

    /** The stored seal configuration. */
    public record SealConfig(String type, int shares, int threshold, byte[] wrappedRootKey, byte[] keyring,
            byte @Nullable [] recoveryKeySha) {
    }

    private final JdbcClient jdbc;

    public SealStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SealConfig> load() {
        return jdbc.sql("SELECT seal_type, secret_shares, secret_threshold, wrapped_root_key, keyring, recovery_key_sha "
                        + "FROM seal_config WHERE id = 1")
                .query((rs, n) -> new SealConfig(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBytes(4),
                        rs.getBytes(5), rs.getBytes(6)))
                .optional();
    }

    /** Stores the first configuration; false when another instance initialised first. */
    public boolean create(SealConfig c) {
        return jdbc.sql("INSERT INTO seal_config (id, seal_type, secret_shares, secret_threshold, wrapped_root_key, keyring, "
                        + "recovery_key_sha) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
                .params(c.type(), c.shares(), c.threshold(), c.wrappedRootKey(), c.keyring(), c.recoveryKeySha())
                .update() == 1;
    }

    public void updateKeyring(byte[] keyring) {
        jdbc.sql("UPDATE seal_config SET keyring = ? WHERE id = 1").param(keyring).update();
    }
}
