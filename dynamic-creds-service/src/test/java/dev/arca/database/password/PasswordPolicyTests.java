package dev.arca.database.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @RepeatedTest(20)
    void generatedPasswordsMeetEveryRule() {
        PasswordPolicy p = PasswordPolicy.parse("""
                length = 12
                rule "charset" {
                  charset = "abc"
                  min-chars = 2
                }
                rule "charset" {
                  charset = "0123456789"
                  min-chars = 3
                }
                rule "charset" {
                  charset = "!@"
                  min-chars = 1
                }
                """);
        String pw = p.generate();
        assertThat(pw).hasSize(12).matches("[abc0-9!@]+");
        assertThat(pw.chars().filter(c -> "abc".indexOf(c) >= 0).count()).isGreaterThanOrEqualTo(2);
        assertThat(pw.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(3);
        assertThat(pw.chars().filter(c -> c == '!' || c == '@').count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void vaultsDefaultIsTwentyCharactersWithEachClass() {
        String pw = PasswordPolicy.DEFAULT.generate();
        assertThat(pw).hasSize(20).containsPattern("[a-z]").containsPattern("[A-Z]").containsPattern("[0-9]").contains("-");
    }

    @Test
    void refusesPoliciesThatCannotBeMet() {
        assertThatThrownBy(() -> PasswordPolicy.parse("length = 3\nrule \"charset\" { charset = \"a\" }"))
                .isInstanceOf(VaultException.class).hasMessageContaining("between 4 and 100");
        assertThatThrownBy(() -> PasswordPolicy.parse("length = 101\nrule \"charset\" { charset = \"a\" }"))
                .hasMessageContaining("between 4 and 100");
        assertThatThrownBy(() -> PasswordPolicy.parse("length = 4\nrule \"charset\" {\n charset = \"a\"\n min-chars = 5\n}"))
                .hasMessageContaining("more than length");
        assertThatThrownBy(() -> PasswordPolicy.parse("length = 8")).hasMessageContaining("no charset rules");
        assertThatThrownBy(() -> PasswordPolicy.parse("length = 8\nrule \"charset\" { charset = \"\" }")).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> PasswordPolicy.parse("length = \"x\nrule")).hasMessageContaining("invalid password policy");
    }
}
