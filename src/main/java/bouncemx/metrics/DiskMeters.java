package bouncemx.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Disk gauges, read at scrape time and at most once per {@code ttl} (a scrape never costs more than one
 * file-store query and one directory listing per period): the usable space of the file store that holds
 * data.dir ({@code bouncemx_data_free_bytes}), the reserve it is compared with
 * ({@code bouncemx_data_min_free_bytes}), and the journal's segment files, their count and total size. A value
 * that cannot be read is NaN (Prometheus shows the gap) with one DEBUG line. Thread-safe.
 */
public final class DiskMeters {
    private static final Logger log = LoggerFactory.getLogger(DiskMeters.class);
    /** The default period between two reads of the disk. */
    public static final Duration TTL = Duration.ofSeconds(5);

    /** Usable bytes of the file store holding a path ({@code Files.getFileStore(p).getUsableSpace()} in production). */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes(Path path) throws IOException;

        FreeSpace FILE_STORE = p -> Files.getFileStore(p).getUsableSpace();
    }

    private final Path dataDir;
    private final Path journalDir;
    private final FreeSpace free;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private long readAt;
    private boolean read;
    private double freeBytes = Double.NaN, journalBytes = Double.NaN, segments = Double.NaN;

    public DiskMeters(Path dataDir, Path journalDir, FreeSpace free, Duration ttl, LongSupplier nanoTime) {
        this.dataDir = dataDir;
        this.journalDir = journalDir;
        this.free = free;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Registers the four gauges (holding this object strongly: nobody else needs to keep it); {@code minFreeBytes}
     * is the configured disk reserve.
     */
    public DiskMeters register(MeterRegistry registry, long minFreeBytes) {
        Gauge.builder(MeterNames.DATA_FREE, this, d -> d.refresh().freeBytes).baseUnit("bytes")
                .description("usable space of the file store holding data.dir").strongReference(true).register(registry);
        Gauge.builder(MeterNames.DATA_MIN_FREE, () -> minFreeBytes).baseUnit("bytes")
                .description("the disk reserve (data.min_free_bytes): below it SMTP refuses mail").register(registry);
        Gauge.builder(MeterNames.JOURNAL_SIZE, this, d -> d.refresh().journalBytes).baseUnit("bytes")
                .description("size of the journal's segment files").strongReference(true).register(registry);
        Gauge.builder(MeterNames.JOURNAL_SEGMENTS, this, d -> d.refresh().segments)
                .description("journal segment files").strongReference(true).register(registry);
        return this;
    }

    /** Reads the disk when the last read is older than the period; returns this. */
    synchronized DiskMeters refresh() {
        long now = nanoTime.getAsLong();
        if (read && now - readAt < ttlNanos) return this;
        read = true;
        readAt = now;
        try {
            freeBytes = free.usableBytes(dataDir);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read the free space of {}: {}", dataDir, e.toString());
            freeBytes = Double.NaN;
        }
        long n = 0, bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(journalDir, "*.journal")) {
            for (Path f : files) {
                n++;
                bytes += Files.size(f);
            }
            segments = n;
            journalBytes = bytes;
        } catch (IOException | RuntimeException e) { // a segment deleted by retention meanwhile: next period
            log.debug("cannot list the journal in {}: {}", journalDir, e.toString());
            segments = Double.NaN;
            journalBytes = Double.NaN;
        }
        return this;
    }

    synchronized double freeBytes() { return refresh().freeBytes; }

    synchronized double journalBytes() { return refresh().journalBytes; }

    synchronized double segments() { return refresh().segments; }
}
