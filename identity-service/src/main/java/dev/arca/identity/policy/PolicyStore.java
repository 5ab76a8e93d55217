package dev.arca.identity.policy;

import dev.arca.core.api.VaultException;
import dev.arca.core.events.Invalidations;
import dev.arca.core.policy.Acl;
import dev.arca.core.policy.BuiltinPolicies;
import dev.arca.core.policy.Policy;
import dev.arca.core.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ACL policies. {@code root} is built in (never stored, cannot be written or deleted);
 * {@code default} is seeded at first start and cannot be deleted. Every change publishes
 * {@code policy:<name>} in its transaction.
 */
@Service
public class PolicyStore implements ApplicationRunner {

    /** How long a policy found to exist is taken to exist without asking again. */
    static final long EXISTS_FOR_MS = 30_000;

    private final JdbcClient jdbc;
    private final Invalidations invalidations;
    /** Policy names found to exist, with when. */
    private final Map<String, Long> existing = new ConcurrentHashMap<>();

    public PolicyStore(JdbcClient jdbc, Invalidations invalidations) {
        this.jdbc = jdbc;
        this.invalidations = invalidations;
    }

    /** Seeds Vault's default policy once; an edited default is left alone. */
    @Override
    public void run(ApplicationArguments args) {
        jdbc.sql("INSERT INTO policies (name, policy) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                .params(BuiltinPolicies.DEFAULT, BuiltinPolicies.DEFAULT_POLICY).update();
    }

    /** The longest policy name, in a path or in a token's or role's list: Vault sets none, Arca bounds it. */
    public static final int MAX_NAME = 256;

    public static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** Stored policy names plus {@code root}, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(jdbc.sql("SELECT name FROM policies").query(String.class).list());
        names.add(BuiltinPolicies.ROOT);
        return List.copyOf(names);
    }

    /** The HCL of a stored policy; {@code root} is not stored. */
    public Optional<String> read(String name) {
        if (normalize(name).equals(BuiltinPolicies.RESPONSE_WRAPPING)) {
            return Optional.of(BuiltinPolicies.RESPONSE_WRAPPING_POLICY);
        }
        return jdbc.sql("SELECT policy FROM policies WHERE name = ?").param(normalize(name)).query(String.class).optional();
    }

    /** A policy's text for reading back; {@code root} has none. 404 when there is no such policy. */
    public String text(String name) {
        return "root".equals(name) ? "" : read(name).orElseThrow(VaultException::notFound);
    }

    /**
     * Of these names, those that are neither built in nor stored, in the given order: at most one query,
     * none when every name was found lately. Only token creation's warnings use this, so a name kept
     * for {@link #EXISTS_FOR_MS} after another replica deleted it costs no more than a missing warning;
     * a write or delete here forgets it at once.
     */
    public List<String> missing(java.util.Collection<String> names) {
        long now = System.currentTimeMillis();
        List<String> wanted = names.stream().map(PolicyStore::normalize)
                .filter(n -> !n.equals(BuiltinPolicies.ROOT) && !n.equals(BuiltinPolicies.RESPONSE_WRAPPING)).toList();
        List<String> unknown = wanted.stream().filter(n -> {
            Long seen = existing.get(n);
            return seen == null || now - seen > EXISTS_FOR_MS;
        }).toList();
        if (unknown.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> found = new java.util.HashSet<>(jdbc.sql("SELECT name FROM policies WHERE name = ANY(?)")
                .param(unknown.toArray(String[]::new)).query(String.class).list());
        if (existing.size() > 10_000) {
            existing.clear();
        }
        found.forEach(n -> existing.put(n, now));
        return unknown.stream().filter(n -> !found.contains(n)).toList();
    }


    @Transactional
    public void write(String rawName, String text) {
        String name = normalize(rawName);
        if (name.isEmpty()) {
            throw VaultException.badRequest("policy name must be provided in the URL");
        }
        if (name.equals(BuiltinPolicies.ROOT) || name.equals(BuiltinPolicies.RESPONSE_WRAPPING)) {
            throw VaultException.badRequest("cannot update \"" + name + "\" policy");
        }
        if (text.isBlank()) {
            throw VaultException.badRequest("'policy' parameter not supplied or empty");
        }
        PolicyParser.parse(name, text);
        jdbc.sql("""
                INSERT INTO policies (name, policy) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET policy = EXCLUDED.policy, updated_at = now()
                """).params(name, text).update();
        existing.remove(name);
        invalidations.publish("policy", name);
    }

    @Transactional
    public void delete(String rawName) {
        String name = normalize(rawName);
        if (name.equals(BuiltinPolicies.ROOT) || name.equals(BuiltinPolicies.DEFAULT) || name.equals(BuiltinPolicies.RESPONSE_WRAPPING)) {
            throw VaultException.badRequest("cannot delete \"" + name + "\" policy");
        }
        existing.remove(name);
        if (jdbc.sql("DELETE FROM policies WHERE name = ?").param(name).update() > 0) {
            invalidations.publish("policy", name);
        }
    }

    /** The compiled ACL of a token's policies (missing policies grant nothing). */
    public Acl acl(List<String> policyNames) {
        if (policyNames.contains(BuiltinPolicies.ROOT)) {
            return Acl.root();
        }
        List<Policy> policies = new ArrayList<>();
        for (String n : policyNames) {
            read(n).ifPresent(text -> policies.add(PolicyParser.parse(n, text)));
        }
        return Acl.of(policies);
    }
}
