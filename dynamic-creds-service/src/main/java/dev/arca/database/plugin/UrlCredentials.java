package dev.arca.database.plugin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection URL's credentials part ({@code scheme://user:password@host/...} or Go's
 * {@code user:password@tcp(host)/...}): taken out of the URL, so the JDBC URL never carries a password,
 * with {@code {{username}}} and {@code {{password}}} placeholders read as "not given here".
 */
public record UrlCredentials(String withoutCredentials, String username, String password) {

    private static final Pattern USERINFO = Pattern.compile("^((?:[a-z][a-z0-9+.-]*:)*//)?([^@/]*)@(.*)$", Pattern.CASE_INSENSITIVE
            | Pattern.DOTALL);

    static UrlCredentials parse(String url) {
        Matcher m = USERINFO.matcher(url);
        if (!m.matches()) {
            return new UrlCredentials(url, "", "");
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? "" : info.substring(colon + 1);
        String prefix = m.group(1) == null ? "" : m.group(1);
        return new UrlCredentials(prefix + m.group(3), given(user), given(password));
    }

    private static String given(String part) {
        if (part.matches("\\{\\{\\s*(username|password)\\s*}}")) {
            return "";
        }
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** The URL as it may be shown: a password written into it (user info or a {@code password=} parameter) replaced by {@code *****}. */
    public static String redacted(String url) {
        return redactedUserinfo(QUERY_PASSWORD.matcher(url).replaceAll("$1*****"));
    }

    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private static String redactedUserinfo(String url) {
        Matcher m = USERINFO.matcher(url);
        if (!m.matches()) {
            return url;
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        if (colon < 0 || given(info.substring(colon + 1)).isEmpty()) {
            return url;
        }
        String prefix = m.group(1) == null ? "" : m.group(1);
        return prefix + info.substring(0, colon) + ":*****@" + m.group(3);
    }
}
