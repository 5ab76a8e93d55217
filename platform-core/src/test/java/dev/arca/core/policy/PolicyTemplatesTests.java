package dev.arca.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTemplatesTests {

    private static final IdentityValues ALICE = new IdentityValues("e-1", "alice", Map.of("auth_userpass_1", "alice-up"),
            Map.of("team", "blue", "dotted.key", "d"), Map.of("g-1", "ops", "g-2", "ops.eu"),
            Map.of("g-1", Map.of("region", "eu"), "g-2", Map.of()));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "secret/{{identity.entity.id}}/*                          | secret/e-1/*",
            "secret/{{ identity.entity.name }}                        | secret/alice",
            "secret/{{identity.entity.metadata.team}}/x               | secret/blue/x",
            "secret/{{identity.entity.metadata.dotted.key}}           | secret/d",
            "u/{{identity.entity.aliases.auth_userpass_1.name}}       | u/alice-up",
            "g/{{identity.groups.ids.g-1.name}}                       | g/ops",
            "g/{{identity.groups.names.ops.id}}                       | g/g-1",
            "g/{{identity.groups.names.ops.eu.id}}                    | g/g-2",
            "g/{{identity.groups.ids.g-1.metadata.region}}            | g/eu",
            "g/{{identity.groups.names.ops.metadata.region}}          | g/eu",
            "a/{{identity.entity.id}}/{{identity.entity.name}}        | a/e-1/alice",
    })
    void templatesResolveForTheCallersEntity(String pattern, String expected) {
        assertThat(PolicyTemplates.fill(pattern, ALICE)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "secret/{{identity.entity.metadata.missing}}",
            "u/{{identity.entity.aliases.auth_other.name}}",
            "u/{{identity.entity.aliases.auth_userpass_1.id}}",
            "g/{{identity.groups.ids.g-9.name}}",
            "g/{{identity.groups.names.devs.id}}",
            "x/{{identity.entity.unknown}}",
            "x/{{identity.entity.id",
            "x/{{identity.entity.id}}}}",
            "x/{{}}",
    })
    void unresolvableTemplatesGiveNoPath(String pattern) {
        assertThat(PolicyTemplates.fill(pattern, ALICE)).isEmpty();
    }

    @Test
    void withoutAnEntityEveryTemplatedPathIsDroppedAndTheRestKept() {
        Policy p = PolicyParser.parse("t", """
                path "secret/{{identity.entity.name}}/*" { capabilities = ["read"] }
                path "shared/*" { capabilities = ["list"] }
                """);
        assertThat(PolicyTemplates.templated(p)).isTrue();
        Policy none = PolicyTemplates.resolve(p, null);
        assertThat(none.rules()).extracting(PathRule::pattern).containsExactly("shared/*");
        Acl acl = Acl.of(List.of(PolicyTemplates.resolve(p, ALICE)));
        assertThat(acl.allowOperation("secret/alice/db", "read", null)).isTrue();
        assertThat(acl.allowOperation("secret/bob/db", "read", null)).isFalse();
        assertThat(acl.allowOperation("shared/x", "list", null)).isTrue();
    }

    @Test
    void aValueCannotWidenAPathIntoAGlob() {
        IdentityValues star = new IdentityValues("e", "a*", Map.of(), Map.of(), Map.of(), Map.of());
        assertThat(PolicyTemplates.fill("secret/{{identity.entity.name}}", star)).isEmpty();
    }

    @Test
    void aPolicyWithoutTemplatesIsTheSameObject() {
        Policy p = PolicyParser.parse("plain", "path \"a/*\" { capabilities = [\"read\"] }");
        assertThat(PolicyTemplates.templated(p)).isFalse();
        assertThat(PolicyTemplates.resolve(p, ALICE)).isSameAs(p);
    }
}
