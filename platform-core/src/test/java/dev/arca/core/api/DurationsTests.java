package dev.arca.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTests {

    @ParameterizedTest
    @CsvSource({"3600, 3600", "1h, 3600", "90s, 90", "1h30m, 5400", "3h25m19s, 12319", "2d, 172800", "1500ms, 1", "'', 0"})
    void parsesVaultDurations(String text, long seconds) {
        assertThat(Durations.seconds(text, "ttl")).isEqualTo(seconds);
    }

    @Test
    void acceptsNumbersAndRejectsGarbage() {
        assertThat(Durations.seconds(120, "ttl")).isEqualTo(120);
        assertThat(Durations.seconds(null, "ttl")).isZero();
        assertThatThrownBy(() -> Durations.seconds("1x", "ttl")).isInstanceOf(VaultException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> Durations.seconds("h1", "ttl")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> Durations.seconds(-5, "ttl")).isInstanceOf(VaultException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "59, 59s", "60, 1m0s", "12319, 3h25m19s", "7200, 2h0m0s"})
    void formatsAsGoDoes(long seconds, String text) {
        assertThat(Durations.format(seconds)).isEqualTo(text);
    }
}
