package dev.arca.identity.login;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The row bookkeeping every auth method's store repeats for a table keyed by mount accessor and a
 * name: list the names of a mount, delete one, delete the whole mount's rows when it is disabled.
 * Table and column names are the store's own constants, never caller input.
 */
public final class MountTable {

    private final JdbcClient jdbc;
    private final String table;
    private final String nameColumn;

    public MountTable(JdbcClient jdbc, String table, String nameColumn) {
        this.jdbc = jdbc;
        this.table = table;
        this.nameColumn = nameColumn;
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
