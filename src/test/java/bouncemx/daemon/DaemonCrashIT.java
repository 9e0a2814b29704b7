package bouncemx.daemon;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durability promise end to end: the real daemon (the packaged jar, in a forked JVM) takes bounces
 * from 8 concurrent SMTP sessions over loopback and is killed with SIGKILL while they are in flight;
 * every message that got "250 2.0.0 &lt;id&gt;" is in the journal afterwards, with its events. The daemon
 * then restarts on the same data directory, recovers, accepts more mail, and stops cleanly on SIGTERM.
 * Bounded: about two seconds of load, deadlines everywhere.
 */
class DaemonCrashIT {
    private static final Pattern LISTENING = Pattern.compile("listening for SMTP on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ACK = Pattern.compile("^250 2\\.0\\.0 (\\S+)");

    record Daemon(Process process, int port, List<String> log) {}

    static Daemon start(Path data) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("bouncemx.jar", "target/bouncemx.jar");
        var pb = new ProcessBuilder(javaBin, "-Xmx256m", "-jar", jar, "run",
                "--set", "smtp.listen=127.0.0.1:0", "--set", "http.listen=127.0.0.1:0",
                "--set", "data.dir=" + data, "--set", "smtp.max_connections_per_ip=100");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        var port = new java.util.concurrent.CompletableFuture<Integer>();
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

    @Test
    void everyAcknowledgedMessageSurvivesSigkillAndTheDaemonRecovers(@TempDir Path data) throws Exception {
        Daemon d = start(data);
        List<byte[]> messages = List.of(Samples.sample("dsn-userunknown.eml"), Samples.sample("dsn-two-recipients-delayed.eml"),
                Samples.sample("arf-abuse.eml"), Samples.sample("auto-reply.eml"), Samples.sample("not-a-bounce.eml"));
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicBoolean run = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int seed = c;
            Thread t = Thread.ofPlatform().name("client-" + c).start(() -> {
                try (var s = new SmtpClient(new InetSocketAddress("127.0.0.1", d.port()))) {
                    s.socket().setSoTimeout(10_000);
                    s.expectPlain("220");
                    s.send("EHLO load.example");
                    s.expectPlain("250");
                    for (int i = 0; run.get(); i++) {
                        s.send("MAIL FROM:<>");
                        s.expect("250");
                        s.send("RCPT TO:<b+user" + seed + "=example.com@bounce.example>");
                        s.expect("250");
                        s.send("DATA");
                        s.expect("354");
                        s.sendRaw(SmtpClient.dataOf(messages.get((seed + i) % messages.size())));
                        Matcher m = ACK.matcher(s.expect("250"));
                        if (m.find()) acked.add(m.group(1));
                    }
                } catch (IOException | AssertionError e) {
                    // the kill ends every session: what was acknowledged before is what counts
                }
            });
            clients.add(t);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (acked.size() < 200 && System.nanoTime() < deadline) Thread.sleep(20); // load builds up
        d.process().destroyForcibly();                                                  // SIGKILL mid-flight
        assertTrue(d.process().waitFor(20, TimeUnit.SECONDS), "the daemon died");
        run.set(false);
        for (Thread t : clients) t.join(20_000);
        Set<String> ackedAtKill = new HashSet<>(acked);
        assertTrue(ackedAtKill.size() >= 50, "load was acknowledged before the kill: " + ackedAtKill.size());

        Set<String> journaled = new HashSet<>();
        long last = readJournal(data, journaled);
        Set<String> lost = new HashSet<>(ackedAtKill);
        lost.removeAll(journaled);
        assertEquals(Set.of(), lost, "acknowledged but not journaled");
        System.out.printf("[crash] %d acknowledged before SIGKILL, %d journaled (seq 1..%d), none lost%n",
                ackedAtKill.size(), journaled.size(), last);

        // restart on the same data: recovery, then one more message, then a clean stop
        Daemon again = start(data);
        try (var s = new SmtpClient(new InetSocketAddress("127.0.0.1", again.port()))) {
            s.socket().setSoTimeout(10_000);
            s.begin("", "b+after=example.com@bounce.example");
            s.send("DATA");
            s.expect("354");
            s.sendRaw(SmtpClient.dataOf(messages.get(0)));
            s.expect("250 2.0.0");
            s.send("QUIT");
            s.expect("221");
        }
        again.process().destroy();                                                      // SIGTERM
        assertTrue(again.process().waitFor(30, TimeUnit.SECONDS), "graceful stop");
        assertEquals(0, again.process().exitValue(), String.join("\n", again.log()));
        Set<String> after = new HashSet<>();
        assertEquals(last + 1, readJournal(data, after), "sequence numbers continue after recovery");
    }

    /** Reads every committed journal record; collects message ids; returns the last sequence number. */
    static long readJournal(Path data, Set<String> ids) throws IOException {
        long last = 0;
        try (var r = new JournalReader(data.resolve("journal"), 1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                JournalEntry e = JournalEntry.decode(rec.get().payload());
                assertTrue(e.events().size() >= 1, "every journaled message has an event");
                ids.add(e.messageId());
                last = rec.get().seq();
            }
        }
        assertTrue(Files.isDirectory(data.resolve("journal")));
        return last;
    }
}
