package dev.arca.core.policy;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A capability a policy grants on a path; {@link #DENY} overrides every other. */
public enum Capability {
    DENY, CREATE, READ, UPDATE, PATCH, DELETE, LIST, SUDO;

    final int bit = 1 << ordinal();

    /** The name used in policies and in {@code sys/capabilities}, e.g. {@code read}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The capability for a policy word, or null when the word is not one. */
    public static @Nullable Capability fromWire(String name) {
        for (Capability c : values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
