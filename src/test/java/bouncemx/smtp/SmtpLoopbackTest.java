package bouncemx.smtp;

import bouncemx.config.Config;
import bouncemx.event.EventJson;
import bouncemx.pipeline.JournalEntry;
import bouncemx.pipeline.Pipeline;
import bouncemx.testing.Engine;
import bouncemx.testing.MemoryJournal;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP edge over loopback (127.0.0.1, port 0) with the real pipeline and an in-memory journal. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpLoopbackTest {
    private final Clock clock = Clock.systemUTC();
    private final MemoryJournal journal = new MemoryJournal();
    private Pipeline pipeline;
    private SmtpServer server;

    static SmtpSettings settings() {
        return SmtpSettings.of(Config.defaults().smtp())
                .withListen(new InetSocketAddress("127.0.0.1", 0))
                .withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private SmtpServer start(SmtpSettings s) throws IOException {
        return start(s, (raw, env, at, now, id) -> Engine.factory().events(raw, env, at, now, null, id), 2, 16);
    }

    private SmtpServer start(SmtpSettings s, Pipeline.Decode decode, int workers, int queue) throws IOException {
        pipeline = new Pipeline(decode, new EventJson(), journal, clock, workers, queue);
        server = new SmtpServer(s, pipeline, new MessageIds(clock), clock);
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        journal.close(); // fails appends a test left stalled, so the pipeline drains at once
        if (pipeline != null) assertTrue(pipeline.close(Duration.ofSeconds(5)));
    }

    private SmtpClient client() throws IOException {
        return new SmtpClient(server.address());
    }

    private static byte[] sample() {
        return Samples.sample("dsn-userunknown.eml");
    }

    @Test
    void acceptsABounceAndJournalsItBeforeAnswering250() throws Exception {
        start(settings());
        try (SmtpClient c = client()) {
            c.begin("", "bounces+abc@bounce.example.com");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(sample()));
            String ok = c.expect("250 2.0.0 ");
            String id = ok.substring("250 2.0.0 ".length());
            c.send("QUIT").expect("221 2.0.0");
            assertTrue(c.closedByServer());

            List<JournalEntry> entries = journal.entries();
            assertEquals(1, entries.size());
            JournalEntry e = entries.get(0);
            assertEquals(id, e.messageId());
            assertEquals("", e.envelope().mailFrom());
            assertEquals(List.of("bounces+abc@bounce.example.com"), e.envelope().rcptTo());
            assertEquals("127.0.0.1", e.envelope().clientIp());
            assertEquals("client.example", e.envelope().helo());
            assertArrayEquals(SmtpClient.crlf(sample()), e.raw());
            assertFalse(e.events().isEmpty());
            String event = e.eventJson(0);
            assertTrue(event.contains("\"type\":\"bounce.hard\""), event);
            assertTrue(event.matches("(?s).*\"id\":\"[0-9a-f]{24}-1\".*"), "event ids come from the content: " + event);
            assertFalse(event.contains("journal_seq"), event);
        }
    }

    @Test
    void ehloAdvertisesEveryExtensionOffered() throws Exception {
        start(settings());
        try (SmtpClient c = client()) {
            List<String> greeting = c.expectPlain("220");
            assertTrue(greeting.get(0).startsWith("220 localhost ESMTP"), greeting.toString());
            c.send("EHLO client.example");
            List<String> lines = c.expectPlain("250 ");
            List<String> keywords = lines.stream().skip(1).map(l -> l.substring(4)).toList();
            assertEquals(List.of("PIPELINING", "SIZE 10485760", "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8", "CHUNKING"),
                    keywords);
            c.send("STARTTLS").expect("454 4.7.0");
        }
    }

    @Test
    void mailBeforeEhloIsABadSequence() throws Exception {
        start(settings());
        try (SmtpClient c = client()) {
            c.expectPlain("220");
            c.send("MAIL FROM:<a@b.example>").expect("503 5.5.1");
            c.send("HELO client.example");
            c.expectPlain("250 localhost");
            c.send("RCPT TO:<x@y.example>").expect("503 5.5.1");
            c.send("MAIL FROM:<a@b.example>").expect("250 2.1.0");
            c.send("DATA").expect("503 5.5.1");
            c.send("MAIL FROM:<a@b.example>").expect("503 5.5.1");
            c.send("RSET").expect("250 2.0.0");
            c.send("NOOP").expect("250 2.0.0");
            c.send("VRFY postmaster").expect("252 2.5.2");
            c.send("HELP").expect("214 2.0.0");
        }
    }

    @Test
    void pipelinedBatchesGetTheirRepliesInOrder() throws Exception {
        start(settings());
        try (SmtpClient c = client()) {
            c.expectPlain("220");
            c.sendRaw("EHLO client.example\r\nMAIL FROM:<>\r\nRCPT TO:<a@x.example>\r\nRCPT TO:<b@x.example>\r\nDATA\r\n");
            c.expectPlain("250 ");
            c.expect("250 2.1.0");
            c.expect("250 2.1.5");
            c.expect("250 2.1.5");
            c.expect("354");
            byte[] data = SmtpClient.dataOf(sample());
            byte[] batch = (new String(data, StandardCharsets.ISO_8859_1)
                    + "MAIL FROM:<mailer-daemon@remote.example> BODY=8BITMIME\r\nRCPT TO:<c@x.example>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            c.sendRaw(batch);
            c.expect("250 2.0.0");
            c.expect("250 2.1.0");
            c.expect("250 2.1.5");
            c.expect("354");
            c.sendRaw((new String(data, StandardCharsets.ISO_8859_1) + "QUIT\r\n").getBytes(StandardCharsets.ISO_8859_1));
            c.expect("250 2.0.0");
            c.expect("221 2.0.0");
        }
        List<JournalEntry> entries = journal.entries();
        assertEquals(2, entries.size());
        assertEquals(List.of("a@x.example", "b@x.example"), entries.get(0).envelope().rcptTo());
        assertEquals("mailer-daemon@remote.example", entries.get(1).envelope().mailFrom());
        assertArrayEquals(SmtpClient.crlf(sample()), entries.get(1).raw());
    }

    @Test
    void bdatChunksMakeOneMessage() throws Exception {
        start(settings());
        byte[] raw = SmtpClient.crlf(sample());
        int half = raw.length / 2;
        try (SmtpClient c = client()) {
            c.begin("", "a@x.example");
            c.send("BDAT " + half);
            c.sendRaw(java.util.Arrays.copyOfRange(raw, 0, half));
            c.expect("250 2.0.0 " + half + " octets");
            // the last chunk pipelined with the next command
            byte[] rest = java.util.Arrays.copyOfRange(raw, half, raw.length);
            c.sendRaw(("BDAT " + rest.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
            c.sendRaw(rest);
            c.send("NOOP");
            String ok = c.expect("250 2.0.0 ");
            c.expect("250 2.0.0 Ok");
            c.send("BDAT 3 LAST");
            c.sendRaw("abc");
            c.expect("503 5.5.1"); // no transaction: the 3 octets were read and dropped, the session is in step
            c.send("NOOP").expect("250 2.0.0");
            assertEquals(ok.substring(10), journal.entries().get(0).messageId());
        }
        assertEquals(1, journal.entries().size());
        assertArrayEquals(raw, journal.entries().get(0).raw());
    }

    @Test
    void acceptsOnlyTheConfiguredRecipientDomainsAndNeverRelays() throws Exception {
        start(settings().withDomains(List.of("bounce.example.com", "*.sub.example.org")));
        try (SmtpClient c = client()) {
            c.begin("sender@anywhere.example");
            c.send("RCPT TO:<x@bounce.example.com>").expect("250 2.1.5");
            c.send("RCPT TO:<x@BOUNCE.Example.COM>").expect("250 2.1.5");
            c.send("RCPT TO:<x@a.sub.example.org>").expect("250 2.1.5");
            c.send("RCPT TO:<x@sub.example.org>").expect("550 5.7.1");
            c.send("RCPT TO:<x@gmail.com>").expect("550 5.7.1");
            c.send("RCPT TO:<x@evil.com.bounce.example.com.evil.com>").expect("550 5.7.1");
            c.send("RCPT TO:<not-an-address>").expect("501 5.1.3");
            c.send("RCPT TO:<>").expect("501 5.1.3");
            c.send("RCPT TO:<Postmaster>").expect("250 2.1.5");
            c.send("RCPT TO:<x@bounce.example.com> NOTIFY=NEVER").expect("555 5.5.4");
        }
    }

    @Test
    void refusesADeclaredSizeOverTheLimit() throws Exception {
        start(settings().withLimits(1000, 100, 2000, 50, 20));
        try (SmtpClient c = client()) {
            c.begin("a@b.example");
            c.send("RSET").expect("250");
            c.send("MAIL FROM:<a@b.example> SIZE=1001").expect("552 5.3.4");
            c.send("MAIL FROM:<a@b.example> SIZE=99999999999999999999999").expect("552 5.3.4");
            c.send("MAIL FROM:<a@b.example> SIZE=12k").expect("501 5.5.4");
            c.send("MAIL FROM:<a@b.example> FOO=bar").expect("555 5.5.4");
            c.send("MAIL FROM:<a@b.example> SIZE=1000").expect("250 2.1.0");
        }
    }

    @Test
    void acceptsSizeParametersWhenThereIsNoLimit() throws Exception {
        start(settings().withLimits(0, 100, 2000, 50, 20));
        try (SmtpClient c = client()) {
            c.expectPlain("220");
            c.send("EHLO c.example");
            assertTrue(c.expectPlain("250 ").contains("250-SIZE"));
            c.send("MAIL FROM:<> SIZE=5000000000").expect("250 2.1.0");
        }
    }

    @Test
    void refusesDataOverTheLimitAndJournalsNothing() throws Exception {
        start(settings().withLimits(1000, 100, 2000, 50, 20));
        try (SmtpClient c = client()) {
            c.begin("", "a@x.example");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf("x".repeat(5000).getBytes(StandardCharsets.US_ASCII)));
            c.expect("552 5.3.4");
            // the session stays in step: a message within the limit goes through
            c.send("MAIL FROM:<>").expect("250");
            c.send("RCPT TO:<a@x.example>").expect("250");
            c.send("BDAT 600");
            c.sendRaw("y".repeat(600));
            c.expect("250 2.0.0");
            c.send("BDAT 600 LAST");
            c.sendRaw("y".repeat(600));
            c.expect("552 5.3.4");
            c.send("MAIL FROM:<>").expect("250");
            c.send("RCPT TO:<a@x.example>").expect("250");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf("small".getBytes(StandardCharsets.US_ASCII)));
            c.expect("250 2.0.0");
        }
        assertEquals(1, journal.entries().size());
        assertEquals("small\r\n", new String(journal.entries().get(0).raw(), StandardCharsets.US_ASCII));
        assertEquals(1, journal.appendCalls());
    }

    @Test
    void limitsRecipientsPerMessage() throws Exception {
        start(settings().withLimits(10_485_760, 2, 2000, 50, 20));
        try (SmtpClient c = client()) {
            c.begin("", "a@x.example", "b@x.example");
            c.send("RCPT TO:<c@x.example>").expect("452 4.5.3");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(sample()));
            c.expect("250 2.0.0");
        }
        assertEquals(List.of("a@x.example", "b@x.example"), journal.entries().get(0).envelope().rcptTo());
    }

    @Test
    void limitsConnectionsPerAddressAndInAll() throws Exception {
        start(settings().withLimits(10_485_760, 100, 3, 2, 20));
        List<SmtpClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                SmtpClient c = client();
                open.add(c);
                c.expectPlain("220");
            }
            try (SmtpClient third = client()) {
                third.expect("421 4.7.0");
                assertTrue(third.closedByServer());
            }
            open.remove(0).close();
            awaitCondition(() -> server.openConnections() == 1);
            SmtpClient again = client();
            open.add(again);
            again.expectPlain("220");
        } finally {
            for (SmtpClient c : open) c.close();
        }
        awaitCondition(() -> server.openConnections() == 0);
    }

    @Test
    void limitsConnectionsInAll() throws Exception {
        start(settings().withLimits(10_485_760, 100, 2, 5, 20));
        try (SmtpClient a = client(); SmtpClient b = client()) {
            a.expectPlain("220");
            b.expectPlain("220"); // both admitted before the third arrives
            try (SmtpClient c = client()) {
                c.expect("421 4.7.0");
                assertTrue(c.closedByServer());
            }
        }
    }

    @Test
    void answersJunkAndOverlongLinesWith5xx() throws Exception {
        start(settings());
        try (SmtpClient c = client()) {
            c.expectPlain("220");
            c.send("HELLO there").expect("500 5.5.2");
            c.send("XY").expect("500 5.5.2");
            c.send("EHLO").expect("501 5.5.4");
            c.send("EHLO c.example");
            c.expectPlain("250 ");
            c.send("MAIL FROM:<a@b.example").expect("501 5.5.4");
            c.send("MAIL FROM:<a@b.example>SIZE=1").expect("501 5.5.4");
            c.send("DATA extra").expect("501 5.5.4");
            c.send("BDAT x").expect("501 5.5.4");
            c.send("RCPT TO:<" + "a".repeat(2000) + "@x.example>");
            c.expect("50");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void closesTheConnectionAfterTooManyBadCommands() throws Exception {
        start(settings().withLimits(10_485_760, 100, 2000, 50, 3));
        try (SmtpClient c = client()) {
            c.expectPlain("220");
            c.sendRaw("JUNK 1\r\nJUNK 2\r\nJUNK 3\r\nJUNK 4\r\nNOOP\r\n");
            c.expect("500 5.5.2");
            c.expect("500 5.5.2");
            c.expect("500 5.5.2");
            c.expect("421 4.7.0");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void answers451WhenTheJournalFails() throws Exception {
        start(settings());
        journal.mode(MemoryJournal.Mode.FAIL);
        sendExpecting("451 4.3.0");
        journal.mode(MemoryJournal.Mode.NO_SPACE);
        sendExpecting("452 4.3.1");
        assertTrue(journal.records().isEmpty());
        journal.mode(MemoryJournal.Mode.OK);
        sendExpecting("250 2.0.0");
        assertEquals(1, journal.records().size());
    }

    @Test
    void answers451WhenTheJournalStallsPastTheDeadline() throws Exception {
        start(settings().withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMillis(300), Duration.ofSeconds(5)));
        journal.mode(MemoryJournal.Mode.STALL);
        sendExpecting("451 4.3.0");
        assertTrue(journal.records().isEmpty());
    }

    @Test
    void answers250OnlyAfterTheJournalConfirmedTheAppend() throws Exception {
        start(settings());
        journal.mode(MemoryJournal.Mode.HOLD);
        try (SmtpClient c = client()) {
            c.begin("", "a@x.example");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(sample()));
            journal.awaitAppendCalls(1, Duration.ofSeconds(10));
            c.socket().setSoTimeout(200);
            assertThrows(java.net.SocketTimeoutException.class, () -> c.socket().getInputStream().read(),
                    "no reply while the append is not durable");
            c.socket().setSoTimeout(10_000);
            journal.release();
            c.expect("250 2.0.0");
        }
        assertEquals(1, journal.records().size());
    }

    @Test
    void answers451WhenTheQueueIsFull() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        start(settings(), (raw, env, at, now, id) -> {
            entered.countDown();
            try {
                unblock.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Engine.factory().events(raw, env, at, now, null, id);
        }, 1, 1);
        try (SmtpClient first = client(); SmtpClient second = client(); SmtpClient third = client()) {
            first.begin("", "a@x.example");
            first.send("DATA").expect("354");
            first.sendRaw(SmtpClient.dataOf(sample()));
            assertTrue(entered.await(10, TimeUnit.SECONDS)); // the only worker is busy
            second.begin("", "a@x.example");
            second.send("DATA").expect("354");
            second.sendRaw(SmtpClient.dataOf(sample()));
            awaitCondition(() -> pipeline.queued() == 1); // the one queue slot is taken
            third.begin("", "a@x.example");
            third.send("DATA").expect("354");
            third.sendRaw(SmtpClient.dataOf(sample()));
            third.expect("451 4.3.2");
            unblock.countDown();
            first.expect("250 2.0.0");
            second.expect("250 2.0.0");
        }
        assertEquals(2, journal.records().size());
    }

    @Test
    void closesIdleSessionsAfterTheCommandTimeout() throws Exception {
        start(settings().withTimeouts(Duration.ofMillis(300), Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        try (SmtpClient c = client()) {
            c.expectPlain("220");
            c.expect("421 4.4.2");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void closesBusySessionsAtTheSessionDeadline() throws Exception {
        start(settings().withTimeouts(Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        try (SmtpClient c = client()) {
            c.expectPlain("220");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String last = null;
            while (System.nanoTime() < end) {
                c.send("NOOP");
                List<String> r = c.readReply();
                if (r == null) break;
                last = r.get(r.size() - 1);
                if (last.startsWith("421")) break;
            }
            assertEquals("421 4.4.2", last == null ? null : last.substring(0, 9));
        }
    }

    @Test
    void stopsGracefullyLettingAMessageInDataFinish() throws Exception {
        start(settings());
        try (SmtpClient busy = client(); SmtpClient idle = client()) {
            busy.begin("", "a@x.example");
            busy.send("DATA").expect("354");
            byte[] data = SmtpClient.dataOf(sample());
            busy.sendRaw(java.util.Arrays.copyOf(data, data.length / 2));
            idle.expectPlain("220");
            idle.send("EHLO c.example");
            idle.expectPlain("250 ");

            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(server::stop);
            awaitCondition(server::draining);
            assertThrows(ConnectException.class, () -> new Socket().connect(server.address(), 2000),
                    "no new connections while draining");
            idle.send("MAIL FROM:<>").expect("421 4.3.2"); // a new transaction is refused
            assertTrue(idle.closedByServer());
            assertFalse(stopped.isDone());

            busy.sendRaw(java.util.Arrays.copyOfRange(data, data.length / 2, data.length));
            busy.expect("250 2.0.0"); // the transaction in flight finishes
            assertTrue(stopped.get(10, TimeUnit.SECONDS), "every open transaction finished");
            assertTrue(busy.closedByServer());
        }
        assertEquals(1, journal.records().size());
    }

    @Test
    void droppedConnectionsInDataLeaveNoRecord() throws Exception {
        start(settings());
        try (SmtpClient c = client()) {
            c.begin("", "a@x.example");
            c.send("DATA").expect("354");
            c.sendRaw("Subject: cut short\r\n\r\nhalf a mess");
        }
        awaitCondition(() -> server.openConnections() == 0 && server.openTransactions() == 0);
        assertEquals(0, journal.appendCalls());
    }

    private void sendExpecting(String reply) throws IOException {
        try (SmtpClient c = client()) {
            c.begin("", "a@x.example");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(sample()));
            c.expect(reply);
        }
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 10 s");
            Thread.onSpinWait();
            Thread.sleep(5); // polling a condition with a deadline, not waiting for time to pass
        }
    }
}
