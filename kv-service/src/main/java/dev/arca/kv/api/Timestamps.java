package dev.arca.kv.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Times as Vault writes them: Go's RFC3339Nano, UTC, fraction without trailing zeros. */
public final class Timestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Now, at the precision PostgreSQL keeps, so what a write answers equals what a later read shows. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant t) {
        StringBuilder b = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(fraction, 0, end);
        }
        return b.append('Z').toString();
    }

    /** Vault shows an unset time (e.g. a version's deletion_time) as the empty string. */
    public static String formatOrEmpty(@Nullable Instant t) {
        return t == null ? "" : format(t);
    }
}
