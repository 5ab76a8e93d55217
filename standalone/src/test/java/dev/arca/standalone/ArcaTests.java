package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArcaTests {

    @Test
    void theManagementPortIsTheDefaultUnlessSet() {
        assertThat(Arca.managementPort(null)).isEqualTo(8209);
        assertThat(Arca.managementPort(" ")).isEqualTo(8209);
        assertThat(Arca.managementPort(" 9100 ")).isEqualTo(9100);
        assertThat(Arca.managementPort("0")).as("a free port").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "-1", "65536", "127.0.0.1:8209"})
    void aManagementPortThatIsNoPortIsRefusedWithItsValue(String value) {
        assertThatThrownBy(() -> Arca.managementPort(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ARCA_MANAGEMENT_PORT").hasMessageContaining(value);
    }
}
