package dev.arca.database.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DbConfigTests {

    private static DbConfig allowing(String... roles) {
        return new DbConfig("p", "u", "", "", List.of(roles), true, 4, 0, 0, "", "", List.of(), null);
    }

    @Test
    void allowedRolesAreGlobs() {
        assertThat(allowing("*").allows("anything")).isTrue();
        assertThat(allowing("app-*", "ro").allows("app-web")).isTrue();
        assertThat(allowing("app-*", "ro").allows("ro")).isTrue();
        assertThat(allowing("app-*", "ro").allows("rw")).isFalse();
        assertThat(allowing("*-ro-*").allows("team-ro-1")).isTrue();
        assertThat(allowing("*-ro-*").allows("team-rw-1")).isFalse();
        assertThat(allowing().allows("x")).as("nothing allowed by default").isFalse();
    }

    @Test
    void neverPrintsItsPassword() {
        assertThat(allowing("x").withPassword("hunter2").toString()).doesNotContain("hunter2");
    }
}
