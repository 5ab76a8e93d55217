package dev.arca.database.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCredentialsTests {

    @Test
    void takesCredentialsOutOfTheUrl() {
        UrlCredentials c = UrlCredentials.parse("postgresql://{{username}}:{{password}}@db:5432/app?sslmode=disable");
        assertThat(c.withoutCredentials()).isEqualTo("postgresql://db:5432/app?sslmode=disable");
        assertThat(c.username()).isEmpty();
        assertThat(c.password()).isEmpty();
        UrlCredentials literal = UrlCredentials.parse("admin:s%40cret@tcp(127.0.0.1:3306)/app");
        assertThat(literal.withoutCredentials()).isEqualTo("tcp(127.0.0.1:3306)/app");
        assertThat(literal.username()).isEqualTo("admin");
        assertThat(literal.password()).isEqualTo("s@cret");
    }

    @Test
    void showsNoPasswordWrittenIntoTheUrl() {
        assertThat(UrlCredentials.redacted("postgresql://admin:hunter2@db/app")).isEqualTo("postgresql://admin:*****@db/app");
        assertThat(UrlCredentials.redacted("jdbc:postgresql://db/app?user=a&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=a&password=*****&ssl=true");
        assertThat(UrlCredentials.redacted("postgresql://{{username}}:{{password}}@db/app"))
                .isEqualTo("postgresql://{{username}}:{{password}}@db/app");
    }

    @Test
    void jdbcUrlsOfEachPlugin() {
        assertThat(new PostgresPlugin().jdbcUrl("postgres://db:5432/app?sslmode=disable")).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=disable");
        MysqlPlugin mysql = new MysqlPlugin(MysqlPlugin.Flavour.MYSQL);
        assertThat(mysql.jdbcUrl("tcp(127.0.0.1:3306)/app?tls=false")).isEqualTo("jdbc:mariadb://127.0.0.1:3306/app?tls=false");
        assertThat(mysql.jdbcUrl("jdbc:mysql://h/app")).isEqualTo("jdbc:mariadb://h/app");
        assertThat(mysql.usernames().maxLength()).isEqualTo(32);
        assertThat(new MysqlPlugin(MysqlPlugin.Flavour.LEGACY).usernames().maxLength()).isEqualTo(16);
    }
}
