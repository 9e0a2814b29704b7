package bouncemx.daemon;

import bouncemx.testing.DaemonProcess;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's life as an operator and systemd see it, on the real jar in a forked JVM (the JDK running the
 * tests, 25 here): no JVM warning at start; SIGTERM and SIGINT with sessions open end it with status 0 within the
 * stop budget; SIGHUP reloads its configuration file (a new domain applies to a session opened before); with
 * BOUNCEMX_LOG_FORMAT=json every line it writes is one JSON object, and an accepted message has its one INFO line.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LifecycleIT {
    private static final Duration STOP_BUDGET = Duration.ofSeconds(60); // systemd's TimeoutStopSec

    @TempDir
    Path dir;

    private static void deliver(SmtpClient c) throws IOException {
        c.send("DATA").expect("354");
        c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
        c.expect("250 2.0.0");
    }

    private static void signal(long pid, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill did not finish");
        assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes()));
    }

    private static List<String> jvmWarnings(DaemonProcess d) {
        return d.log().stream().filter(l -> l.contains("WARNING:")).toList();
    }

    @Test
    void sigtermWithSessionsOpenStopsGracefullyWithStatusZeroAndNoJvmWarning() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir.resolve("data"), List.of("-Xmx256m"));
             SmtpClient idle = new SmtpClient(d.smtp());
             SmtpClient delivered = new SmtpClient(d.smtp());
             SmtpClient inTransaction = new SmtpClient(d.smtp())) {
            idle.expectPlain("220");
            idle.send("EHLO idle.example").expectPlain("250");
            delivered.begin("", "bounces@bounce.example.com");
            deliver(delivered);
            inTransaction.begin("", "bounces@bounce.example.com");

            signal(d.pid(), "TERM");
            await(d, "SMTP stopping");
            deliver(inTransaction); // the transaction open at SIGTERM finishes
            DaemonProcess.Stop stop = d.stop(STOP_BUDGET); // SIGTERM again (the stop is under way): waits for the exit
            assertTrue(stop.exited(), "SIGTERM did not end the daemon\n" + d.logTail(20));
            assertTrue(stop.took().toSeconds() < 10, "the stop waited for nothing: " + stop);
            assertEquals(0, stop.exitCode(), d.logTail(20));
            assertTrue(d.logged("bouncemx stopped"), stop + "\n" + d.logTail(20));
            assertTrue(idle.closedByServer());
            assertEquals(List.of(), jvmWarnings(d), "JVM warnings at start (JDK " + Runtime.version().feature() + ")");
        }
    }

    @Test
    void sigintStopsWithStatusZero() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir.resolve("data"), List.of("-Xmx256m"));
             SmtpClient c = new SmtpClient(d.smtp())) {
            c.begin("", "bounces@bounce.example.com");
            deliver(c);
            signal(d.pid(), "INT");
            assertTrue(d.process().waitFor(STOP_BUDGET.toSeconds(), TimeUnit.SECONDS), "SIGINT did not end the daemon");
            assertEquals(0, d.process().exitValue(), d.logTail(20));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void sighupReloadsTheConfigurationFileWithoutDroppingASession() throws Exception {
        Path file = dir.resolve("bouncemx.yml");
        Files.writeString(file, "smtp:\n  domains: [a.example]\n");
        try (DaemonProcess d = DaemonProcess.start(dir.resolve("data"), List.of("-Xmx256m"), Map.of(),
                List.of("--config", file.toString()));
             SmtpClient before = new SmtpClient(d.smtp())) {
            before.begin("", "bounces@a.example");
            before.send("RCPT TO:<bounces@b.example>").expect("550");

            Files.writeString(file, "smtp:\n  domains: [a.example, b.example]\n");
            signal(d.pid(), "HUP");
            await(d, "configuration reloaded");
            assertTrue(d.alive(), "SIGHUP ended the daemon");
            before.send("RCPT TO:<bounces@b.example>").expect("250");
            deliver(before);

            Files.writeString(file, "smtp:\n  domains: [a.example\n"); // broken YAML: refused, the daemon goes on
            signal(d.pid(), "HUP");
            await(d, "configuration reload refused");
            try (SmtpClient after = new SmtpClient(d.smtp())) {
                after.begin("", "bounces@b.example");
                deliver(after);
            }
            assertEquals(1, d.log().stream().filter(l -> l.contains(" ERROR ")).count(), d.logTail(20));

            DaemonProcess.Stop stop = d.stop(STOP_BUDGET);
            assertEquals(0, stop.exitCode(), d.logTail(20));
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithOneInfoLinePerAcceptedMessage() throws Exception {
        var json = new ObjectMapper();
        List<String> lines;
        String id;
        try (DaemonProcess d = DaemonProcess.start(dir.resolve("data"), List.of("-Xmx256m"),
                Map.of("BOUNCEMX_LOG_FORMAT", "json"), List.of());
             SmtpClient c = new SmtpClient(d.smtp())) {
            c.begin("", "bounces@bounce.example.com");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
            String reply = c.expect("250 2.0.0");
            id = reply.substring(reply.lastIndexOf(' ') + 1);
            assertEquals(0, d.stop(STOP_BUDGET).exitCode(), d.logTail(20));
            lines = d.log();
        }
        assertTrue(lines.size() >= 4, String.join("\n", lines));
        List<JsonNode> accepted = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = json.readTree(line); // throws on anything but one JSON value
            assertTrue(n.isObject(), line);
            assertTrue(n.path("level").isTextual() && n.path("formattedMessage").isTextual()
                    && n.path("timestamp").isNumber() && n.path("loggerName").isTextual(), line);
            if (n.path("formattedMessage").asText().startsWith("accepted ")) accepted.add(n);
        }
        assertEquals(1, accepted.size(), String.join("\n", lines));
        JsonNode a = accepted.getFirst();
        assertEquals("INFO", a.path("level").asText());
        assertEquals(id, a.path("mdc").path("msg").asText(), "the message id is in the MDC");
        String text = a.path("formattedMessage").asText();
        assertTrue(text.matches("accepted \\d+ bytes from 127\\.0\\.0\\.1 for 1 recipient\\(s\\): 1 event\\(s\\) \\[bounce\\.hard\\]: 250 2\\.0\\.0 .*"), text);
        assertFalse(text.contains("bounce.example.com"), "no address at INFO: " + text);
    }

    private static void await(DaemonProcess d, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!d.logged(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no \"" + text + "\" in\n" + d.logTail(20));
            Thread.sleep(10);
        }
    }
}
