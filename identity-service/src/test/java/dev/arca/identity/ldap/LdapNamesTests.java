package dev.arca.identity.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import dev.arca.core.api.VaultException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LdapNamesTests {

    private static final List<Entry> DIRECTORY = List.of(
            new Entry("uid=alice,ou=people,dc=example,dc=org", new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "alice")),
            new Entry("uid=admin,ou=people,dc=example,dc=org", new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "admin")),
            new Entry("uid=bob,ou=people,dc=example,dc=org", new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "bob")));

    private static Filter userFilter(String username) {
        return LdapNames.filter(LdapNames.render(LdapConfig.DEFAULT_USER_FILTER,
                Map.of("UserAttr", LdapNames.filterValue("uid"), "Username", LdapNames.filterValue(username))), "userfilter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "al*", "admin)(|(uid=*)", "alice)(uid=alice", "*)(objectClass=*", "alice\u0000", "\\2a", "a\\"})
    void noInjectedNameMatchesAnyEntry(String name) throws LDAPException {
        Filter f = userFilter(name);
        assertThat(f.getFilterType()).as("one equality test, whatever the name").isEqualTo(Filter.FILTER_TYPE_EQUALITY);
        assertThat(f.getAssertionValue()).isEqualTo(name);
        for (Entry e : DIRECTORY) {
            assertThat(f.matchesEntry(e)).as(name + " against " + e.getDN()).isFalse();
        }
    }

    @Test
    void theOwnNameMatchesOnlyItsEntry() throws LDAPException {
        Filter f = userFilter("alice");
        assertThat(DIRECTORY.stream().filter(e -> {
            try {
                return f.matchesEntry(e);
            } catch (LDAPException ex) {
                throw new IllegalStateException(ex);
            }
        }).map(Entry::getDN)).containsExactly("uid=alice,ou=people,dc=example,dc=org");
    }

    @Test
    void filterValuesAreEscapedPerRfc4515() {
        assertThat(LdapNames.filterValue("admin)(|(uid=*)")).isEqualTo("admin\\29\\28|\\28uid=\\2a\\29");
        assertThat(LdapNames.filterValue("a\u0000b\\")).isEqualTo("a\\00b\\5c");
    }

    @Test
    void aNameStaysOneDnValue() throws LDAPException {
        String dn = LdapNames.childDn("uid", "alice,ou=people", "dc=example,dc=org");
        DN parsed = new DN(dn);
        assertThat(parsed.getRDNs()).hasSize(3);
        assertThat(parsed.getRDN().getAttributeValues()).containsExactly("alice,ou=people");
        assertThat(LdapNames.dnValue("a+b=c,d")).isEqualTo("a\\+b=c\\,d");
        assertThat(new DN(LdapNames.childDn("uid", "x\u0000y", "dc=org")).getRDN().getAttributeValues()).containsExactly("x\u0000y");
    }

    @Test
    void templatesKnowOnlyVaultsPlaceholders() {
        assertThat(LdapNames.render("(&(objectClass=person)({{ .UserAttr }}={{.Username}}))", Map.of("UserAttr", "uid", "Username", "a\\2a")))
                .isEqualTo("(&(objectClass=person)(uid=a\\2a))");
        assertThat(LdapNames.render(LdapConfig.DEFAULT_GROUP_FILTER, Map.of("Username", "bob", "UserDN", "uid=bob,dc=org")))
                .isEqualTo("(|(memberUid=bob)(member=uid=bob,dc=org)(uniqueMember=uid=bob,dc=org))");
        assertThatThrownBy(() -> LdapNames.render("(uid={{.Password}})", Map.of())).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> LdapNames.checkFilter("groupfilter", "(cn=")).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.getMessage()).contains("invalid groupfilter"));
    }

    @Test
    void groupNamesAreTheirCommonName() {
        assertThat(LdapNames.commonName("cn=ops,ou=groups,dc=example,dc=org")).isEqualTo("ops");
        assertThat(LdapNames.commonName("ou=x,CN=Dev Team,dc=org")).isEqualTo("Dev Team");
        assertThat(LdapNames.commonName("engineers")).isEqualTo("engineers");
        assertThat(LdapNames.commonName("ou=only,dc=org")).isEqualTo("ou=only,dc=org");
    }
}
