package dev.arca.database.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementsTests {

    private static final Map<String, String> VALUES = Map.of("name", "ev\"il'; DROP TABLE x; --", "username", "ev\"il'; DROP TABLE x; --",
            "password", "p'w\\\"", "expiration", "2030-01-01 00:00:00+0000");

    @Test
    void postgresQuotesEveryPlaceholderWhateverTheOperatorWroteAroundIt() {
        List<String> sql = Statements.render(List.of(
                "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT SELECT ON t TO {{name}};"),
                VALUES, new PostgresPlugin());
        assertThat(sql).containsExactly(
                "CREATE ROLE \"ev\"\"il'; DROP TABLE x; --\" WITH LOGIN PASSWORD 'p''w\\\"' VALID UNTIL '2030-01-01 00:00:00+0000'",
                "GRANT SELECT ON t TO \"ev\"\"il'; DROP TABLE x; --\"");
    }

    @Test
    void mysqlTakesUserNamesAsStringsAndEscapesTheBackslash() {
        List<String> sql = Statements.render(List.of("CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'; GRANT SELECT ON `{{name}}`.* TO \"{{name}}\""),
                VALUES, new MysqlPlugin(MysqlPlugin.Flavour.MYSQL));
        assertThat(sql).containsExactly(
                "CREATE USER 'ev\"il''; DROP TABLE x; --'@'%' IDENTIFIED BY 'p''w\\\\\"'",
                "GRANT SELECT ON `ev\"il'; DROP TABLE x; --`.* TO 'ev\"il''; DROP TABLE x; --'");
    }

    @Test
    void splitsOnSemicolonsOutsideQuotesCommentsAndDollarQuotes() {
        assertThat(Statements.split("SELECT ';'; -- a;b\nDO $$ BEGIN PERFORM 1; END $$;; SELECT \"a;b\""))
                .containsExactly("SELECT ';'", "-- a;b\nDO $$ BEGIN PERFORM 1; END $$", "SELECT \"a;b\"");
    }

    @Test
    void refusesPlaceholdersThatCouldEscapeTheirQuotes() {
        PostgresPlugin pg = new PostgresPlugin();
        assertThatThrownBy(() -> Statements.render(List.of("COMMENT ON ROLE x IS 'user {{name}}'"), VALUES, pg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside quotes");
        assertThatThrownBy(() -> Statements.render(List.of("CREATE ROLE \"{{name}}"), VALUES, pg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both sides");
        assertThatThrownBy(() -> Statements.render(List.of("ALTER ROLE {{name}} PASSWORD {{password}}"), Map.of("name", "a"), pg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{password}} has no value");
    }
}
