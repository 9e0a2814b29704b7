package bouncemx.metrics;

import bouncemx.config.Config;
import bouncemx.journal.FileJournal;
import bouncemx.testing.MemoryJournal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalMetersTest {
    @TempDir
    Path dir;

    @Test
    void timesAppendsAndCountsBatchesOfARealFileJournal() throws Exception {
        var registry = new SimpleMeterRegistry();
        try (var journal = FileJournal.open(dir.resolve("journal"), Config.defaults().journal(), Clock.systemUTC())) {
            var meters = new JournalMeters(journal, registry);
            journal.observe(meters);
            List<CompletableFuture<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 20; i++) appends.add(meters.append(new byte[]{(byte) i}));
            for (var a : appends) a.get(10, TimeUnit.SECONDS);
        }
        assertEquals(20, registry.get(MeterNames.JOURNAL_APPEND).timer().count());
        var batches = registry.get(MeterNames.JOURNAL_FSYNC_BATCH).summary();
        assertEquals(20, batches.totalAmount(), "every record is in exactly one fsync batch");
        assertTrue(batches.count() >= 1 && batches.count() <= 20, "batches " + batches.count());
        assertEquals(batches.count(), registry.get(MeterNames.JOURNAL_FSYNC).timer().count());
    }

    @Test
    void countsFailedAppendsByTheirKind() {
        var registry = new SimpleMeterRegistry();
        var memory = new MemoryJournal();
        var meters = new JournalMeters(memory, registry);
        memory.mode(MemoryJournal.Mode.FAIL);
        assertThrows(Exception.class, () -> meters.append(new byte[1]).get(5, TimeUnit.SECONDS));
        memory.mode(MemoryJournal.Mode.NO_SPACE);
        assertThrows(Exception.class, () -> meters.append(new byte[1]).get(5, TimeUnit.SECONDS));
        assertEquals(1, registry.get(MeterNames.JOURNAL_ERRORS).tag("cause", "io").counter().count());
        assertEquals(1, registry.get(MeterNames.JOURNAL_ERRORS).tag("cause", "no_space").counter().count());
        assertEquals(0, registry.get(MeterNames.JOURNAL_APPEND).timer().count());
    }
}
