package dev.arca.database.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.ManagedDatabase;
import java.sql.SQLException;
import java.util.List;

/** The MySQL plugin against the machine's MariaDB. */
class MysqlPluginIntegrationTests extends PluginContract {

    @Override
    ManagedDatabase.Kind kind() {
        return ManagedDatabase.Kind.MARIADB;
    }

    @Override
    DatabasePlugin newPlugin() {
        return new MysqlPlugin(MysqlPlugin.Flavour.MYSQL);
    }

    @Override
    List<String> creationStatements() {
        return List.of("CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}';", "GRANT SELECT ON " + db.database() + ".t TO '{{name}}'@'%';");
    }

    @Override
    void assertNothingLeftOf(String user) throws SQLException {
        assertThat(db.query("SELECT User FROM mysql.user WHERE User = ?", user)).isEmpty();
        assertThat(db.query("SELECT User FROM mysql.db WHERE User = ?", user)).isEmpty();
        assertThat(db.query("SELECT User FROM mysql.tables_priv WHERE User = ?", user)).isEmpty();
        assertThat(db.query("SELECT User FROM mysql.columns_priv WHERE User = ?", user)).isEmpty();
        assertThat(db.query("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?", user)).isEmpty();
    }
}
