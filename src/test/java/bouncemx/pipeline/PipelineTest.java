package bouncemx.pipeline;

import bouncemx.event.Envelope;
import bouncemx.event.EventJson;
import bouncemx.journal.JournalException;
import bouncemx.testing.Engine;
import bouncemx.testing.MemoryJournal;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PipelineTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private final Clock clock = Clock.fixed(T, ZoneOffset.UTC);
    private final MemoryJournal journal = new MemoryJournal();
    private final Pipeline.Decode standard = (raw, env, at, now, id) -> Engine.factory().events(raw, env, at, now, null, id);
    private Pipeline pipeline;

    @AfterEach
    void close() {
        journal.close();
        if (pipeline != null) pipeline.close(Duration.ofSeconds(5));
    }

    private static RawMessage message(String id, byte[] raw) {
        return new RawMessage(id, new Envelope("", List.of("a@bounce.example"), "192.0.2.1", "mx.example"), raw, T);
    }

    @Test
    void journalsTheRawMessageAndItsEventsThenCompletesWithTheId() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 2, 8);
        byte[] raw = Samples.sample("dsn-two-recipients-delayed.eml");
        assertEquals("m1", pipeline.submit(message("m1", raw)).get(10, TimeUnit.SECONDS));
        JournalEntry e = journal.entries().get(0);
        assertEquals("m1", e.messageId());
        assertEquals(T, e.receivedAt());
        assertEquals("192.0.2.1", e.envelope().clientIp());
        assertEquals(raw.length, e.raw().length);
        assertEquals(2, e.events().size());
        assertTrue(e.eventJson(0).contains("\"id\":\"m1-1\""));
        assertTrue(e.eventJson(1).contains("\"id\":\"m1-2\""));
        assertFalse(e.eventJson(0).contains("journal_seq"));
    }

    @Test
    void everyAcceptedMessageYieldsAtLeastOneEvent() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 2, 8);
        for (byte[] raw : List.of(new byte[0], "garbage without headers".getBytes(StandardCharsets.US_ASCII),
                Samples.sample("not-a-bounce.eml"))) {
            pipeline.submit(message("x", raw)).get(10, TimeUnit.SECONDS);
        }
        for (JournalEntry e : journal.entries()) {
            assertEquals(1, e.events().size());
            assertTrue(e.eventJson(0).contains("\"type\":\"message.unclassified\""), e.eventJson(0));
        }
    }

    @Test
    void aClassifierBugStillJournalsTheMessageAsUnclassified() throws Exception {
        pipeline = new Pipeline((raw, env, at, now, id) -> {
            throw new IllegalStateException("bug in a dialect");
        }, new EventJson(), journal, clock, 1, 8);
        assertEquals("m2", pipeline.submit(message("m2", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)))
                .get(10, TimeUnit.SECONDS));
        String event = journal.entries().get(0).eventJson(0);
        assertTrue(event.contains("\"type\":\"message.unclassified\""), event);
        assertTrue(event.contains("\"id\":\"m2-1\""), event);
        assertTrue(event.contains("bug in a dialect"), event);
        assertTrue(event.contains("\"rcpt_to\":[\"a@bounce.example\"]"), event);
    }

    @Test
    void aJournalFailureFailsTheFutureWithItsKind() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 1, 8);
        journal.mode(MemoryJournal.Mode.NO_SPACE);
        var e = assertThrows(ExecutionException.class,
                () -> pipeline.submit(message("m3", Samples.sample("dsn-success.eml"))).get(10, TimeUnit.SECONDS));
        assertTrue(assertInstanceOf(JournalException.class, e.getCause()).noSpace());
    }

    @Test
    void refusesAtOnceWhenTheQueueIsFull() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pipeline = new Pipeline((raw, env, at, now, id) -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return standard.events(raw, env, at, now, id);
        }, new EventJson(), journal, clock, 1, 1);
        byte[] raw = Samples.sample("dsn-success.eml");
        CompletableFuture<String> first = pipeline.submit(message("a", raw));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> second = pipeline.submit(message("b", raw));
        CompletableFuture<String> third = pipeline.submit(message("c", raw));
        var e = assertThrows(ExecutionException.class, () -> third.get(1, TimeUnit.SECONDS));
        assertInstanceOf(Intake.Busy.class, e.getCause());
        release.countDown();
        assertEquals("a", first.get(10, TimeUnit.SECONDS));
        assertEquals("b", second.get(10, TimeUnit.SECONDS));
    }

    @Test
    void closeDrainsWhatIsInFlightAndThenRefuses() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 1, 8);
        journal.mode(MemoryJournal.Mode.HOLD);
        CompletableFuture<String> f = pipeline.submit(message("d", Samples.sample("dsn-success.eml")));
        journal.awaitAppendCalls(1, Duration.ofSeconds(10));
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> pipeline.close(Duration.ofSeconds(10)));
        assertFalse(f.isDone());
        journal.release();
        assertTrue(closed.get(10, TimeUnit.SECONDS));
        assertEquals("d", f.get());
        var e = assertThrows(ExecutionException.class,
                () -> pipeline.submit(message("e", new byte[0])).get(1, TimeUnit.SECONDS));
        assertInstanceOf(Intake.Busy.class, e.getCause());
    }
}
