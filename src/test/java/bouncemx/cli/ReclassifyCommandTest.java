package bouncemx.cli;

import bouncemx.classify.Classifier;
import bouncemx.event.Envelope;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.config.Config;
import bouncemx.journal.AppendSpool;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reclassify against a real journal: the records are what the daemon would have written under older rules. */
@Timeout(60)
class ReclassifyCommandTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    final ObjectMapper mapper = new ObjectMapper();

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static FileJournal journal(Path data) throws Exception {
        return new FileJournal(data.resolve("journal"), 1 << 20, Duration.ofDays(30), 64, CLOCK, Storage.files());
    }

    /** A journal entry of a sample as the pipeline writes it, its events edited by {@code older} (yesterday's rules). */
    byte[] entry(String sample, Consumer<ObjectNode> older) throws Exception {
        byte[] raw = Samples.sample(sample);
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), Originals.standard(), limits),
                Classifier.standard(), limits);
        var envelope = new Envelope("", List.of("bounces+x@bounce.example"), "192.0.2.1", "mx.example");
        Instant at = Instant.parse("2026-11-01T08:00:00Z");
        List<byte[]> events = new ArrayList<>();
        for (Event e : factory.events(raw, envelope, at, at, null, null)) {
            ObjectNode tree = (ObjectNode) mapper.readTree(new EventJson().toJson(e, null));
            older.accept(tree);
            events.add(mapper.writeValueAsBytes(tree));
        }
        return new JournalEntry("msg-" + sample, at, envelope, raw, events).encode();
    }

    static void asMailboxFull(ObjectNode event) {
        event.put("type", "bounce.soft");
        ObjectNode c = (ObjectNode) event.path("data").path("classification");
        c.put("reason", "mailboxfull");
        c.put("hard", false);
    }

    List<JsonNode> dump(Path data) throws Exception {
        Run r = run("journal", "dump", "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.out().split("\n")) if (!line.isBlank()) events.add(mapper.readTree(line));
        return events;
    }

    @Test
    void dryRunPrintsOldToNewByReasonAndAppendsNothing(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            j.append(entry("dsn-userunknown.eml", ReclassifyCommandTest::asMailboxFull)).get(10, TimeUnit.SECONDS);
            j.append(entry("dsn-userunknown.eml", e -> {})).get(10, TimeUnit.SECONDS);
        }
        Run r = run("reclassify", "--data", data.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("dry run: messages 2, events 2, changed 1, dropped 0, nothing appended"), r.out());
        assertTrue(r.out().contains("       1  bounce.soft/mailboxfull -> bounce.hard/userunknown"), r.out());
        assertEquals(2, dump(data).size());
    }

    @Test
    void appendsOneRevisionPerChangedEventAndNothingOnASecondRun(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            j.append(entry("dsn-userunknown.eml", ReclassifyCommandTest::asMailboxFull)).get(10, TimeUnit.SECONDS);
            j.append(entry("dsn-success.eml", e -> {})).get(10, TimeUnit.SECONDS);
        }
        String oldId = dump(data).getFirst().path("data").path("id").asText();
        Run r = run("reclassify", "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("messages 2, events 2, changed 1, dropped 0, revision records appended 1"), r.out());

        List<JsonNode> events = dump(data);
        assertEquals(3, events.size());
        JsonNode rev = events.get(2);
        JsonNode d = rev.path("data");
        assertEquals(3, d.path("journal_seq").asLong());
        assertEquals(oldId + ".r1", d.path("id").asText());
        assertEquals(1, d.path("revision").asInt());
        assertEquals(oldId, d.path("supersedes").asText());
        assertEquals("bounce.hard", rev.path("type").asText());
        assertEquals("userunknown", d.path("classification").path("reason").asText());
        assertEquals(events.getFirst().path("data").path("recipient").path("address"), d.path("recipient").path("address"));
        assertEquals("2026-11-01T08:00:00Z", d.path("received_at").asText());
        assertEquals("192.0.2.1", d.path("envelope").path("client_ip").asText());
        assertEquals(events.getFirst().path("data").path("raw"), d.path("raw")); // the same message: digest and size
        assertEquals(64, d.path("raw").path("sha256").asText().length());

        Run again = run("reclassify", "--data", data.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("messages 2, events 2, changed 0"), again.out());
        assertEquals(3, dump(data).size());
    }

    @Test
    void aLaterRevisionSupersedesTheLatestOne(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            j.append(entry("dsn-userunknown.eml", ReclassifyCommandTest::asMailboxFull)).get(10, TimeUnit.SECONDS);
        }
        assertEquals(0, run("reclassify", "--data", data.toString()).code());
        String oldId = dump(data).getFirst().path("data").path("id").asText();
        // Someone's revision 1 said "filtered" (rules of another day): today's rules revise it again, as revision 2.
        try (var j = journal(data)) {
            byte[] first = entry("dsn-userunknown.eml", e -> {
                ObjectNode d = (ObjectNode) e.path("data");
                d.put("id", oldId + ".r2");
                d.put("revision", 2);
                d.put("supersedes", oldId + ".r1");
                ((ObjectNode) d.path("classification")).put("reason", "filtered");
            });
            JournalEntry e = JournalEntry.decode(first);
            j.append(new JournalEntry(e.messageId(), e.receivedAt(), e.envelope(), new byte[0], e.events()).encode())
                    .get(10, TimeUnit.SECONDS);
        }
        Run r = run("reclassify", "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bounce.hard/filtered -> bounce.hard/userunknown"), r.out());
        JsonNode last = dump(data).getLast().path("data");
        assertEquals(oldId + ".r3", last.path("id").asText());
        assertEquals(oldId + ".r2", last.path("supersedes").asText());
        assertEquals(3, last.path("revision").asInt());
    }

    @Test
    void fromAndToLimitTheRecordsReDecoded(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            for (int i = 0; i < 3; i++) j.append(entry("dsn-userunknown.eml", ReclassifyCommandTest::asMailboxFull)).get(10, TimeUnit.SECONDS);
        }
        Run r = run("reclassify", "--data", data.toString(), "--from", "2", "--to", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("messages 1, events 1, changed 1"), r.out());
        assertEquals(4, dump(data).size());
    }

    @Test
    void whileAnotherWriterHoldsTheJournalTheRevisionsAreSpooledForItAndNothingIsLost(@TempDir Path data) throws Exception {
        try (var j = journal(data)) { // a writer that does not drain the spool (a daemon that is stuck)
            j.append(entry("dsn-userunknown.eml", ReclassifyCommandTest::asMailboxFull)).get(10, TimeUnit.SECONDS);
            Run dry = run("reclassify", "--data", data.toString(), "--dry-run");
            assertEquals(0, dry.code(), dry.err());
            assertTrue(dry.out().contains("changed 1"), dry.out());

            Run r = run("reclassify", "--data", data.toString(), "--wait", "0");
            assertEquals(1, r.code());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("1 revision record(s) are queued in"), r.err());
            assertEquals(1, dump(data).size());
            // what the daemon does once a second
            assertEquals(1, AppendSpool.drain(data.resolve("journal"), j));
            assertEquals(0, AppendSpool.drain(data.resolve("journal"), j));
        }
        List<JsonNode> events = dump(data);
        assertEquals(2, events.size());
        assertEquals(1, events.get(1).path("data").path("revision").asInt());
        assertEquals("userunknown", events.get(1).path("data").path("classification").path("reason").asText());
    }

    @Test
    void aRunningDaemonAppendsTheRevisionsThroughItsOwnWriter(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            j.append(entry("dsn-userunknown.eml", ReclassifyCommandTest::asMailboxFull)).get(10, TimeUnit.SECONDS);
        }
        Config d = Config.defaults();
        Config.Smtp s = d.smtp();
        Config config = new Config(new Config.Smtp("127.0.0.1:0", s.hostname(), s.domains(), s.maxMessageBytes(), s.maxRecipients(),
                s.maxConnections(), s.maxConnectionsPerIp(), s.commandTimeout(), s.tls()), new Config.Http("127.0.0.1:0"),
                new Config.Data(data.toString()), d.journal(), d.webhooks());
        var daemonErr = new ByteArrayOutputStream();
        var daemon = new RunCommand(new PrintStream(daemonErr, true, StandardCharsets.UTF_8), Clock.systemUTC(),
                (file, sets) -> config, RunCommand::openJournal, false);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return daemon.call();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        daemon.awaitListening();
        try {
            Run r = run("reclassify", "--data", data.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("appended by the running daemon: 1 revision record(s)"), r.out());
        } finally {
            daemon.requestStop();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), daemonErr.toString(StandardCharsets.UTF_8));
        // the daemon's suppression state also journals its own suppression.changed when the revision makes the
        // address hard: not what this test counts
        List<JsonNode> events = dump(data).stream()
                .filter(e -> !e.path("type").asText().equals("suppression.changed")).toList();
        assertEquals(2, events.size(), events.toString());
        assertEquals(events.get(0).path("data").path("id").asText(), events.get(1).path("data").path("supersedes").asText());
    }

    @Test
    void anEventTheOldRulesMissedIsAppendedWithoutSupersedesAndOnlyOnce(@TempDir Path data) throws Exception {
        byte[] full = entry("dsn-two-recipients-delayed.eml", e -> {});
        JournalEntry e = JournalEntry.decode(full);
        assertEquals(2, e.events().size());
        try (var j = journal(data)) { // yesterday's rules found only the first recipient
            j.append(new JournalEntry(e.messageId(), e.receivedAt(), e.envelope(), e.raw(), e.events().subList(0, 1)).encode())
                    .get(10, TimeUnit.SECONDS);
        }
        Run r = run("reclassify", "--data", data.toString(), "--jobs", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("messages 1, events 2, changed 1, dropped 0"), r.out());
        assertTrue(r.out().contains("(none) -> "), r.out());
        JsonNode added = dump(data).get(1).path("data");
        assertEquals(1, added.path("revision").asInt());
        assertFalse(added.has("supersedes"));
        assertTrue(added.path("id").asText().endsWith("-2.r1"), added.path("id").asText());
        Run again = run("reclassify", "--data", data.toString());
        assertTrue(again.out().startsWith("messages 1, events 2, changed 0"), again.out());
        assertEquals(2, dump(data).size());
    }

    @Test
    void aRecordThatIsNotAnEntryIsReportedTheOthersStillReclassifiedExit1(@TempDir Path data) throws Exception {
        try (var j = journal(data)) {
            j.append("not an entry".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            j.append(entry("dsn-userunknown.eml", ReclassifyCommandTest::asMailboxFull)).get(10, TimeUnit.SECONDS);
        }
        Run r = run("reclassify", "--data", data.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("journal record 1 is not a journal entry"), r.err());
        assertTrue(r.out().startsWith("messages 1, events 1, changed 1"), r.out());
    }

    @Test
    void badUsageAndAMissingJournalExit2(@TempDir Path data) {
        assertEquals(2, run("reclassify", "--data", data.resolve("nope").toString()).code());
        assertEquals(2, run("reclassify", "--data", data.toString(), "--from", "0").code());
        assertEquals(2, run("reclassify", "--data", data.toString(), "--from", "5", "--to", "4").code());
        assertEquals(2, run("reclassify", "--data", data.toString(), "--wait", "-1").code());
        assertEquals(2, run("reclassify", "--bogus").code());
    }

    @Test
    void readsAnEventsIdRevisionAndVerdictAsATreeReaderWould() throws Exception {
        List<String> events = new ArrayList<>();
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), Originals.standard(), limits),
                Classifier.standard(), limits);
        for (String sample : List.of("dsn-userunknown.eml", "dsn-two-recipients-delayed.eml", "arf-abuse.eml",
                "auto-reply.eml", "not-a-bounce.eml", "dsn-success.eml")) {
            for (Event e : factory.events(Samples.sample(sample), null, CLOCK.instant(), CLOCK.instant(), null, null)) {
                events.add(new String(new EventJson().toJson(e, null), StandardCharsets.UTF_8));
            }
        }
        events.addAll(List.of(
                "{}", "[1,2]", "{\"type\":null,\"data\":{\"classification\":{\"reason\":null,\"hard\":\"true\"}}}",
                "{\"data\":{\"revision\":2,\"id\":\"a.r2\",\"recipient\":{\"address\":\"x@example.org\"},\"classification\":{\"hard\":1}},\"type\":\"bounce.hard\"}",
                "{\"data\":{\"id\":\"b\",\"original\":{\"revision\":1},\"classification\":[1],\"recipient\":{\"address\":{\"x\":1}}}}"));
        for (String json : events) {
            JsonNode tree = mapper.readTree(json);
            JsonNode d = tree.path("data");
            var expected = new ReclassifyCommand.Verdict(tree.path("type").asText(""),
                    d.path("classification").path("reason").asText("undefined"),
                    d.path("classification").path("hard").asBoolean(false), d.path("recipient").path("address").asText(""));
            var read = ReclassifyCommand.Journaled.read(json.getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, read.verdict(), json);
            assertEquals(d.path("id").asText(""), read.id(), json);
            assertEquals(d.has("revision"), read.revision(), json);
        }
        assertTrue(ReclassifyCommand.Journaled.read("{\"data\":{\"revision\":1}}".getBytes(StandardCharsets.UTF_8)).revision());
        // without "revision": the reading stops once type, data.id, data.recipient and data.classification are
        // read (as our writer orders them): what comes after, even malformed, is not read
        String head = "{\"type\":\"bounce.hard\",\"data\":{\"id\":\"a\",\"recipient\":{\"address\":\"x@example.org\"},"
                + "\"classification\":{\"reason\":\"userunknown\",\"hard\":true},";
        var early = ReclassifyCommand.Journaled.read((head + "\"diagnostics\":{\"status\":\"5.1.1\"}, not json").getBytes(StandardCharsets.UTF_8));
        assertEquals(new ReclassifyCommand.Verdict("bounce.hard", "userunknown", true, "x@example.org"), early.verdict());
        // with it, wherever it is, the whole event is read
        assertTrue(ReclassifyCommand.Journaled.read((head + "\"revision\":1}}").getBytes(StandardCharsets.UTF_8)).revision());
        assertThrows(java.io.IOException.class, () -> ReclassifyCommand.Journaled.read((head + "\"revision\":1}, not json").getBytes(StandardCharsets.UTF_8)));
    }
}
