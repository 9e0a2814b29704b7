package bouncemx.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static bouncemx.journal.Payloads.check;
import static bouncemx.journal.Payloads.open;
import static bouncemx.journal.Payloads.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class JournalReaderTest {

    /** Reads records 1..n as they come, checking order and every payload; returns how many it saw. */
    static int follow(JournalReader reader, int n, FileJournal durableCheck) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int seen = 0;
        while (seen < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("reader stuck at " + reader.position());
            Optional<JournalRecord> r = reader.poll(Duration.ofMillis(200));
            if (r.isEmpty()) continue;
            seen++;
            assertEquals(seen, r.get().seq());
            assertEquals(seen, check(r.get().payload(), 1000), "payloads are written in order from one thread");
            if (durableCheck != null) {
                assertTrue(r.get().seq() <= durableCheck.lastSeq(), "returned a record before its fsync");
            }
        }
        return seen;
    }

    /**
     * Read-ahead blocks grow while a reader catches up and shrink while it follows the tail: records from a few bytes
     * to several times the smallest block, and over the largest, come whole and in order either way, to a reader
     * with a durable limit and to one without (a tool beside the daemon).
     */
    @Test
    void readersReadRecordsOfEverySizeWhileFollowingAndWhileCatchingUp(@TempDir Path dir) throws Exception {
        int n = 240;
        int maxExtra = 3 * JournalReader.MIN_AHEAD_BYTES;
        try (var journal = open(dir, 256L << 20); var tail = journal.reader(1); var rawTail = new JournalReader(dir, 1)) {
            for (int i = 1; i <= n; i++) {
                byte[] p = i % 60 == 0 ? java.util.Arrays.copyOf(payload(i, maxExtra), JournalReader.AHEAD_BYTES + 1000) : payload(i, maxExtra);
                ByteBuffer.wrap(p).putLong(0, i);
                journal.append(p).get(10, TimeUnit.SECONDS);
                for (JournalReader reader : List.of(tail, rawTail)) {          // following: one record behind the writer
                    Optional<JournalRecord> r = reader.poll(Duration.ofSeconds(5));
                    assertTrue(r.isPresent(), "record " + i);
                    assertEquals(i, r.get().seq());
                    assertEquals(java.util.Arrays.hashCode(p), java.util.Arrays.hashCode(r.get().payload()), "payload " + i);
                }
            }
            try (var late = journal.reader(1); var rawLate = new JournalReader(dir, 1)) { // catching up: everything is there
                for (JournalReader reader : List.of(late, rawLate)) {
                    for (int i = 1; i <= n; i++) {
                        Optional<JournalRecord> r = reader.poll(Duration.ofSeconds(5));
                        assertTrue(r.isPresent(), "record " + i);
                        assertEquals(i, r.get().seq());
                        assertEquals(i, ByteBuffer.wrap(r.get().payload()).getLong());
                        int size = i % 60 == 0 ? JournalReader.AHEAD_BYTES + 1000 : payload(i, maxExtra).length;
                        assertEquals(size, r.get().payload().length, "payload " + i);
                    }
                    assertTrue(reader.next().isEmpty(), "nothing after the last record");
                }
            }
        }
    }

    @Test
    void readersConcurrentWithTheWriterNeverSeeAPartialRecord(@TempDir Path dir) throws Exception {
        int n = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (var journal = open(dir, 16 * 1024)) {
            Future<Integer> raw = pool.submit(() -> {
                try (var r = new JournalReader(dir, 1)) { return follow(r, n, null); }
            });
            Future<Integer> durable = pool.submit(() -> {
                try (var r = journal.reader(1)) { return follow(r, n, journal); }
            });
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                acks.add(journal.append(payload(i, 1000)));
                if (i % 500 == 0) acks.getLast().get(10, TimeUnit.SECONDS); // stay within the queue
            }
            for (int i = 0; i < n; i++) assertEquals(i + 1, acks.get(i).get(10, TimeUnit.SECONDS));
            assertEquals(n, raw.get(45, TimeUnit.SECONDS));
            assertEquals(n, durable.get(45, TimeUnit.SECONDS));
            assertTrue(JournalTest.segmentNames(dir).size() > 10, "the readers crossed segment rolls");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pollWaitsForARecordAppendedLater(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 4096); var reader = journal.reader(1)) {
            assertTrue(reader.next().isEmpty());
            assertTrue(reader.poll(Duration.ofMillis(30)).isEmpty());
            var waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.poll(Duration.ofSeconds(20));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            journal.append(payload(1, 1000)).get(10, TimeUnit.SECONDS);
            JournalRecord r = waiting.get(20, TimeUnit.SECONDS).orElseThrow();
            assertEquals(1, r.seq());
            assertEquals(2, reader.position());
        }
    }

    @Test
    void anIdleFollowerWithADurableLimitTouchesNoFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("journal"), away = tmp.resolve("away");
        try (var journal = open(dir, 4096); var reader = journal.reader(1)) {
            for (int i = 1; i <= 3; i++) journal.append(payload(i, 1000)).get(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 3; i++) assertEquals(i, reader.next().orElseThrow().seq());
            // With the directory gone a listing would fail (NoSuchFileException): idle polls list nothing.
            Files.move(dir, away);
            try {
                assertTrue(reader.next().isEmpty());
                assertTrue(reader.poll(Duration.ofMillis(60)).isEmpty());
            } finally {
                Files.move(away, dir);
            }
            journal.append(payload(4, 1000)).get(10, TimeUnit.SECONDS);
            assertEquals(4, reader.poll(Duration.ofSeconds(5)).orElseThrow().seq());
        }
    }

    @Test
    void followersTakeNewRecordsAndSegmentRollsPromptly(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 4096); var durable = journal.reader(1); var files = new JournalReader(dir, 1)) {
            long slowest = 0;
            for (int i = 1; i <= 60; i++) {
                journal.append(payload(i, 1000)).get(10, TimeUnit.SECONDS);
                for (JournalReader r : List.of(durable, files)) {
                    long t = System.nanoTime();
                    JournalRecord got = r.poll(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("not followed"));
                    slowest = Math.max(slowest, System.nanoTime() - t);
                    assertEquals(i, got.seq());
                    assertEquals(i, check(got.payload(), 1000));
                }
                // a reader at the end of the newest segment, waiting: the next record may open a new segment
                assertTrue(files.next().isEmpty());
            }
            assertTrue(JournalTest.segmentNames(dir).size() > 4, "the followers crossed segment rolls");
            // a roll is seen within the listing interval of a reader without a durable limit (plus scheduling slack)
            assertTrue(slowest < JournalReader.LIST_INTERVAL.toNanos() + TimeUnit.SECONDS.toNanos(2), "slowest " + slowest);
        }
    }

    @Test
    void aReaderWithADurableLimitNeverTakesBytesReadAheadBeforeTheyWereDurable(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 1 << 20)) {
            for (int i = 1; i <= 5; i++) journal.append(payload(i, 1000)).get(10, TimeUnit.SECONDS);
        }
        Path file = JournalTest.segmentNames(dir).stream().map(dir::resolve).findFirst().orElseThrow();
        var limit = new java.util.concurrent.atomic.AtomicLong(3);
        try (var reader = new JournalReader(dir, 1, limit::get)) {
            for (int i = 1; i <= 3; i++) assertEquals(i, reader.next().orElseThrow().seq()); // the block holds 1..5
            assertTrue(reader.next().isEmpty());
            // Record 4 was not durable when the block was read: the writer may still cut it and write other bytes there.
            long at = 0;
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                    java.nio.file.StandardOpenOption.WRITE)) {
                for (int i = 1; i <= 3; i++) at = ((RecordFormat.Valid) RecordFormat.read(ch, at)).end();
                var old = ((RecordFormat.Valid) RecordFormat.read(ch, at)).record();
                byte[] other = old.payload().clone();
                other[other.length - 1] ^= 1;
                ch.write(RecordFormat.header(4, 7, other), at);
                ch.write(java.nio.ByteBuffer.wrap(other), at + RecordFormat.HEADER_BYTES);
                limit.set(5);
                JournalRecord four = reader.next().orElseThrow();
                assertEquals(4, four.seq());
                assertTrue(java.util.Arrays.equals(other, four.payload()), "the bytes on disk now, not the ones read ahead");
                assertEquals(7, four.timestamp().toEpochMilli());
                assertEquals(5, reader.next().orElseThrow().seq());
            }
        }
    }

    @Test
    void aReaderStartsAtTheRequestedRecordAndWaitsPastTheEnd(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 512)) {
            for (int i = 1; i <= 40; i++) journal.append(payload(i, 1000)).get(10, TimeUnit.SECONDS);
            try (var r = new JournalReader(dir, 33)) {
                for (int i = 33; i <= 40; i++) assertEquals(i, r.next().orElseThrow().seq());
                assertTrue(r.next().isEmpty());
            }
            try (var r = new JournalReader(dir, 100)) {
                assertTrue(r.next().isEmpty());
                for (int i = 41; i <= 100; i++) journal.append(payload(i, 1000)).get(10, TimeUnit.SECONDS);
                assertEquals(100, r.next().orElseThrow().seq());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new JournalReader(dir, 0));
    }

    @Test
    void anEmptyDirectoryHasNothingYet(@TempDir Path dir) throws Exception {
        try (var r = new JournalReader(dir, 1)) {
            assertTrue(r.next().isEmpty());
        }
    }

    @Test
    void aCursorIsSavedAtomicallyAndSurvivesReopening(@TempDir Path data) throws Exception {
        Cursor c = Cursor.open(data, "webhook.main");
        assertEquals(0, c.position());
        assertEquals(1, c.next());
        c.save(42);
        c.save(43);
        assertEquals(44, c.next());
        Path file = data.resolve("cursors").resolve("webhook.main");
        assertEquals("43\n", Files.readString(file));
        assertFalse(Files.exists(file.resolveSibling("webhook.main.tmp")));
        assertEquals(43, Cursor.open(data, "webhook.main").position());
        assertEquals(0, Cursor.open(data, "state").position(), "cursors are independent");

        Files.writeString(file, "4x\n", StandardCharsets.US_ASCII);
        var e = assertThrows(java.io.IOException.class, () -> Cursor.open(data, "webhook.main"));
        assertTrue(e.getMessage().contains("damaged"));
        assertThrows(IllegalArgumentException.class, () -> Cursor.open(data, "../escape"));
    }
}
