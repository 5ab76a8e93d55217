package dev.arca.identity.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.identity.jwt.Claims.Refused;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClaimsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNode GITHUB = JSON.readTree("""
            {"sub": "repo:octo-org/octo-repo:environment:prod", "repository": "octo-org/octo-repo", "run_attempt": 2,
             "ref_protected": true, "groups": ["dev", "ops"], "team": "core",
             "kubernetes.io": {"namespace": "payments", "serviceaccount": {"name": "api"}}, "odd/key": "slash"}
            """);

    @Test
    void boundClaimsMatchExactlyByDefaultAndAListIsAnyOf() throws Refused {
        Claims.checkBound(GITHUB, Map.of("repository", List.of("octo-org/other", "octo-org/octo-repo")), false);
        assertThatThrownBy(() -> Claims.checkBound(GITHUB, Map.of("repository", "octo-org/*"), false)).isInstanceOf(Refused.class)
                .hasMessage("claim \"repository\" does not match any associated bound claim values");
        assertThatThrownBy(() -> Claims.checkBound(GITHUB, Map.of("environment", "prod"), false)).hasMessage("claim \"environment\" is missing");
    }

    @Test
    void globsMatchAnyRunOfCharactersAndListClaimsMatchByAnyElement() throws Refused {
        Claims.checkBound(GITHUB, Map.of("sub", "repo:octo-org/*:environment:*", "groups", "o*"), true);
        assertThatThrownBy(() -> Claims.checkBound(GITHUB, Map.of("sub", "repo:evil/*"), true)).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> Claims.checkBound(GITHUB, Map.of("groups", "adm*"), true)).isInstanceOf(Refused.class);
    }

    @Test
    void numbersAndBooleansCompareAsJsonValuesAndPointersReachNestedClaims() throws Refused {
        Claims.checkBound(GITHUB, Map.of("run_attempt", 2, "ref_protected", true, "/kubernetes.io/serviceaccount/name", "api"), false);
        assertThatThrownBy(() -> Claims.checkBound(GITHUB, Map.of("run_attempt", "2"), false)).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> Claims.checkBound(GITHUB, Map.of("ref_protected", false), false)).isInstanceOf(Refused.class);
        assertThat(Claims.claim(GITHUB, "/odd~1key").orElseThrow().asString()).isEqualTo("slash");
    }

    @Test
    void mappingsTakeScalarsAndRefuseObjects() throws Refused {
        assertThat(Claims.mapped(GITHUB, Map.of("repository", "repo", "/kubernetes.io/namespace", "ns", "absent", "x", "run_attempt", "try")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("repo", "octo-org/octo-repo", "ns", "payments", "try", "2"));
        assertThatThrownBy(() -> Claims.mapped(GITHUB, Map.of("kubernetes.io", "k"))).isInstanceOf(Refused.class);
    }

    @Test
    void theUserClaimIsTopLevelUnlessItIsAPointerAndGroupsAreAListOrOneString() throws Refused {
        assertThat(Claims.user(GITHUB, "repository", false)).isEqualTo("octo-org/octo-repo");
        assertThatThrownBy(() -> Claims.user(GITHUB, "/kubernetes.io/namespace", false)).isInstanceOf(Refused.class);
        assertThat(Claims.user(GITHUB, "/kubernetes.io/namespace", true)).isEqualTo("payments");
        assertThat(Claims.groups(GITHUB, "groups")).containsExactly("dev", "ops");
        assertThat(Claims.groups(GITHUB, "team")).containsExactly("core");
        assertThatThrownBy(() -> Claims.groups(GITHUB, "kubernetes.io")).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> Claims.groups(GITHUB, "nope")).isInstanceOf(Refused.class);
    }
}
