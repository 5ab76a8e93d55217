package dev.arca.pki.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Vault's name rules for roles, as pure functions. */
class NamesTests {

    private static Role role(String json) {
        ObjectNode doc = (ObjectNode) JsonMapper.builder().build().readTree(json);
        if (!doc.has("enforce_hostnames")) {
            doc.put("enforce_hostnames", true);
        }
        if (!doc.has("allow_wildcard_certificates")) {
            doc.put("allow_wildcard_certificates", true);
        }
        return new Role(doc);
    }

    @Test
    void subdomainsBareAndWildcards() {
        Role r = role("{\"allowed_domains\":[\"example.com\"],\"allow_subdomains\":true}");
        assertThat(Names.allowed(r, "a.example.com")).isTrue();
        assertThat(Names.allowed(r, "a.b.example.com")).isTrue();
        assertThat(Names.allowed(r, "*.example.com")).isTrue();
        assertThat(Names.allowed(r, "example.com")).as("bare needs allow_bare_domains").isFalse();
        assertThat(Names.allowed(r, "badexample.com")).isFalse();
        assertThat(Names.allowed(r, "a.example.com.evil.org")).isFalse();
        assertThat(Names.allowed(r, "*.*.example.com")).isFalse();
        assertThat(Names.allowed(r, "x*.example.com")).as("a partial wildcard label is allowed by RFC 6125").isTrue();
        assertThat(Names.allowed(r, "me@a.example.com")).isTrue();
        Role noWildcards = role("{\"allowed_domains\":[\"example.com\"],\"allow_subdomains\":true,\"allow_wildcard_certificates\":false}");
        assertThat(Names.allowed(noWildcards, "*.example.com")).isFalse();
        Role bare = role("{\"allowed_domains\":[\"example.com\"],\"allow_bare_domains\":true}");
        assertThat(Names.allowed(bare, "example.com")).isTrue();
        assertThat(Names.allowed(bare, "EXAMPLE.com")).isTrue();
        assertThat(Names.allowed(bare, "a.example.com")).isFalse();
    }

    @Test
    void globsLocalhostAnyNameAndHostnames() {
        Role glob = role("{\"allowed_domains\":[\"*.svc.cluster.local\",\"db-*\"],\"allow_glob_domains\":true}");
        assertThat(Names.allowed(glob, "api.ns.svc.cluster.local")).isTrue();
        assertThat(Names.allowed(glob, "db-primary")).isTrue();
        assertThat(Names.allowed(glob, "svc.cluster.local")).isFalse();
        Role local = role("{\"allow_localhost\":true}");
        assertThat(Names.allowed(local, "localhost")).isTrue();
        assertThat(Names.allowed(local, "a.localhost")).isFalse();
        Role any = role("{\"allow_any_name\":true}");
        assertThat(Names.allowed(any, "anything.at.all")).isTrue();
        assertThat(Names.allowed(any, "not a hostname")).as("enforce_hostnames still applies").isFalse();
        Role anyLoose = role("{\"allow_any_name\":true,\"enforce_hostnames\":false}");
        assertThat(Names.allowed(anyLoose, "not a hostname")).isTrue();
        assertThat(Names.firstDenied(role("{\"allowed_domains\":[\"a.com\"],\"allow_subdomains\":true}"), List.of("x.a.com", "x.b.com")))
                .isEqualTo("x.b.com");
    }

    @Test
    void globMatchingAsVaults() {
        assertThat(Names.glob("*", "")).isTrue();
        assertThat(Names.glob("a*c", "abbbc")).isTrue();
        assertThat(Names.glob("a*c", "abbb")).isFalse();
        assertThat(Names.glob("*.example.com", "x.y.example.com")).isTrue();
        assertThat(Names.glob("spiffe://cluster/*", "spiffe://cluster/ns/a")).isTrue();
        assertThat(Names.glob("a*b*c", "acb")).isFalse();
        assertThat(Names.glob("exact", "exact")).isTrue();
    }

    @Test
    void otherSansAreOidUtf8Pairs() {
        assertThat(Names.parseOtherSan("1.2.3.4;UTF8:hello")).containsExactly("1.2.3.4", "hello");
        assertThat(Names.parseOtherSan("1.2.3.4;utf-8:a:b")).containsExactly("1.2.3.4", "a:b");
        for (String bad : List.of("hello", "1.2.3.4;IA5:x", "not.an.oid;UTF8:x", ";UTF8:x")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Names.parseOtherSan(bad)).as(bad)
                    .isInstanceOf(dev.arca.core.api.VaultException.class);
        }
    }
}
