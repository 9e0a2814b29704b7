package bouncemx.cli;

import bouncemx.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyCommandTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    final ObjectMapper mapper = new ObjectMapper();

    record Run(int code, List<JsonNode> events, String err) {}

    Run run(String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) if (!line.isBlank()) events.add(mapper.readTree(line));
        return new Run(code, events, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsOneEventPerRecipientWithTheDesignFields(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.eml");
        Files.write(f, Samples.sample("dsn-userunknown.eml"));
        Run r = run("classify", f.toString());
        assertEquals(0, r.code());
        assertEquals(1, r.events().size());
        JsonNode e = r.events().get(0);
        assertEquals("bounce.hard", e.path("type").asText());
        assertEquals("2026-11-23T10:00:00Z", e.path("timestamp").asText());
        assertEquals(f.toString(), e.path("source").asText());
        JsonNode d = e.path("data");
        for (String field : List.of("id", "received_at", "recipient", "classification", "diagnostics", "original", "verp", "parser", "raw")) {
            assertTrue(d.has(field), "data." + field);
        }
        assertFalse(d.has("journal_seq"));
        assertFalse(d.has("envelope"));
        assertEquals("alice@customer-test.example", d.path("recipient").path("address").asText());
        assertEquals("verp", d.path("recipient").path("source").asText());
        assertEquals("userunknown", d.path("classification").path("reason").asText());
        assertTrue(d.path("classification").path("hard").asBoolean());
        assertTrue(d.path("classification").path("permanent").asBoolean());
        assertEquals("hard", d.path("classification").path("category").asText());
        assertEquals("5.1.1", d.path("diagnostics").path("status").asText());
        assertEquals("550", d.path("diagnostics").path("reply_code").asText());
        assertEquals("mx.customer-test.example", d.path("diagnostics").path("remote_mta").asText());
        assertEquals("mta.sender-test.example", d.path("diagnostics").path("reporting_mta").asText());
        assertEquals("<issue-11.alice@sender-test.example>", d.path("original").path("message_id").asText());
        assertEquals("November news — issue 11", d.path("original").path("subject").asText());
        assertEquals("postfix", d.path("parser").path("decoded_by").asText()); // the fixture is written in Postfix's format
        assertEquals(64, d.path("raw").path("sha256").asText().length());
        assertEquals(Files.size(f), d.path("raw").path("size_bytes").asLong());
    }

    @Test
    void givesTheSameIdsWhenTheSameMessageIsClassifiedAgain(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.eml");
        Files.write(f, Samples.sample("dsn-two-recipients-delayed.eml"));
        Run a = run("classify", f.toString());
        Run b = run("classify", f.toString());
        assertEquals(2, a.events().size());
        assertEquals(a.events().get(1).path("data").path("id"), b.events().get(1).path("data").path("id"));
        assertFalse(a.events().get(0).path("data").path("id").equals(a.events().get(1).path("data").path("id")));
    }

    @Test
    void walksDirectoriesAndKeepsGoingPastUnreadableFiles(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("1.eml"), Samples.sample("auto-reply.eml"));
        Files.write(dir.resolve("2.eml"), Samples.sample("not-a-bounce.eml"));
        Files.write(dir.resolve("notes.txt"), "not a message".getBytes(StandardCharsets.US_ASCII));
        Run r = run("classify", dir.resolve("missing.eml").toString(), dir.toString());
        assertEquals(1, r.code());
        assertEquals(2, r.events().size());
        assertEquals("auto_reply", r.events().get(0).path("type").asText());
        assertEquals("message.unclassified", r.events().get(1).path("type").asText());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length);
        assertTrue(lines[0].startsWith("bouncemx: cannot read ") && lines[0].contains("missing.eml"), lines[0]);
    }

    @Test
    void readsStandardInputForADash() throws Exception {
        var old = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Samples.sample("arf-abuse.eml")));
            Run r = run("classify", "-");
            assertEquals(0, r.code());
            assertEquals("complaint", r.events().get(0).path("type").asText());
            assertEquals("-", r.events().get(0).path("source").asText());
            assertEquals("abuse", r.events().get(0).path("data").path("diagnostics").path("feedback_type").asText());
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void badUsageIsOneLineAndExitTwo() throws Exception {
        Run r = run("classify", "--no-such-option");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("bouncemx: "));
        Run none = run();
        assertEquals(2, none.code());
        Run unknown = run("frobnicate");
        assertEquals(2, unknown.code());
    }

    @Test
    void reportsConfiguredExtraHeadersOfTheOriginal(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.eml");
        Files.write(f, Samples.sample("dsn-userunknown.eml"));
        Run r = run("classify", "--extra-header", "List-Id", f.toString());
        assertEquals("Sender news <news.sender-test.example>",
                r.events().get(0).path("data").path("original").path("headers").path("list-id").asText());
        assertEquals("11:news:sender-test", r.events().get(0).path("data").path("original").path("feedback_id").asText());
    }

    @Test
    void classifiesEachMessageOfAnMboxWithEscapedFromLinesUnescaped(@TempDir Path dir) throws Exception {
        byte[] mbox = Samples.sample("mailbox.mbox");
        Path f = dir.resolve("saved.mbox");
        Files.write(f, mbox);
        Run r = run("classify", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.events().size());
        JsonNode bounce = r.events().get(0).path("data");
        assertEquals("bounce.hard", r.events().get(0).path("type").asText());
        assertEquals("carol@customer-test.example", bounce.path("recipient").path("address").asText());
        assertEquals("userunknown", bounce.path("classification").path("reason").asText());
        assertEquals("message.unclassified", r.events().get(1).path("type").asText());
        assertEquals(f.toString(), r.events().get(1).path("source").asText());
        // each message is its bytes from its separator line on, less one '>' per escaped line (two, then one)
        int second = new String(mbox, StandardCharsets.ISO_8859_1).indexOf("From dave@");
        assertEquals(second - 2, bounce.path("raw").path("size_bytes").asLong());
        assertEquals(mbox.length - second - 1, r.events().get(1).path("data").path("raw").path("size_bytes").asLong());
    }

    @Test
    void decodesALargeMboxMessageByMessageInFileOrder(@TempDir Path dir) throws Exception {
        byte[] one = Samples.sample("mailbox.mbox");
        int copies = (int) (ClassifyCommand.STREAM_FROM_BYTES / one.length) + 2;   // large enough to be streamed
        var big = new ByteArrayOutputStream();
        for (int i = 0; i < copies; i++) big.write(one);
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("a/m.mbox"), big.toByteArray());
        Files.write(dir.resolve("b/m.mbox"), one);
        Run streamed = run("classify", "--jobs", "3", dir.resolve("a/m.mbox").toString());
        Run whole = run("classify", dir.resolve("b/m.mbox").toString());
        assertEquals(0, streamed.code(), streamed.err());
        assertEquals(2 * copies, streamed.events().size());
        for (int i = 0; i < streamed.events().size(); i++) {
            var e = (com.fasterxml.jackson.databind.node.ObjectNode) streamed.events().get(i).deepCopy();
            e.put("source", whole.events().get(i % 2).path("source").asText());
            assertEquals(whole.events().get(i % 2), e, "event " + i);
        }
    }

    @Test
    void keepsInputOrderAcrossBatchesAndPastAFileThatCannotBeRead(@TempDir Path dir) throws Exception {
        List<String> samples = List.of("dsn-userunknown.eml", "auto-reply.eml", "not-a-bounce.eml", "arf-abuse.eml");
        int n = 3 * ClassifyCommand.BATCH_MESSAGES + 5;
        List<String> args = new ArrayList<>(List.of("classify", "--jobs", "3"));
        List<String> expected = new ArrayList<>();
        Files.createDirectories(dir.resolve("sub"));
        for (int i = 0; i < n; i++) {
            boolean named = i < n / 2;   // the first half named one by one, the rest found in a directory
            Path f = dir.resolve(named ? "" : "sub").resolve(String.format("%03d.eml", i));
            Files.write(f, Samples.sample(samples.get(i % samples.size())));
            if (named) args.add(f.toString());
            expected.add(f.toString());
            if (i == ClassifyCommand.BATCH_MESSAGES + 3) args.add(dir.resolve("missing.eml").toString());
        }
        args.add(dir.resolve("sub").toString());
        Run r = run(args.toArray(String[]::new));
        assertEquals(1, r.code());
        assertEquals(n, r.events().size());
        for (int i = 0; i < n; i++) assertEquals(expected.get(i), r.events().get(i).path("source").asText(), "event " + i);
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length);
        assertTrue(lines[0].contains("missing.eml"), lines[0]);
        args.set(2, "1");
        assertEquals(r.events(), run(args.toArray(String[]::new)).events());
    }
}
