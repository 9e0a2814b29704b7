package bouncemx.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskMetersTest {
    @TempDir
    Path data;

    @Test
    void readsFreeSpaceAndSegmentsAtMostOncePerPeriod() throws IOException {
        Path journal = Files.createDirectories(data.resolve("journal"));
        Files.write(journal.resolve("00000000000000000001.journal"), new byte[100]);
        Files.write(journal.resolve("LOCK"), new byte[7]); // not a segment
        var now = new AtomicLong();
        var reads = new AtomicInteger();
        var free = new AtomicLong(5_000);
        var registry = new SimpleMeterRegistry();
        new DiskMeters(data, journal, p -> {
            reads.incrementAndGet();
            assertEquals(data, p);
            return free.get();
        }, Duration.ofSeconds(5), now::get).register(registry, 1L << 30);

        assertEquals(5_000, registry.get(MeterNames.DATA_FREE).gauge().value());
        assertEquals(1L << 30, registry.get(MeterNames.DATA_MIN_FREE).gauge().value());
        assertEquals(1, registry.get(MeterNames.JOURNAL_SEGMENTS).gauge().value());
        assertEquals(100, registry.get(MeterNames.JOURNAL_SIZE).gauge().value());
        assertEquals(1, reads.get(), "one read serves every gauge of a scrape");

        free.set(4_000);
        Files.write(journal.resolve("00000000000000000009.journal"), new byte[50]);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(5_000, registry.get(MeterNames.DATA_FREE).gauge().value(), "within the period: the last reading");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(4_000, registry.get(MeterNames.DATA_FREE).gauge().value());
        assertEquals(2, registry.get(MeterNames.JOURNAL_SEGMENTS).gauge().value());
        assertEquals(150, registry.get(MeterNames.JOURNAL_SIZE).gauge().value());
        assertEquals(2, reads.get());
    }

    @Test
    void aFileStoreThatCannotBeAskedIsNaNNotAnError() {
        var registry = new SimpleMeterRegistry();
        new DiskMeters(data, data.resolve("missing"), p -> { throw new IOException("no"); }, Duration.ofSeconds(5),
                System::nanoTime).register(registry, 1);
        assertTrue(Double.isNaN(registry.get(MeterNames.DATA_FREE).gauge().value()));
        assertTrue(Double.isNaN(registry.get(MeterNames.JOURNAL_SEGMENTS).gauge().value()));
    }

    @Test
    void theProductionFileStoreReportsTheRealFreeSpace() throws IOException {
        long free = DiskMeters.FreeSpace.FILE_STORE.usableBytes(data);
        assertTrue(free > 0, "free " + free);
        assertEquals(Files.getFileStore(data).getUsableSpace(), free, 1 << 28); // other writers may move it a little
    }
}
