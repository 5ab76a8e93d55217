package dev.arca.database.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsernameTemplateTests {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
    private static final Map<String, String> FIELDS = Map.of("DisplayName", "token", "RoleName", "my-app-role");

    @Test
    void vaultsPostgresDefaultGivesTheIssuesExampleShape() {
        String name = UsernameTemplate.parse("{{ printf \"v-%s-%s-%s-%s\" (.DisplayName | truncate 8) (.RoleName | truncate 8) "
                + "(random 20) (unix_time) | truncate 63 }}", CLOCK).render(FIELDS);
        assertThat(name).matches("v-token-my-app-r-[A-Za-z0-9]{20}-1700000000");
    }

    @Test
    void mysqlLegacyDefaultFitsSixteenCharacters() {
        String name = UsernameTemplate.parse("{{ printf \"v-%s-%s\" (.RoleName | truncate 4) (random 20) | truncate 16 }}", CLOCK)
                .render(FIELDS);
        assertThat(name).hasSize(16).startsWith("v-my-a-");
    }

    @Test
    void textFunctionsAndPipes() {
        assertThat(UsernameTemplate.parse("app_{{ .RoleName | replace \"-\" \"_\" | uppercase }}_{{unix_time_millis}}", CLOCK)
                .render(FIELDS)).isEqualTo("app_MY_APP_ROLE_1700000000000");
        assertThat(UsernameTemplate.parse("{{ .RoleName | truncate_sha256 10 }}", CLOCK).render(FIELDS)).hasSize(10).startsWith("my");
        assertThat(UsernameTemplate.parse("{{ uuid | lowercase }}", CLOCK).render(FIELDS)).hasSize(36);
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> UsernameTemplate.parse("{{ .RoleName", CLOCK)).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> UsernameTemplate.parse("{{ nosuch 1 }}", CLOCK).render(FIELDS)).hasMessageContaining("not defined");
        assertThatThrownBy(() -> UsernameTemplate.parse("{{ random 100000 }}", CLOCK).render(FIELDS)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> UsernameTemplate.parse("{{ .Nope }}", CLOCK).render(FIELDS)).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> UsernameTemplate.parse("{{ (((.RoleName) }}", CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }
}
