package dev.arca.standalone.ledger;

import dev.arca.standalone.Database;
import dev.arca.standalone.DevMode;
import dev.arca.standalone.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A platform with the ledger engine in a JVM of its own, for a test to kill with SIGKILL. Its lease
 * scheduler never runs, so whatever it should revoke is left to the next process.
 * Arguments: database URL, user, password, seal key (base64), root token, file to write the gateway's port to.
 */
public final class CrashingPlatform {

    private CrashingPlatform() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        System.setProperty("arca.lease.expiry-interval", "1h");
        Database db = new Database(args[0], args[1], args[2], null);
        Platform platform = Platform.start(new Platform.Options(db, "127.0.0.1", 0, 0, true, true,
                DevMode.gatewaySettings(Base64.getDecoder().decode(args[3]), args[4]), Map.of("ledger", LedgerService::builder)));
        Files.writeString(Path.of(args[5] + ".tmp"), Integer.toString(platform.gatewayPort()));
        Files.move(Path.of(args[5] + ".tmp"), Path.of(args[5]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
