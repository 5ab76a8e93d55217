package dev.arca.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A secrets engine, auth method or system path group ({@code logical.Backend}): its type and aliases,
 * its kind, its path families, its special paths and its mount lifecycle. A service declares its
 * backends as beans; the service's {@link BackendDispatcher} serves them and publishes them in the
 * catalog the gateway reads, so the gateway needs no knowledge of any engine.
 */
public final class Backend {

    /** What {@code sys/mounts} ({@code SECRET}) and {@code sys/auth} ({@code AUTH}) accept; {@code SYSTEM} paths live under {@code sys/}. */
    public enum Kind {
        SECRET, AUTH, SYSTEM;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Another name of the type, with the mount options it implies (e.g. {@code kv-v2} is {@code kv} version 2). */
    public record Alias(String name, Map<String, String> options) {
        public Alias {
            options = Map.copyOf(options);
        }
    }

    /** A mount of the backend as the gateway's mount table holds it. */
    public record MountInfo(String path, String type, String accessor, Map<String, String> options) {
        public MountInfo {
            options = Map.copyOf(options);
        }
    }

    /**
     * What happens when a mount is enabled, tuned or disabled. Enable and tune may refuse (throw a
     * {@code VaultException}) or return the options to store; disable cleans up what the mount owned.
     */
    public interface MountHooks {
        default Map<String, String> enable(MountInfo mount) {
            return mount.options();
        }

        default Map<String, String> tune(MountInfo mount, Map<String, String> options) {
            return options;
        }

        default void disable(MountInfo mount) {
        }
    }

    private static final MountHooks NO_HOOKS = new MountHooks() { };

    private final String type;
    private final Kind kind;
    private final String description;
    private final List<Alias> aliases;
    private final @Nullable String builtinMount;
    private final List<String> systemPrefixes;
    private final List<String> unauthenticated;
    private final List<String> sudo;
    private final boolean receivesClientToken;
    private final List<PathFamily> families;
    private final MountHooks hooks;
    private final Map<String, SecretType> secretTypes;

    private Backend(Builder b) {
        this.type = b.type;
        this.kind = b.kind;
        this.description = b.description;
        this.aliases = List.copyOf(b.aliases);
        this.builtinMount = b.builtinMount;
        this.systemPrefixes = List.copyOf(b.systemPrefixes);
        this.unauthenticated = List.copyOf(b.unauthenticated);
        this.sudo = List.copyOf(b.sudo);
        this.receivesClientToken = b.receivesClientToken;
        this.families = List.copyOf(b.families);
        this.hooks = b.hooks;
        this.secretTypes = Map.copyOf(b.secretTypes);
    }

    public static Builder builder(String type, Kind kind) {
        return new Builder(type, kind);
    }

    public String type() {
        return type;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public List<Alias> aliases() {
        return aliases;
    }

    /** The path every installation has this backend mounted at (e.g. {@code auth/token/}), or null. */
    public @Nullable String builtinMount() {
        return builtinMount;
    }

    /** For system backends: the {@code sys/} paths they own, e.g. {@code sys/policies/}. */
    public List<String> systemPrefixes() {
        return systemPrefixes;
    }

    /** Paths relative to the mount that need no token (e.g. {@code login}); a trailing {@code *} matches a prefix. */
    public List<String> unauthenticated() {
        return unauthenticated;
    }

    /** Root-protected paths relative to the mount: the caller also needs {@code sudo}. */
    public List<String> sudo() {
        return sudo;
    }

    /** Whether calls carry the caller's token to the service (only the token authority needs it). */
    public boolean receivesClientToken() {
        return receivesClientToken;
    }

    public List<PathFamily> families() {
        return families;
    }

    public MountHooks hooks() {
        return hooks;
    }

    /** The kinds of secret it issues under leases, by name. */
    public Map<String, SecretType> secretTypes() {
        return secretTypes;
    }

    /** Builds a {@link Backend}. */
    public static final class Builder {
        private final String type;
        private final Kind kind;
        private String description = "";
        private final List<Alias> aliases = new ArrayList<>();
        private @Nullable String builtinMount;
        private final List<String> systemPrefixes = new ArrayList<>();
        private final List<String> unauthenticated = new ArrayList<>();
        private final List<String> sudo = new ArrayList<>();
        private boolean receivesClientToken;
        private final List<PathFamily> families = new ArrayList<>();
        private MountHooks hooks = NO_HOOKS;
        private final Map<String, SecretType> secretTypes = new java.util.LinkedHashMap<>();

        private Builder(String type, Kind kind) {
            this.type = type;
            this.kind = kind;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder alias(String name, Map<String, String> options) {
            aliases.add(new Alias(name, options));
            return this;
        }

        public Builder builtinMount(String path) {
            this.builtinMount = path;
            return this;
        }

        public Builder systemPrefix(String prefix) {
            systemPrefixes.add(prefix);
            return this;
        }

        public Builder unauthenticated(String... patterns) {
            unauthenticated.addAll(List.of(patterns));
            return this;
        }

        public Builder sudo(String... patterns) {
            sudo.addAll(List.of(patterns));
            return this;
        }

        public Builder receivesClientToken() {
            this.receivesClientToken = true;
            return this;
        }

        /** Adds families in order: the first whose pattern matches a path serves it. */
        public Builder paths(PathFamily... more) {
            families.addAll(List.of(more));
            return this;
        }

        public Builder paths(List<PathFamily> more) {
            families.addAll(more);
            return this;
        }

        public Builder hooks(MountHooks mountHooks) {
            this.hooks = mountHooks;
            return this;
        }

        /** Declares a kind of leased secret with its renew and revoke handlers. */
        public Builder secret(SecretType type) {
            secretTypes.put(type.name(), type);
            return this;
        }

        public Backend build() {
            return new Backend(this);
        }
    }
}
