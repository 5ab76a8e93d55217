package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseTests {

    @Test
    void acceptsPostgresSizes() {
        assertThat(Database.sharedBuffers("1GB")).isEqualTo("1GB");
        assertThat(Database.sharedBuffers(" 512MB ")).isEqualTo("512MB");
        assertThat(Database.sharedBuffers("16384")).isEqualTo("16384");
        assertThat(Database.sharedBuffers("131072kB")).isEqualTo("131072kB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1TB", "1 GB", "1gb", "-1MB", "1GB -c fsync=off", "lots"})
    void refusesAnythingElse(String value) {
        assertThatThrownBy(() -> Database.sharedBuffers(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ARCA_DEV_DB_SHARED_BUFFERS must be a size such as 512MB or 2GB");
    }
}
