package bouncemx.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Bytes this process may still write on the file system that holds a directory. The real one asks the
 * {@link java.nio.file.FileStore} (statvfs) and keeps the answer for a second; tests set the figure.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface DiskSpace {

    /** Usable bytes on the file system of {@code dir}; IOException when it cannot be asked (e.g. dir is gone). */
    long usableBytes(Path dir) throws IOException;

    /**
     * The file store's answer for {@code dir}, or for its nearest existing parent while it does not exist yet;
     * asked at most once per second (per instance, for the last directory asked).
     */
    static DiskSpace fileStore() {
        return cached(dir -> {
            Path p = dir.toAbsolutePath();
            while (p.getParent() != null && !Files.exists(p)) p = p.getParent();
            return Files.getFileStore(p).getUsableSpace();
        }, Duration.ofSeconds(1));
    }

    /** {@code source}, asked at most once per {@code ttl}; a failure is not kept. */
    static DiskSpace cached(DiskSpace source, Duration ttl) {
        long ttlNanos = ttl.toNanos();
        return new DiskSpace() {
            private Path lastDir;
            private long lastBytes;
            private long askedNanos;

            @Override
            public synchronized long usableBytes(Path dir) throws IOException {
                long now = System.nanoTime();
                if (dir.equals(lastDir) && now - askedNanos < ttlNanos) return lastBytes;
                lastBytes = source.usableBytes(dir);
                lastDir = dir;
                askedNanos = now;
                return lastBytes;
            }
        };
    }
}
