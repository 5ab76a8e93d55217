package dev.arca.identity.ldap;

import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import dev.arca.core.api.VaultException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login against the directory, as Vault's {@code ldaputil} does it: connect to the first server
 * that answers, find the user's DN (by a search as {@code binddn}, or by building it), bind as the
 * user with the password, then, bound as {@code binddn} again when there is one, find the user's
 * groups with {@code groupfilter} under {@code groupdn}. Every operation has the mount's connect and
 * response timeouts; a failure never says which step failed beyond Vault's own texts.
 */
final class LdapDirectory {

    static final String BIND_FAILED = "ldap operation failed: failed to bind as user";
    static final String REBIND_FAILED = "ldap operation failed: failed to re-bind with the BindDN user";
    static final String CONNECT_FAILED = "ldap operation failed: failed to connect to LDAP server";
    static final String NO_ANSWER = "ldap operation failed: the LDAP server did not answer in time";
    /** The most groups one login may belong to: the work of a login stays bounded. */
    static final int MAX_GROUPS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
    /** The connection broke or the server would not serve (e.g. a TLS client certificate it refused after the handshake). */
    private static final Set<ResultCode> UNREACHABLE = Set.of(ResultCode.SERVER_DOWN, ResultCode.CONNECT_ERROR, ResultCode.UNAVAILABLE,
            ResultCode.BUSY);
    private static final String NO_ATTRIBUTES = "1.1";

    /**
     * What the directory says of a user who logged in.
     *
     * @param groups the names of the directory groups the user is in
     * @param alias  the entity alias name: the username, or the user's {@code userattr} value
     */
    record Login(String userDn, List<String> groups, String alias) {
    }

    private LdapDirectory() {
    }

    /** A configured server's URL, checked when the configuration is written. */
    static void checkUrl(String url) {
        try {
            LDAPURL u = new LDAPURL(url);
            if (!u.hostProvided()) {
                throw VaultException.badRequest("invalid url: a host is required");
            }
        } catch (LDAPException e) {
            throw VaultException.badRequest("invalid url: only ldap:// and ldaps:// URLs are supported");
        }
    }

    static Login login(LdapConfigStore.Stored stored, String username, String password) {
        LdapConfig cfg = stored.config();
        String bindpass = stored.secrets().bindpass();
        try (LDAPConnection c = connect(stored)) {
            String bindDn = userBindDn(cfg, bindpass, c, username);
            step(() -> c.bind(new SimpleBindRequest(bindDn, password)), BIND_FAILED);
            if (!cfg.binddn().isEmpty() && !bindpass.isEmpty()) {
                step(() -> c.bind(new SimpleBindRequest(cfg.binddn(), bindpass)), REBIND_FAILED);
            }
            String userDn = userDn(cfg, c, bindDn, username);
            List<String> groups = groups(cfg, c, userDn, username);
            String alias = cfg.usernameAsAlias() ? username : aliasValue(cfg, c, username);
            return new Login(userDn, groups, alias);
        }
    }

