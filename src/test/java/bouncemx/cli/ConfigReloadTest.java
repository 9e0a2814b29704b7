package bouncemx.cli;

import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A configuration reload of a running daemon (in this JVM, on loopback, with a real file journal and a real
 * configuration file that the test rewrites): a new domain applies to a session opened before the reload and to
 * new ones, while other sessions keep sending; a bad file is refused with one ERROR line and changes nothing; an
 * endpoint added by a reload receives events; keys that need a restart are named in WARN lines.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigReloadTest {
    private static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** One client for the test's HTTP requests (closing a JDK client per request waits for its connections). */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private Path file;
    private RunCommand run;
    private CompletableFuture<Integer> exit;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger reloadLog;

    @BeforeEach
    void captureReloadLog() {
        reloadLog = (Logger) LoggerFactory.getLogger(ConfigReload.class);
        reloadLog.setLevel(Level.INFO);
        reloadLog.setAdditive(false); // the expected WARN and ERROR lines are asserted here, not printed
        logged.start();
        reloadLog.addAppender(logged);
    }

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.requestStop();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        }
        reloadLog.detachAppender(logged);
        reloadLog.setAdditive(true);
        reloadLog.setLevel(null);
    }

    private void write(String smtpDomains, String extra) throws IOException {
        Files.writeString(file, """
                smtp:
                  listen: "127.0.0.1:0"
                  domains: %s
                http:
                  listen: "127.0.0.1:0"
                data:
                  dir: "%s"
                %s""".formatted(smtpDomains, dir.resolve("data"), extra));
    }

    private InetSocketAddress start() throws InterruptedException {
        run = new RunCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC(),
                RunCommand::loadConfig, RunCommand::openJournal, false);
        run.config = file;
        // the daemon's main thread is a thread of its own, as in production: not a common-pool worker (on a
        // 2-core machine the common pool has one, and the webhook senders' HTTP completions need it)
        exit = new CompletableFuture<>();
        Thread.ofPlatform().name("daemon-main").daemon().start(() -> {
            try {
                exit.complete(run.call());
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        });
        return run.awaitListening();
    }

    private List<String> logged(Level level) {
        synchronized (logged.list) {
            return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private String metrics() throws Exception {
        var a = run.httpAddress();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void deliver(SmtpClient c) throws IOException {
        c.send("DATA").expect("354");
        c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
        c.expect("250 2.0.0");
    }

    @Test
    void aNewDomainAppliesToASessionOpenedBeforeTheReloadWhileOthersKeepSending() throws Exception {
        file = dir.resolve("bouncemx.yml");
        write("[a.example]", "");
        InetSocketAddress smtp = start();
        // load: four clients send messages one after another for the whole test; every one must be accepted
        var sending = new AtomicBoolean(true);
        var accepted = new AtomicInteger();
        var failures = new CopyOnWriteArrayList<Throwable>();
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            load.add(Thread.ofVirtual().start(() -> {
                try (SmtpClient c = new SmtpClient(smtp)) {
                    c.expectPlain("220");
                    c.send("EHLO load.example").expectPlain("250");
                    while (sending.get()) {
                        c.send("MAIL FROM:<>").expect("250");
                        c.send("RCPT TO:<bounces@a.example>").expect("250");
                        deliver(c);
                        accepted.incrementAndGet();
                    }
                } catch (IOException | RuntimeException | AssertionError e) {
                    failures.add(e);
                }
            }));
        }
        try (SmtpClient before = new SmtpClient(smtp)) {
            before.begin("", "bounces@a.example");
            before.send("RCPT TO:<bounces@b.example>").expect("550");
            await("some load before the reload", () -> accepted.get() >= 8);

            write("[a.example, b.example]", "");
            assertTrue(run.reload(), String.valueOf(logged(Level.ERROR)));
            int atReload = accepted.get();

            before.send("RCPT TO:<bounces@b.example>").expect("250"); // the same session, its next command
            deliver(before);
            try (SmtpClient after = new SmtpClient(smtp)) {
                after.begin("", "bounces@b.example");
                deliver(after);
            }
            await("load after the reload", () -> accepted.get() >= atReload + 8);
        } finally {
            sending.set(false);
            for (Thread t : load) t.join(10_000);
        }
        assertEquals(List.of(), failures, "a loaded session failed across the reload");
        assertEquals(List.of(), logged(Level.WARN));
        assertEquals(1, logged(Level.INFO).stream().filter(l -> l.startsWith("configuration reloaded")).count());
        assertTrue(metrics().contains("bouncemx_config_reloads_total{outcome=\"ok\"} 1.0"), metrics());
    }

    @Test
    void aBadFileIsRefusedWithOneErrorLineAndTheRunningConfigurationStays() throws Exception {
        file = dir.resolve("bouncemx.yml");
        write("[a.example]", "");
        InetSocketAddress smtp = start();
        write("[a.example, b.example]", "smtp_typo: 1\n");
        assertFalse(run.reload());
        List<String> errors = logged(Level.ERROR);
        assertEquals(1, errors.size(), String.valueOf(errors));
        assertTrue(errors.getFirst().startsWith("configuration reload refused, the running configuration stays: "), errors.getFirst());
        assertTrue(errors.getFirst().contains("smtp_typo"), "names the problem: " + errors.getFirst());
        try (SmtpClient c = new SmtpClient(smtp)) {
            c.begin("", "bounces@a.example");
            c.send("RCPT TO:<bounces@b.example>").expect("550"); // the new domain of the refused file is not in force
        }
        String m = metrics();
        assertTrue(m.contains("bouncemx_config_reloads_total{outcome=\"refused\"} 1.0"), m);
        assertTrue(m.contains("bouncemx_config_reloads_total{outcome=\"ok\"} 0.0"), m);
    }

    @Test
    void aStartTlsCertificateThatCannotBeReadRefusesTheWholeReload() throws Exception {
        file = dir.resolve("bouncemx.yml");
        write("[a.example]", "");
        InetSocketAddress smtp = start();
        Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        Files.writeString(dir.resolve("key.pem"), "not a key\n");
        write("[a.example, b.example]", "");
        Files.writeString(file, Files.readString(file).replace("smtp:\n", "smtp:\n  tls: {cert: \"%s\", key: \"%s\"}\n"
                .formatted(dir.resolve("cert.pem"), dir.resolve("key.pem"))));
        assertFalse(run.reload());
        assertEquals(1, logged(Level.ERROR).size(), String.valueOf(logged(Level.ERROR)));
        try (SmtpClient c = new SmtpClient(smtp)) {
            c.begin("", "bounces@a.example");
            c.send("RCPT TO:<bounces@b.example>").expect("550"); // nothing of the refused file applies
        }
    }

    @Test
    void keysThatNeedARestartAreNamedOnceEachAndTheRestApplies() throws Exception {
        file = dir.resolve("bouncemx.yml");
        write("[a.example]", "");
        InetSocketAddress smtp = start();
        Files.writeString(file, """
                smtp:
                  listen: "127.0.0.1:1"
                  domains: [a.example, b.example]
                http:
                  listen: "127.0.0.1:2"
                data:
                  dir: "%s"
                """.formatted(dir.resolve("elsewhere")));
        assertTrue(run.reload());
        List<String> warns = logged(Level.WARN);
        assertEquals(3, warns.size(), String.valueOf(warns));
        assertTrue(warns.get(0).startsWith("configuration reload: smtp.listen (running: 127.0.0.1:0, file: 127.0.0.1:1) changed and needs a restart"), warns.get(0));
        assertTrue(warns.get(1).startsWith("configuration reload: http.listen"), warns.get(1));
        assertTrue(warns.get(2).startsWith("configuration reload: data.dir"), warns.get(2));
        try (SmtpClient c = new SmtpClient(smtp)) { // still listening where it was, with the new domain
            c.begin("", "bounces@b.example");
        }
        assertFalse(Files.exists(dir.resolve("elsewhere")));
    }

    @Test
    void anEndpointAddedByAReloadReceivesEvents() throws Exception {
        var received = new CopyOnWriteArrayList<String>();
        HttpServer receiver = receiver(received);
        try {
            file = dir.resolve("bouncemx.yml");
            write("[a.example]", "");
            InetSocketAddress smtp = start();
            try (SmtpClient c = new SmtpClient(smtp)) {
                c.begin("", "bounces@a.example");
                deliver(c);
            }
            write("[a.example]", """
                    webhooks:
                      - {name: added, url: "http://127.0.0.1:%d/hook", secret: "%s", backoff_initial: 50ms}
                    """.formatted(receiver.getAddress().getPort(), KEY));
            assertTrue(run.reload(), String.valueOf(logged(Level.ERROR)));
            // a new endpoint starts from the beginning of the journal: it gets the message sent before it existed
            await("the added endpoint receives the first message's event", () -> received.size() >= 1);
            try (SmtpClient c = new SmtpClient(smtp)) {
                c.begin("", "bounces@a.example");
                deliver(c);
            }
            await("and the next one", () -> received.size() >= 2);
            await("the sender saves its cursor after what it delivered",
                    () -> !cursor("webhook-added").isEmpty() && Long.parseLong(cursor("webhook-added")) >= 2);
            assertTrue(received.stream().anyMatch(body -> body.contains("\"type\":\"bounce.hard\"")), String.valueOf(received));
            assertTrue(metrics().contains("endpoint=\"added\""), "the added endpoint's gauges are registered");

            write("[a.example]", "");
            assertTrue(run.reload());
            String m = metrics();
            assertFalse(m.contains("bouncemx_webhook_backlog_records{endpoint=\"added\""), "a removed endpoint's gauges go: " + m);
            assertTrue(logged(Level.INFO).getLast().contains("removed [added]"), logged(Level.INFO).getLast());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aChangedEndpointRestartsWithItsNewSettingsFromItsOwnCursor() throws Exception {
        var first = new CopyOnWriteArrayList<String>();
        var second = new CopyOnWriteArrayList<String>();
        HttpServer a = receiver(first);
        HttpServer b = null;
        try {
            file = dir.resolve("bouncemx.yml");
            String endpoint = """
                    webhooks:
                      - {name: main, url: "http://127.0.0.1:%d/hook", secret: "%s", backoff_initial: 50ms}
                    """;
            write("[a.example]", endpoint.formatted(a.getAddress().getPort(), KEY));
            InetSocketAddress smtp = start();
            try (SmtpClient c = new SmtpClient(smtp)) {
                c.begin("", "bounces@a.example");
                deliver(c);
            }
            // the bounce and the suppression change it caused, both acknowledged and saved in the sender's cursor
            await("the first receiver gets both events and the sender saves its cursor after them",
                    () -> first.size() >= 2 && cursor("webhook-main").equals("2"));

            b = receiver(second);
            write("[a.example]", endpoint.formatted(b.getAddress().getPort(), KEY));
            assertTrue(run.reload(), String.valueOf(logged(Level.ERROR)));
            assertTrue(logged(Level.INFO).getLast().contains("changed [main]"), logged(Level.INFO).getLast());
            try (SmtpClient c = new SmtpClient(smtp)) {
                c.begin("", "bounces@a.example");
                c.send("DATA").expect("354");
                c.sendRaw(SmtpClient.dataOf(Samples.sample("arf-abuse.eml")));
                c.expect("250 2.0.0");
            }
            int firstAfterReload = first.size();
            await("the new URL gets the complaint", () -> second.stream().anyMatch(body -> body.contains("\"type\":\"complaint\"")));
            // nothing is skipped: every record (1, 2 before the change; 3, 4 after) reaches one URL or the other
            await("records 1 to 4 delivered", () -> java.util.stream.IntStream.rangeClosed(1, 4).allMatch(seq -> {
                String mark = "\"journal_seq\":" + seq + ",";
                return first.stream().anyMatch(body -> body.contains(mark)) || second.stream().anyMatch(body -> body.contains(mark));
            }));
            assertTrue(first.stream().skip(firstAfterReload).noneMatch(body -> body.contains("\"type\":\"complaint\"")),
                    "the old URL gets nothing of what came after the change");
            assertTrue(second.stream().noneMatch(body -> body.contains("\"journal_seq\":1,") || body.contains("\"journal_seq\":2,")),
                    "the restarted sender resumed after its cursor, not from the start: " + second);
        } finally {
            a.stop(0);
            if (b != null) b.stop(0);
        }
    }

    @Test
    void theApiTokenChangesLiveAndAnEmptyOneTurnsTheApiOff() throws Exception {
        file = dir.resolve("bouncemx.yml");
        write("[a.example]", "api:\n  token: \"first-token-0123456789\"\n");
        start();
        assertEquals(200, apiStatus("first-token-0123456789"));
        write("[a.example]", "api:\n  token: \"second-token-0123456789\"\n");
        assertTrue(run.reload(), String.valueOf(logged(Level.ERROR)));
        assertEquals(401, apiStatus("first-token-0123456789"));
        assertEquals(200, apiStatus("second-token-0123456789"));
        write("[a.example]", "");
        assertTrue(run.reload());
        assertEquals(404, apiStatus("second-token-0123456789"));
    }

    /** What a consumer's durable cursor (data.dir/cursors/NAME, journal/Cursor) holds; "" before the first save. */
    private String cursor(String name) {
        try {
            return Files.readString(dir.resolve("data").resolve("cursors").resolve(name)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private int apiStatus(String token) throws Exception {
        var uri = URI.create("http://127.0.0.1:" + run.httpAddress().getPort() + "/api/v1/suppressions/someone%40a.example");
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpServer receiver(List<String> bodies) throws IOException {
        HttpServer r = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        r.createContext("/hook", x -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        r.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory())); // requests in parallel
        r.start();
        return r;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(5);
        }
    }
}
