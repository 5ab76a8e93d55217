package dev.arca.identity.token;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The durable record of revoked tokens ({@code identity.token_revocations}) that lease-service turns
 * into lease revocations. Written in the revoking transaction, so a token revoked is a token whose
 * leases will be revoked, whatever crashes afterwards.
 */
@Repository
public class TokenRevocations {

    private final JdbcTemplate jdbc;

    public TokenRevocations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(List<String> accessors, long nowMs) {
        if (accessors.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO token_revocations (accessor, revoked_ms) VALUES (?, ?)",
                accessors.stream().map(a -> new Object[] {a, nowMs}).toList());
    }
}
