package dev.arca.database.statics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * A static role as stored: an existing user of a connection whose password Arca rotates every
 * {@code rotationPeriod} seconds or on a cron {@code rotationSchedule} (five fields, UTC).
 */
public record StaticRole(String dbName, String username, long rotationPeriod, String rotationSchedule, long rotationWindow,
        List<String> rotationStatements) {

    public StaticRole {
        rotationStatements = List.copyOf(rotationStatements);
    }

    /** When the password is next due, after a rotation at {@code last}. */
    public Instant next(Instant last) {
        if (!rotationSchedule.isEmpty()) {
            var next = cron(rotationSchedule).next(last.atZone(ZoneOffset.UTC));
            return next == null ? Instant.MAX : next.toInstant();
        }
        return last.plusSeconds(rotationPeriod);
    }

    /** Vault's five-field cron as Spring's six-field expression; {@link IllegalArgumentException} when malformed. */
    static CronExpression cron(String schedule) {
        if (schedule.trim().split("\\s+").length != 5) {
            throw new IllegalArgumentException("rotation_schedule must have five fields: minute hour day month weekday");
        }
        return CronExpression.parse("0 " + schedule.trim());
    }
}
