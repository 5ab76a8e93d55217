package dev.arca.audit.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where {@code file} devices write: one JSON line per entry, appended and forced to disk before the
 * entry counts as stored. {@code stdout} writes to standard output, {@code discard} nowhere (Vault's
 * special values of {@code file_path}).
 */
@Component
public class FileSink implements DisposableBean {

    public static final String STDOUT = "stdout";
    public static final String DISCARD = "discard";

    private final Map<String, FileChannel> open = new ConcurrentHashMap<>();

    /** Opens (creating if needed) the file, so a device that cannot write fails when enabled. */
    void check(String filePath) throws IOException {
        if (!filePath.equals(STDOUT) && !filePath.equals(DISCARD)) {
            channel(filePath);
        }
    }

    public void write(String filePath, String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        switch (filePath) {
            case DISCARD -> {
            }
            case STDOUT -> {
                synchronized (System.out) {
                    System.out.write(bytes);
                    System.out.flush();
                }
            }
            default -> {
                FileChannel ch = channel(filePath);
                synchronized (ch) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                // outside the lock, so concurrent writers share the cost of a sync
                ch.force(false);
            }
        }
    }

    void close(String filePath) {
        FileChannel ch = open.remove(filePath);
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing is lost: every write was forced before it was acknowledged
            }
        }
    }

    private FileChannel channel(String filePath) throws IOException {
        try {
            return open.computeIfAbsent(filePath, p -> {
                try {
                    // 0600 as Vault's default mode: the lines are hashed, but still nobody else's business
                    return FileChannel.open(Path.of(p), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void destroy() {
        open.keySet().forEach(this::close);
    }
}
