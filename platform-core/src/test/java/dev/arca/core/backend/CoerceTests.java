package dev.arca.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Vault's loose input, read once and range-checked. */
class CoerceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode j(String text) {
        return JSON.readTree(text);
    }

    @Test
    void integersComeAsNumbersOrDigitsAndStayInRange() {
        assertThat(Coerce.integer(j("30"), "n", 0, 100)).isEqualTo(30);
        assertThat(Coerce.integer(j("\"30\""), "n", 0, 100)).isEqualTo(30);
        assertThat(Coerce.integer(j("3.0"), "n", 0, 100)).isEqualTo(3);
        for (String bad : List.of("2147483648", "4294967297", "\"99999999999999999999\"", "1e308", "3.5", "\"x\"", "true", "{}", "-1")) {
            assertThatThrownBy(() -> Coerce.integer(j(bad), "num_uses", 0, Integer.MAX_VALUE)).as(bad)
                    .isInstanceOf(VaultException.class).hasMessageContaining("num_uses")
                    .satisfies(e -> assertThat(((VaultException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void aStringSliceTakesOneStringAsOneEntryWithItsCommas() {
        Field f = Field.of("statements", FieldType.STRING_SLICE, "");
        assertThat(Coerce.value(j("\"GRANT SELECT, INSERT ON t TO x\""), f)).isEqualTo(List.of("GRANT SELECT, INSERT ON t TO x"));
        assertThat(Coerce.value(j("[\"a, b\", \"c\"]"), f)).isEqualTo(List.of("a, b", "c"));
        assertThat(Coerce.value(j("\" \""), f)).isEqualTo(List.of());
        assertThat(Coerce.value(j("\"a, b\""), Field.of("roles", FieldType.COMMA_STRING_SLICE, ""))).isEqualTo(List.of("a", "b"));
    }

    @Test
    void booleansAreGosParseBoolOrZeroAndOne() {
        assertThat(Coerce.bool(j("true"), "b")).isTrue();
        assertThat(Coerce.bool(j("\"t\""), "b")).isTrue();
        assertThat(Coerce.bool(j("1"), "b")).isTrue();
        assertThat(Coerce.bool(j("\"False\""), "b")).isFalse();
        for (String bad : List.of("5", "\"yes\"", "2", "[]")) {
            assertThatThrownBy(() -> Coerce.bool(j(bad), "renewable")).as(bad).isInstanceOf(VaultException.class);
        }
    }

    @Test
    void durationsAreSecondsOrGoDurationsUpToGosLimit() {
        assertThat(Coerce.duration(j("\"1h30m\""), "ttl", 0, Coerce.MAX_DURATION_SECONDS)).isEqualTo(5400);
        assertThat(Coerce.duration(j("90"), "ttl", 0, Coerce.MAX_DURATION_SECONDS)).isEqualTo(90);
        assertThat(Coerce.duration(j("\"2d\""), "ttl", 0, Coerce.MAX_DURATION_SECONDS)).isEqualTo(172800);
        assertThat(Coerce.duration(j("-1"), "leeway", -1, 3600)).as("a range below 0 takes negatives").isEqualTo(-1);
        assertThat(Coerce.duration(j("\"-1s\""), "leeway", -1, 3600)).isEqualTo(-1);
        assertThatThrownBy(() -> Coerce.duration(j("-2"), "leeway", -1, 3600)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> Coerce.duration(j("-1"), "ttl", 0, 3600)).isInstanceOf(VaultException.class);
        for (String bad : List.of("\"9999999999999999h\"", "1e308", "\"99999999999999999999\"", "-5", "\"1x\"", "true")) {
            assertThatThrownBy(() -> Coerce.duration(j(bad), "ttl", 0, Coerce.MAX_DURATION_SECONDS)).as(bad)
                    .isInstanceOf(VaultException.class).hasMessageContaining("ttl");
        }
    }

    @Test
    void listsComeAsArraysOrCommaStrings() {
        assertThat(Coerce.strings(j("[\"a\", \"b\"]"), "p")).containsExactly("a", "b");
        assertThat(Coerce.strings(j("\"a, b,,c\""), "p")).containsExactly("a", "b", "c");
        assertThat(Coerce.ints(j("\"1,2\""), "versions", 0, 10)).containsExactly(1, 2);
        assertThat(Coerce.ints(j("[3, \"4\"]"), "versions", 0, 10)).containsExactly(3, 4);
        assertThatThrownBy(() -> Coerce.ints(j("[-2]"), "versions", 0, 10)).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> Coerce.strings(j("[{}]"), "p")).isInstanceOf(VaultException.class);
    }

    @Test
    void textWithALengthBoundIsRefusedPastIt() {
        Field name = Field.string("display_name", "d").maxLength(5);
        assertThat(Coerce.value(j("\"abcde\""), name)).isEqualTo("abcde");
        assertThatThrownBy(() -> Coerce.value(j("\"abcdef\""), name)).isInstanceOf(VaultException.class)
                .hasMessageContaining("display_name").hasMessageContaining("longer than 5");
        Field list = Field.of("policies", FieldType.COMMA_STRING_SLICE, "p").maxLength(3);
        assertThat(Coerce.value(j("\"abc,de\""), list)).isEqualTo(List.of("abc", "de"));
        assertThatThrownBy(() -> Coerce.value(j("[\"ab\", \"abcd\"]"), list)).isInstanceOf(VaultException.class);
        assertThat(Coerce.value(j("\"" + "x".repeat(100_000) + "\""), Field.string("free", "f"))).as("no bound unless declared")
                .asString().hasSize(100_000);
    }

    @Test
    void queryStringsAsVaultReadsThem() {
        assertThat(Coerce.query("version=2&list=true&x=a%2Fb&flag&version=3")).containsEntry("version", "2")
                .containsEntry("x", "a/b").containsEntry("flag", "");
        assertThat(Coerce.query(null)).isEmpty();
        assertThatThrownBy(() -> Coerce.query("a=%zz")).isInstanceOf(VaultException.class);
    }
}
