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

    /** After recovery: records 1..kept intact, the next append gets kept + 1, and everything reads back. */
    static void assertPrefixSurvivesAndAppendsContinue(Path dir, int kept, int maxExtra) throws Exception {
        try (var journal = open(dir, 1 << 30)) {
            assertEquals(kept, journal.lastSeq());
            assertEquals(kept + 1, journal.append(payload(kept + 1, maxExtra)).get(10, TimeUnit.SECONDS));
        }
        List<JournalRecord> all = readAll(dir);
        assertEquals(kept + 1, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).seq());
            assertEquals(i + 1, check(all.get(i).payload(), maxExtra));
        }
    }

    @Test
    void randomTailGarbageLeavesExactlyTheValidPrefix(@TempDir Path root) throws Exception {
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
                assertPrefixSurvivesAndAppendsContinue(dir, kept, 200);
                List<String> warns = log.at(Level.WARN);
                assertEquals(1, warns.size(), "round " + round + ": " + warns);
                assertTrue(warns.getFirst().contains("at offset " + cutAt + " of " + (from + junkBytes) + " bytes"),
                        warns.getFirst());
            }
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
                assertEquals(11, journal.append(payload(11, 100)).get(10, TimeUnit.SECONDS));
            }
            JournalRecord r = reader.next().orElseThrow();
            assertEquals(11, r.seq());
            assertEquals(11, check(r.payload(), 100), "the reader continues with the new record 11");
        }
        assertPrefixSurvivesAndAppendsContinue(dir, 11, 100);
    }

    @Test
    void aChecksumMismatchInTheMiddleOfTheLastSegmentCutsThere(@TempDir Path dir) throws Exception {
        long[] ends = write(dir, 20, 100);
        Path seg = dir.resolve(FIRST);
        long inPayloadOf8 = ends[6] + RecordFormat.HEADER_BYTES + 3;
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(inPayloadOf8);
            int b = f.read();
            f.seek(inPayloadOf8);
            f.write(b ^ 0x01);
        }
        try (var log = new LogCapture(FileJournal.class)) {
            assertPrefixSurvivesAndAppendsContinue(dir, 7, 100);
            assertEquals(1, log.at(Level.WARN).size());
            String warn = log.at(Level.WARN).getFirst();
            assertTrue(warn.contains("at offset " + ends[6]) && warn.contains("checksum mismatch") && warn.contains("1..7"), warn);
        }
    }

    @Test
    void aCleanJournalReopensWithoutWarnings(@TempDir Path dir) throws Exception {
        write(dir, 5, 10);
        try (var log = new LogCapture(FileJournal.class)) {
            assertPrefixSurvivesAndAppendsContinue(dir, 5, 10);
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
        List<JournalRecord> all = readAll(journalDir);
        for (int i = 0; i < all.size(); i++) assertEquals(i + 1, all.get(i).seq());
        for (var e : idBySeq.entrySet()) {
            JournalRecord r = all.get((int) (e.getKey() - 1));
            assertEquals(e.getValue(), check(r.payload(), AppendLoop.MAX_EXTRA), "record " + e.getKey());
        }
        assertTrue(Files.list(journalDir).filter(p -> p.toString().endsWith(".journal")).count() > 1,
                "the run should cross segment rolls");
    }
}
