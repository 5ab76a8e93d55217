package dev.arca.identity.ldap;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.identity.login.TokenSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A mount's {@code config} (Vault's {@code ldaputil.ConfigEntry}), without its secrets: where the
 * directory is, how to reach it, how users and groups are found, and the settings of the tokens a
 * login gets.
 *
 * @param url               one or more servers, comma-separated, tried in order
 * @param requestTimeout    seconds an LDAP operation may take
 * @param connectionTimeout seconds a connection (and its TLS handshake) may take
 */
record LdapConfig(String url, boolean starttls, boolean insecureTls, String certificate, String clientTlsCert, String binddn,
        String userdn, String userattr, String upndomain, String userfilter, String groupdn, String groupfilter, String groupattr,
        boolean caseSensitiveNames, boolean usernameAsAlias, boolean discoverdn, boolean denyNullBind, long requestTimeout,
        long connectionTimeout, TokenSettings token) {

    static final String DEFAULT_USER_FILTER = "({{.UserAttr}}={{.Username}})";
    static final String DEFAULT_GROUP_FILTER = "(|(memberUid={{.Username}})(member={{.UserDN}})(uniqueMember={{.UserDN}}))";
    static final LdapConfig DEFAULT = new LdapConfig("ldap://127.0.0.1", false, false, "", "", "", "", "cn", "", DEFAULT_USER_FILTER,
            "", DEFAULT_GROUP_FILTER, "cn", false, false, false, true, 90, 30, TokenSettings.DEFAULT);

    private static final int MAX_TEXT = 4096;
    private static final int MAX_PEM = 65536;
    private static final long MAX_TIMEOUT = 3600;

    /** The fields of {@code config}, the token ones included. */
    static List<Field> fields() {
        List<Field> f = new ArrayList<>(List.of(
                text("url", "LDAP URL(s) to connect to, comma-separated, tried in order (default: ldap://127.0.0.1)."),
                Field.of("starttls", FieldType.BOOL, "Issue a StartTLS command after connecting to an ldap:// URL."),
                Field.of("insecure_tls", FieldType.BOOL, "Skip verifying the server's certificate (never in production)."),
                Field.string("certificate", "CA certificate(s) in PEM that the server's certificate must chain to.").maxLength(MAX_PEM),
                Field.string("client_tls_cert", "Client certificate in PEM, presented to the server.").maxLength(MAX_PEM),
                Field.string("client_tls_key", "Client certificate's private key in PEM (write only).").maxLength(MAX_PEM),
                text("binddn", "DN of the account that searches the directory."),
                text("bindpass", "Password of binddn (write only)."),
                text("userdn", "Base DN under which users are found."),
                text("userattr", "Attribute of a user entry that holds the username (default: cn)."),
                text("upndomain", "userPrincipalDomain: users bind as username@upndomain."),
                text("userfilter", "Go template of the user search filter (default: " + DEFAULT_USER_FILTER + ")."),
                text("groupdn", "Base DN under which groups are searched."),
                text("groupfilter", "Go template of the group search filter (default: " + DEFAULT_GROUP_FILTER + ")."),
                text("groupattr", "Attribute of a group entry that names it (default: cn)."),
                Field.of("case_sensitive_names", FieldType.BOOL, "Match user and group names as sent, not lower-cased."),
                Field.of("username_as_alias", FieldType.BOOL, "Name the entity alias by the username, not the userattr value."),
                Field.of("discoverdn", FieldType.BOOL, "Find the user's DN with a search even without binddn."),
                Field.of("deny_null_bind", FieldType.BOOL, "Refuse logins with an empty password (default: true)."),
                Field.of("request_timeout", FieldType.DURATION, "Seconds an LDAP operation may take (default: 90).").range(1, MAX_TIMEOUT),
                Field.of("connection_timeout", FieldType.DURATION, "Seconds a connection may take (default: 30).").range(1, MAX_TIMEOUT)));
        f.addAll(TokenSettings.fields());
        return f;
    }

    private static Field text(String name, String description) {
        return Field.string(name, description).maxLength(MAX_TEXT);
    }

    /** The configuration a write gives, what it leaves out kept from {@code base}. */
    static LdapConfig parse(FieldData f, LdapConfig base) {
        LdapConfig c = new LdapConfig(
                text(f, "url", base.url()),
                flag(f, "starttls", base.starttls()),
                flag(f, "insecure_tls", base.insecureTls()),
                f.has("certificate") ? f.string("certificate") : base.certificate(),
                f.has("client_tls_cert") ? f.string("client_tls_cert") : base.clientTlsCert(),
                text(f, "binddn", base.binddn()),
                text(f, "userdn", base.userdn()),
                text(f, "userattr", base.userattr()),
                text(f, "upndomain", base.upndomain()),
                text(f, "userfilter", base.userfilter()),
                text(f, "groupdn", base.groupdn()),
                text(f, "groupfilter", base.groupfilter()),
                text(f, "groupattr", base.groupattr()),
                flag(f, "case_sensitive_names", base.caseSensitiveNames()),
                flag(f, "username_as_alias", base.usernameAsAlias()),
                flag(f, "discoverdn", base.discoverdn()),
                flag(f, "deny_null_bind", base.denyNullBind()),
                f.has("request_timeout") ? f.duration("request_timeout") : base.requestTimeout(),
                f.has("connection_timeout") ? f.duration("connection_timeout") : base.connectionTimeout(),
                TokenSettings.parse(f, base.token()));
        c.check();
        return c;
    }

    private static String text(FieldData f, String name, String kept) {
        return f.has(name) ? f.string(name).trim() : kept;
    }

    private static boolean flag(FieldData f, String name, boolean kept) {
        return f.has(name) ? f.bool(name, kept) : kept;
    }

    /** What a write must not store: a 400 naming the field. */
    private void check() {
        if (urls().isEmpty()) {
            throw VaultException.badRequest("url is required");
        }
        urls().forEach(LdapDirectory::checkUrl);
        for (Map.Entry<String, String> dn : Map.of("binddn", binddn, "userdn", userdn, "groupdn", groupdn).entrySet()) {
            LdapNames.checkDn(dn.getKey(), dn.getValue());
        }
        LdapNames.checkAttribute("userattr", userattr);
        LdapNames.checkAttribute("groupattr", groupattr);
        LdapNames.checkFilter("userfilter", userfilter);
        LdapNames.checkFilter("groupfilter", groupfilter);
        if (!certificate.isBlank()) {
            LdapTls.certificates(certificate);
        }
    }

    /** The servers, in the order they are tried. */
    List<String> urls() {
        return Arrays.stream(url.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The configuration as Vault reads it back: no bind password, no client key. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("binddn", binddn);
        m.put("case_sensitive_names", caseSensitiveNames);
        m.put("certificate", certificate);
        m.put("client_tls_cert", clientTlsCert);
        m.put("connection_timeout", connectionTimeout);
        m.put("deny_null_bind", denyNullBind);
        m.put("discoverdn", discoverdn);
        m.put("groupattr", groupattr);
        m.put("groupdn", groupdn);
        m.put("groupfilter", groupfilter);
        m.put("insecure_tls", insecureTls);
        m.put("request_timeout", requestTimeout);
        m.put("starttls", starttls);
        m.put("upndomain", upndomain);
        m.put("url", url);
        m.put("userattr", userattr);
        m.put("userdn", userdn);
        m.put("userfilter", userfilter);
        m.put("username_as_alias", usernameAsAlias);
        m.putAll(token.toMap());
        return m;
    }

    /** Vault's name comparison: lower-cased unless {@code case_sensitive_names}. */
    Function<String, String> canonical() {
        return caseSensitiveNames ? Function.identity() : s -> s.toLowerCase(java.util.Locale.ROOT);
    }
}
