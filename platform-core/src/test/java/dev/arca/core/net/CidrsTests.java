package dev.arca.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrsTests {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.7, 192.0.2.8, false",
            "192.0.2.7/32, 192.0.2.7, true",
            "0.0.0.0/0, 203.0.113.9, true",
            "fd00::/8, fd12::1, true",
            "fd00::/8, fe80::1, false",
            "10.0.0.0/8, fd12::1, false",
            "10.0.0.0/8, '', false",
            "10.0.0.0/8, example.com, false"})
    void matchesAddressesInTheirBlocks(String block, String address, boolean allowed) {
        assertThat(Cidrs.allows(List.of(block), address)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "10.0.0.0/33", "10.0.0/8", "::g/64", "10.0.0.0/-1", "1.2.3.4/8/9", "fd00::/129", ""})
    void refusesWhatIsNoAddressOrBlock(String bad) {
        assertThatThrownBy(() -> Cidrs.check(List.of(bad), "token_bound_cidrs")).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @ParameterizedTest
    @CsvSource({
            "10.9.0.0/16, 10.0.0.0/8, true",
            "10.0.0.0/8, 10.9.0.0/16, false",
            "10.9.1.1, 10.9.0.0/16, true",
            "192.168.0.0/16, 10.0.0.0/8, false",
            "fd12::/16, fd00::/8, true"})
    void tellsWhetherABlockLiesInsideAnother(String inner, String outer, boolean inside) {
        assertThat(Cidrs.within(inner, List.of(outer))).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "anything"})
    void noBlocksMeansAnywhere(String address) {
        assertThat(Cidrs.allows(List.of(), address)).isTrue();
    }
}
