package dev.arca.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclTests {

    private static Acl acl(String... policies) {
        List<Policy> list = new java.util.ArrayList<>();
        for (int i = 0; i < policies.length; i++) {
            list.add(PolicyParser.parse("p" + i, policies[i]));
        }
        return Acl.of(list);
    }

    @Test
    void rootAndEmpty() {
        assertThat(Acl.root().allowOperation("anything", "delete", null)).isTrue();
        assertThat(Acl.root().hasSudo("sys/x")).isTrue();
        assertThat(Acl.root().capabilities("x")).containsExactly("root");
        assertThat(Acl.of(List.of()).allowOperation("x", "read", null)).isFalse();
        assertThat(Acl.of(List.of()).capabilities("x")).containsExactly("deny");
    }

    @Test
    void exactBeatsGlobAndLongestPrefixWins() {
        Acl a = acl("""
                path "secret/*" { capabilities = ["read"] }
                path "secret/app/*" { capabilities = ["list"] }
                path "secret/app/db" { capabilities = ["update"] }
                """);
        assertThat(a.capabilities("secret/app/db")).containsExactly("update");
        assertThat(a.capabilities("secret/app/web")).containsExactly("list");
        assertThat(a.capabilities("secret/other")).containsExactly("read");
        assertThat(a.capabilities("secret")).containsExactly("deny");
        assertThat(a.allowOperation("secret/app/web", "read", null)).isFalse();
    }

    /** Both patterns match the path; the winner's rule alone applies, whichever policy line comes first. */
    @ParameterizedTest(name = "{3}: {0} over {1}")
    @CsvSource(delimiter = '|', value = {
            "secret/a*      | secret/+/x   | secret/a/x     | the later first wildcard wins",
            "secret/+/x     | secret/+/x*  | secret/a/x     | then not ending in * wins",
            "secret/+/b     | secret/+/+   | secret/a/b     | then fewer + wins",
            "secret/+/+/ccc | secret/+/b/+ | secret/a/b/ccc | then longer wins, though the shorter is lexically greater",
            "secret/+/x/+   | secret/+/+/y | secret/a/x/y   | then lexically greater wins: + sorts before letters",
    })
    void priorityFollowsVaultOrder(String winner, String loser, String path, String rule) {
        String win = "path \"" + winner + "\" { capabilities = [\"update\"] }\n";
        String lose = "path \"" + loser + "\" { capabilities = [\"read\"] }\n";
        assertThat(acl(win + lose).capabilities(path)).containsExactly("update");
        assertThat(acl(lose + win).capabilities(path)).containsExactly("update");
    }

    @Test
    void plusMatchesExactlyOneSegment() {
        Acl a = acl("path \"secret/+/config\" { capabilities = [\"read\"] }");
        assertThat(a.allowOperation("secret/team/config", "read", null)).isTrue();
        assertThat(a.allowOperation("secret/team/x/config", "read", null)).isFalse();
        assertThat(a.allowOperation("secret/config", "read", null)).isFalse();
        Acl glob = acl("path \"secret/+/x*\" { capabilities = [\"read\"] }");
        assertThat(glob.allowOperation("secret/team/xy", "read", null)).isTrue();
        assertThat(glob.allowOperation("secret/team/y", "read", null)).isFalse();
    }

    @Test
    void samePatternMergesAcrossPoliciesAndDenyWins() {
        Acl merged = acl("path \"kv/*\" { capabilities = [\"read\"] }", "path \"kv/*\" { capabilities = [\"list\", \"sudo\"] }");
        assertThat(merged.capabilities("kv/a")).containsExactly("list", "read", "sudo");
        assertThat(merged.hasSudo("kv/a")).isTrue();
        Acl denied = acl("path \"kv/*\" { capabilities = [\"read\", \"sudo\"] }", "path \"kv/*\" { capabilities = [\"deny\"] }");
        assertThat(denied.capabilities("kv/a")).containsExactly("deny");
        assertThat(denied.allowOperation("kv/a", "read", null)).isFalse();
        assertThat(denied.hasSudo("kv/a")).isFalse();
    }

    @Test
    void listOnTrailingSlashUsesExactRuleWithoutIt() {
        Acl a = acl("path \"secret/metadata\" { capabilities = [\"list\"] }");
        assertThat(a.allowOperation("secret/metadata/", "list", null)).isTrue();
    }

    @Test
    void parameterConstraints() {
        Acl a = acl("""
                path "app/*" {
                  capabilities = ["create", "update", "read"]
                  allowed_parameters = { "name" = [], "env" = ["dev-*", "test"] }
                  denied_parameters = { "env" = ["dev-secret"] }
                  required_parameters = ["name"]
                }
                """);
        assertThat(a.allowOperation("app/x", "create", Map.of("name", "n", "env", "dev-1"))).isTrue();
        assertThat(a.allowOperation("app/x", "create", Map.of("NAME", "n", "env", "test"))).isTrue();
        assertThat(a.allowOperation("app/x", "create", Map.of("name", "n", "env", "prod"))).isFalse();
        assertThat(a.allowOperation("app/x", "create", Map.of("name", "n", "env", "dev-secret"))).isFalse();
        assertThat(a.allowOperation("app/x", "update", Map.of("env", "test"))).isFalse();
        assertThat(a.allowOperation("app/x", "update", Map.of("name", "n", "other", 1))).isFalse();
        assertThat(a.allowOperation("app/x", "read", Map.of("other", 1))).isTrue();

        Acl star = acl("path \"a\" { capabilities = [\"update\"]\n allowed_parameters = { \"*\" = [] }\n denied_parameters = { \"x\" = [] } }");
        assertThat(star.allowOperation("a", "update", Map.of("y", 1))).isTrue();
        assertThat(star.allowOperation("a", "update", Map.of("x", 1))).isFalse();
        Acl denyAll = acl("path \"a\" { capabilities = [\"update\"]\n denied_parameters = { \"*\" = [] } }");
        assertThat(denyAll.allowOperation("a", "update", Map.of())).isTrue();
        assertThat(denyAll.allowOperation("a", "update", Map.of("y", 1))).isFalse();
        Acl numbers = acl("path \"a\" { capabilities = [\"update\"]\n allowed_parameters = { \"n\" = [1, 2] } }");
        assertThat(numbers.allowOperation("a", "update", Map.of("n", 2))).isTrue();
        assertThat(numbers.allowOperation("a", "update", Map.of("n", 3))).isFalse();
    }

    @Test
    void sudoCheck() {
        Acl a = acl("path \"sys/audit/*\" { capabilities = [\"update\", \"sudo\"] }\npath \"sys/mounts/*\" { capabilities = [\"update\"] }");
        assertThat(a.allowOperation("sys/audit/file", "update", null, true)).isTrue();
        assertThat(a.allowOperation("sys/mounts/x", "update", null, true)).isFalse();
        assertThat(a.allowOperation("sys/mounts/x", "update", null, false)).isTrue();
        assertThat(a.allowOperation("sys/audit/file", "sudo", null)).isFalse();
    }

    @Test
    void wrappingLimitsRequireAWrappedAnswerAndMergeToTheMostPermissive() {
        Acl a = acl("""
                path "secret/w/*" {
                  capabilities = ["read"]
                  min_wrapping_ttl = "1m"
                  max_wrapping_ttl = "10m"
                }
                path "secret/free" { capabilities = ["read"] }
                """, """
                path "secret/w/*" {
                  capabilities = ["read"]
                  min_wrapping_ttl = 30
                  max_wrapping_ttl = "20m"
                }
                """);
        assertThat(a.allowsWrapping("secret/w/x", "read", 0)).as("not wrapped").isFalse();
        assertThat(a.allowsWrapping("secret/w/x", "read", 29)).isFalse();
        assertThat(a.allowsWrapping("secret/w/x", "read", 30)).isTrue();
        assertThat(a.allowsWrapping("secret/w/x", "read", 1200)).isTrue();
        assertThat(a.allowsWrapping("secret/w/x", "read", 1201)).isFalse();
        assertThat(a.allowsWrapping("secret/free", "read", 0)).isTrue();
        assertThat(a.allowsWrapping("secret/free", "read", 99999)).isTrue();
        assertThat(Acl.root().allowsWrapping("secret/w/x", "read", 0)).isTrue();
    }
}
