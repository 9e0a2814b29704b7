package bouncemx.cli;

import bouncemx.journal.Cursor;
import bouncemx.journal.FileJournal;
import bouncemx.journal.Storage;
import bouncemx.pipeline.JournalEntry;
import bouncemx.event.Envelope;
import bouncemx.webhook.EndpointStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class WebhookCommandTest {
    static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;
    Path data;
    Path config;
    HttpServer receiver;
    final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger status = new AtomicInteger(200);
    final ObjectMapper mapper = new ObjectMapper();

    record Run(int code, String out, String err) {}

    @BeforeEach
    void receiverAndConfig() throws Exception {
        data = dir.resolve("data");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", x -> {
            x.getRequestBody().readAllBytes();
            ids.add(x.getRequestHeaders().getFirst("webhook-id"));
            x.sendResponseHeaders(status.get(), -1);
            x.close();
        });
        receiver.start();
        config = Files.writeString(dir.resolve("bouncemx.yml"), """
                data:
                  dir: "%s"
                webhooks:
                  - name: main
                    url: "http://127.0.0.1:%d/hook"
                    secret: "%s"
                    types: [bounce.hard, complaint]
                    backoff_initial: 10ms
                    backoff_max: 20ms
                """.formatted(data, receiver.getAddress().getPort(), KEY));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A journal of three records: [bounce.hard, bounce.soft], [complaint], [bounce.hard], written at T0. */
    void journal() throws Exception {
        try (var j = new FileJournal(data.resolve("journal"), 1 << 20, Duration.ofDays(30), 64, Clock.fixed(T0, ZoneOffset.UTC), Storage.files())) {
            String[][] records = {{"bounce.hard", "bounce.soft"}, {"complaint"}, {"bounce.hard"}};
            for (int s = 0; s < records.length; s++) {
                List<byte[]> events = new ArrayList<>();
                for (int i = 0; i < records[s].length; i++) {
                    events.add(("{\"type\":\"" + records[s][i] + "\",\"timestamp\":\"" + T0 + "\",\"data\":{\"id\":\"ev-" + (s + 1) + "-" + i
                            + "\",\"received_at\":\"" + T0 + "\"}}").getBytes(StandardCharsets.UTF_8));
                }
                var entry = new JournalEntry("m" + s, T0, new Envelope("", List.of("b@bounce.example"), "192.0.2.1", "h"), new byte[0], events);
                j.append(entry.encode()).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void statusPrintsCursorBacklogOldestPendingAgeDeadLettersAndDisabledPerEndpoint() throws Exception {
        journal();
        Cursor.open(data, "webhook-main").save(1);
        var store = new EndpointStore(data, "main");
        store.addDeadLetter(1, 0, "{}".getBytes(StandardCharsets.UTF_8));
        Run r = run("webhook", "status", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode line = mapper.readTree(r.out());
        assertEquals("main", line.get("endpoint").asText());
        assertEquals(1, line.get("cursor").asLong());
        assertEquals(3, line.get("last_seq").asLong());
        assertEquals(2, line.get("backlog").asLong());
        assertEquals(90, line.get("oldest_pending_age_seconds").asLong());
        assertEquals(1, line.get("dead_letters").asInt());
        assertFalse(line.get("disabled").asBoolean());
    }

    @Test
    void statusWithoutEndpointsSaysSoInOneLineAndSucceeds() {
        Run r = run("webhook", "status", "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("bouncemx: no webhook endpoints configured (key webhooks)\n", r.err());
    }

    @Test
    void statusWithoutAJournalIsOneClearLineAndExit2() {
        Run r = run("webhook", "status", "--config", config.toString(), "--data", dir.resolve("nowhere").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("bouncemx: no journal at ") && r.err().endsWith("\n") && r.err().lines().count() == 1, r.err());
    }

    @Test
    void replayFromARangeSendsTheWantedTypesWithTheirOriginalIdsAndLeavesTheCursorAlone() throws Exception {
        journal();
        Run r = run("webhook", "replay", "--config", config.toString(), "--endpoint", "main", "--from", "1", "--to", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals("replayed 2 events: 2 delivered, 0 failed\n", r.out());
        assertEquals(List.of("ev-1-0", "ev-2-0"), List.copyOf(ids.stream().sorted().toList()));
        assertEquals(0, Cursor.open(data, "webhook-main").position());
    }

    @Test
    void replayOfTheDeadLetterListRemovesEachLetterOnceDeliveredAndFailsWhenOneIsNot() throws Exception {
        journal();
        var store = new EndpointStore(data, "main");
        store.addDeadLetter(1, 0, "{\"type\":\"bounce.hard\",\"data\":{\"id\":\"ev-1-0\",\"journal_seq\":1}}".getBytes(StandardCharsets.UTF_8));
        status.set(500);
        Run failed = run("webhook", "replay", "--config", config.toString(), "--endpoint", "main", "--dead-letter");
        assertEquals(1, failed.code());
        assertTrue(failed.err().startsWith("bouncemx: not delivered: ev-1-0: HTTP 500"), failed.err());
        assertEquals(1, store.deadLetterCount());
        status.set(204);
        Run ok = run("webhook", "replay", "--config", config.toString(), "--endpoint", "main", "--dead-letter");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("replayed 1 events: 1 delivered, 0 failed\n", ok.out());
        assertEquals(0, store.deadLetterCount());
        assertEquals("ev-1-0", ids.getLast());
    }

    @Test
    void testSendsOneSampleEventOfEveryTypeAndPrintsEachAnswer() {
        Run r = run("webhook", "test", "--config", config.toString(), "--endpoint", "main");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(bouncemx.config.Config.Webhook.ALL_TYPES.size(), lines.size(), r.out());
        assertTrue(lines.getFirst().matches("bounce\\.hard: 200 in \\d+ ms"), lines.getFirst());
        assertEquals(lines.size(), ids.size());
        status.set(503);
        Run failing = run("webhook", "test", "--config", config.toString(), "--endpoint", "main");
        assertEquals(1, failing.code());
        assertTrue(failing.out().startsWith("bounce.hard: 503 in "), failing.out());
    }

    @Test
    void theEndpointsMayComeFromSetOverridesAsForRun() throws Exception {
        journal();
        Run r = run("webhook", "status", "--data", data.toString(), "--set",
                "webhooks=[{name: other, url: \"http://127.0.0.1:9/h\", secret: \"" + KEY + "\"}]");
        assertEquals(0, r.code(), r.err());
        assertEquals("other", mapper.readTree(r.out()).get("endpoint").asText());
        assertEquals(3, mapper.readTree(r.out()).get("backlog").asLong());
    }

    @Test
    void enableLiftsADisableBy410() throws Exception {
        var store = new EndpointStore(data, "main");
        store.disable("x", "test");
        Run r = run("webhook", "enable", "--config", config.toString(), "--endpoint", "main");
        assertEquals(0, r.code(), r.err());
        assertEquals("webhook main enabled\n", r.out());
        assertTrue(store.disabledFingerprint().isEmpty());
        assertEquals("webhook main was not disabled\n", run("webhook", "enable", "--config", config.toString(), "--endpoint", "main").out());
    }

    @Test
    void badUsageIsOneLineOnStderrAndExitStatus2() {
        List<String[]> bad = List.of(
                new String[]{"webhook", "replay", "--config", config.toString(), "--endpoint", "nope", "--dead-letter"},
                new String[]{"webhook", "replay", "--config", config.toString(), "--endpoint", "main", "--from", "1", "--dead-letter"},
                new String[]{"webhook", "replay", "--config", config.toString(), "--endpoint", "main"},
                new String[]{"webhook", "replay", "--config", config.toString(), "--endpoint", "main", "--from", "5", "--to", "2"},
                new String[]{"webhook", "test", "--config", config.toString()},
                new String[]{"webhook", "enable", "--endpoint", "main"},
                new String[]{"webhook", "status", "--config", dir.resolve("missing.yml").toString()},
                new String[]{"webhook"});
        for (String[] args : bad) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("bouncemx: "), r.err());
            assertEquals("", r.out());
        }
    }
}
