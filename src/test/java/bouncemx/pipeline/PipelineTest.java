package bouncemx.pipeline;

import bouncemx.event.Envelope;
import bouncemx.event.EventJson;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    private static long in(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private static String idOf(String eventJson) {
        int i = eventJson.indexOf("\"id\":\"") + 6;
        return eventJson.substring(i, eventJson.indexOf('"', i));
    }

    /** The standard decoding, after it has said it started and waited (at most 10 s) to be released. */
    private Pipeline.Decode blocking(CountDownLatch entered, CountDownLatch release) {
        return (raw, env, at, now, id) -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return standard.events(raw, env, at, now, id);
        };
    }

    @Test
    void journalsTheRawMessageAndItsEventsThenCompletesWithTheReceipt() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 2, 8);
        byte[] raw = Samples.sample("dsn-two-recipients-delayed.eml");
        var stored = assertInstanceOf(Receipt.Stored.class, pipeline.submit(message("m1", raw), in(10)).get(10, TimeUnit.SECONDS));
        assertEquals("m1", stored.messageId());
        JournalEntry e = journal.entries().get(0);
        assertEquals("m1", e.messageId());
        assertEquals(T, e.receivedAt());
        assertEquals("192.0.2.1", e.envelope().clientIp());
        assertEquals(raw.length, e.raw().length);
        assertEquals(2, e.events().size());
        String base = idOf(e.eventJson(0)).replaceAll("-1$", "");
        assertTrue(base.matches("[0-9a-f]{24}"), base);
        assertEquals(base + "-2", idOf(e.eventJson(1)));
        assertFalse(e.eventJson(0).contains("journal_seq"));
    }

    @Test
    void eventIdsComeFromTheContentSoARetryOfTheSameBytesHasTheSameIds() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 2, 8);
        byte[] raw = Samples.sample("dsn-userunknown.eml");
        pipeline.submit(message("first", raw), in(10)).get(10, TimeUnit.SECONDS);
        pipeline.submit(message("retry", raw.clone()), in(10)).get(10, TimeUnit.SECONDS);
        var other = new RawMessage("other", new Envelope("", List.of("b@bounce.example"), "192.0.2.1", "mx.example"), raw, T);
        pipeline.submit(other, in(10)).get(10, TimeUnit.SECONDS);
        List<JournalEntry> e = journal.entries();
        assertEquals(idOf(e.get(0).eventJson(0)), idOf(e.get(1).eventJson(0)), "same bytes, same recipients: same id");
        assertFalse(idOf(e.get(0).eventJson(0)).equals(idOf(e.get(2).eventJson(0))), "another envelope recipient: another id");
    }

    @Test
    void everyAcceptedMessageYieldsAtLeastOneEvent() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 2, 8);
        for (byte[] raw : List.of(new byte[0], "garbage without headers".getBytes(StandardCharsets.US_ASCII),
                Samples.sample("not-a-bounce.eml"))) {
            pipeline.submit(message("x", raw), in(10)).get(10, TimeUnit.SECONDS);
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
        assertInstanceOf(Receipt.Stored.class, pipeline.submit(message("m2", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)), in(10))
                .get(10, TimeUnit.SECONDS));
        String event = journal.entries().get(0).eventJson(0);
        assertTrue(event.contains("\"type\":\"message.unclassified\""), event);
        assertTrue(idOf(event).matches("[0-9a-f]{24}-1"), event);
        assertTrue(event.contains("bug in a dialect"), event);
        assertTrue(event.contains("\"rcpt_to\":[\"a@bounce.example\"]"), event);
    }

    @Test
    void anErrorInDecodingIsJournaledAsUnclassifiedNotRefusedForever() throws Exception {
        pipeline = new Pipeline((raw, env, at, now, id) -> {
            throw new StackOverflowError("a dialect recursed too deep");
        }, new EventJson(), journal, clock, 1, 8);
        byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int retry = 0; retry < 2; retry++) {
            assertInstanceOf(Receipt.Stored.class, pipeline.submit(message("m" + retry, raw), in(10)).get(10, TimeUnit.SECONDS));
        }
        String event = journal.entries().get(0).eventJson(0);
        assertTrue(event.contains("\"type\":\"message.unclassified\""), event);
        assertTrue(event.contains("StackOverflowError"), event);
        assertEquals(idOf(event), idOf(journal.entries().get(1).eventJson(0)), "the retry carries the same id");
    }

    @Test
    void aJournalFailureIsAReceiptOfItsKind() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 1, 8);
        journal.mode(MemoryJournal.Mode.NO_SPACE);
        assertInstanceOf(Receipt.NoSpace.class, pipeline.submit(message("m3", Samples.sample("dsn-success.eml")), in(10))
                .get(10, TimeUnit.SECONDS));
        journal.mode(MemoryJournal.Mode.FAIL);
        assertInstanceOf(Receipt.Failed.class, pipeline.submit(message("m4", Samples.sample("dsn-success.eml")), in(10))
                .get(10, TimeUnit.SECONDS));
        assertTrue(journal.records().isEmpty());
    }

    @Test
    void aMessageWhoseDeadlinePassedInTheQueueIsDroppedUnwritten() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pipeline = new Pipeline(blocking(entered, release), new EventJson(), journal, clock, 1, 4);
        byte[] raw = Samples.sample("dsn-success.eml");
        CompletableFuture<Receipt> first = pipeline.submit(message("a", raw), in(10));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Receipt> late = pipeline.submit(message("late", raw), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
        Thread.sleep(100); // the sender's deadline passes while the only worker is busy
        release.countDown();
        assertInstanceOf(Receipt.Stored.class, first.get(10, TimeUnit.SECONDS));
        assertInstanceOf(Receipt.Failed.class, late.get(10, TimeUnit.SECONDS));
        assertEquals(1, journal.records().size(), "the late message was never written");
    }

    @Test
    void refusesAtOnceWhenTheQueueIsFull() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pipeline = new Pipeline(blocking(entered, release), new EventJson(), journal, clock, 1, 1);
        byte[] raw = Samples.sample("dsn-success.eml");
        CompletableFuture<Receipt> first = pipeline.submit(message("a", raw), in(10));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Receipt> second = pipeline.submit(message("b", raw), in(10));
        CompletableFuture<Receipt> third = pipeline.submit(message("c", raw), in(10));
        assertInstanceOf(Receipt.Busy.class, third.get(1, TimeUnit.SECONDS));
        release.countDown();
        assertEquals("a", assertInstanceOf(Receipt.Stored.class, first.get(10, TimeUnit.SECONDS)).messageId());
        assertEquals("b", assertInstanceOf(Receipt.Stored.class, second.get(10, TimeUnit.SECONDS)).messageId());
    }

    @Test
    void closeDrainsWhatIsInFlightAndThenRefuses() throws Exception {
        pipeline = new Pipeline(standard, new EventJson(), journal, clock, 1, 8);
        journal.mode(MemoryJournal.Mode.HOLD);
        CompletableFuture<Receipt> f = pipeline.submit(message("d", Samples.sample("dsn-success.eml")), in(10));
        journal.awaitAppendCalls(1, Duration.ofSeconds(10));
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> pipeline.close(Duration.ofSeconds(10)));
        assertFalse(f.isDone());
        journal.release();
        assertTrue(closed.get(10, TimeUnit.SECONDS));
        assertInstanceOf(Receipt.Stored.class, f.get());
        assertInstanceOf(Receipt.Busy.class, pipeline.submit(message("e", new byte[0]), in(10)).get(1, TimeUnit.SECONDS));
    }

    @Test
    void aJournalEntryInPartsIsTheSamePayloadWithTheRawMessageNotCopied() {
        byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        var entry = new JournalEntry("id-1", T, new Envelope("", List.of("a@bounce.example", "b@bounce.example"),
                "192.0.2.1", "h\u00e9lo"), raw, List.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        java.nio.ByteBuffer[] parts = entry.encodeParts();
        var joined = java.nio.ByteBuffer.allocate(entry.encode().length);
        for (var p : parts) joined.put(p.duplicate());
        assertArrayEquals(entry.encode(), joined.array());
        assertSame(raw, parts[1].array(), "the raw message is written from the array the SMTP edge filled");
        assertEquals(raw.length, parts[1].remaining());
    }

    @Test
    void theSpansOfAJournalEntrysEventsAreWhereDecodingFindsThemAndABrokenEntryIsRefused() {
        byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> events = List.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), new byte[0],
                "{\"b\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8));
        byte[] payload = new JournalEntry("id-\u00e9", T, new Envelope("s@x.example", List.of("a@bounce.example", "b@bounce.example"),
                "192.0.2.1", "h\u00e9lo"), raw, events).encode();
        int[] spans = JournalEntry.eventSpans(payload);
        assertEquals(2 * events.size(), spans.length);
        for (int i = 0; i < events.size(); i++) {
            assertArrayEquals(events.get(i), java.util.Arrays.copyOfRange(payload, spans[2 * i], spans[2 * i + 1]), "event " + i);
        }
        for (int cut = 0; cut < payload.length; cut++) { // every truncation: refused as decoding refuses it, never misread
            byte[] part = java.util.Arrays.copyOf(payload, cut);
            boolean decodes;
            try {
                JournalEntry.decodeEvents(part);
                decodes = true;
            } catch (IllegalArgumentException e) {
                decodes = false;
            }
            assertFalse(decodes, "a payload cut at " + cut + " decodes");
            assertThrows(IllegalArgumentException.class, () -> JournalEntry.eventSpans(part), "cut at " + cut);
        }
        byte[] otherVersion = payload.clone();
        otherVersion[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> JournalEntry.eventSpans(otherVersion));
    }

    @Test
    void aJournalEntryHoldsMoreThan65535RecipientsAndOldEntriesStillRead() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 70_000; i++) many.add("r" + i + "@bounce.example");
        var entry = new JournalEntry("id", T, new Envelope("", many, "192.0.2.1", "h\u00e9lo"), new byte[] {1, 2, 3},
                List.of("{}".getBytes(StandardCharsets.UTF_8)));
        JournalEntry back = JournalEntry.decode(entry.encode());
        assertEquals(70_000, back.envelope().rcptTo().size());
        assertEquals("h\u00e9lo", back.envelope().helo());
        assertEquals("{}", back.eventJson(0));
        JournalEntry eventsOnly = JournalEntry.decodeEvents(entry.encode());
        assertEquals(0, eventsOnly.raw().length, "consumers of events do not copy the raw message");
        assertEquals("{}", eventsOnly.eventJson(0));
        assertEquals(70_000, eventsOnly.envelope().rcptTo().size());

        // version 1: the same layout with 16-bit counts
        var v1 = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(v1)) {
            out.writeByte(1);
            out.writeUTF("old");
            out.writeLong(T.toEpochMilli());
            out.writeUTF("");
            out.writeShort(1);
            out.writeUTF("a@bounce.example");
            out.writeUTF("192.0.2.1");
            out.writeUTF("mx.example");
            out.writeInt(2);
            out.write(new byte[] {'h', 'i'});
            out.writeShort(1);
            out.writeInt(2);
            out.write(new byte[] {'{', '}'});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JournalEntry old = JournalEntry.decode(v1.toByteArray());
        assertEquals("old", old.messageId());
        assertEquals(List.of("a@bounce.example"), old.envelope().rcptTo());
        assertEquals("{}", old.eventJson(0));
        assertThrows(IllegalArgumentException.class, () -> JournalEntry.decode(new byte[] {2, 0, 1, 'x', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f, -1, -1, -1}));
    }
}
