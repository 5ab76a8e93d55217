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

    /** A running child and its gateway's port. */
    public record Child(Process process, int port) {
    }

    /**
     * Starts a child on the database {@code url} with the static seal {@code key} and root token, and
     * waits until its gateway answers (at most 150 s). The child's output goes to {@code out.log} beside
     * a temporary port file.
     */
    public static Child launch(String url, String user, String password, String key, String root) throws Exception {
        Path portFile = Files.createTempDirectory("arca-crash").resolve("port");
        Path log = portFile.resolveSibling("out.log");
        // C1 only and the serial collector: the process lives a minute, so it starts faster this way
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), CrashingPlatform.class.getName(), url, user, password,
                key, root, portFile.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(150);
        while (!Files.exists(portFile)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("the first process did not start: see " + log);
            }
            Thread.sleep(100);
        }
        return new Child(child, Integer.parseInt(Files.readString(portFile).trim()));
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
