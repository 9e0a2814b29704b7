package bouncemx.journal;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static bouncemx.journal.JournalTest.await;
import static bouncemx.journal.JournalTest.failureKind;
import static bouncemx.journal.JournalTest.join;
import static bouncemx.journal.Payloads.check;
import static bouncemx.journal.Payloads.payload;
import static bouncemx.journal.Payloads.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The active segment kept filled with zeros ahead of its records (journal.preallocate_bytes): the zeros are the
 * clean end for recovery and readers, never damage; a torn record over them is cut as a torn tail; finished
 * segments and a closed journal are exactly their records; a full disk while preallocating fails no record.
 */
@Timeout(60)
class JournalPreallocationTest {
    static final Path FIRST = Path.of("00000000000000000001.journal");
    static final long PREALLOCATE = 64 * 1024;

    static FileJournal open(Path dir, long segmentBytes, Storage storage, FileJournal.Options options) throws Exception {
        return new FileJournal(dir, segmentBytes, Duration.ofDays(30), Clock.systemUTC(), storage,
                options.withPreallocateBytes(PREALLOCATE));
    }

    static FileJournal open(Path dir, long segmentBytes) throws Exception {
        return open(dir, segmentBytes, Storage.files(), FileJournal.Options.DEFAULT);
    }

    /** Appends records {@code from..to} (ids = numbers) and returns their bytes on disk. */
    static long append(FileJournal journal, long from, long to) throws Exception {
        long bytes = 0;
        for (long i = from; i <= to; i++) {
            byte[] p = payload(i, 300);
            assertEquals(i, join(journal.append(p)));
            bytes += RecordFormat.recordBytes(p.length);
        }
        return bytes;
    }

    /** A copy of the segment as a crash would leave it now (the file's bytes, zeros included), in {@code to}. */
    static void copyAsACrashLeavesIt(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        Files.copy(from.resolve(FIRST), to.resolve(FIRST));
    }

    @Test
    void aPreallocatedTailIsTheCleanEndAfterACrashAndAppendsContinueRightAfterTheLastRecord(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a");
        Path crashed = tmp.resolve("b");
        long bytes;
        try (var journal = open(dir, 1 << 20)) {
            bytes = append(journal, 1, 20);
            await(() -> size(dir.resolve(FIRST)) >= bytes + PREALLOCATE / 2, Duration.ofSeconds(10), "zeros ahead of the records");
            copyAsACrashLeavesIt(dir, crashed);
        }
        assertEquals(bytes, Files.size(dir.resolve(FIRST)), "a closed journal's segment is exactly its records");
        long crashedSize = Files.size(crashed.resolve(FIRST));
        assertTrue(crashedSize > bytes, "the copy holds the zeros");

        try (var log = new LogCapture(FileJournal.class)) {
            try (var journal = open(crashed, 1 << 20)) {
                assertEquals(20, journal.lastSeq());
                assertEquals(21, join(journal.append(payload(21, 300))));
            }
            assertEquals(List.of(), log.at(Level.WARN));
            assertEquals(List.of(), log.at(Level.ERROR));
        }
        assertFalse(Files.exists(crashed.resolve("DAMAGED")), "no damage recorded");
        assertFalse(Files.exists(crashed.resolve("damaged")), "nothing copied aside");
        List<JournalRecord> all = readAll(crashed);
        assertEquals(21, all.size());
        for (int i = 0; i < 21; i++) {
            assertEquals(i + 1, all.get(i).seq());
            assertEquals(i + 1, check(all.get(i).payload(), 300));
        }
        assertEquals(bytes + RecordFormat.recordBytes(payload(21, 300).length), Files.size(crashed.resolve(FIRST)),
                "record 21 went right after record 20, over the zeros");
    }

