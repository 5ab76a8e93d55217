package dev.arca.gateway.seal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The cluster's name and id as {@code sys/health} and {@code sys/seal-status} report them, derived from the install. */
@Component
public class ClusterIdentity {

    private final JdbcClient jdbc;
    private volatile String id;

    public ClusterIdentity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String id() {
        String v = id;
        if (v == null) {
            String installed = jdbc.sql("SELECT initialized_at::text FROM seal_config WHERE id = 1").query(String.class).optional().orElse("");
            v = UUID.nameUUIDFromBytes(("arca-cluster/" + installed).getBytes(StandardCharsets.UTF_8)).toString();
            id = v;
        }
        return v;
    }

    public String name() {
        return "arca-cluster-" + id().substring(0, 8);
    }
}
