package dev.arca.identity.login;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The row bookkeeping every auth method's store repeats for a table keyed by mount accessor and a
 * name: list the names of a mount, delete one, delete the whole mount's rows when it is disabled;
 * for a table whose rows are one JSON {@code settings} column (roles of most methods), read and write
 * them. Table and column names are the store's own constants, never caller input.
 */
public final class MountTable {

    private final JdbcClient jdbc;
    private final String table;
    private final String nameColumn;
    private final @Nullable JsonMapper json;

    public MountTable(JdbcClient jdbc, String table, String nameColumn) {
        this(jdbc, table, nameColumn, null);
    }

    /** A table of {@code (mount_accessor, <nameColumn>, settings jsonb)} rows, read and written as JSON. */
    public MountTable(JdbcClient jdbc, String table, String nameColumn, @Nullable JsonMapper json) {
        this.jdbc = jdbc;
        this.table = table;
        this.nameColumn = nameColumn;
        this.json = json;
    }

    /** A row's settings, read as {@code type}. */
    public <T> Optional<T> settings(String mount, String name, Class<T> type) {
        JsonMapper mapper = mapper();
        return jdbc.sql("SELECT settings::text FROM " + table + " WHERE mount_accessor = ? AND " + nameColumn + " = ?")
                .params(mount, name).query((rs, n) -> mapper.readValue(rs.getString(1), type)).optional();
    }

    /** Creates or replaces a row's settings. */
    public void saveSettings(String mount, String name, Object settings) {
        jdbc.sql("INSERT INTO " + table + " (mount_accessor, " + nameColumn + ", settings) VALUES (?, ?, ?::jsonb) "
                + "ON CONFLICT (mount_accessor, " + nameColumn + ") DO UPDATE SET settings = EXCLUDED.settings")
                .params(mount, name, mapper().writeValueAsString(settings)).update();
    }

    private JsonMapper mapper() {
        if (json == null) {
            throw new IllegalStateException(table + " is not a table of JSON settings");
        }
        return json;
    }

    /** The names of the mount's rows, in order. */
    public List<String> names(String mount) {
        return jdbc.sql("SELECT " + nameColumn + " FROM " + table + " WHERE mount_accessor = ? ORDER BY " + nameColumn).param(mount)
                .query(String.class).list();
    }

    public void delete(String mount, String name) {
        jdbc.sql("DELETE FROM " + table + " WHERE mount_accessor = ? AND " + nameColumn + " = ?").params(mount, name).update();
    }

    public void deleteMount(String mount) {
        jdbc.sql("DELETE FROM " + table + " WHERE mount_accessor = ?").param(mount).update();
    }
}
