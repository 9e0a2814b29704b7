package bouncemx.journal;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static bouncemx.journal.Payloads.check;
import static bouncemx.journal.Payloads.open;
import static bouncemx.journal.Payloads.payload;
import static bouncemx.journal.Payloads.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class JournalTest {

    static List<String> segmentNames(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".journal")).sorted().toList();
        }
    }

    static long join(CompletableFuture<Long> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} holds; fails the test after {@code within}. */
    static void await(java.util.function.BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) throw new AssertionError("timed out waiting: " + what);
            Thread.sleep(2);
        }
    }

    static JournalException.Kind failureKind(CompletableFuture<Long> f) {
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(JournalException.class, e.getCause()).kind();
    }

    static FileJournal openWith(Path dir, TestStorage storage, FileJournal.Options options) throws Exception {
        return new FileJournal(dir, 1 << 20, Duration.ofDays(30), Clock.systemUTC(), storage, options);
    }

    @Test
    void aPayloadGivenInPartsIsWrittenAsOneRecordAndReadsBackWhole(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 4096)) {
            for (int i = 1; i <= 40; i++) {
                byte[] whole = payload(i, 900);
                int a = Math.min(whole.length, i * 7), b = Math.min(whole.length, a + i * 13);
                var parts = new java.nio.ByteBuffer[] {java.nio.ByteBuffer.wrap(whole, 0, a),
                        java.nio.ByteBuffer.wrap(whole, a, b - a), java.nio.ByteBuffer.wrap(whole, b, whole.length - b)};
                assertEquals(i, join(journal.append(parts, FileJournal.NO_DEADLINE)));
                assertEquals(0, parts[0].position(), "the caller's buffers are left as they were");
                assertEquals(a, parts[1].position());
            }
        }
        List<JournalRecord> back = readAll(dir);
        assertEquals(40, back.size());
        for (int i = 0; i < 40; i++) assertEquals(i + 1, check(back.get(i).payload(), 900), "checksum and bytes");
    }

    @Test
    void appendsAndReadsBackAcrossSegmentRollsAndReopen(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 1024)) {
            for (int i = 1; i <= 100; i++) assertEquals(i, join(journal.append(payload(i, 300))));
            assertEquals(100, journal.lastSeq());
        }
        List<String> names = segmentNames(dir);
        assertTrue(names.size() > 5, "segments: " + names);
        assertEquals("00000000000000000001.journal", names.getFirst());
        for (String n : names) assertTrue(Files.size(dir.resolve(n)) <= 1024 || Files.size(dir.resolve(n)) < 1024 + 350, n);

        try (var journal = open(dir, 1024)) {
            assertEquals(100, journal.lastSeq());
            for (int i = 101; i <= 120; i++) assertEquals(i, join(journal.append(payload(i, 300))));
        }
        List<JournalRecord> all = readAll(dir);
        assertEquals(120, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).seq());
            assertEquals(i + 1, check(all.get(i).payload(), 300));
        }
        // Each segment is named by its first record.
        for (String n : segmentNames(dir)) {
            long base = Long.parseLong(n.substring(0, 20));
            try (var r = new JournalReader(dir, base)) {
                assertEquals(base, r.next().orElseThrow().seq());
            }
        }
        try (var r = new JournalReader(dir, 57)) {
            assertEquals(57, r.next().orElseThrow().seq());
            assertEquals(58, r.next().orElseThrow().seq());
        }
    }

    @Test
    void keepsEmptyPayloadsAndStampsTheClockTime(@TempDir Path dir) throws Exception {
        Instant t = Instant.parse("2026-03-01T12:00:00.123Z");
        try (var journal = open(dir, 1 << 20, Clock.fixed(t, java.time.ZoneOffset.UTC), Storage.files())) {
            assertEquals(1, join(journal.append(new byte[0])));
        }
        JournalRecord r = readAll(dir).getFirst();
        assertEquals(0, r.payload().length);
        assertEquals(t, r.timestamp());
    }

    @Test
    void groupCommitWritesEverythingWaitingWithOneFsync(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var journal = open(dir, 1 << 20, Clock.systemUTC(), storage)) {
            int before = storage.forces.get();
            storage.holdNextForce();
            var first = journal.append(payload(1, 100));
            storage.awaitHeld(); // the writer is inside the fsync of record 1
            List<CompletableFuture<Long>> waiting = new ArrayList<>();
            for (int i = 2; i <= 100; i++) waiting.add(journal.append(payload(i, 100)));
            assertFalse(first.isDone(), "acknowledged before its fsync finished");
            storage.release();
            assertEquals(1, join(first));
            for (int i = 0; i < waiting.size(); i++) assertEquals(i + 2, join(waiting.get(i)));
            assertEquals(2, storage.forces.get() - before, "one fsync for record 1, one for the 99 that waited");
        }
    }

    @Test
    void concurrentAppendersShareFsyncs(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        int threads = 16;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (var journal = open(dir, 64 * 1024, Clock.systemUTC(), storage)) {
            int before = storage.forces.get();
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                results.add(pool.submit(() -> {
                    List<CompletableFuture<Long>> mine = new ArrayList<>();
                    for (int i = 1; i <= perThread; i++) mine.add(journal.append(payload(base + i, 200)));
                    List<Long> seqs = new ArrayList<>();
                    for (var f : mine) seqs.add(join(f));
                    return seqs;
                }));
            }
            Set<Long> seen = new HashSet<>();
            for (var r : results) seen.addAll(r.get(30, TimeUnit.SECONDS));
            int records = threads * perThread;
            assertEquals(records, seen.size(), "every append got its own sequence number");
            assertEquals(1L, seen.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertEquals(records, seen.stream().mapToLong(Long::longValue).max().orElseThrow());
            int forces = storage.forces.get() - before;
            assertTrue(forces < records, forces + " fsyncs for " + records + " records");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, readAll(dir).size());
    }

    @Test
    void aFullQueueFailsTheAppendAtOnce(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var journal = new FileJournal(dir, 1 << 20, Duration.ofDays(30), 2, Clock.systemUTC(), storage)) {
            storage.holdNextForce();
            var a = journal.append(payload(1, 10));
            storage.awaitHeld();
            var b = journal.append(payload(2, 10));
            var c = journal.append(payload(3, 10));
            var d = journal.append(payload(4, 10));
            assertTrue(d.isCompletedExceptionally(), "the fourth append must fail without waiting");
            var e = assertThrows(CompletionException.class, d::join);
            var je = assertInstanceOf(JournalException.class, e.getCause());
            assertEquals(JournalException.Kind.BUSY, je.kind());
            assertFalse(je.noSpace());
            storage.release();
            assertEquals(1, join(a));
            assertEquals(2, join(b));
            assertEquals(3, join(c));
            assertTrue(journal.healthy(), "a full queue is back-pressure, not an unhealthy disk");
        }
    }

    @Test
    void aFullDiskFailsAppendsWithNoSpaceThenRecovers(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var log = new LogCapture(FileJournal.class);
             var journal = open(dir, 1 << 20, Clock.systemUTC(), storage)) {
            assertEquals(1, join(journal.append(payload(1, 50))));
            storage.failure.set("No space left on device");
            storage.usableBytes = 4096; // what the file store says decides it, not the text
            storage.halfWriteBeforeFailing = true;
            for (int attempt = 0; attempt < 3; attempt++) {
                var f = journal.append(payload(100 + attempt, 50));
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
                var je = assertInstanceOf(JournalException.class, e.getCause());
                assertTrue(je.noSpace(), je.getMessage());
                assertFalse(journal.healthy());
            }
            assertEquals(1, log.at(Level.WARN).size(), "one WARN per state change: " + log.at(Level.WARN));
            assertTrue(log.at(Level.WARN).getFirst().contains("no space"), log.at(Level.WARN).getFirst());

            storage.failure.set(null);
            storage.usableBytes = -1;
            long second = join(journal.append(payload(2, 50)));
            assertTrue(second > 4, "the numbers of the 3 failed writes are not used again: " + second);
            assertTrue(journal.healthy());
            assertEquals(1, log.at(Level.INFO).stream().filter(m -> m.contains("again")).count());
            assertEquals(second + 1, join(journal.append(payload(3, 50))));
        }
        List<JournalRecord> all = readAll(dir);
        assertEquals(3, all.size());
        assertEquals(1L, all.getFirst().seq());
        assertTrue(all.get(1).seq() > 4 && all.get(2).seq() == all.get(1).seq() + 1, all.toString());
        for (int i = 0; i < 3; i++) assertEquals(i + 1, check(all.get(i).payload(), 50));
    }

    @Test
    void noSpaceIsDecidedFromTheFileStoreNotFromTheErrorText(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var journal = open(dir, 1 << 20, Clock.systemUTC(), storage)) {
            storage.failure.set("Aucun espace disponible sur le p\u00e9riph\u00e9rique"); // a French C library
            storage.usableBytes = 100;
            var f = journal.append(payload(1, 5));
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            var je = assertInstanceOf(JournalException.class, e.getCause());
            assertEquals(JournalException.Kind.NO_SPACE, je.kind(), je.getMessage());
            assertTrue(je.noSpace());

            storage.failure.set("No space left on device"); // English text, but the file store has room: not decided by text
            storage.usableBytes = 1L << 40;
            var g = journal.append(payload(2, 5));
            var e2 = assertThrows(java.util.concurrent.ExecutionException.class, () -> g.get(10, TimeUnit.SECONDS));
            assertEquals(JournalException.Kind.IO, assertInstanceOf(JournalException.class, e2.getCause()).kind());
        }
    }

    @Test
    void otherWriteErrorsAreNotNoSpace(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var log = new LogCapture(FileJournal.class);
             var journal = open(dir, 1 << 20, Clock.systemUTC(), storage)) {
            storage.failure.set("Input/output error");
            var f = journal.append(payload(1, 5));
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertFalse(assertInstanceOf(JournalException.class, e.getCause()).noSpace());
            assertFalse(journal.healthy());
            assertEquals(1, log.at(Level.WARN).size());
        }
    }

    @Test
    void closeFinishesQueuedAppendsAndRefusesLaterOnes(@TempDir Path dir) throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        var journal = open(dir, 4096);
        for (int i = 1; i <= 500; i++) futures.add(journal.append(payload(i, 100)));
        journal.close();
        for (int i = 0; i < futures.size(); i++) assertEquals(i + 1, futures.get(i).getNow(-1L));
        var late = journal.append(payload(501, 10));
        var je = assertInstanceOf(JournalException.class, assertThrows(CompletionException.class, late::join).getCause());
        assertTrue(je.getMessage().contains("closed"));
        journal.close(); // idempotent
        assertEquals(500, readAll(dir).size());
    }

    @Test
    void aSecondWriterOnTheSameDirectoryIsRefused(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 4096)) {
            var e = assertThrows(java.io.IOException.class, () -> open(dir, 4096));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertEquals(1, join(journal.append(payload(1, 1))));
        }
    }

    @Test
    void retentionDeletesOldSegmentsButNeverTheActiveOne(@TempDir Path dir) throws Exception {
        var clock = new Payloads.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (var journal = open(dir, 256, clock, Storage.files())) {
            for (int i = 1; i <= 5; i++) join(journal.append(new byte[200])); // one record per segment
            assertEquals(5, segmentNames(dir).size());
            // (the writer applies retention by itself too, about once a minute of clock time: compare files)
            clock.advance(Duration.ofDays(29));
            journal.applyRetention();
            assertEquals(5, segmentNames(dir).size(), "nothing is 30 days old yet");

            clock.advance(Duration.ofDays(2));
            join(journal.append(new byte[200])); // segment 6, written now
            journal.applyRetention();
            // Segment 5's records are old too, but the next segment starts after the limit: segment 5 could
            // hold records up to that time, so it stays (a conservative bound read from the next segment).
            assertEquals(List.of("00000000000000000005.journal", "00000000000000000006.journal"), segmentNames(dir));

            clock.advance(Duration.ofDays(60));
            journal.applyRetention();
            assertEquals(List.of("00000000000000000006.journal"), segmentNames(dir), "the active segment stays");
            assertEquals(7, join(journal.append(new byte[10])));
        }
        try (var log = new LogCapture(JournalReader.class); var r = new JournalReader(dir, 2)) {
            assertEquals(6, r.next().orElseThrow().seq(), "a reader behind retention skips to the oldest record");
            assertEquals(4, r.skippedRecords());
            assertEquals(1, log.at(Level.WARN).size());
            assertTrue(log.at(Level.WARN).getFirst().contains("retention"));
        }
    }

    @Test
    void anAppendWhoseDeadlineHasPassedFailsAtOnceAndDeadlinesCompareAcrossOverflow(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 4096)) {
            var late = journal.append(payload(1, 10), System.nanoTime() - 1);
            assertTrue(late.isCompletedExceptionally());
            assertEquals(JournalException.Kind.EXPIRED, failureKind(late));
            assertEquals(1, join(journal.append(payload(2, 10), System.nanoTime() + TimeUnit.SECONDS.toNanos(10))));
            assertEquals(2, join(journal.append(payload(3, 10), Journal.NO_DEADLINE)));
        }
        assertFalse(Journal.expired(Journal.NO_DEADLINE, Long.MAX_VALUE));
        assertFalse(Journal.expired(Long.MIN_VALUE + 5, Long.MAX_VALUE - 5), "10 ns before the deadline, across the wrap");
        assertTrue(Journal.expired(Long.MAX_VALUE - 5, Long.MIN_VALUE + 5), "10 ns after the deadline, across the wrap");
        assertEquals(List.of(2L, 3L), readAll(dir).stream().map(r -> check(r.payload(), 10)).toList(), "the expired one was never written");
    }

    @Test
    void anAppendWaitingBehindAStalledFsyncExpiresIsNeverWrittenAndHealthReturnsWhenTheStallEnds(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        var options = FileJournal.Options.DEFAULT.withStallDeadline(Duration.ofMillis(200));
        try (var log = new LogCapture(FileJournal.class); var journal = openWith(dir, storage, options)) {
            storage.holdNextForce();
            var first = journal.append(payload(1, 10));
            storage.awaitHeld(); // the disk hangs in fsync (for up to 10 s)
            long stalledAt = System.nanoTime();
            var waiting = journal.append(payload(2, 10), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400));
            await(() -> !journal.healthy(), Duration.ofSeconds(3), "unhealthy after the stall deadline");
            assertTrue(System.nanoTime() - stalledAt < TimeUnit.SECONDS.toNanos(3));
            assertEquals(JournalException.Kind.EXPIRED, failureKind(waiting));
            assertFalse(first.isDone(), "the record being fsync'd waits for its fsync");
            await(() -> !log.at(Level.WARN).isEmpty(), Duration.ofSeconds(5), "the WARN (logged just after the state change)");
            assertEquals(1, log.at(Level.WARN).size(), log.at(Level.WARN).toString());
            assertTrue(log.at(Level.WARN).getFirst().contains("stall"), log.at(Level.WARN).getFirst());

            storage.release();
            assertEquals(1, join(first));
            await(journal::healthy, Duration.ofSeconds(5), "healthy once the fsync finished");
            assertEquals(2, join(journal.append(payload(3, 10))), "the expired append never had a number");
            assertEquals(1, log.at(Level.WARN).size());
            assertEquals(1, log.at(Level.INFO).stream().filter(m -> m.contains("finished")).count(), log.at(Level.INFO).toString());
        }
        assertEquals(List.of(1L, 3L), readAll(dir).stream().map(r -> check(r.payload(), 10)).toList(), "payload 2 was never written");
    }

    @Test
    void aSlowCallbackDoesNotDelayTheNextWrite(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var journal = openWith(dir, storage, FileJournal.Options.DEFAULT)) {
            storage.holdNextForce();
            var first = journal.append(payload(1, 10));
            storage.awaitHeld(); // so the callback below is attached before the future completes
            var gate = new java.util.concurrent.CountDownLatch(1);
            var callbackThread = new java.util.concurrent.atomic.AtomicReference<String>();
            var slow = first.thenRun(() -> {
                callbackThread.set(Thread.currentThread().getName());
                try {
                    gate.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            storage.release();
            await(() -> callbackThread.get() != null, Duration.ofSeconds(5), "the callback runs");
            assertEquals("journal-ack", callbackThread.get());
            var second = journal.append(payload(2, 10));
            await(() -> journal.lastSeq() == 2, Duration.ofSeconds(5), "record 2 written and fsync'd while the callback blocks");
            gate.countDown();
            assertEquals(2, join(second));
            slow.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theQueueIsBoundedByBytesButTakesOneLargeRecordWhenEmpty(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var journal = openWith(dir, storage, FileJournal.Options.DEFAULT.withQueueBytes(1000))) {
            storage.holdNextForce();
            var a = journal.append(payload(1, 10));
            storage.awaitHeld(); // the writer has taken a: the queue is empty
            var big = journal.append(new byte[2000]);
            assertFalse(big.isDone(), "a record over the budget is taken when the queue is empty");
            var c = journal.append(new byte[10]);
            assertTrue(c.isCompletedExceptionally(), "over the byte budget: fails at once");
            assertEquals(JournalException.Kind.BUSY, failureKind(c));
            storage.release();
            assertEquals(1, join(a));
            assertEquals(2, join(big));
            assertEquals(3, join(journal.append(new byte[10])), "the budget is free again once the writer took them");
            assertTrue(journal.healthy());
        }
    }

    @Test
    void anUnhealthyJournalProbesTheDiskAndRecoversWithoutAnAppend(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        var options = FileJournal.Options.DEFAULT.withProbeInterval(Duration.ofMillis(50));
        try (var log = new LogCapture(FileJournal.class); var journal = openWith(dir, storage, options)) {
            assertEquals(1, join(journal.append(payload(1, 10))));
            long size = Files.size(dir.resolve("00000000000000000001.journal"));
            storage.failure.set("Espace insuffisant sur le disque");
            storage.usableBytes = 0;
            assertEquals(JournalException.Kind.NO_SPACE, failureKind(journal.append(payload(2, 10))));
            assertFalse(journal.healthy());
            int forces = storage.forces.get();
            await(() -> storage.forces.get() > forces, Duration.ofSeconds(5), "a probe");
            Thread.sleep(150); // a few failed probes
            assertFalse(journal.healthy(), "probes fail while the disk is full");

            storage.failure.set(null);
            storage.usableBytes = -1;
            await(journal::healthy, Duration.ofSeconds(5), "healthy again through a probe, without any append");
            await(() -> log.at(Level.INFO).stream().anyMatch(m -> m.contains("again")), Duration.ofSeconds(5), "the INFO");
            assertEquals(1, log.at(Level.WARN).size(), log.at(Level.WARN).toString());
            assertEquals(1, log.at(Level.INFO).stream().filter(m -> m.contains("again")).count());
            assertEquals(size, Files.size(dir.resolve("00000000000000000001.journal")), "the probe leaves nothing behind");
        }
    }

    @Test
    void closeGivesUpOnAStalledWriterAfterItsWaitAndFailsWhatIsQueued(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        try (var log = new LogCapture(FileJournal.class)) {
            var journal = openWith(dir, storage, FileJournal.Options.DEFAULT);
            storage.holdNextForce();
            var first = journal.append(payload(1, 10));
            storage.awaitHeld();
            var queued = journal.append(payload(2, 10));
            long start = System.nanoTime();
            assertFalse(journal.close(Duration.ofMillis(200)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "close returned within its wait");
            assertEquals(JournalException.Kind.CLOSED, failureKind(queued));
            assertTrue(log.at(Level.WARN).stream().anyMatch(m -> m.contains("did not finish")), log.at(Level.WARN).toString());
            storage.release();
            assertEquals(1, join(first), "the record being fsync'd completes when its fsync does");
            assertTrue(journal.close(Duration.ofSeconds(10)), "then the writer ends");
        }
        assertEquals(List.of(1L), readAll(dir).stream().map(JournalRecord::seq).toList());
    }

    @Test
    void creatingTheJournalDirectoryFsyncsEachNewDirectorysParent(@TempDir Path tmp) throws Exception {
        var storage = new TestStorage();
        Path dir = tmp.resolve("data").resolve("journal");
        try (var journal = openWith(dir, storage, FileJournal.Options.DEFAULT)) {
            assertEquals(1, join(journal.append(payload(1, 1))));
        }
        Path t = tmp.toAbsolutePath();
        assertTrue(storage.syncedDirectories.contains(t), storage.syncedDirectories.toString());
        assertTrue(storage.syncedDirectories.contains(t.resolve("data")), storage.syncedDirectories.toString());
        assertTrue(storage.syncedDirectories.indexOf(t) < storage.syncedDirectories.indexOf(t.resolve("data")));
    }

    @Test
    void retentionLooksPastASegmentWhoseRecordsAreDamaged(@TempDir Path dir) throws Exception {
        var clock = new Payloads.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (var journal = open(dir, 256, clock, Storage.files())) {
            for (int i = 1; i <= 5; i++) join(journal.append(new byte[200])); // one record per segment
            try (var f = new java.io.RandomAccessFile(dir.resolve("00000000000000000002.journal").toFile(), "rw")) {
                f.seek(100);
                f.write(0x5a); // segment 2's only record no longer checks
            }
            clock.advance(Duration.ofDays(31));
            join(journal.append(new byte[200]));
            journal.applyRetention();
            assertEquals(List.of("00000000000000000005.journal", "00000000000000000006.journal"), segmentNames(dir));
        }
    }

    @Test
    void aDirectoryThatTakesNoNewFileMakesTheJournalUnhealthyWhileIdleAndBackWhenItDoes(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        var options = FileJournal.Options.DEFAULT.withCheckInterval(Duration.ofMillis(100)).withProbeInterval(Duration.ofMillis(50));
        try (var log = new LogCapture(FileJournal.class); var journal = openWith(dir, storage, options)) {
            assertEquals(1, join(journal.append(payload(1, 10))));
            int forces = storage.forces.get();
            await(() -> storage.forces.get() > forces, Duration.ofSeconds(5), "an idle directory check");
            assertTrue(journal.healthy());
            assertEquals("", journal.condition());

            storage.directoryClosed = true; // the open segment still takes writes; no new file can be created
            await(() -> !journal.healthy(), Duration.ofSeconds(5), "unhealthy without any append");
            assertTrue(journal.condition().contains("no new file"), journal.condition());
            assertEquals(2, join(journal.append(payload(2, 10))), "appends to the open segment still succeed");
            Thread.sleep(200); // a few more checks, all failing
            assertFalse(journal.healthy(), "a successful append does not hide the directory");
            assertEquals(1, log.at(Level.WARN).size(), log.at(Level.WARN).toString());

            storage.directoryClosed = false;
            await(journal::healthy, Duration.ofSeconds(5), "healthy again once the directory takes files");
            await(() -> log.at(Level.INFO).stream().anyMatch(m -> m.contains("again")), Duration.ofSeconds(5), "the INFO");
            assertFalse(Files.exists(dir.resolve(FileJournal.CHECK_FILE)), "the check leaves nothing behind");
        }
        assertEquals(2, readAll(dir).size());
    }
}
