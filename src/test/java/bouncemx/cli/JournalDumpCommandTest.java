package bouncemx.cli;

import bouncemx.classify.Classifier;
import bouncemx.event.Envelope;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.journal.FileJournal;
import bouncemx.journal.Storage;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.pipeline.JournalEntry;
import bouncemx.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class JournalDumpCommandTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    final ObjectMapper mapper = new ObjectMapper();

    record Run(int code, List<JsonNode> events, String err) {}

    Run run(String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Run(code, parse(out), err.toString(StandardCharsets.UTF_8));
    }

    List<JsonNode> parse(ByteArrayOutputStream out) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) if (!line.isBlank()) events.add(mapper.readTree(line));
        return events;
    }

    static FileJournal journal(Path data) throws Exception {
        return new FileJournal(data.resolve("journal"), 1 << 20, Duration.ofDays(30), 64, CLOCK, Storage.files());
    }

    /** A journal entry holding the real events of one sample message. */
    static byte[] entry(String sample, String id) {
        byte[] raw = Samples.sample(sample);
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), new Originals(List.of(), limits), limits),
                Classifier.standard(), limits);
        var envelope = new Envelope("", List.of("bounces+x@bounce.example"), "192.0.2.1", "mx.example");
        Instant at = CLOCK.instant();
        var json = new EventJson();
        List<byte[]> events = new ArrayList<>();
        for (Event e : factory.events(raw, envelope, at, at, null, id)) events.add(json.toJson(e, null));
        return new JournalEntry(id, at, envelope, raw, events).encode();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void printsEveryEventWithItsJournalSeqRightAfterTheId(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            assertEquals(1, j.append(entry("dsn-two-recipients-delayed.eml", "m1")).get(10, TimeUnit.SECONDS));
            assertEquals(2, j.append(entry("dsn-userunknown.eml", "m2")).get(10, TimeUnit.SECONDS));
        }
        Run r = run("journal", "dump", "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.events().size());
        assertEquals(List.of(1L, 1L, 2L), r.events().stream().map(e -> e.path("data").path("journal_seq").asLong()).toList());
        assertEquals(List.of("m1-1", "m1-2", "m2-1"), r.events().stream().map(e -> e.path("data").path("id").asText()).toList());
        JsonNode d = r.events().get(2).path("data");
        assertEquals(List.of("id", "journal_seq", "received_at"), fieldNames(d).subList(0, 3));
        assertEquals("bounce.hard", r.events().get(2).path("type").asText());
        assertEquals("userunknown", d.path("classification").path("reason").asText());
        assertEquals("192.0.2.1", d.path("envelope").path("client_ip").asText());

        Run from = run("journal", "dump", "--data", data.toString(), "--from", "2");
        assertEquals(0, from.code());
        assertEquals(List.of("m2-1"), from.events().stream().map(e -> e.path("data").path("id").asText()).toList());
    }

    @Test
    void followPrintsRecordsAppendedWhileTheWriterRuns(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            j.append(entry("dsn-userunknown.eml", "m1")).get(10, TimeUnit.SECONDS);
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var exit = new CompletableFuture<Integer>();
            var dump = new Thread(() -> exit.complete(Main.run(new String[]{"journal", "dump", "--data", data.toString(), "--follow"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK)),
                    "dump");
            dump.start();
            awaitLines(out, 1);
            j.append(entry("dsn-userunknown.eml", "m2")).get(10, TimeUnit.SECONDS);
            awaitLines(out, 2);
            dump.interrupt();
            assertEquals(0, exit.get(10, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
            assertEquals(List.of(1L, 2L), parse(out).stream().map(e -> e.path("data").path("journal_seq").asLong()).toList());
        }
    }

    void awaitLines(ByteArrayOutputStream out, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (parse(out).size() < n) {
            assertTrue(System.nanoTime() < deadline, "dump printed " + parse(out).size() + " of " + n + " lines");
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // poll the condition, not a fixed wait
        }
    }

    @Test
    void aMissingJournalIsOneLineAndExit2(@TempDir Path data) throws Exception {
        Run r = run("journal", "dump", "--data", data.resolve("nope").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no journal at"), r.err());
        assertEquals(2, run("journal", "dump", "--data", data.toString(), "--from", "0").code());
        assertEquals(2, run("journal").code());
        assertEquals(2, run("journal", "dump", "--bogus").code());
    }

    @Test
    void aRecordThatIsNotAnEntryIsReportedAndTheRestStillPrinted(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            j.append("not an entry".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            j.append(entry("dsn-userunknown.eml", "m2")).get(10, TimeUnit.SECONDS);
        }
        Run r = run("journal", "dump", "--data", data.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("journal record 1 is not a journal entry"), r.err());
        assertEquals(1, r.events().size());
        assertEquals(2, r.events().getFirst().path("data").path("journal_seq").asLong());
    }

    @Test
    void damagedBytesInAnOlderSegmentAreReportedTheRestPrintedAndTheExitIs1(@TempDir Path data) throws Exception {
        byte[] one = entry("dsn-userunknown.eml", "m1");
        // Segments of two records each: records 1-2, 3-4, 5.
        long recordBytes = 25L + one.length;
        try (var j = new FileJournal(data.resolve("journal"), 2 * recordBytes, Duration.ofDays(30), 64, CLOCK, Storage.files())) {
            for (int i = 1; i <= 5; i++) assertEquals(i, j.append(entry("dsn-userunknown.eml", "m" + i)).get(10, TimeUnit.SECONDS));
        }
        Path older = data.resolve("journal").resolve("00000000000000000001.journal");
        assertEquals(2 * recordBytes, java.nio.file.Files.size(older));
        try (var f = new java.io.RandomAccessFile(older.toFile(), "rw")) { // a byte of record 1's payload
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x40);
        }
        Run r = run("journal", "dump", "--data", data.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("m2-1", "m3-1", "m4-1", "m5-1"), r.events().stream().map(e -> e.path("data").path("id").asText()).toList());
        assertEquals(List.of("bouncemx: journal: damaged bytes in 00000000000000000001.journal at offsets 0.." + recordBytes
                + " between records 0 and 2 (checksum mismatch)"), r.err().lines().toList());

        try (var f = new java.io.RandomAccessFile(older.toFile(), "rw")) { // and record 2 cut short: the segment ends in damage
            f.setLength(recordBytes + 40);
        }
        Run cut = run("journal", "dump", "--data", data.toString());
        assertEquals(1, cut.code());
        assertEquals(List.of("m3-1", "m4-1", "m5-1"), cut.events().stream().map(e -> e.path("data").path("id").asText()).toList());
        assertEquals(1, cut.err().lines().count(), cut.err());
        assertTrue(cut.err().contains("at offsets 0.." + (recordBytes + 40) + " between records 0 and 3"), cut.err());
    }
}
