package dev.arca.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.arca.core.api.VaultException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * Whatever text a caller sends as a policy, the parser either accepts it or refuses it with Vault's 400
 * {@code failed to parse policy}: never another exception, never a stack overflow.
 */
class PolicyParserFuzzTests {

    @Property(tries = 3000)
    void anyTextIsAcceptedOrRefusedWithA400(@ForAll("policyLike") String text) {
        outcome(text);
    }

    @Property(tries = 1000)
    void anyCharactersAtAllAreAcceptedOrRefusedWithA400(@ForAll String text) {
        outcome(text);
    }

    @Example
    void deepNestingIsRefusedNotOverflowed() {
        int n = 100_000;
        for (String text : List.of(
                "path \"a\" { x = " + "[".repeat(n) + "]".repeat(n) + " }",
                "path \"a\" { x = " + "{".repeat(n),
                "{\"path\":{\"a\":" + "{\"x\":".repeat(n) + "1" + "}".repeat(n) + "}}",
                "{\"path\":{\"a\":{\"x\":" + "[".repeat(n) + "]".repeat(n) + "}}}",
                "a " + "{ b ".repeat(n))) {
            assertThat(outcome(text)).isNotNull().extracting(VaultException::status).isEqualTo(400);
        }
    }

    @Example
    void aNulCharacterIsRefused() {
        VaultException e = outcome("path \"secret/*\" { capabilities = [\"read\"] }\u0000");
        assertThat(e).isNotNull();
        assertThat(e.errors().getFirst()).contains("NUL");
    }

    /** Null when the text parsed; the 400 when it was refused; fails on anything else. */
    private static VaultException outcome(String text) {
        Throwable t = catchThrowable(() -> PolicyParser.parse("fuzz", text));
        if (t == null) {
            return null;
        }
        assertThat(t).as("input %s", text.length() > 200 ? text.substring(0, 200) + "..." : text).isInstanceOf(VaultException.class);
        VaultException e = (VaultException) t;
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).singleElement().asString().startsWith("failed to parse policy");
        return e;
    }

    /** Fragments of HCL and JSON policies, shuffled together: most of them nearly valid. */
    @Provide
    Arbitrary<String> policyLike() {
        Arbitrary<String> piece = Arbitraries.of("path", "\"secret/*\"", "\"a+\"", "{", "}", "[", "]", "=", ",", ":",
                "capabilities", "\"read\"", "\"deny\"", "policy", "\"write\"", "allowed_parameters", "\"*\"",
                "min_wrapping_ttl", "\"1h\"", "\"abc\"", "1", "-1", "1e309", "0x1F", "true", "null", "<<EOF\nx\nEOF\n",
                "# c\n", "/* c */", "/*", "\"\\u0000\"", "\u0000", "\"\\", "\n", " ", "\"", "'", "\uFEFF", "é", "\uD800");
        return piece.list().ofMaxSize(40).map(l -> String.join(" ", l));
    }
}
