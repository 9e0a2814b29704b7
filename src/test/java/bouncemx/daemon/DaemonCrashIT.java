package bouncemx.daemon;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import bouncemx.testing.DaemonProcess;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Pattern ACK = Pattern.compile("^250 2\\.0\\.0 (\\S+)");

    static DaemonProcess start(Path data) throws Exception {
        return DaemonProcess.start(data, List.of("-Xmx256m"), "smtp.max_connections_per_ip=100");
    }

    @Test
    void everyAcknowledgedMessageSurvivesSigkillAndTheDaemonRecovers(@TempDir Path data) throws Exception {
        try (DaemonProcess d = start(data)) {
            crashAndRecover(d, data);
        }
    }

    /** 8 sessions of load, SIGKILL, the journal checked, a restart on the same data, one more message, SIGTERM. */
    private static void crashAndRecover(DaemonProcess d, Path data) throws Exception {
        List<byte[]> messages = List.of(Samples.sample("dsn-userunknown.eml"), Samples.sample("dsn-two-recipients-delayed.eml"),
                Samples.sample("arf-abuse.eml"), Samples.sample("auto-reply.eml"), Samples.sample("not-a-bounce.eml"));
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicBoolean run = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int seed = c;
            Thread t = Thread.ofPlatform().name("client-" + c).start(() -> {
                try (var s = new SmtpClient(d.smtp())) {
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
        d.kill();                                                                       // SIGKILL mid-flight
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
        // journal.preallocate_bytes (default 4 MiB): the newest segment ends in zeros, which recovery takes for the end
        Path newest;
        try (var files = Files.list(data.resolve("journal"))) {
            newest = files.filter(f -> f.getFileName().toString().endsWith(".journal")).sorted().toList().getLast();
        }
        long recordsEnd = recordsEnd(newest);
        assertTrue(Files.size(newest) > recordsEnd, "preallocated zeros after the records: " + Files.size(newest) + " > " + recordsEnd);

        // restart on the same data: recovery, then one more message, then a clean stop
        try (DaemonProcess again = start(data); var s = new SmtpClient(again.smtp())) {
            s.socket().setSoTimeout(10_000);
            s.begin("", "b+after=example.com@bounce.example");
            s.send("DATA");
            s.expect("354");
            s.sendRaw(SmtpClient.dataOf(messages.get(0)));
            s.expect("250 2.0.0");
            s.send("QUIT");
            s.expect("221");
            DaemonProcess.Stop stop = again.stop(Duration.ofSeconds(30));                // SIGTERM
            assertTrue(stop.exited(), "graceful stop within 30 s");
            assertEquals(0, stop.exitCode(), String.join("\n", again.log()));
            // SIGKILL can stop a write between pages (a torn tail, cut); the zeros after the records are not damage
            assertTrue(again.log().stream().noneMatch(l -> l.contains("damaged bytes")), String.join("\n", again.log()));
        }
        assertEquals(recordsEnd(newest), Files.size(newest), "a clean stop cuts the zeros off");
        // the one new message is journaled after every record of before the kill: numbers strictly increase and
        // are never reused (they may skip the numbers of a torn tail: journal package-info, "Sequence numbers")
        Set<String> after = new HashSet<>();
        long newLast = readJournal(data, after);
        assertTrue(newLast > last, "the record after recovery is numbered after " + last + ", got " + newLast);
        assertEquals(journaled.size() + 1, after.size(), "every record survived the restart and one was added");
        assertTrue(after.containsAll(journaled), "every record of before the restart is still there");
    }

    /** Where the records of a segment end: the offset after the last one that reads back whole. */
    static long recordsEnd(Path segment) throws IOException {
        long end = 0;
        try (var ch = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.READ)) {
            var header = java.nio.ByteBuffer.allocate(4);
            while (true) {
                header.clear();
                if (ch.read(header, end) < 4) return end;
                int length = header.getInt(0);
                if (length <= 0 || end + 4 + length > ch.size()) return end;
                end += 4 + length;
            }
        }
    }

    /**
     * Reads every committed journal record; collects the ids of received messages (not the suppression.changed
     * records the suppression state writes, ids "sc-..."); returns the last sequence number.
     */
    static long readJournal(Path data, Set<String> ids) throws IOException {
        long last = 0;
        try (var r = new JournalReader(data.resolve("journal"), 1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                JournalEntry e = JournalEntry.decode(rec.get().payload());
                assertTrue(e.events().size() >= 1, "every journaled message has an event");
                if (!e.messageId().startsWith("sc-")) ids.add(e.messageId());
                last = rec.get().seq();
            }
        }
        assertTrue(Files.isDirectory(data.resolve("journal")));
        return last;
    }
}
