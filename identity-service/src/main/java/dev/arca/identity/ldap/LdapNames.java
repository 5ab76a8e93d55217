package dev.arca.identity.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import dev.arca.core.api.VaultException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a caller's name becomes in the directory's language: filter values escaped per RFC 4515, DN
 * values per RFC 4514, so that no name (say {@code *} or {@code admin)(|(uid=*)}) matches another
 * entry; and Vault's filter templates ({@code {{.Username}}}, {@code {{.UserAttr}}},
 * {@code {{.UserDN}}}) filled with escaped values only.
 */
final class LdapNames {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.(UserAttr|Username|UserDN)\\s*}}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+");

    private LdapNames() {
    }

    /** A value as it may stand in a search filter: {@code * ( ) \ NUL} and non-ASCII escaped. */
    static String filterValue(String value) {
        return Filter.encodeValue(value);
    }

    /** A value as it may stand in a DN (an attribute value of one RDN). */
    static String dnValue(String value) {
        String rdn = new RDN("x", value).toString();
        return rdn.substring(rdn.indexOf('=') + 1);
    }

    /** {@code attr=value,base}, the value escaped. */
    static String childDn(String attribute, String value, String base) {
        try {
            return new DN(new RDN(attribute, value), new DN(base)).toString();
        } catch (LDAPException e) {
            throw VaultException.badRequest("invalid userdn");
        }
    }

    /**
     * The template with each placeholder replaced by its value, which the caller has escaped for a
     * filter already; any other {@code {{...}}} is refused.
     */
    static String render(String template, Map<String, String> escapedValues) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(escapedValues.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        if (out.indexOf("{{") >= 0) {
            throw VaultException.badRequest("unsupported template in filter: only {{.Username}}, {{.UserAttr}} and {{.UserDN}} are known");
        }
        return out.toString();
    }

    /** A rendered filter, parsed; a bad one is the configuration's fault. */
    static Filter filter(String rendered, String field) {
        try {
            return Filter.create(rendered);
        } catch (LDAPException e) {
            throw VaultException.badRequest("invalid " + field);
        }
    }

    static void checkFilter(String field, String template) {
        if (!template.isEmpty()) {
            filter(render(template, Map.of("UserAttr", "cn", "Username", "u", "UserDN", "cn=u")), field);
        }
    }

    static void checkDn(String field, String dn) {
        if (!dn.isEmpty() && !DN.isValidDN(dn)) {
            throw VaultException.badRequest("invalid " + field);
        }
    }

    static void checkAttribute(String field, String name) {
        if (!ATTRIBUTE.matcher(name).matches()) {
            throw VaultException.badRequest("invalid " + field);
        }
    }

    /** The common name in a group's value or DN ({@code cn=ops,ou=groups} gives {@code ops}); the value itself when it has none. */
    static String commonName(String value) {
        if (!DN.isValidDN(value)) {
            return value;
        }
        try {
            for (RDN rdn : new DN(value).getRDNs()) {
                String[] names = rdn.getAttributeNames();
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equalsIgnoreCase("cn")) {
                        return rdn.getAttributeValues()[i];
                    }
                }
            }
        } catch (LDAPException e) {
            return value;
        }
        return value;
    }
}
