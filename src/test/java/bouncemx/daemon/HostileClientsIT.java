package bouncemx.daemon;

import bouncemx.pipeline.JournalEntry;
import bouncemx.testing.DaemonProcess;
import bouncemx.testing.JournalContents;
import bouncemx.testing.NonReadingClient;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real daemon (the packaged jar, a forked JVM at -Xmx256m, loopback port 0, a fresh data directory per
 * test) against the hostile clients of issue 9: a pipeliner that never reads, SIZE hoarders, many large
 * messages at once, trickles, a huge BDAT, a non-reading client during SIGTERM, control characters in HELO,
 * trickling connections holding every slot. Each test ends by proving the daemon is still healthy
 * ({@link #assertStillHealthy}): alive, no OutOfMemoryError in its output, an honest client's transaction
 * acknowledged with "250 2.0.0 &lt;id&gt;" and that id in the journal, {@code GET /healthz} 200.
 * Bounded: every client has a socket timeout, every wait a deadline, every test a {@link Timeout}.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class HostileClientsIT {
    private static final List<String> SMALL_HEAP = List.of("-Xmx256m");
    private static final String MANY_CONNECTIONS = "smtp.max_connections_per_ip=500";
    /** The honest message: a real DSN, small enough for every limit used here (1.2 KB). */
    private static final byte[] HONEST = Samples.sample("dsn-two-recipients-delayed.eml");
    private static final String RCPT = "b+user=example.com@bounce.example";
    private static final Pattern ACK = Pattern.compile("^250 2\\.0\\.0 (\\S+)$");
    private static final Pattern TEMPORARY_REFUSAL = Pattern.compile("^(452 4\\.3\\.1|451 4\\.3\\.\\d+)( .*)?$");
    private static final byte[] EHLO_LINES = repeat("EHLO x\r\n", 8192); // 64 KiB of pipelined EHLO
    private static final byte[] NOOP_LINES = repeat("NOOP\r\n", 10923);

    // ---------------------------------------------------------------- 1. non-reading pipeliner

    @Test
    void aPipelinerThatNeverReadsIsCutOffAndCannotExhaustTheHeap(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP, "smtp.command_timeout=3s");
             NonReadingClient attacker = NonReadingClient.connect(d.smtp(), 0)) {
            var attack = new CompletableFuture<NonReadingClient.Result>();
            Thread.ofPlatform().daemon().name("pipeliner").start(() -> {
                try {
                    // ~12 MB killed a 512 MB heap in under 10 s; the server must stop it well before 15 s
                    attack.complete(attacker.pump(EHLO_LINES, Long.MAX_VALUE, Duration.ofSeconds(15), Duration.ofDays(1)));
                } catch (IOException | RuntimeException e) {
                    attack.completeExceptionally(e);
                }
            });
            awaitCondition(() -> attacker.sent() >= 256 * 1024 || attack.isDone(), Duration.ofSeconds(10), "the attack got going");
            String during = honestTransaction(d);                       // meanwhile: an honest client is served
            NonReadingClient.Result r = attack.get(30, TimeUnit.SECONDS);
            System.out.printf("[pipeliner] %s after %.1f MB in %d ms (%s)%n", r.end(), r.bytesSent() / 1e6, r.elapsed().toMillis(), r.error());
            assertNoOutOfMemory(d);
            assertTrue(r.closedByServer(), "the server did not close the connection of a client that never reads within 15 s: "
                    + r + "\n" + d.logTail(20));
            assertTrue(JournalContents.messageIds(data).contains(during), "the acknowledged id " + during + " is journaled");
            assertStillHealthy(d, data);
        }
    }

    // ---------------------------------------------------------------- 2. SIZE hoarders

    @Test
    void connectionsDeclaringTheMaximumSizeAndSendingNothingCannotExhaustTheHeap(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP, MANY_CONNECTIONS); var held = new Held()) {
            int answered = 0;
            for (int i = 0; i < 100; i++) {
                SmtpClient c = held.add(new SmtpClient(d.smtp()));
                c.expectPlain("220");
                c.send("EHLO hoarder" + i + ".example");
                c.expectPlain("250");
                c.send("MAIL FROM:<> SIZE=10485760");
                List<String> mail = c.readReply();
                if (mail == null) fail("hoarder " + i + ": connection dropped at MAIL\n" + d.logTail(20));
                if (!last(mail).startsWith("250")) {
                    assertTemporaryRefusal(last(mail), "hoarder " + i + " MAIL");
                    continue;
                }
                c.send("RCPT TO:<" + RCPT + ">").expect("250");
                c.send("DATA");
                List<String> data354 = c.readReply();
                if (data354 == null) fail("hoarder " + i + ": connection dropped at DATA (" + answered + " held)\n" + d.logTail(20));
                if (!last(data354).startsWith("354")) assertTemporaryRefusal(last(data354), "hoarder " + i + " DATA");
                answered++;
            }
            System.out.printf("[hoarders] 100 connections declared SIZE=10485760; %d got 354 or a temporary refusal at DATA%n", answered);
            assertNoOutOfMemory(d);
            assertStillHealthy(d, data);                                 // while all 100 are still held open
        }
    }

    // ---------------------------------------------------------------- 3. 30 honest 9 MB messages at once

    @Test
    void thirtyLargeMessagesAtOnceAreEachAcceptedOrRefusedForNowNeverDropped(@TempDir Path data) throws Exception {
        byte[] wire = SmtpClient.dataOf(padded(HONEST, 9 * 1024 * 1024));
        int size = wire.length - 3;
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP, MANY_CONNECTIONS); var held = new Held()) {
            ExecutorService pool = Executors.newFixedThreadPool(30);
            List<CompletableFuture<String>> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < 30; i++) {
                    int n = i;
                    outcomes.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            SmtpClient c = held.add(new SmtpClient(d.smtp()));
                            c.socket().setSoTimeout(60_000);
                            c.expectPlain("220");
                            c.send("EHLO big" + n + ".example");
                            c.expectPlain("250");
                            c.send("MAIL FROM:<> SIZE=" + size);
                            String r = lastOrClosed(c.readReply());
                            if (!r.startsWith("250")) return r;
                            c.send("RCPT TO:<" + RCPT + ">").expect("250");
                            c.send("DATA");
                            r = lastOrClosed(c.readReply());
                            if (!r.startsWith("354")) return r;
                            try {
                                c.sendRaw(wire);
                            } catch (IOException e) { // the server may refuse and stop reading: its reply counts
                                c.socket().setSoTimeout(2_000);
                                List<String> early = c.readReply();
                                return early == null ? "failed: " + e + ", and no reply" : last(early);
                            }
                            return lastOrClosed(c.readReply());
                        } catch (IOException | RuntimeException | AssertionError e) {
                            return "failed: " + e;
                        }
                    }, pool));
                }
                CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            List<String> acked = new ArrayList<>();
            List<String> replies = new ArrayList<>();
            for (CompletableFuture<String> f : outcomes) replies.add(f.get());
            for (String r : replies) {
                var m = ACK.matcher(r);
                if (m.matches()) acked.add(m.group(1));
            }
            System.out.printf("[9MB x 30] %d accepted; the others: %s%n", acked.size(),
                    replies.stream().filter(r -> !ACK.matcher(r).matches()).map(r -> r.length() > 60 ? r.substring(0, 60) : r).distinct().toList());
            assertNoOutOfMemory(d);
            for (String r : replies) {
                if (!ACK.matcher(r).matches()) assertTemporaryRefusal(r, "a 9 MB message (all replies: " + replies + ")\n" + String.join("\n",
                        d.log().stream().filter(l -> !l.contains(" - accepted ")).toList()));
            }
            assertFalse(acked.isEmpty(), "at least one of 30 honest 9 MB messages is accepted: " + replies);
            List<String> journaled = JournalContents.messageIds(data);
            for (String id : acked) assertTrue(journaled.contains(id), "acknowledged " + id + " is journaled");
            assertStillHealthy(d, data);
        }
    }

    // ---------------------------------------------------------------- 4. trickles

    @Test
    void aCommandLineTrickledOneBytePerSecondIsCutOffAtTheCommandTimeout(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP, "smtp.command_timeout=3s");
             SmtpClient c = new SmtpClient(d.smtp());
             var trickle = new Trickle()) {
            c.expectPlain("220");
            c.send("EHLO trickle.example");
            c.expectPlain("250");
            long t0 = System.nanoTime();
            trickle.start(c.socket().getOutputStream(), "MAIL FROM:<a@b.example>\r\n", Duration.ofSeconds(1));
            String reply = replyWithin(c, Duration.ofSeconds(12), "a command line trickled at 1 byte/s (each byte resets the read timer?)");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[trickle line] %s after %d ms%n", reply, ms);
            assertTrue(reply.startsWith("421 4.4.2"), "the trickled line is answered 421 4.4.2, got " + reply);
            assertTrue(ms <= 3_000 + 4_000, "421 within the 3 s command timeout + slack, took " + ms + " ms");
            assertClosedWithin(c, Duration.ofSeconds(5));
            assertStillHealthy(d, data);
        }
    }

    @Test
    void dataTrickledBelowTheMinimumRateIsCutOffAndNothingIsJournaled(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP, "smtp.command_timeout=3s", "smtp.min_data_rate=500");
             SmtpClient c = new SmtpClient(d.smtp());
             var trickle = new Trickle()) {
            c.begin("", "b+trickle=example.com@bounce.example");
            c.send("DATA").expect("354");
            long t0 = System.nanoTime();
            // 44 bytes at one per 300 ms: complete after ~13 s unless the server ends it first
            trickle.start(c.socket().getOutputStream(), "Subject: slow\r\n\r\nthis arrives very slowly\r\n.\r\n", Duration.ofMillis(300));
            String reply = replyWithin(c, Duration.ofSeconds(20), "DATA trickled at ~3 bytes/s");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[trickle data] %s after %d ms%n", reply, ms);
            assertTrue(reply.startsWith("421 4.4.2"), "DATA at ~3 bytes/s (minimum 500) is answered 421 4.4.2, got " + reply);
            assertTrue(ms <= 3_000 + 5_000, "421 within a few seconds, took " + ms + " ms");
            assertClosedWithin(c, Duration.ofSeconds(5));
            for (JournalEntry e : JournalContents.entries(data)) {
                assertFalse(e.envelope().rcptTo().contains("b+trickle=example.com@bounce.example"), "the trickled message was journaled");
            }
            assertStillHealthy(d, data);
        }
    }

    // ---------------------------------------------------------------- 5. BDAT over the limit

    @Test
    void aHugeBdatIsRefusedAtOnceWithoutWaitingForItsBytes(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP); SmtpClient c = new SmtpClient(d.smtp())) {
            c.begin("", RCPT);
            long t0 = System.nanoTime();
            c.send("BDAT 99999999999 LAST");
            String reply = replyWithin(c, Duration.ofSeconds(5), "BDAT of ~100 GB (the server waits for the bytes?)");
            System.out.printf("[huge bdat] %s after %d ms%n", reply, (System.nanoTime() - t0) / 1_000_000);
            assertTrue(reply.startsWith("552 5.3.4"), "BDAT far over max_message_bytes is 552 5.3.4, got " + reply);
            assertClosedWithin(c, Duration.ofSeconds(5));
            assertStillHealthy(d, data);
        }
    }

    @Test
    void chunksAfterAnOversizedBdatAreAnsweredWithoutCountingAsBadCommands(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP, "smtp.max_message_bytes=2048");
             SmtpClient c = new SmtpClient(d.smtp())) {
            c.begin("", RCPT);
            c.send("BDAT 1500");
            c.sendRaw("x".repeat(1500));
            c.expect("250");
            c.send("BDAT 1000");                                       // takes the message to 2,500 bytes
            c.sendRaw("x".repeat(1000));
            c.expect("552 5.3.4");
            for (int i = 1; i <= 25; i++) {
                c.send("BDAT 10");
                c.sendRaw("0123456789");
                List<String> r = c.readReply();
                assertNotNull(r, "chunk " + i + " after the oversized one: connection closed without a reply");
                assertFalse(last(r).startsWith("421"), "chunk " + i + " after the oversized one: " + r);
            }
            c.send("RSET").expect("250");
            c.send("MAIL FROM:<>").expect("250");
            c.send("RCPT TO:<" + RCPT + ">").expect("250");
            byte[] raw = SmtpClient.crlf(HONEST);
            c.send("BDAT " + raw.length + " LAST");
            c.sendRaw(raw);
            var m = ACK.matcher(c.expect("250 2.0.0 "));
            assertTrue(m.matches());
            assertTrue(JournalContents.messageIds(data).contains(m.group(1)), "the fresh transaction is journaled");
            assertStillHealthy(d, data);
        }
    }

    // ---------------------------------------------------------------- 6. SIGTERM with a client that does not read

    @Test
    void sigtermEndsTheDaemonWithinTheUnitsStopTimeoutWhileAClientHoldsUnsentReplies(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP);
             NonReadingClient holder = NonReadingClient.connect(d.smtp(), 4096)) {
            // 512 KiB of pipelined EHLO provoke ~10 MB of replies: far more than the socket buffers hold
            NonReadingClient.Result burst = holder.pump(EHLO_LINES, 512 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(2));
            // then batches of NOOPs, as a client pipelines them, until the server stops reading us (its replies are
            // stuck behind a full send buffer) or 8 s have passed: either way it holds far more replies than the
            // socket buffers take, and the connection is open when SIGTERM comes
            NonReadingClient.Result r = burst;
            long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (r.end() != NonReadingClient.End.STALLED && System.nanoTime() < end) {
                Thread.sleep(100); // the client's pace between batches, not a wait for a condition
                r = holder.pump(NOOP_LINES, 64 * 1024, Duration.ofSeconds(8), Duration.ofSeconds(1));
            }
            System.out.printf("[sigterm] holder wrote %.1f MB (%s, then %s), never reads%n", r.bytesSent() / 1e6, burst.end(), r.end());
            assertFalse(r.closedByServer(), "the holder's connection is open when SIGTERM comes: " + r);
            String id = honestTransaction(d);                           // the daemon serves others meanwhile
            DaemonProcess.Stop stop = d.stop(Duration.ofSeconds(60));    // systemd's TimeoutStopSec
            System.out.printf("[sigterm] stop took %d ms, exited=%s, code %d%n", stop.took().toMillis(), stop.exited(), stop.exitCode());
            assertTrue(stop.exited(), "SIGTERM did not end the daemon within 60 s (killed)\n" + d.logTail(20));
            assertTrue(stop.took().compareTo(Duration.ofSeconds(55)) < 0, "stop took " + stop.took());
            assertEquals(0, stop.exitCode(), d.logTail(20));
            assertTrue(JournalContents.messageIds(data).contains(id), "the message acknowledged before SIGTERM is journaled");
        }
    }

    // ---------------------------------------------------------------- 7. control characters in HELO

    @Test
    void controlCharactersInTheHeloNameNeverReachTheJournal(@TempDir Path data) throws Exception {
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP)) {
            for (String name : List.of("ex\u0000ample", "ex\u007fample")) {
                try (SmtpClient c = new SmtpClient(d.smtp())) {
                    c.expectPlain("220");
                    c.send("EHLO " + name);
                    List<String> r = c.readReply();
                    assertNotNull(r, "EHLO with a control character: connection closed without a reply");
                    if (last(r).startsWith("501")) {
                        assertTrue(last(r).matches("501 5\\.5\\.\\d+( .*)?"), "refused with 501 5.5.x: " + r);
                        continue;
                    }
                    assertTrue(last(r).startsWith("250"), "EHLO with a control character: 501 5.5.x or 250, got " + r);
                    c.send("MAIL FROM:<>").expect("250");
                    c.send("RCPT TO:<" + RCPT + ">").expect("250");
                    c.send("DATA").expect("354");
                    c.sendRaw(SmtpClient.dataOf(HONEST));
                    var m = ACK.matcher(c.expect("250 2.0.0 "));
                    assertTrue(m.matches());
                    JournalEntry e = JournalContents.entries(data).stream()
                            .filter(x -> x.messageId().equals(m.group(1))).findFirst()
                            .orElseThrow(() -> new AssertionError("acknowledged " + m.group(1) + " is not journaled"));
                    String helo = e.envelope().helo();
                    assertFalse(helo.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f),
                            "the journaled HELO name has a control character: " + escape(helo));
                }
            }
            assertStillHealthy(d, data);
        }
    }

    // ---------------------------------------------------------------- 8. connections holding every slot

    @Test
    void silentConnectionsHoldingEverySlotAreClosedAtTheCommandTimeout(@TempDir Path data) throws Exception {
        holdEverySlot(data, false);
    }

    @Test
    void tricklingConnectionsHoldingEverySlotAreClosedAtTheCommandTimeout(@TempDir Path data) throws Exception {
        holdEverySlot(data, true);
    }

    /**
     * 60 connections take all 60 slots (a 61st is refused 421 4.7.0), then send nothing, or trickle a command
     * line at one byte per second; within the 3 s command timeout + slack each is answered 421 4.4.2 and
     * closed, and a new honest client gets through.
     */
    private static void holdEverySlot(Path data, boolean trickle) throws Exception {
        int slots = 60;
        try (DaemonProcess d = DaemonProcess.start(data, SMALL_HEAP, "smtp.max_connections=" + slots,
                "smtp.max_connections_per_ip=" + slots, "smtp.command_timeout=3s");
             var held = new Held();
             ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor()) {
            long t0 = System.nanoTime();
            List<SmtpClient> clients = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                SmtpClient c = held.add(new SmtpClient(d.smtp()));
                c.expectPlain("220");
                clients.add(c);
            }
            try (SmtpClient extra = new SmtpClient(d.smtp())) {
                extra.expect("421 4.7.0");                              // every slot is really taken
            }
            if (trickle) {
                byte[] line = "MAIL FROM:<a@b.example>\r\n".getBytes(StandardCharsets.US_ASCII);
                int[] pos = {0};
                ticks.scheduleAtFixedRate(() -> {
                    int p = pos[0]++;
                    if (p >= line.length) return;
                    for (SmtpClient c : clients) {
                        try {
                            c.socket().getOutputStream().write(line[p]);
                        } catch (IOException closed) {
                            // that one was closed by the server: what the test waits for
                        }
                    }
                }, 0, 1, TimeUnit.SECONDS);
            }
            long deadline = t0 + Duration.ofSeconds(3 + 5).toNanos();
            List<String> replies = new ArrayList<>();
            for (SmtpClient c : clients) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                c.socket().setSoTimeout((int) left);
                String r;
                try {
                    List<String> reply = c.readReply();
                    r = reply == null ? "closed without a reply" : last(reply);
                } catch (SocketTimeoutException e) {
                    r = "still open after " + (System.nanoTime() - t0) / 1_000_000 + " ms";
                }
                replies.add(r);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[slots, %s] 60 connections: %s in %d ms%n", trickle ? "trickling" : "silent",
                    replies.stream().distinct().toList(), ms);
            for (String r : replies) assertTrue(r.startsWith("421 4.4.2"), "each connection holding a slot gets 421 4.4.2 within 3 s + slack: " + replies);
            for (SmtpClient c : clients) assertClosedWithin(c, Duration.ofSeconds(5));
            awaitCondition(() -> {
                try (SmtpClient probe = new SmtpClient(d.smtp())) {
                    return last(probe.readReply()).startsWith("220");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }, Duration.ofSeconds(5), "a slot is free again");
            assertStillHealthy(d, data);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Alive, no OutOfMemoryError, an honest transaction acknowledged and journaled, /healthz 200. */
    private static void assertStillHealthy(DaemonProcess d, Path data) throws Exception {
        assertTrue(d.alive(), "the daemon died:\n" + d.logTail(30));
        assertNoOutOfMemory(d);
        String id = honestTransaction(d);
        assertEquals(200, d.httpStatus("/healthz"), "GET /healthz");
        assertTrue(JournalContents.messageIds(data).contains(id), "the acknowledged id " + id + " is in the journal");
    }

    private static void assertNoOutOfMemory(DaemonProcess d) {
        List<String> log = d.log();
        int at = 0;
        while (at < log.size() && !log.get(at).contains("OutOfMemoryError")) at++;
        assertFalse(at < log.size(), "the daemon ran out of memory:\n"
                + String.join("\n", log.subList(Math.max(0, at - 5), Math.min(log.size(), at + 25))));
    }

    /** A complete transaction of an honest client (15 s per reply); the id its "250 2.0.0 &lt;id&gt;" gave. */
    private static String honestTransaction(DaemonProcess d) throws IOException {
        try (SmtpClient c = new SmtpClient(d.smtp())) {
            c.socket().setSoTimeout(15_000);
            c.begin("", RCPT);
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(HONEST));
            var m = ACK.matcher(c.expect("250 2.0.0 "));
            assertTrue(m.matches(), "250 2.0.0 <id>");
            c.send("QUIT").expect("221");
            return m.group(1);
        } catch (IOException | AssertionError e) {
            throw new AssertionError("an honest client was not served: " + e.getMessage() + "\n" + d.logTail(20), e);
        }
    }

    private static void assertTemporaryRefusal(String reply, String what) {
        assertTrue(reply != null && TEMPORARY_REFUSAL.matcher(reply).matches(),
                what + ": 250, or a temporary refusal 452 4.3.1 / 451 4.3.x; got " + reply);
    }

    /** The last line of one reply, reading at most {@code limit}; fails with {@code what} when none comes. */
    private static String replyWithin(SmtpClient c, Duration limit, String what) throws IOException {
        c.socket().setSoTimeout((int) limit.toMillis());
        try {
            List<String> r = c.readReply();
            if (r == null) fail(what + ": the connection was closed without a reply");
            return last(r);
        } catch (SocketTimeoutException e) {
            throw new AssertionError(what + ": no reply within " + limit.toSeconds() + " s");
        }
    }

    private static void assertClosedWithin(SmtpClient c, Duration limit) throws IOException {
        c.socket().setSoTimeout((int) limit.toMillis());
        try {
            assertTrue(c.closedByServer());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + limit.toSeconds() + " s");
        }
    }

    private static String last(List<String> reply) {
        return reply == null ? null : reply.get(reply.size() - 1);
    }

    private static String lastOrClosed(List<String> reply) {
        return reply == null ? "closed without a reply" : reply.get(reply.size() - 1);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits until {@code c} holds, re-checking every 20 ms, at most {@code limit}. */
    private static void awaitCondition(Condition c, Duration limit, String what) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > end) fail("waited " + limit.toSeconds() + " s for: " + what);
            Thread.sleep(20);
        }
    }

    /** {@code message} padded with text lines after its end to {@code size} bytes (an epilogue: still the same report). */
    private static byte[] padded(byte[] message, int size) {
        var b = new ByteArrayOutputStream(size);
        b.writeBytes(message);
        byte[] line = ("x".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (b.size() + line.length <= size) b.writeBytes(line);
        return b.toByteArray();
    }

    private static byte[] repeat(String s, int times) {
        return s.repeat(times).getBytes(StandardCharsets.US_ASCII);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch < 0x20 || ch == 0x7f ? String.format("\\x%02x", (int) ch) : String.valueOf(ch));
        return b.toString();
    }

    /** Connections a test holds open; all closed at the end, whatever happened. */
    private static final class Held implements AutoCloseable {
        private final ConcurrentLinkedQueue<SmtpClient> clients = new ConcurrentLinkedQueue<>();

        SmtpClient add(SmtpClient c) {
            clients.add(c);
            return c;
        }

        @Override
        public void close() {
            for (SmtpClient c : clients) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing at the end of a test
                }
            }
        }
    }

    /** Writes a text one byte at a time with a pause between bytes, from its own thread, until done or closed. */
    private static final class Trickle implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private Thread thread;

        void start(OutputStream out, String text, Duration pause) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            thread = Thread.ofPlatform().daemon().name("trickle").start(() -> {
                try {
                    for (byte b : bytes) {
                        if (stop.get()) return;
                        out.write(b);
                        out.flush();
                        Thread.sleep(pause.toMillis()); // the trickle's pace: the point of the test, not a wait
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server (what the test expects) or stopped
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            if (thread != null) {
                thread.interrupt();
                thread.join(5_000);
            }
        }
    }
}
