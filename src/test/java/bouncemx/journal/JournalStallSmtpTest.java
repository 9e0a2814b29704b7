package bouncemx.journal;

import bouncemx.config.Config;
import bouncemx.http.HttpServer;
import bouncemx.pipeline.JournalEntry;
import bouncemx.pipeline.Pipeline;
import bouncemx.smtp.MessageIds;
import bouncemx.smtp.SmtpServer;
import bouncemx.smtp.SmtpSettings;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, item 4 and 5 end to end: a journal writer stalled in fsync (a Storage double that blocks) makes the
 * senders get 451 at their deadline, turns /readyz 503 within the stall deadline, comes back by itself once
 * the disk answers, and a message that was still waiting when its sender was told 451 is never written late.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalStallSmtpTest {

    private static byte[] message(String marker) {
        String raw = new String(Samples.sample("dsn-userunknown.eml"), StandardCharsets.ISO_8859_1);
        return ("X-Test-Marker: " + marker + "\r\n" + raw).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String send(InetSocketAddress smtp, String marker) throws Exception {
        try (var c = new SmtpClient(smtp)) {
            c.socket().setSoTimeout(20_000);
            c.begin("", "b+bob=example.com@bounce.example");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(message(marker)));
            List<String> r = c.readReply();
            return r == null ? "closed" : r.get(r.size() - 1);
        }
    }

    private static int readyz(HttpClient http, InetSocketAddress a) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.call()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 15 s");
            Thread.sleep(20); // polling a condition with a deadline
        }
    }

    @Test
    void aStalledWriterAnswers451TurnsReadinessAndRecoversWithoutWritingLate(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        var clock = Clock.systemUTC();
        var options = FileJournal.Options.DEFAULT.withStallDeadline(Duration.ofMillis(300)).withProbeInterval(Duration.ofMillis(200));
        var settings = SmtpSettings.of(Config.defaults().smtp()).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofSeconds(5));
        var http = HttpClient.newHttpClient();
        try (var journal = new FileJournal(dir.resolve("journal"), 1 << 20, Duration.ofDays(30), clock, storage, options)) {
            var pipeline = new Pipeline((raw, env, at, now, id) -> Engine.factory().events(raw, env, at, now, null, id),
                    new bouncemx.event.EventJson(), journal, clock, 2, 16);
            var smtp = new SmtpServer(settings, pipeline, new MessageIds(clock), clock);
            smtp.start();
            var ready = HttpServer.start("127.0.0.1", 0, () -> "", List.of(new HttpServer.Check("journal", journal::healthy)));
            try {
                assertTrue(send(smtp.address(), "one").startsWith("250 2.0.0"));
                assertEquals(200, readyz(http, ready.address()));

                storage.holdNextForce();
                CompletableFuture<String> inFsync = CompletableFuture.supplyAsync(() -> uncheckedSend(smtp.address(), "two"));
                storage.awaitHeld(); // "two" is being fsync'd, and the fsync hangs
                CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> uncheckedSend(smtp.address(), "three"));
                await(() -> readyz(http, ready.address()) == 503);
                assertFalse(journal.healthy());
                assertTrue(queued.get(15, TimeUnit.SECONDS).startsWith("451 4.3.0"), "the waiting sender is told to retry");
                assertTrue(inFsync.get(15, TimeUnit.SECONDS).startsWith("451 4.3.0"));

                storage.release();
                await(() -> readyz(http, ready.address()) == 200);
                assertTrue(send(smtp.address(), "four").startsWith("250 2.0.0"));
            } finally {
                smtp.stop();
                pipeline.close(Duration.ofSeconds(5));
                ready.close();
            }
        }
        List<String> markers = new ArrayList<>();
        try (var r = new JournalReader(dir.resolve("journal"), 1)) {
            for (var rec = r.next(); rec.isPresent(); rec = r.next()) {
                String raw = new String(JournalEntry.decode(rec.get().payload()).raw(), StandardCharsets.ISO_8859_1);
                markers.add(raw.substring("X-Test-Marker: ".length(), raw.indexOf('\r')));
            }
        }
        assertFalse(markers.contains("three"), "a message whose sender got 451 while it waited is never written late: " + markers);
        assertTrue(markers.contains("one") && markers.contains("four"), markers.toString());
        // "two" was already in the fsync when its deadline passed: it may be durable (its retry then carries
        // the same event ids, see PipelineTest); that is the one case a 451 cannot rule out
    }

    private static String uncheckedSend(InetSocketAddress smtp, String marker) {
        try {
            return send(smtp, marker);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
