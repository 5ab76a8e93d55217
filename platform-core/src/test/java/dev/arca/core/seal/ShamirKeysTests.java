package dev.arca.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShamirKeysTests {

    private static byte[] secret() {
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        return s;
    }

    @Test
    void anyThresholdSubsetRecoversTheSecretAndFewerDoNot() {
        byte[] s = secret();
        List<byte[]> shares = ShamirKeys.split(s, 5, 3);
        assertThat(shares).hasSize(5).allSatisfy(share -> assertThat(share).hasSize(33));
        assertThat(ShamirKeys.combine(List.of(shares.get(0), shares.get(2), shares.get(4)), 5, 3)).isEqualTo(s);
        assertThat(ShamirKeys.combine(List.of(shares.get(4), shares.get(1), shares.get(3)), 5, 3)).isEqualTo(s);
        assertThat(ShamirKeys.combine(List.of(shares.get(0), shares.get(1)), 5, 3)).isNotEqualTo(s);
    }

    @Test
    void oneShareIsTheSecretItself() {
        byte[] s = secret();
        assertThat(ShamirKeys.split(s, 1, 1)).singleElement().isEqualTo(s);
        assertThat(ShamirKeys.combine(List.of(s), 1, 1)).isEqualTo(s);
    }

    @Test
    void duplicateSharesAreRefused() {
        List<byte[]> shares = ShamirKeys.split(secret(), 3, 2);
        assertThatThrownBy(() -> ShamirKeys.combine(List.of(shares.get(0), shares.get(0).clone()), 3, 2))
                .isInstanceOf(VaultException.class).hasMessageContaining("duplicate");
    }

    @Test
    void vaultsParameterRulesAreEnforced() {
        assertThatThrownBy(() -> ShamirKeys.validate(3, 4)).hasMessageContaining("threshold cannot be larger than shares");
        assertThatThrownBy(() -> ShamirKeys.validate(0, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ShamirKeys.validate(256, 3)).hasMessageContaining("255");
        assertThatThrownBy(() -> ShamirKeys.validate(3, 1)).hasMessageContaining("greater than one");
    }
}
