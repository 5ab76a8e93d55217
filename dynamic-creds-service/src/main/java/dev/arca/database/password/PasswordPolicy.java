package dev.arca.database.password;

import dev.arca.core.api.VaultException;
import dev.arca.core.hcl.Hcl;
import dev.arca.core.hcl.HclBlock;
import dev.arca.core.hcl.HclBody;
import dev.arca.core.hcl.HclException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A password policy in Vault's HCL: {@code length} (4 to 100) and {@code rule "charset"} blocks, each
 * with a {@code charset} and {@code min-chars}. A password is drawn from the union of the rules'
 * characters and kept when every rule's minimum holds (Vault's generator does the same).
 */
public final class PasswordPolicy {

    /** Vault's default: 20 characters with a lowercase letter, an uppercase letter, a digit and a dash. */
    public static final PasswordPolicy DEFAULT = parse("""
            length = 20
            rule "charset" {
              charset = "abcdefghijklmnopqrstuvwxyz"
              min-chars = 1
            }
            rule "charset" {
              charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
              min-chars = 1
            }
            rule "charset" {
              charset = "0123456789"
              min-chars = 1
            }
            rule "charset" {
              charset = "-"
              min-chars = 1
            }
            """);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 10_000;

    /** One {@code rule "charset"}. */
    record Rule(int[] charset, int minChars) {
    }

    private final int length;
    private final int[] charset;
    private final List<Rule> rules;

    private PasswordPolicy(int length, int[] charset, List<Rule> rules) {
        this.length = length;
        this.charset = charset;
        this.rules = rules;
    }

    /** @throws VaultException 400 naming what is wrong */
    public static PasswordPolicy parse(String hcl) {
        HclBody body;
        try {
            body = Hcl.parse(hcl);
        } catch (HclException e) {
            throw VaultException.badRequest("invalid password policy: " + e.getMessage());
        }
        for (String name : body.attributes().keySet()) {
            if (!name.equals("length")) {
                throw VaultException.badRequest("invalid password policy: unknown attribute " + name);
            }
        }
        int length = number(body.attribute("length"), "length");
        if (length < 4 || length > 100) {
            throw VaultException.badRequest("invalid password policy: length must be between 4 and 100");
        }
        Set<Integer> all = new LinkedHashSet<>();
        List<Rule> rules = new ArrayList<>();
        int minimum = 0;
        for (HclBlock block : body.blocks()) {
            if (!block.type().equals("rule") || !block.label().equals("charset")) {
                throw VaultException.badRequest("invalid password policy: unknown block " + block.type() + " " + block.labels());
            }
            Object cs = block.body().attribute("charset");
            if (!(cs instanceof String text) || text.isEmpty()) {
                throw VaultException.badRequest("invalid password policy: a charset rule needs a non-empty charset");
            }
            int[] chars = text.codePoints().distinct().toArray();
            Object min = block.body().attribute("min-chars");
            int minChars = min == null ? 0 : number(min, "min-chars");
            if (minChars < 0 || minChars > 100) {
                throw VaultException.badRequest("invalid password policy: min-chars must be between 0 and 100");
            }
            minimum += minChars;
            rules.add(new Rule(chars, minChars));
            for (int c : chars) {
                all.add(c);
            }
        }
        if (rules.isEmpty()) {
            throw VaultException.badRequest("invalid password policy: no charset rules");
        }
        if (minimum > length) {
            throw VaultException.badRequest("invalid password policy: the rules' min-chars add up to more than length");
        }
        return new PasswordPolicy(length, all.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(rules));
    }

    private static int number(Object v, String name) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e6) {
            return n.intValue();
        }
        throw VaultException.badRequest("invalid password policy: " + name + " must be a whole number");
    }

    /** A new password that meets every rule. */
    public String generate() {
        int[] out = new int[length];
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            for (int i = 0; i < length; i++) {
                out[i] = charset[RANDOM.nextInt(charset.length)];
            }
            if (meetsRules(out)) {
                return new String(out, 0, length);
            }
        }
        throw VaultException.internal("unable to generate a password that meets the policy's rules");
    }

    private boolean meetsRules(int[] password) {
        for (Rule r : rules) {
            int count = 0;
            for (int c : password) {
                for (int allowed : r.charset()) {
                    if (c == allowed) {
                        count++;
                        break;
                    }
                }
            }
            if (count < r.minChars()) {
                return false;
            }
        }
        return true;
    }
}
