package dev.arca.standalone;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * What the platform's database login needs, checked before any service starts, so a login that lacks
 * a privilege is told in one line which, instead of a migration failing half-way: schemas it can create
 * (CREATE on the database) unless they exist, and the audit writer role, which it creates only when it
 * is missing (CREATEROLE) and must be allowed to switch to (membership, which only the role's admin
 * grants).
 */
final class DatabasePrivileges {

    /** The role audit-service's inserts run as (its migration makes it, or finds it made by a DBA). */
    static final String AUDIT_WRITER = "arca_audit_writer";

    private DatabasePrivileges() {
    }

    static void check(Database db) {
        check(db, Platform.schemas(), AUDIT_WRITER);
    }

    /** @throws IllegalStateException with one line naming what the login lacks */
    static void check(Database db, List<String> schemas, String writerRole) {
        Properties props = new Properties();
        props.setProperty("user", db.username());
        props.setProperty("password", db.password());
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "30");
        try (Connection c = DriverManager.getConnection(db.url(), props)) {
            String login = one(c, "SELECT current_user", List.of());
            if (flag(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", List.of())) {
                return;
            }
            String database = one(c, "SELECT current_database()", List.of());
            boolean schemasExist = flag(c, "SELECT count(*) = ? FROM pg_namespace WHERE nspname = ANY(?)", List.of(schemas.size(), schemas));
            if (!schemasExist && !flag(c, "SELECT has_database_privilege(current_database(), 'CREATE')", List.of())) {
                throw new IllegalStateException("login " + login + " may not create schemas in database " + database
                        + " (CREATE): a DBA runs GRANT CREATE ON DATABASE " + database + " TO " + login);
            }
            boolean roleExists = flag(c, "SELECT count(*) = 1 FROM pg_roles WHERE rolname = ?", List.of(writerRole));
            boolean createRole = flag(c, "SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user", List.of());
            if (!roleExists) {
                if (!createRole) {
                    throw new IllegalStateException("role " + writerRole + " does not exist and login " + login
                            + " may not create roles (CREATEROLE): a DBA runs CREATE ROLE " + writerRole + " NOLOGIN; GRANT " + writerRole
                            + " TO " + login);
                }
                return;
            }
            boolean pg16 = Integer.parseInt(one(c, "SHOW server_version_num", List.of())) >= 160000;
            String may = pg16 ? "SET" : "MEMBER";
            if (!flag(c, "SELECT pg_has_role(current_user, ?, ?)", List.of(writerRole, may))
                    && !flag(c, "SELECT pg_has_role(current_user, ?, 'MEMBER WITH ADMIN OPTION')", List.of(writerRole))
                    && !(createRole && !pg16)) {
                throw new IllegalStateException("login " + login + " may not switch to role " + writerRole
                        + " and may not grant it (membership): a DBA runs GRANT " + writerRole + " TO " + login);
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalStateException("cannot check the database at " + db.url().replaceFirst("\\?.*", "") + ": " + message);
        }
    }

    private static String one(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof List<?> list) {
                    ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static boolean flag(Connection c, String sql, List<Object> params) throws SQLException {
        String v = one(c, sql, params);
        return "t".equals(v) || "true".equals(v);
    }
}