    @Test
    void aTornRecordFollowedByZerosIsCutAsATornTailAndItsNumberIsNotReused(@TempDir Path dir) throws Exception {
        long bytes;
        try (var journal = open(dir, 1 << 20)) {
            bytes = append(journal, 1, 10);
        }
        // the writer died in a write over preallocated zeros: record 11's header and part of its payload made it
        byte[] p = payload(11, 300);
        ByteBuffer header = RecordFormat.header(11, 0, p);
        try (var ch = FileChannel.open(dir.resolve(FIRST), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate((int) PREALLOCATE), bytes);
            ch.write(header, bytes);
            ch.write(ByteBuffer.wrap(p, 0, 5), bytes + RecordFormat.HEADER_BYTES);
        }
        long size = Files.size(dir.resolve(FIRST));
        try (var log = new LogCapture(FileJournal.class)) {
            try (var journal = open(dir, 1 << 20)) {
                assertEquals(10, journal.lastSeq());
                assertEquals(12, join(journal.append(payload(12, 300))), "11 was in the torn record's header");
            }
            assertEquals(1, log.at(Level.WARN).size(), log.at(Level.WARN).toString());
            assertTrue(log.at(Level.WARN).getFirst().contains("cut " + FIRST + " at offset " + bytes + " of " + size + " bytes"),
                    log.at(Level.WARN).getFirst());
            assertEquals(List.of(), log.at(Level.ERROR));
        }
        List<String> damaged = Files.readAllLines(dir.resolve("DAMAGED"));
        assertEquals(1, damaged.size());
        assertTrue(damaged.getFirst().startsWith(FIRST + " " + bytes + " " + size + " 10 0 ") && damaged.getFirst().contains(" cut "),
                damaged.getFirst());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 12L), readAll(dir).stream().map(JournalRecord::seq).toList());
    }

    @Test
    void aWholeRecordWhoseChecksumFailsBeforeTheZerosIsDamageNotATornTail(@TempDir Path dir) throws Exception {
        long bytes;
        try (var journal = open(dir, 1 << 20)) {
            bytes = append(journal, 1, 10);
        }
        try (var ch = FileChannel.open(dir.resolve(FIRST), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate((int) PREALLOCATE), bytes);
        }
        JournalRecoveryTest.flip(dir.resolve(FIRST), bytes - 3); // in record 10's payload (bit rot): the record was written whole
        try (var log = new LogCapture(FileJournal.class)) {
            try (var journal = open(dir, 1 << 20)) {
                assertEquals(9, journal.lastSeq());
                assertTrue(join(journal.append(payload(11, 300))) > 10, "10 is not used again");
            }
            assertEquals(List.of(), log.at(Level.WARN));
            assertEquals(1, log.at(Level.ERROR).size(), log.at(Level.ERROR).toString());
            assertTrue(log.at(Level.ERROR).getFirst().contains("left in place"), log.at(Level.ERROR).getFirst());
        }
        assertTrue(Files.readAllLines(dir.resolve("DAMAGED")).getFirst().contains(" kept "));
    }

    @Test
    void readersFollowAppendsOverTheZerosAndAcrossRollsWithoutDamageAndFinishedSegmentsAreExact(@TempDir Path dir) throws Exception {
        long segmentBytes = 8 * 1024;
        List<Long> ends = new ArrayList<>(); // where each record ends in its segment
        var storage = new TestStorage();
        try (var log = new LogCapture(JournalReader.class);
             var journal = open(dir, segmentBytes, storage, FileJournal.Options.DEFAULT);
             var durable = journal.reader(1);
             var files = new JournalReader(dir, 1)) {
            boolean sawZerosAhead = false;
            for (int i = 1; i <= 150; i++) {
                journal.append(payload(i, 300)).get(10, TimeUnit.SECONDS);
                for (JournalReader r : List.of(durable, files)) {
                    JournalRecord got = r.poll(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("not followed"));
                    assertEquals(i, got.seq());
                    assertEquals(i, check(got.payload(), 300));
                    assertTrue(r.next().isEmpty(), "nothing past the last record: the zeros are the end");
                }
                List<String> names = JournalTest.segmentNames(dir);
                Path newest = dir.resolve(names.getLast());
                sawZerosAhead |= Files.size(newest) > durableEnd(newest);
            }
            assertTrue(sawZerosAhead, "the active segment was preallocated");
            assertTrue(storage.zerosWritten.get() > 0);
            assertEquals(0, durable.damagedRanges());
            assertEquals(0, files.damagedRanges());
            assertEquals(List.of(), log.at(Level.WARN));
            List<String> names = JournalTest.segmentNames(dir);
            assertTrue(names.size() >= 4, "the readers crossed rolls: " + names);
            for (String name : names.subList(0, names.size() - 1)) {
                Path seg = dir.resolve(name);
                assertEquals(durableEnd(seg), Files.size(seg), name + " is exactly its records");
                assertTrue(Files.size(seg) <= segmentBytes, name);
            }
        }
        List<JournalRecord> all = readAll(dir);
        assertEquals(150, all.size());
    }

    @Test
    void zerosOverARecordBoundaryInAFinishedSegmentAreDamageAndReadersGoOn(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 4096)) {
            append(journal, 1, 80);
        }
        List<String> names = JournalTest.segmentNames(dir);
        Path finished = dir.resolve(names.get(1));
        long base = Long.parseLong(names.get(1).substring(0, 20));
        long next = Long.parseLong(names.get(2).substring(0, 20));
        // zero the Length of the segment's second record (a record boundary), as bit rot or a bad disk could
        long second;
        try (var ch = FileChannel.open(finished, StandardOpenOption.READ)) {
            second = ((RecordFormat.Valid) RecordFormat.read(ch, 0)).end();
        }
        try (var f = new RandomAccessFile(finished.toFile(), "rw")) {
            f.seek(second);
            f.writeInt(0);
        }
        try (var log = new LogCapture(JournalReader.class); var r = new JournalReader(dir, 1)) {
            List<Long> seqs = new ArrayList<>();
            for (var rec = r.next(); rec.isPresent(); rec = r.next()) seqs.add(rec.get().seq());
            assertEquals(1, r.damagedRanges());
            assertEquals(1, log.at(Level.WARN).size(), log.at(Level.WARN).toString());
            assertFalse(seqs.contains(base + 1), "the record whose Length was zeroed");
            assertTrue(seqs.contains(base) && seqs.contains(base + 2) && seqs.contains(next) && seqs.contains(80L), seqs.toString());
            assertEquals(79, seqs.size());
        }
    }

    @Test
    void aFullDiskWhilePreallocatingFailsNoRecordAppendsGoOnOverTheZerosLeftThenTheProbeAndAppendsRecover(@TempDir Path dir)
            throws Exception {
        var storage = new TestStorage();
        var options = FileJournal.Options.DEFAULT.withProbeInterval(Duration.ofMillis(50));
        Path seg = dir.resolve(FIRST);
        try (var log = new LogCapture(FileJournal.class); var journal = open(dir, 1 << 20, storage, options)) {
            await(() -> size(seg) >= PREALLOCATE, Duration.ofSeconds(10), "the first preallocation");
            storage.diskFull = true;
            storage.usableBytes = 0;
            // Appends overwrite the zeros the file already has: no write grows the file, nothing fails, while the
            // writer's attempts to preallocate more fail (one WARN).
            long seq = 0;
            while (durableEnd(seg) + 400 < size(seg)) {
                long n = join(journal.append(payload(seq + 1, 300)));
                assertEquals(seq + 1, n);
                seq = n;
                assertTrue(journal.healthy(), "appends within the preallocated zeros succeed");
            }
            await(() -> !log.at(Level.WARN).isEmpty(), Duration.ofSeconds(5), "the WARN about preallocation");
            assertTrue(log.at(Level.WARN).getFirst().contains("cannot preallocate"), log.at(Level.WARN).getFirst());
            // The zeros run out: an append that must grow the file fails (452 for SMTP), and the journal is unhealthy.
            JournalException.Kind kind = null;
            for (int i = 0; i < 10 && kind == null; i++) {
                var f = journal.append(payload(1000 + i, 300));
                try {
                    seq = f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    kind = failureKind(f);
                }
            }
            assertEquals(JournalException.Kind.NO_SPACE, kind);
            assertFalse(journal.healthy());
            long acked = seq;

            storage.diskFull = false;
            storage.usableBytes = -1;
            await(journal::healthy, Duration.ofSeconds(5), "healthy again through a probe");
            long after = join(journal.append(payload(5000, 300)));
            assertTrue(after > acked, after + " after " + acked);
            await(() -> log.at(Level.INFO).stream().anyMatch(m -> m.contains("preallocating")), Duration.ofSeconds(5),
                    "preallocation again");
            await(() -> size(seg) >= durableEnd(seg) + PREALLOCATE / 2, Duration.ofSeconds(5), "zeros ahead again");
            assertEquals(2, log.at(Level.WARN).size(), "one for preallocation, one for the failed append: " + log.at(Level.WARN));
        }
        List<JournalRecord> all = readAll(dir);
        assertEquals(all.getLast().seq(), all.stream().mapToLong(JournalRecord::seq).max().orElseThrow());
        for (JournalRecord r : all) check(r.payload(), 300); // every record intact, the acknowledged ones among them
        assertTrue(all.size() >= 3, all.size() + " records");
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where the valid records of a segment end (the zeros after them, if any, are the rest of the file). */
    static long durableEnd(Path segment) {
        try (var ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long pos = 0;
            while (RecordFormat.read(ch, pos) instanceof RecordFormat.Valid v) pos = v.end();
            return pos;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
