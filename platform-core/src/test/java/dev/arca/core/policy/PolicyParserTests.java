package dev.arca.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTests {

    @Test
    void parsesCapabilitiesParametersAndLegacyPolicy() {
        Policy p = PolicyParser.parse("Web", """
                path "secret/data/*" {
                  capabilities = ["create", "READ", "update"]
                  allowed_parameters = { "Foo" = [], "bar" = ["x*"] }
                  denied_parameters = { "baz" = [] }
                  required_parameters = ["Foo"]
                }
                path "/sys/old" { policy = "write" }
                """);
        assertThat(p.name()).isEqualTo("web");
        assertThat(p.rules()).hasSize(2);
        PathRule r = p.rules().get(0);
        assertThat(r.capabilities()).containsExactlyInAnyOrder(Capability.CREATE, Capability.READ, Capability.UPDATE);
        assertThat(r.allowedParameters()).containsEntry("foo", List.of()).containsEntry("bar", List.of("x*"));
        assertThat(r.deniedParameters()).containsKey("baz");
        assertThat(r.requiredParameters()).containsExactly("foo");
        assertThat(p.rules().get(1).pattern()).isEqualTo("sys/old");
        assertThat(p.rules().get(1).capabilities()).containsExactlyInAnyOrder(Capability.CREATE, Capability.READ,
                Capability.UPDATE, Capability.DELETE, Capability.LIST);
    }

    @Test
    void wrappingTtlsMustBeDurations() {
        assertThatThrownBy(() -> PolicyParser.parse("w", "path \"a\" {\n  capabilities = [\"read\"]\n  min_wrapping_ttl = \"abc\"\n}"))
                .isInstanceOf(VaultException.class).hasMessageContaining("min_wrapping_ttl");
        assertThatThrownBy(() -> PolicyParser.parse("w", "path \"a\" { max_wrapping_ttl = \"-1h\" }"))
                .isInstanceOf(VaultException.class).hasMessageContaining("max_wrapping_ttl");
        PathRule rule = PolicyParser.parse("w", "path \"a\" {\n  capabilities = [\"read\"]\n  min_wrapping_ttl = 90\n  max_wrapping_ttl = \"1h\"\n}")
                .rules().getFirst();
        assertThat(rule.minWrappingTtl()).isEqualTo(90);
        assertThat(rule.maxWrappingTtl()).isEqualTo(3600);
        assertThatThrownBy(() -> PolicyParser.parse("w", "path \"a\" {\n  min_wrapping_ttl = \"1h\"\n  max_wrapping_ttl = 90\n}"))
                .isInstanceOf(VaultException.class).hasMessageContaining("max_wrapping_ttl cannot be less than min_wrapping_ttl");
    }

    @Test
    void parsesTheJsonFormAsStrictlyAsHcl() {
        Policy p = PolicyParser.parse("json", """
                {"path": {"secret/data/app": {"capabilities": ["read", "list"]},
                          "secret/data/+/cfg": {"capabilities": ["update"], "allowed_parameters": {"ttl": ["1h"]}}}}
                """);
        assertThat(p.rules()).hasSize(2);
        Acl acl = Acl.of(List.of(p));
        assertThat(acl.capabilities("secret/data/app")).containsExactly("list", "read");
        assertThat(acl.allowOperation("secret/data/x/cfg", "update", java.util.Map.of("ttl", "1h"))).isTrue();
        assertThat(acl.allowOperation("secret/data/x/cfg", "update", java.util.Map.of("ttl", "2h"))).isFalse();

        assertThatThrownBy(() -> PolicyParser.parse("j", "{\"path\": {\"a/*\": {\"capabilities\": [\"fly\"]}}}"))
                .isInstanceOf(VaultException.class).hasMessageContaining("invalid capability");
        assertThatThrownBy(() -> PolicyParser.parse("j", "{\"path\": {\"a/*\": {\"capabilities\": [\"read\"], \"bogus\": 1}}}"))
                .isInstanceOf(VaultException.class).hasMessageContaining("invalid key");
        assertThatThrownBy(() -> PolicyParser.parse("j", "{\"path\": {\"a/*\": "))
                .isInstanceOf(VaultException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void parsesTheBuiltinDefaultPolicy() {
        Policy p = PolicyParser.parse("default", BuiltinPolicies.DEFAULT_POLICY);
        Acl acl = Acl.of(List.of(p));
        assertThat(acl.allowOperation("auth/token/lookup-self", "read", null)).isTrue();
        assertThat(acl.allowOperation("cubbyhole/x", "create", null)).isTrue();
        assertThat(acl.allowOperation("identity/oidc/provider/p/authorize", "read", null)).isTrue();
        assertThat(acl.allowOperation("secret/x", "read", null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "path \"a\" {\\n  capabilities = [\"read\", \"fly\"]\\n}|2|invalid capability",
            "path \"a\" {\\n  capabilties = [\"read\"]\\n}|2|invalid key",
            "\\npath {\\n  capabilities = [\"read\"]\\n}|2|exactly one",
            "path \"a\" {\\n capabilities = [\"read\"]\\n}\\nfoo = 1|4|invalid key",
            "\\n\\npath \"a\" {\\n  policy = \"admin\"\\n}|4|invalid policy",
            "path \"a/*/b\" {\\n}|1|only allowed at the end",
            "path \"a\" {\\n  capabilities = \"read\"\\n}|2|list of strings",
            "path \"a\" {\\n  allowed_parameters = { \"x\" = \"y\" }\\n}|2|must be a list",
            "path \"a\" {\\n  capabilities = [\"read\"]|2|missing '}'",
            "path \"a\" {\\n  capabilities = [read]\\n}|2|bare word",
            "other \"a\" {\\n}|1|invalid key",
    })
    void rejectsBadPoliciesNamingTheLine(String escaped, int line, String detail) {
        String src = escaped.replace("\\n", "\n");
        assertThatThrownBy(() -> PolicyParser.parse("p", src))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors().get(0)).startsWith("failed to parse policy: line " + line).contains(detail);
                });
    }
}
