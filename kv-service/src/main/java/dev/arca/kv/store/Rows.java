package dev.arca.kv.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** JDBC conversions shared by the repositories. */
final class Rows {

    private Rows() {
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        Instant t = instant(rs, column);
        if (t == null) {
            throw new IllegalStateException("column " + column + " is null");
        }
        return t;
    }

    static @Nullable Timestamp timestamp(@Nullable Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    /** A LIKE pattern matching every string that starts with {@code prefix}. */
    static String startsWith(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
