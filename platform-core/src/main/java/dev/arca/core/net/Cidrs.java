package dev.arca.core.net;

import dev.arca.core.api.VaultException;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Vault's bound CIDRs ({@code token_bound_cidrs}, {@code secret_id_bound_cidrs}, {@code cidr_list}):
 * IPv4 or IPv6 blocks ({@code 10.0.0.0/8}) or single addresses, matched with Spring Security's
 * {@link IpAddressMatcher}. Host names are refused: a binding must not depend on name resolution.
 */
public final class Cidrs {

    private Cidrs() {
    }

    /** The blocks as given, each checked: a 400 naming {@code field} for one that is no address or block. */
    public static List<String> check(List<String> cidrs, String field) {
        for (String c : cidrs) {
            matcher(c, field);
        }
        return List.copyOf(cidrs);
    }

    /** Whether {@code address} lies in one of the blocks; any address does when there are none. */
    public static boolean allows(List<String> cidrs, String address) {
        if (cidrs.isEmpty()) {
            return true;
        }
        if (address.isEmpty() || !looksLikeAddress(address)) {
            return false;
        }
        for (String c : cidrs) {
            if (matcher(c, "bound cidrs").matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the block (or address) lies inside one of {@code blocks}: Vault's subset rule for a secret id's CIDRs. */
    public static boolean within(String block, List<String> blocks) {
        String b = block.trim();
        int slash = b.indexOf('/');
        String address = slash < 0 ? b : b.substring(0, slash);
        int bits = slash < 0 ? (address.indexOf(':') >= 0 ? 128 : 32) : Integer.parseInt(b.substring(slash + 1));
        for (String outer : blocks) {
            String o = outer.trim();
            int s = o.indexOf('/');
            int outerBits = s < 0 ? (o.indexOf(':') >= 0 ? 128 : 32) : Integer.parseInt(o.substring(s + 1));
            if (outerBits <= bits && (address.indexOf(':') >= 0) == (o.indexOf(':') >= 0) && matcher(o, "bound cidrs").matches(address)) {
                return true;
            }
        }
        return false;
    }

    private static IpAddressMatcher matcher(String cidr, String field) {
        String c = cidr.trim();
        int slash = c.indexOf('/');
        String address = slash < 0 ? c : c.substring(0, slash);
        String bits = slash < 0 ? "" : c.substring(slash + 1);
        boolean v6 = address.indexOf(':') >= 0;
        if (!looksLikeAddress(address) || (slash >= 0 && !bits.matches("\\d{1,3}"))
                || (!bits.isEmpty() && Integer.parseInt(bits) > (v6 ? 128 : 32))) {
            throw VaultException.badRequest("invalid " + field + ": \"" + printable(c) + "\" is not an IP address or CIDR block");
        }
        try {
            return new IpAddressMatcher(c);
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("invalid " + field + ": \"" + printable(c) + "\" is not an IP address or CIDR block");
        }
    }

    /** Digits and dots (IPv4) or hex digits, colons and dots (IPv6): never a name to resolve. */
    private static boolean looksLikeAddress(String a) {
        return a.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (a.indexOf(':') >= 0 && a.matches("[0-9a-fA-F:.]{2,45}"));
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^0-9a-zA-Z:./]", "?");
    }
}