    /** The first configured server that answers (with StartTLS done, when asked), or a 400 when none does. */
    private static LDAPConnection connect(LdapConfigStore.Stored stored) {
        LdapConfig cfg = stored.config();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) (cfg.connectionTimeout() * 1000));
        options.setResponseTimeoutMillis(cfg.requestTimeout() * 1000);
        options.setAbandonOnTimeout(true);
        if (!cfg.insecureTls()) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        }
        @Nullable SSLContext tls = null;
        for (String url : cfg.urls()) {
            LDAPConnection c = null;
            try {
                LDAPURL u = new LDAPURL(url);
                boolean ldaps = u.getScheme().equals("ldaps");
                if ((ldaps || cfg.starttls()) && tls == null) {
                    tls = LdapTls.context(cfg, stored.secrets());
                }
                SocketFactory sockets = ldaps ? tls.getSocketFactory() : SocketFactory.getDefault();
                c = new LDAPConnection(sockets, options, u.getHost(), u.getPort());
                if (cfg.starttls() && !ldaps) {
                    ExtendedResult started = c.processExtendedOperation(new StartTLSExtendedRequest(tls));
                    if (started.getResultCode() != ResultCode.SUCCESS) {
                        throw new LDAPException(started.getResultCode(), "StartTLS refused");
                    }
                }
                return c;
            } catch (LDAPException e) {
                LOG.warn("LDAP server {} could not be used: {} ({})", url, e.getResultCode(), e.getDiagnosticMessage());
                if (c != null) {
                    c.close();
                }
            }
        }
        throw VaultException.badRequest(CONNECT_FAILED);
    }

    /** The DN the user binds as: found by a search, or built from the username. */
    private static String userBindDn(LdapConfig cfg, String bindpass, LDAPConnection c, String username) {
        if (cfg.discoverdn() || (!cfg.binddn().isEmpty() && !bindpass.isEmpty())) {
            step(() -> c.bind(bindpass.isEmpty() ? new SimpleBindRequest() : new SimpleBindRequest(cfg.binddn(), bindpass)), BIND_FAILED);
            List<SearchResultEntry> found = search(c, cfg, cfg.userdn(), userFilter(cfg, username), 2, NO_ATTRIBUTES);
            if (found.size() != 1) {
                throw VaultException.badRequest(BIND_FAILED);
            }
            return found.getFirst().getDN();
        }
        if (!cfg.upndomain().isEmpty()) {
            return LdapNames.dnValue(username) + "@" + cfg.upndomain();
        }
        return LdapNames.childDn(cfg.userattr(), username, cfg.userdn());
    }

    /** The user's entry DN: with a UPN domain it is searched for by userPrincipalName; otherwise it is the bind DN. */
    private static String userDn(LdapConfig cfg, LDAPConnection c, String bindDn, String username) {
        if (cfg.upndomain().isEmpty()) {
            return bindDn;
        }
        Filter upn = Filter.createEqualityFilter("userPrincipalName", username + "@" + cfg.upndomain());
        List<SearchResultEntry> found = search(c, cfg, cfg.userdn(), upn, 2, NO_ATTRIBUTES);
        return found.isEmpty() ? "" : found.getLast().getDN();
    }

    private static List<String> groups(LdapConfig cfg, LDAPConnection c, String userDn, String username) {
        if (cfg.groupdn().isEmpty() || cfg.groupfilter().isEmpty()) {
            return List.of();
        }
        String rendered = LdapNames.render(cfg.groupfilter(), Map.of("UserDN", LdapNames.filterValue(userDn),
                "Username", LdapNames.filterValue(principal(cfg, username))));
        Set<String> names = new LinkedHashSet<>();
        for (SearchResultEntry e : search(c, cfg, cfg.groupdn(), LdapNames.filter(rendered, "groupfilter"), MAX_GROUPS, cfg.groupattr())) {
            String[] values = e.getAttributeValues(cfg.groupattr());
            if (values == null || values.length == 0) {
                names.add(LdapNames.commonName(e.getDN()));
            } else {
                for (String v : values) {
                    names.add(LdapNames.commonName(v));
                }
            }
        }
        return List.copyOf(names);
    }

    /** The user's {@code userattr} value, which names the entity alias: exactly one entry with exactly one value. */
    private static String aliasValue(LdapConfig cfg, LDAPConnection c, String username) {
        String attribute = cfg.upndomain().isEmpty() ? cfg.userattr() : "userPrincipalName";
        List<SearchResultEntry> found = search(c, cfg, cfg.userdn(), userFilter(cfg, username), 2, attribute);
        String[] values = found.size() == 1 ? found.getFirst().getAttributeValues(attribute) : null;
        if (values == null || values.length != 1 || values[0].isEmpty()) {
            throw VaultException.badRequest("missing entity alias attribute value");
        }
        return values[0];
    }

    private static Filter userFilter(LdapConfig cfg, String username) {
        String attr = cfg.upndomain().isEmpty() ? cfg.userattr() : "userPrincipalName";
        String rendered = LdapNames.render(cfg.userfilter(), Map.of("UserAttr", LdapNames.filterValue(attr),
                "Username", LdapNames.filterValue(principal(cfg, username))));
        return LdapNames.filter(rendered, "userfilter");
    }

    private static String principal(LdapConfig cfg, String username) {
        return cfg.upndomain().isEmpty() ? username : username + "@" + cfg.upndomain();
    }

    /** A subtree search, at most {@code limit} entries (more is an error: never a partial answer), aliases never dereferenced. */
    private static List<SearchResultEntry> search(LDAPConnection c, LdapConfig cfg, String base, Filter filter, int limit,
            String attribute) {
        SearchRequest req = new SearchRequest(base, SearchScope.SUB, DereferencePolicy.NEVER, limit, (int) cfg.requestTimeout(), false,
                filter, attribute);
        try {
            return c.search(req).getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED && limit == 2) {
                return List.of();
            }
            throw failure(e, "LDAP search failed");
        }
    }

    /** An LDAP call whose failure is the caller's (or the directory's answer to the caller): {@code message}. */
    private static void step(LdapCall call, String message) {
        try {
            call.run();
        } catch (LDAPException e) {
            throw failure(e, message);
        }
    }

    private static VaultException failure(LDAPException e, String message) {
        if (e.getResultCode() == ResultCode.TIMEOUT) {
            LOG.warn("LDAP operation timed out");
            return VaultException.badRequest(NO_ANSWER);
        }
        if (UNREACHABLE.contains(e.getResultCode())) {
            LOG.warn("LDAP operation failed: {}", e.getResultCode());
            return VaultException.badRequest(CONNECT_FAILED);
        }
        LOG.debug("LDAP operation failed: {}", e.getResultCode());
        return VaultException.badRequest(message);
    }

    /** One LDAP operation. */
    @FunctionalInterface
    private interface LdapCall {
        void run() throws LDAPException;
    }
}
