package dev.arca.database.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine's settings ({@code arca.database.*}).
 *
 * @param connectTimeout  how long a call waits for a connection to a managed database before it fails
 * @param rollbackMinAge  how old a write-ahead record must be before the sweep treats its request as dead
 * @param sweepInterval   how often write-ahead records and due static-role rotations are looked for
 */
@ConfigurationProperties("arca.database")
public record DatabaseProperties(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("2m") Duration rollbackMinAge,
        @DefaultValue("10s") Duration sweepInterval) {
}
