package bouncemx.webhook;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.webhook.Receiver.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook delivery end to end with the real daemon (the packaged jar, in a forked JVM) and a receiver
 * written in the test: SIGKILL in the middle of delivery and a restart lose no event of an acknowledged
 * message, and repeats carry the same webhook-id and body; an endpoint that never answers slows neither
 * SMTP acknowledgements nor another endpoint, and does not hold up a graceful stop.
 */
@Timeout(180)
class WebhookDeliveryIT {
    private static final Pattern LISTENING = Pattern.compile("listening for SMTP on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ACK = Pattern.compile("^250 2\\.0\\.0 (\\S+)");
    private static final List<byte[]> MESSAGES = List.of(Samples.sample("dsn-userunknown.eml"),
            Samples.sample("dsn-two-recipients-delayed.eml"), Samples.sample("arf-abuse.eml"), Samples.sample("auto-reply.eml"),
            Samples.sample("not-a-bounce.eml"));

    record Daemon(Process process, int port, List<String> log) {}

    static Daemon start(Path data, String webhooks) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("bouncemx.jar", "target/bouncemx.jar");
        var pb = new ProcessBuilder(javaBin, "-Xmx256m", "-jar", jar, "run",
                "--set", "smtp.listen=127.0.0.1:0", "--set", "http.listen=127.0.0.1:0",
                "--set", "data.dir=" + data, "--set", "smtp.max_connections_per_ip=100", "--set", "webhooks=" + webhooks);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        var port = new CompletableFuture<Integer>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    log.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("daemon ended before listening: " + log));
        }, "daemon-log");
        reader.setDaemon(true);
        reader.start();
        return new Daemon(p, port.get(60, TimeUnit.SECONDS), log);
    }

    static String endpoint(String name, String url, String extra) {
        return "{name: " + name + ", url: \"" + url + "\", secret: \"" + Fixture.KEY + "\", backoff_initial: 50ms, backoff_max: 500ms"
                + extra + "}";
    }

    /** SMTP clients sending bounces until stopped; collects the acknowledged ids and each ack's latency. */
    static final class Load {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean run = new AtomicBoolean(true);
        final List<Thread> clients = new ArrayList<>();

        Load(int port, int sessions, int maxPerSession) {
            for (int c = 0; c < sessions; c++) {
                int seed = c;
                clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    try (var s = new SmtpClient(new InetSocketAddress("127.0.0.1", port))) {
                        s.socket().setSoTimeout(10_000);
                        s.expectPlain("220");
                        s.send("EHLO load.example");
                        s.expectPlain("250");
                        for (int i = 0; run.get() && i < maxPerSession; i++) {
                            s.send("MAIL FROM:<>");
                            s.expect("250");
                            s.send("RCPT TO:<b+user" + seed + "=example.com@bounce.example>");
                            s.expect("250");
                            s.send("DATA");
                            s.expect("354");
                            long t0 = System.nanoTime();
                            s.sendRaw(SmtpClient.dataOf(unique(MESSAGES.get((seed + i) % MESSAGES.size()), seed + "-" + i)));
                            Matcher m = ACK.matcher(s.expect("250"));
                            ackNanos.add(System.nanoTime() - t0);
                            if (m.find()) acked.add(m.group(1));
                        }
                    } catch (IOException | AssertionError e) {
                        // a kill ends every session: what was acknowledged before is what counts
                    }
                }));
            }
        }

        void stop() throws InterruptedException {
            run.set(false);
            for (Thread t : clients) t.join(20_000);
        }

        boolean finished() {
            return clients.stream().noneMatch(Thread::isAlive);
        }
    }

    /** The message with a header that makes it unique (event ids are derived from the content). */
    static byte[] unique(byte[] message, String tag) {
        byte[] head = ("X-Load-Id: " + tag + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + message.length);
        System.arraycopy(message, 0, out, head.length, message.length);
        return out;
    }

    /** The event ids (data.id) of the journaled messages whose ids are in {@code messages}. */
    static Set<String> eventIds(Path data, Set<String> messages) throws Exception {
        var mapper = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        try (var r = new JournalReader(data.resolve("journal"), 1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                JournalEntry e = JournalEntry.decode(rec.get().payload());
                if (!messages.contains(e.messageId())) continue;
                for (byte[] ev : e.events()) ids.add(mapper.readTree(ev).path("data").path("id").asText());
            }
        }
        return ids;
    }

    @Test
    void everyEventOfAnAcknowledgedMessageArrivesAfterSigkillAndRestartAndRepeatsKeepTheirId(@TempDir Path data) throws Exception {
        try (var receiver = new Receiver(r -> {
            try {
                Thread.sleep(2); // a receiver with some work to do, so that deliveries are in flight at the kill
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Receiver.ok();
        })) {
            String webhooks = "[" + endpoint("main", receiver.url(), ", concurrency: 4") + "]";
            Daemon d = start(data, webhooks);
            var load = new Load(d.port(), 4, Integer.MAX_VALUE);
            await("load acknowledged and delivered", Duration.ofSeconds(30), () -> load.acked.size() >= 150 && receiver.requests().size() >= 50);
            d.process().destroyForcibly();                                       // SIGKILL mid-delivery
            assertTrue(d.process().waitFor(20, TimeUnit.SECONDS));
            load.stop();
            Set<String> expected = eventIds(data, Set.copyOf(load.acked));
            int before = receiver.requests().size();
            long cursorAtKill = bouncemx.journal.Cursor.open(data, "webhook-main").position();

            Daemon again = start(data, webhooks);
            try {
                await("every event of every acknowledged message", Duration.ofSeconds(60), () -> {
                    Set<String> got = new HashSet<>();
                    for (var r : receiver.requests()) got.add(r.id());
                    return got.containsAll(expected);
                });
            } finally {
                again.process().destroy();
                assertTrue(again.process().waitFor(30, TimeUnit.SECONDS), "graceful stop");
            }
            assertEquals(0, again.process().exitValue(), String.join("\n", again.log()));
            Map<String, byte[]> bodies = new HashMap<>();
            int repeats = 0;
            for (var r : receiver.requests()) {
                assertTrue(SignatureCheck.verifies(Fixture.KEY, r.id(), r.timestamp(), r.body(), r.signature()));
                byte[] first = bodies.putIfAbsent(r.id(), r.body());
                if (first != null) {
                    repeats++;
                    assertArrayEquals(first, r.body(), "a repeat of " + r.id() + " is the same event");
                }
            }
            System.out.printf("[webhook-crash] %d messages acknowledged, %d events expected, %d requests before the kill"
                    + " (cursor then at %d), %d in all, %d repeats%n", load.acked.size(), expected.size(), before, cursorAtKill,
                    receiver.requests().size(), repeats);
        }
    }

    @Test
    void anEndpointThatNeverAnswersSlowsNeitherSmtpNorAnotherEndpointNorTheStop(@TempDir Path data) throws Exception {
        try (var hanging = new Receiver(r -> new Receiver.Reply.Hang()); var healthy = new Receiver()) {
            String webhooks = "[" + endpoint("dead", hanging.url(), ", timeout: 60s, concurrency: 2") + ", "
                    + endpoint("live", healthy.url(), "") + "]";
            Daemon d = start(data, webhooks);
            var load = new Load(d.port(), 4, 50);
            await("200 messages acknowledged", Duration.ofSeconds(60), load::finished);
            assertEquals(200, load.acked.size(), String.join("\n", d.log()));
            Set<String> expected = eventIds(data, Set.copyOf(load.acked));
            await("the healthy endpoint got every event", Duration.ofSeconds(30), () -> {
                Set<String> got = new HashSet<>();
                for (var r : healthy.requests()) got.add(r.id());
                return got.containsAll(expected);
            });
            long[] ack = load.ackNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            long p99 = ack[(int) Math.ceil(ack.length * 0.99) - 1] / 1_000_000;
            System.out.printf("[webhook-hang] %d acks, p50 %d ms, p99 %d ms, hanging endpoint holds %d requests%n", ack.length,
                    ack[ack.length / 2] / 1_000_000, p99, hanging.requests().size());
            assertTrue(p99 < 1000, "SMTP acks stay fast while an endpoint hangs: p99 " + p99 + " ms " + Arrays.toString(ack));
            long t0 = System.nanoTime();
            d.process().destroy();
            assertTrue(d.process().waitFor(30, TimeUnit.SECONDS), "graceful stop");
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, d.process().exitValue(), String.join("\n", d.log()));
            assertTrue(stopMillis < 15_000, "the stop does not wait for the hanging endpoint: " + stopMillis + " ms");
        }
    }
}
