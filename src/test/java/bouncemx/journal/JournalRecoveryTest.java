package bouncemx.journal;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static bouncemx.journal.Payloads.check;
import static bouncemx.journal.Payloads.open;
import static bouncemx.journal.Payloads.payload;
import static bouncemx.journal.Payloads.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class JournalRecoveryTest {
    static final Path FIRST = Path.of("00000000000000000001.journal");

    /** Writes records 1..n with payloads of up to {@code maxExtra} extra bytes; returns each record's end offset. */
    static long[] write(Path dir, int n, int maxExtra) throws Exception {
        long[] ends = new long[n];
        long end = 0;
        try (var journal = open(dir, 1 << 30)) {
            for (int i = 1; i <= n; i++) {
                byte[] p = payload(i, maxExtra);
                assertEquals(i, journal.append(p).get(10, TimeUnit.SECONDS));
                end += RecordFormat.recordBytes(p.length);
                ends[i - 1] = end;
            }
        }
        assertEquals(end, Files.size(dir.resolve(FIRST)));
        return ends;
    }

    /**
     * After recovery: exactly the records {@code seqs} (each still carrying its own payload), the next append
     * gets a number above {@code usedUpTo} (never one a surviving or torn record had), and everything reads back.
     */
    static long assertRecordsSurviveAndAppendsContinue(Path dir, List<Long> seqs, long usedUpTo, int maxExtra) throws Exception {
        long next;
        try (var journal = open(dir, 1 << 30)) {
            assertEquals(seqs.isEmpty() ? 0 : seqs.getLast(), journal.lastSeq());
            long id = 1_000_000 + usedUpTo;
            next = journal.append(payload(id, maxExtra)).get(10, TimeUnit.SECONDS);
            assertTrue(next > usedUpTo, "appended as " + next + ", but numbers up to " + usedUpTo + " were used");
        }
        List<JournalRecord> all = readAll(dir);
        List<Long> expected = new ArrayList<>(seqs);
        expected.add(next);
        assertEquals(expected, all.stream().map(JournalRecord::seq).toList());
        for (int i = 0; i < seqs.size(); i++) assertEquals(seqs.get(i), check(all.get(i).payload(), maxExtra));
        return next;
    }

    static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** Flips every bit of the byte at {@code offset}. */
    static void flip(Path file, long offset) throws Exception {
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0xff);
        }
    }

    static List<String> damagedLines(Path dir) throws Exception {
        Path f = dir.resolve("DAMAGED");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    static List<Path> copiesAside(Path dir) throws Exception {
        Path d = dir.resolve("damaged");
        if (!Files.isDirectory(d)) return List.of();
        try (var s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    @Test
    void randomTailGarbageKeepsTheValidPrefixAndNeverReusesANumber(@TempDir Path root) throws Exception {
        var random = new Random(20261123);
        for (int round = 0; round < 25; round++) {
            Path dir = Files.createDirectory(root.resolve("r" + round));
            long[] ends = write(dir, 30, 200);
            Path seg = dir.resolve(FIRST);
            long size = Files.size(seg);
            long from = (long) (random.nextDouble() * size);
            int junkBytes = (int) (size - from) + random.nextInt(300);
            try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
                f.seek(from);
                byte[] old = new byte[(int) (size - from)];
                f.readFully(old);
                byte[] junk = new byte[junkBytes];
                random.nextBytes(junk);
                for (int i = 0; i < old.length; i++) if (junk[i] == old[i]) junk[i] ^= (byte) 0x5a; // every byte changes
                f.seek(from);
                f.write(junk);
            }
            int kept = 0;
            while (kept < ends.length && ends[kept] <= from) kept++;
            long cutAt = kept == 0 ? 0 : ends[kept - 1];
            try (var log = new LogCapture(FileJournal.class)) {
                // Whether the junk reads as a torn record (cut) or as damage (kept in place), the records
                // before it stay, and the record it overwrote may have kept its header: its number is not reused.
                boolean headerSurvived = kept < ends.length && from >= cutAt + RecordFormat.SEQ_AT + 8;
                assertRecordsSurviveAndAppendsContinue(dir, range(1, kept), headerSurvived ? kept + 1 : kept, 200);
                List<String> lines = new ArrayList<>(log.at(Level.WARN));
                lines.addAll(log.at(Level.ERROR));
                assertEquals(1, lines.size(), "round " + round + ": " + lines);
                String line = lines.getFirst();
                assertTrue(line.contains("at offset " + cutAt + " of " + (from + junkBytes) + " bytes")
                        || line.contains("at offsets " + cutAt + ".." + (from + junkBytes) + " "), line);
            }
            assertEquals(1, damagedLines(dir).size(), "round " + round);
            assertEquals(1, copiesAside(dir).size());
        }
    }

    @Test
    void aHalfWrittenRecordIsAbandonedReadersSkipItAndAppendsContinue(@TempDir Path dir) throws Exception {
        write(dir, 10, 100);
        Path seg = dir.resolve(FIRST);
        byte[] doomed = new byte[500];
        ByteBuffer header = RecordFormat.header(11, 0, doomed);
        try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.APPEND)) {
            ch.write(header);
            ch.write(ByteBuffer.wrap(doomed, 0, 200)); // the writer died here
        }
        try (var reader = new JournalReader(dir, 1)) {
            for (int i = 1; i <= 10; i++) assertEquals(i, reader.next().orElseThrow().seq());
            assertTrue(reader.next().isEmpty(), "a half-written record is never returned");
            assertTrue(reader.next().isEmpty());
            try (var log = new LogCapture(FileJournal.class); var journal = open(dir, 1 << 30)) {
                assertEquals(1, log.at(Level.WARN).size());
                assertTrue(log.at(Level.WARN).getFirst().contains("runs past the end"), log.at(Level.WARN).getFirst());
                assertEquals(12, journal.append(payload(12, 100)).get(10, TimeUnit.SECONDS),
                        "the torn record's header carried 11: that number is not used again");
            }
            JournalRecord r = reader.next().orElseThrow();
            assertEquals(12, r.seq());
            assertEquals(12, check(r.payload(), 100), "the reader continues with the new record 12");
        }
        List<Long> seqs = new ArrayList<>(range(1, 10));
        seqs.add(12L);
        assertRecordsSurviveAndAppendsContinue(dir, seqs, 12, 100);
        assertEquals(1, copiesAside(dir).size(), "the segment was copied aside before the cut");
        assertTrue(damagedLines(dir).getFirst().contains(" cut "), damagedLines(dir).toString());
    }

    @Test
    void aFlippedByteInTheMiddleRecordLosesOnlyThatRecordAndItsNumber(@TempDir Path dir) throws Exception {
        long[] ends = write(dir, 25, 100);
        Path seg = dir.resolve(FIRST);
        flip(seg, ends[11] + RecordFormat.HEADER_BYTES + 3); // in the payload of record 13
        List<Long> others = new ArrayList<>(range(1, 25));
        others.remove(Long.valueOf(13));
        try (var log = new LogCapture(FileJournal.class)) {
            long next = assertRecordsSurviveAndAppendsContinue(dir, others, 25, 100);
            assertEquals(26, next);
            assertTrue(log.at(Level.WARN).isEmpty(), log.at(Level.WARN).toString());
            assertEquals(1, log.at(Level.ERROR).size());
            String error = log.at(Level.ERROR).getFirst();
            assertTrue(error.contains("at offsets " + ends[11] + ".." + ends[12] + " between records 12 and 14 (checksum mismatch)"), error);
        }
        List<Path> copies = copiesAside(dir);
        assertEquals(1, copies.size());
        assertTrue(copies.getFirst().getFileName().toString().startsWith(FIRST + "."), copies.toString());
        assertEquals(ends[24], Files.size(copies.getFirst()), "the copy is the segment as found");
        List<String> damaged = damagedLines(dir);
        assertEquals(1, damaged.size());
        assertTrue(damaged.getFirst().startsWith(FIRST + " " + ends[11] + " " + ends[12] + " 12 14 "), damaged.getFirst());
        assertTrue(damaged.getFirst().endsWith(" kept checksum mismatch"), damaged.getFirst());
        assertTrue(Files.size(seg) > ends[24], "nothing was cut: the damaged bytes stay where they are");

        try (var log = new LogCapture(FileJournal.class); var journal = open(dir, 1 << 30)) {
            assertTrue(log.at(Level.ERROR).isEmpty(), "known damage is reported once: " + log.at(Level.ERROR));
            assertEquals(27, journal.append(payload(27, 100)).get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, damagedLines(dir).size());
        assertEquals(1, copiesAside(dir).size());
        try (var log = new LogCapture(JournalReader.class); var r = new JournalReader(dir, 1)) {
            int n = 0;
            while (r.next().isPresent()) n++;
            assertEquals(26, n);
            assertEquals(1, r.damagedRanges());
            assertEquals(1, log.at(Level.WARN).size(), log.at(Level.WARN).toString());
        }
    }

    @Test
    void aTailCutMidRecordIsCutAndTheNumberInItsHeaderIsNotReused(@TempDir Path dir) throws Exception {
        long[] ends = write(dir, 12, 300);
        Path seg = dir.resolve(FIRST);
        long cutAt = ends[10] + RecordFormat.HEADER_BYTES + 2; // record 12's header survives, its payload is cut
        try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(cutAt);
        }
        try (var log = new LogCapture(FileJournal.class)) {
            assertRecordsSurviveAndAppendsContinue(dir, range(1, 11), 12, 300);
            assertEquals(1, log.at(Level.WARN).size());
            assertTrue(log.at(Level.WARN).getFirst().contains("cut " + FIRST + " at offset " + ends[10] + " of " + cutAt + " bytes"),
                    log.at(Level.WARN).getFirst());
        }
        assertEquals(1, copiesAside(dir).size());
        assertEquals(cutAt, Files.size(copiesAside(dir).getFirst()));
        assertTrue(damagedLines(dir).getFirst().startsWith(FIRST + " " + ends[10] + " " + cutAt + " 11 0 "), damagedLines(dir).toString());
    }

    @Test
    void aTruncatedHeaderAtTheEndIsCut(@TempDir Path dir) throws Exception {
        long[] ends = write(dir, 8, 50);
        Path seg = dir.resolve(FIRST);
        ByteBuffer header = RecordFormat.header(9, 0, new byte[40]);
        try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.APPEND)) {
            ch.write(header.limit(7)); // 7 bytes of a header: no sequence number yet
        }
        try (var log = new LogCapture(FileJournal.class)) {
            long next = assertRecordsSurviveAndAppendsContinue(dir, range(1, 8), 8, 50);
            assertEquals(9, next, "no header carried 9");
            assertEquals(1, log.at(Level.WARN).size());
            assertTrue(log.at(Level.WARN).getFirst().contains("at offset " + ends[7] + " of " + (ends[7] + 7) + " bytes"),
                    log.at(Level.WARN).getFirst());
        }
    }

    @Test
    void trailingZerosAreTheCleanEndNotDamage(@TempDir Path dir) throws Exception {
        long[] ends = write(dir, 6, 50);
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve(FIRST), StandardOpenOption.APPEND)) {
            // what a crash in the middle of a disk probe leaves, or preallocated zeros (JournalPreallocationTest)
            ch.write(ByteBuffer.allocate(FileJournal.PROBE_BYTES));
        }
        try (var log = new LogCapture(FileJournal.class)) {
            assertEquals(7, assertRecordsSurviveAndAppendsContinue(dir, range(1, 6), 6, 50));
            assertEquals(List.of(), log.at(Level.WARN));
            assertEquals(List.of(), log.at(Level.ERROR));
        }
        assertEquals(List.of(), damagedLines(dir));
        assertEquals(List.of(), copiesAside(dir));
        // without preallocation the journal cut the zeros at open: record 7 follows record 6, and nothing else
        assertEquals(ends[5] + RecordFormat.recordBytes(payload(1_000_006, 50).length), Files.size(dir.resolve(FIRST)));
    }

    @Test
    void zerosOverSeveralRecordsInTheMiddleLoseOnlyThoseRecords(@TempDir Path dir) throws Exception {
        long[] ends = write(dir, 25, 2000);
        Path seg = dir.resolve(FIRST);
        long from = ends[8] + 10; // inside record 10
        long to = from + 4096;
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(from);
            f.write(new byte[4096]);
        }
        List<Long> untouched = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = i == 0 ? 0 : ends[i - 1];
            if (ends[i] <= from || start >= to) untouched.add((long) i + 1);
        }
        assertTrue(untouched.size() <= 22 && untouched.contains(9L) && untouched.contains(25L), untouched.toString());
        try (var log = new LogCapture(FileJournal.class)) {
            assertRecordsSurviveAndAppendsContinue(dir, untouched, 25, 2000);
            assertEquals(1, log.at(Level.ERROR).size(), log.at(Level.ERROR).toString());
            assertTrue(log.at(Level.ERROR).getFirst().contains("at offsets " + ends[8] + ".."), log.at(Level.ERROR).getFirst());
        }
    }

    @Test
    void damageInAnOlderSegmentIsSkippedByReadersThatKeepReading(@TempDir Path dir) throws Exception {
        try (var journal = open(dir, 4096)) {
            for (int i = 1; i <= 60; i++) assertEquals(i, journal.append(payload(i, 300)).get(10, TimeUnit.SECONDS));
        }
        List<String> names = JournalTest.segmentNames(dir);
        assertTrue(names.size() >= 3, names.toString());
        Path older = dir.resolve(names.get(1));
        long base = Long.parseLong(names.get(1).substring(0, 20));
        long nextBase = Long.parseLong(names.get(2).substring(0, 20));
        assertTrue(nextBase - base >= 3, "the test needs three records in the segment");
        // Damage the middle record of that segment and cut its last record short.
        List<Long> lost = new ArrayList<>();
        long[] starts = new long[(int) (nextBase - base)];
        try (var ch = java.nio.channels.FileChannel.open(older, StandardOpenOption.READ)) {
            long pos = 0;
            for (int i = 0; i < starts.length; i++) {
                starts[i] = pos;
                pos = ((RecordFormat.Valid) RecordFormat.read(ch, pos)).end();
            }
        }
        int middle = starts.length / 2;
        flip(older, starts[middle] + RecordFormat.HEADER_BYTES + 1);
        lost.add(base + middle);
        try (var ch = java.nio.channels.FileChannel.open(older, StandardOpenOption.WRITE)) {
            ch.truncate(starts[starts.length - 1] + 30);
        }
        lost.add(nextBase - 1);

        try (var log = new LogCapture(FileJournal.class); var journal = open(dir, 4096)) {
            assertTrue(log.at(Level.WARN).isEmpty() && log.at(Level.ERROR).isEmpty(), "recovery reads the newest segment only");
            assertEquals(61, journal.append(payload(61, 300)).get(10, TimeUnit.SECONDS));
        }
        List<DamagedRange> ranges = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        try (var log = new LogCapture(JournalReader.class); var r = new JournalReader(dir, 1, () -> Long.MAX_VALUE, ranges::add)) {
            for (var rec = r.next(); rec.isPresent(); rec = r.next()) {
                assertEquals(rec.get().seq(), check(rec.get().payload(), 300));
                seqs.add(rec.get().seq());
            }
            assertEquals(2, r.damagedRanges());
            assertEquals(2, log.at(Level.WARN).size(), log.at(Level.WARN).toString());
        }
        List<Long> expected = new ArrayList<>(range(1, 61));
        expected.removeAll(lost);
        assertEquals(expected, seqs);
        assertEquals(names.get(1), ranges.get(0).segment());
        assertEquals(starts[middle], ranges.get(0).start());
        assertEquals(base + middle - 1, ranges.get(0).after());
        assertEquals(base + middle + 1, ranges.get(0).before());
        assertEquals(starts[starts.length - 1], ranges.get(1).start());
        assertEquals(nextBase, ranges.get(1).before());
    }

    @Test
    void randomFlipsAndCutsNeverLoseAnUntouchedRecordNorRepeatANumber(@TempDir Path root) throws Exception {
        var random = new Random(20261202);
        for (int round = 0; round < 30; round++) {
            Path dir = Files.createDirectory(root.resolve("r" + round));
            int n = 60;
            try (var journal = open(dir, 4096)) {
                for (int i = 1; i <= n; i++) assertEquals(i, journal.append(payload(i, 300)).get(10, TimeUnit.SECONDS));
            }
            // Where every record lies: segment file and byte range.
            Map<Long, long[]> where = new HashMap<>();
            Map<Long, Path> fileOf = new HashMap<>();
            List<Path> segments = JournalTest.segmentNames(dir).stream().map(dir::resolve).toList();
            for (Path seg : segments) {
                try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.READ)) {
                    long pos = 0;
                    while (RecordFormat.read(ch, pos) instanceof RecordFormat.Valid v) {
                        where.put(v.seq(), new long[]{pos, v.end()});
                        fileOf.put(v.seq(), seg);
                        pos = v.end();
                    }
                }
            }
            assertEquals(n, where.size());
            java.util.Set<Long> touched = new java.util.HashSet<>();
            int flips = 1 + random.nextInt(3);
            for (int k = 0; k < flips; k++) {
                Path seg = segments.get(random.nextInt(segments.size()));
                long at = (long) (random.nextDouble() * Files.size(seg));
                flip(seg, at);
                for (var e : where.entrySet()) {
                    if (fileOf.get(e.getKey()).equals(seg) && e.getValue()[0] <= at && at < e.getValue()[1]) touched.add(e.getKey());
                }
            }
            if (random.nextBoolean()) {
                Path seg = segments.get(random.nextInt(segments.size()));
                long at = (long) (random.nextDouble() * Files.size(seg));
                try (var ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.WRITE)) {
                    ch.truncate(at);
                }
                for (var e : where.entrySet()) {
                    if (fileOf.get(e.getKey()).equals(seg) && e.getValue()[1] > at) touched.add(e.getKey());
                }
            }
            List<Long> firstRead = readAll(dir).stream().map(JournalRecord::seq).toList();
            try (var journal = open(dir, 4096)) {
                for (int i = 0; i < 10; i++) journal.append(payload(n + 1 + i, 300)).get(10, TimeUnit.SECONDS);
            }
            List<JournalRecord> all = readAll(dir);
            List<Long> seqs = all.stream().map(JournalRecord::seq).toList();
            for (long seq = 1; seq <= n; seq++) {
                if (!touched.contains(seq)) assertTrue(seqs.contains(seq), "round " + round + ": lost untouched record " + seq);
            }
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), "round " + round + ": numbers repeat or go back: " + seqs);
            }
            long maxOld = firstRead.stream().mapToLong(Long::longValue).max().orElse(0);
            assertEquals(10, seqs.stream().filter(s -> s > maxOld).count(), "round " + round + ": appended after every old record");
            for (JournalRecord r : all) {
                long id = check(r.payload(), 300);
                if (id <= n) assertEquals(r.seq(), id, "round " + round + ": a record kept its own number");
            }
        }
    }

    @Test
    void aCleanJournalReopensWithoutWarnings(@TempDir Path dir) throws Exception {
        write(dir, 5, 10);
        try (var log = new LogCapture(FileJournal.class)) {
            assertRecordsSurviveAndAppendsContinue(dir, range(1, 5), 5, 10);
            assertTrue(log.at(Level.WARN).isEmpty(), log.at(Level.WARN).toString());
        }
    }

    @Test
    void aKilledWriterProcessLosesNoAcknowledgedRecord(@TempDir Path dir) throws Exception {
        Path journalDir = dir.resolve("journal");
        String java = ProcessHandle.current().info().command().orElseThrow();
        var pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AppendLoop.class.getName(),
                journalDir.toString(), String.valueOf(256 * 1024));
        pb.redirectError(dir.resolve("child.err").toFile());
        Process child = pb.start();
        var lines = new LinkedBlockingQueue<String>();
        Thread pump = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
            } catch (java.io.IOException e) {
                // the stream ends when the child is killed
            }
        }, "child-stdout");
        pump.start();
        List<String> acked = new ArrayList<>();
        try {
            String first = lines.poll(60, TimeUnit.SECONDS);
            assertTrue(first != null, "the child acknowledged nothing; see " + dir.resolve("child.err"));
            acked.add(first);
            long stopAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (acked.size() < 20_000) {
                long left = stopAt - System.nanoTime();
                if (left <= 0) break;
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line != null) acked.add(line);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL, mid-append
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        pump.join(10_000);
        lines.drainTo(acked); // printed before the kill: acknowledged too
        assertTrue(acked.size() > 50, "too few appends to mean anything: " + acked.size());

        Map<Long, Long> idBySeq = new HashMap<>();
        for (String line : acked) {
            String[] parts = line.split(" ");
            if (parts.length != 2) continue; // a line cut by the kill was never fully printed
            idBySeq.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
        try (var journal = open(journalDir, 256 * 1024)) { // recovery
            long last = journal.lastSeq();
            for (long seq : idBySeq.keySet()) assertTrue(seq <= last, "acknowledged " + seq + " but the journal ends at " + last);
        }
        Map<Long, JournalRecord> bySeq = new HashMap<>();
        for (JournalRecord r : readAll(journalDir)) assertTrue(bySeq.put(r.seq(), r) == null, "seq " + r.seq() + " twice");
        for (var e : idBySeq.entrySet()) {
            JournalRecord r = bySeq.get(e.getKey());
            assertTrue(r != null, "acknowledged record " + e.getKey() + " is missing");
            assertEquals(e.getValue(), check(r.payload(), AppendLoop.MAX_EXTRA), "record " + e.getKey());
        }
        assertTrue(Files.list(journalDir).filter(p -> p.toString().endsWith(".journal")).count() > 1,
                "the run should cross segment rolls");
    }

    @Test
    void aLargeRecordIsCheckedWhileStreamedAndItsDamageIsFoundToo(@TempDir Path dir) throws Exception {
        byte[] big = payload(2, 0);
        big = java.util.Arrays.copyOf(big, 3 << 20);
        new Random(2).nextBytes(big);
        java.nio.ByteBuffer.wrap(big).putLong(2);
        try (var journal = open(dir, 1 << 30)) {
            assertEquals(1, journal.append(payload(1, 100)).get(10, TimeUnit.SECONDS));
            assertEquals(2, journal.append(big).get(10, TimeUnit.SECONDS));
            assertEquals(3, journal.append(payload(3, 100)).get(10, TimeUnit.SECONDS));
        }
        List<JournalRecord> all = readAll(dir);
        assertEquals(3, all.size());
        assertTrue(java.util.Arrays.equals(big, all.get(1).payload()));
        long start2;
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve(FIRST), StandardOpenOption.READ)) {
            start2 = ((RecordFormat.Valid) RecordFormat.read(ch, 0)).end();
        }
        flip(dir.resolve(FIRST), start2 + RecordFormat.HEADER_BYTES + (2 << 20));
        try (var log = new LogCapture(FileJournal.class)) {
            assertRecordsSurviveAndAppendsContinue(dir, List.of(1L, 3L), 3, 100);
            assertEquals(1, log.at(Level.ERROR).size());
            assertTrue(log.at(Level.ERROR).getFirst().contains("between records 1 and 3 (checksum mismatch)"), log.at(Level.ERROR).getFirst());
        }
    }
}
