package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's {@code ./mvnw verify} works where the default java is older than 21 but a JDK 21+ is installed. */
class MavenWrapperTests {

    private static final Path WRAPPER = Path.of("..", "mvnw").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** A java (and javac) that reports Java 17, as the default one does on the machines this was found on. */
    private Path oldJdk() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("jdk17/bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path f = bin.resolve(tool);
            Files.writeString(f, "#!/bin/sh\necho '    java.specification.version = 17' >&2\necho 'openjdk version \"17\"' >&2\n",
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin.getParent();
    }

    /** Whether a JDK 21 or newer is under /usr/lib/jvm, judged by its {@code release} file. */
    private static boolean modernJdkInstalled() throws IOException {
        Path jvm = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvm)) {
            return false;
        }
        try (Stream<Path> jdks = Files.list(jvm)) {
            return jdks.filter(d -> Files.isExecutable(d.resolve("bin/javac")) && Files.isReadable(d.resolve("release")))
                    .anyMatch(d -> {
                        try {
                            return Files.readString(d.resolve("release")).lines()
                                    .filter(l -> l.startsWith("JAVA_VERSION="))
                                    .map(l -> l.replaceAll("[^0-9.]", "").split("\\.")[0])
                                    .anyMatch(v -> !v.isEmpty() && Integer.parseInt(v) >= 21);
                        } catch (IOException e) {
                            return false;
                        }
                    });
        }
    }

    private String mavenVersion(Map<String, String> env, boolean keepJavaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(WRAPPER.toString(), "-v").directory(WRAPPER.getParent().toFile()).redirectErrorStream(true);
        if (!keepJavaHome) {
            pb.environment().remove("JAVA_HOME");
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void picksAJdk21OrNewerWhenTheDefaultJavaIsOlder() throws Exception {
        assumeTrue(modernJdkInstalled(), "no JDK 21+ under /usr/lib/jvm");
        Path old = oldJdk();
        String path = old.resolve("bin") + ":" + System.getenv("PATH");
        String out = mavenVersion(Map.of("PATH", path), false);
        assertThat(out).containsPattern("Java version: (2[1-9]|[3-9][0-9])").contains("runtime: /usr/lib/jvm/");
    }

    @Test
    void picksAJdk21OrNewerWhenJavaHomeIsOlder() throws Exception {
        assumeTrue(modernJdkInstalled(), "no JDK 21+ under /usr/lib/jvm");
        String out = mavenVersion(Map.of("JAVA_HOME", oldJdk().toString()), true);
        assertThat(out).containsPattern("Java version: (2[1-9]|[3-9][0-9])").contains("runtime: /usr/lib/jvm/");
    }
}
