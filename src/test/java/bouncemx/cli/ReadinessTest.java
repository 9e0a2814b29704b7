package bouncemx.cli;

import bouncemx.config.Config;
import bouncemx.journal.FileJournal;
import bouncemx.journal.Journal;
import bouncemx.journal.Storage;
import bouncemx.journal.TestStorage;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "Health", end to end through the daemon's own wiring ({@link RunCommand}) over loopback: /readyz's
 * JSON and 503; the disk reserve (a {@link bouncemx.health.DiskSpace} double sets the free space): 452 4.3.1
 * to MAIL, 421 4.3.2 to new connections, back to 250 and 220 when the figure rises; a journal directory that
 * takes no new file (the journal's {@link Storage} seam: as root, chmod would not stop the writes) turns
 * readiness and comes back; sessions already open are never cut.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadinessTest {
    private static final long GIB = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong freeBytes = new AtomicLong(10 * GIB);
    private final TestStorage storage = new TestStorage();
    private RunCommand run;
    private CompletableFuture<Integer> exit;

    @AfterEach
    void stop() throws Exception {
        if (run == null) return;
        run.requestStop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    private InetSocketAddress start(Path data) throws Exception {
        Config cfg = RunCommand.loadConfig(null, List.of("smtp.listen=127.0.0.1:0", "smtp.hostname=mx.test",
                "http.listen=127.0.0.1:0", "data.dir=" + data));
        var options = FileJournal.Options.DEFAULT.withCheckInterval(Duration.ofMillis(100)).withProbeInterval(Duration.ofMillis(50));
        var err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        run = new RunCommand(err, Clock.systemUTC(), (file, sets) -> cfg, (c, clock) -> journal(c, clock, options), false,
                dir -> freeBytes.get(), Duration.ofMillis(50));
        exit = CompletableFuture.supplyAsync(() -> {
            try {
                return run.call();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return run.awaitListening();
    }

    private Journal journal(Config c, Clock clock, FileJournal.Options options) {
        try {
            return new FileJournal(Path.of(c.data().dir()).resolve("journal"), c.journal().segmentBytes(),
                    c.journal().retention(), clock, storage, options);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + run.httpAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode readyz(int status) throws Exception {
        var r = get("/readyz");
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.call()) {
            if (System.nanoTime() > end) throw new AssertionError(what + ": not within 15 s");
            Thread.sleep(20); // polling a condition with a deadline
        }
    }

    /** A new connection's first reply line (null: closed without one); true in {@code closed} when it then closed. */
    private static String greeting(InetSocketAddress smtp, boolean[] closed) throws Exception {
        try (var c = new SmtpClient(smtp)) {
            List<String> r = c.readReply();
            if (r == null) return null;
            if (closed != null) closed[0] = c.closedByServer();
            return r.getLast();
        }
    }

    private static void transaction(SmtpClient c, String expected) throws Exception {
        c.send("MAIL FROM:<>").expect("250");
        c.send("RCPT TO:<b+bob=example.com@bounce.example>").expect("250");
        c.send("DATA").expect("354");
        c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
        c.expect(expected);
    }

    @Test
    void readinessIsJsonNamingSmtpJournalDiskAndConsumers(@TempDir Path data) throws Exception {
        start(data);
        JsonNode r = readyz(200);
        assertEquals("ready", r.get("status").asText());
        for (String check : List.of("smtp", "journal", "disk", "consumers")) {
            assertTrue(r.at("/checks/" + check + "/ok").asBoolean(), check + " in " + r);
        }
        assertEquals(10 * GIB, r.at("/checks/disk/free_bytes").asLong());
        assertEquals(GIB, r.at("/checks/disk/min_free_bytes").asLong(), "data.min_free_bytes defaults to 1 GiB");
        assertTrue(r.at("/checks/consumers/webhooks/ok").asBoolean());
        assertTrue(r.at("/checks/consumers/suppression/ok").asBoolean());
        assertEquals(0, r.at("/checks/consumers/suppression/pending").asLong(-1));
        assertEquals(200, get("/healthz").statusCode());
    }

    @Test
    void underTheDiskReserveMailGets452NewConnections421AndBothRecoverWhenSpaceIsBack(@TempDir Path data) throws Exception {
        var smtp = start(data);
        try (var open = new SmtpClient(smtp); var inData = new SmtpClient(smtp)) {
            open.expectPlain("220");
            open.send("EHLO client.example").expectPlain("250");
            inData.begin("", "b+alice=example.com@bounce.example"); // a transaction already past MAIL

            freeBytes.set(GIB - 1);
            await(() -> get("/readyz").statusCode() == 503, "readiness fails under the reserve");
            JsonNode r = readyz(503);
            assertEquals("not_ready", r.get("status").asText());
            assertFalse(r.at("/checks/disk/ok").asBoolean(true), r.toString());
            assertEquals(GIB - 1, r.at("/checks/disk/free_bytes").asLong());
            assertTrue(r.at("/checks/disk/detail").asText().contains("min_free_bytes"), r.toString());
            assertTrue(r.at("/checks/journal/ok").asBoolean() && r.at("/checks/smtp/ok").asBoolean(), "only the disk is named");

            boolean[] closed = {false};
            assertEquals("421 4.3.2 mx.test Service not available, try later", greeting(smtp, closed));
            assertTrue(closed[0], "closed after the 421");
            open.send("MAIL FROM:<>");
            assertEquals("452 4.3.1 Insufficient system storage, try again later", open.expect("452"));
            inData.send("DATA").expect("354"); // not cut: it passed MAIL before the disk ran short
            inData.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
            inData.expect("250 2.0.0");
            assertTrue(get("/metrics").body().contains("bouncemx_smtp_connections_refused_total{cause=\"not_ready\"} 1.0"),
                    "the refusal is counted");

            freeBytes.set(GIB);
            await(() -> get("/readyz").statusCode() == 200, "ready again at the reserve");
            assertTrue(greeting(smtp, null).startsWith("220 mx.test"));
            transaction(open, "250 2.0.0");
            try (var fresh = new SmtpClient(smtp)) {
                fresh.expectPlain("220");
                fresh.send("EHLO client.example").expectPlain("250");
                transaction(fresh, "250 2.0.0");
            }
        }
    }

    @Test
    void aJournalDirectoryThatTakesNoNewFileTurnsReadinessAndItComesBack(@TempDir Path data) throws Exception {
        var smtp = start(data);
        try (var open = new SmtpClient(smtp)) {
            open.expectPlain("220");
            open.send("EHLO client.example").expectPlain("250");
            readyz(200);

            storage.directoryClosed = true; // what chmod a-w does to a non-root daemon
            await(() -> get("/readyz").statusCode() == 503, "readiness fails without any mail arriving");
            JsonNode r = readyz(503);
            assertFalse(r.at("/checks/journal/ok").asBoolean(true), r.toString());
            assertTrue(r.at("/checks/journal/detail").asText().contains("no new file"), r.toString());
            assertTrue(r.at("/checks/disk/ok").asBoolean(), r.toString());
            await(() -> "421 4.3.2 mx.test Service not available, try later".equals(greeting(smtp, null)),
                    "new connections are refused");
            transaction(open, "250 2.0.0"); // the open segment still takes appends: the open session goes on

            storage.directoryClosed = false;
            await(() -> get("/readyz").statusCode() == 200, "ready again once the directory takes files");
            assertTrue(readyz(200).at("/checks/journal/ok").asBoolean());
            await(() -> greeting(smtp, null).startsWith("220 mx.test"), "greeted again");
            transaction(open, "250 2.0.0");
        }
    }
}
