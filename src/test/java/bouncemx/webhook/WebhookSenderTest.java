package bouncemx.webhook;

import bouncemx.config.Config;
import bouncemx.event.JournaledEvent;
import bouncemx.journal.Cursor;
import bouncemx.journal.JournalRecord;
import bouncemx.metrics.MeterNames;
import bouncemx.pipeline.JournalEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static bouncemx.webhook.Receiver.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class WebhookSenderTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path data;

    /** The event JSON of record {@code seq} exactly as `journal dump` prints it. */
    static List<byte[]> dumped(Fixture f, long seq) throws Exception {
        try (var r = f.journal.reader(seq)) {
            JournalRecord rec = r.next().orElseThrow();
            List<byte[]> out = new ArrayList<>();
            for (JournaledEvent e : JournaledEvent.of(seq, JournalEntry.decode(rec.payload()).events())) out.add(e.json());
            return out;
        }
    }

    static long cursor(Path data) {
        try {
            return Cursor.open(data, "webhook-main").position();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void postsEveryEventOnceWithTheDumpBodyAndSignedStandardWebhooksHeaders() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver()) {
            f.append("bounce.hard", "bounce.soft");
            f.append("complaint");
            f.sender(Fixture.endpoint(receiver.url()));
            await("three events", WAIT, () -> receiver.requests().size() >= 3);
            await("the cursor saved past both records", WAIT, () -> cursor(data) == 2);
            List<Receiver.Request> got = receiver.requests();
            assertEquals(3, got.size());
            Map<String, byte[]> expected = Map.of("ev-1-0", dumped(f, 1).get(0), "ev-1-1", dumped(f, 1).get(1),
                    "ev-2-0", dumped(f, 2).get(0));
            for (Receiver.Request r : got) {
                assertArrayEquals(expected.get(r.id()), r.body(), r.id());
                assertTrue(r.text().contains("\"journal_seq\":"), r.text());
                assertEquals("application/json", r.contentType());
                assertEquals("bouncemx/test", r.userAgent());
                long ts = Long.parseLong(r.timestamp());
                assertTrue(Math.abs(ts - f.clock.instant().getEpochSecond()) < 30, "timestamp is this attempt's unix seconds");
                assertTrue(r.signature().matches("v1,[A-Za-z0-9+/=]{44}"), r.signature());
                assertTrue(SignatureCheck.verifies(Fixture.KEY, r.id(), r.timestamp(), r.body(), r.signature()));
            }
            assertEquals(3, f.count("ok"));
            assertEquals(0, f.gauge(MeterNames.WEBHOOK_BACKLOG));
            String scrape = f.registry.scrape();
            for (String series : List.of("bouncemx_webhook_deliveries_total{endpoint=\"main\",outcome=\"ok\"} 3.0",
                    "bouncemx_webhook_request_seconds_bucket{endpoint=\"main\",le=", "bouncemx_webhook_backlog_records{endpoint=\"main\"} 0.0",
                    "bouncemx_webhook_oldest_pending_age_seconds{endpoint=\"main\"} 0.0", "bouncemx_webhook_dead_letters{endpoint=\"main\"} 0.0",
                    "bouncemx_webhook_disabled{endpoint=\"main\"} 0.0", "bouncemx_webhook_retention_at_risk{endpoint=\"main\"} 0.0")) {
                assertTrue(scrape.contains(series), series + " in\n" + scrape);
            }
        }
    }

    @Test
    void keepsAtMostConcurrencyRequestsInFlightAndWithOneTheyArriveInJournalOrder() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        java.util.function.Function<Receiver.Request, Receiver.Reply> slow = r -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5); // long enough for the sender to try to start more
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return Receiver.ok();
        };
        try (var f = new Fixture(data); var receiver = new Receiver(slow)) {
            for (int i = 0; i < 30; i++) f.append("bounce.hard");
            var w = Fixture.endpoint(receiver.url());
            f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), w.types(), w.timeout(), 3, w.backoffInitial(),
                    w.backoffMax(), w.maxAge()));
            await("all delivered", WAIT, () -> cursor(data) == 30);
            assertTrue(most.get() <= 3 && most.get() >= 2, "at most 3 in flight, and more than one: " + most.get());
        }
        Path other = Files.createDirectories(data.resolve("other"));
        try (var f = new Fixture(other); var receiver = new Receiver(slow)) {
            for (int i = 0; i < 20; i++) f.append("bounce.hard", "bounce.soft");
            var w = Fixture.endpoint(receiver.url());
            f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), w.types(), w.timeout(), 1, w.backoffInitial(),
                    w.backoffMax(), w.maxAge()));
            await("all delivered", WAIT, () -> receiver.requests().size() == 40);
            List<String> expected = new ArrayList<>();
            for (int s = 1; s <= 20; s++) for (int i = 0; i < 2; i++) expected.add("ev-" + s + "-" + i);
            assertEquals(expected, receiver.requests().stream().map(Receiver.Request::id).toList());
        }
    }

    @Test
    void signsWithEveryKeyWhileOneIsRotated() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver()) {
            f.append("bounce.hard");
            var w = Fixture.endpoint(receiver.url());
            f.sender(new Config.Webhook(w.name(), w.url(), Fixture.KEY, w.types(), w.timeout(), w.concurrency(),
                    w.backoffInitial(), w.backoffMax(), w.maxAge(), List.of(Fixture.KEY, Fixture.OLD_KEY)));
            await("one event", WAIT, () -> receiver.requests().size() == 1);
            var r = receiver.requests().getFirst();
            String[] sigs = r.signature().split(" ");
            assertEquals(2, sigs.length, r.signature());
            assertTrue(SignatureCheck.verifies(Fixture.KEY, r.id(), r.timestamp(), r.body(), sigs[0]));
            assertTrue(SignatureCheck.verifies(Fixture.OLD_KEY, r.id(), r.timestamp(), r.body(), sigs[1]));
            assertFalse(SignatureCheck.verifies(Fixture.OLD_KEY, r.id(), r.timestamp(), r.body(), sigs[0]));
        }
    }

    @Test
    void retries500And503AndClosedConnectionsWithTheSameIdUntilAcknowledged() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver(r -> switch (r.attempt()) {
            case 1 -> Receiver.status(500);
            case 2 -> new Receiver.Reply.Drop();
            case 3 -> Receiver.status(503);
            default -> Receiver.ok();
        })) {
            f.append("bounce.hard");
            f.sender(Fixture.endpoint(receiver.url()));
            await("the fourth attempt", WAIT, () -> receiver.requestsFor("ev-1-0").size() >= 4);
            await("the cursor saved", WAIT, () -> cursor(data) == 1);
            List<Receiver.Request> tries = receiver.requestsFor("ev-1-0");
            assertEquals(4, tries.size());
            for (var t : tries) assertArrayEquals(tries.getFirst().body(), t.body());
            assertEquals(3, f.count("retry"));
            assertEquals(1, f.count("ok"));
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndHoldsTheCursor() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (var f = new Fixture(data)) {
            f.append("bounce.hard");
            f.sender(Fixture.endpoint("http://127.0.0.1:" + closedPort + "/hook"));
            await("several refused attempts", WAIT, () -> f.count("retry") >= 3);
            assertEquals(0, cursor(data));
            assertEquals(0, f.count("ok"));
        }
    }

    @Test
    void aCursorThatCannotBeSavedIsSavedOnceTheDiskAllowsAndTheSenderKeepsRunning() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver()) {
            Path blocker = Files.createDirectories(data.resolve("cursors").resolve("webhook-main.tmp").resolve("x"));
            f.append("bounce.hard");
            var sender = f.sender(Fixture.endpoint(receiver.url()));
            await("delivered", WAIT, () -> receiver.requestsFor("ev-1-0").size() == 1);
            Thread.sleep(1200); // saves fail meanwhile (one WARN); nothing to wait for but time
            assertEquals(0, cursor(data));
            assertTrue(sender.running());
            Files.delete(blocker);
            Files.delete(blocker.getParent());
            await("the cursor saved once the disk lets it", WAIT, () -> cursor(data) == 1);
            assertTrue(sender.running());
            for (var r : receiver.requestsFor("ev-1-0")) assertArrayEquals(receiver.requests().getFirst().body(), r.body());
        }
    }

    @Test
    void honoursRetryAfterInSecondsUpToBackoffMax() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver(r -> r.attempt() == 1
                ? new Receiver.Reply.Status(429, Map.of("Retry-After", "1")) : Receiver.ok())) {
            f.append("bounce.hard");
            var w = Fixture.endpoint(receiver.url());
            f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), w.types(), w.timeout(), 1, Duration.ofMillis(10),
                    Duration.ofSeconds(5), w.maxAge()));
            await("the retry", WAIT, () -> receiver.requestsFor("ev-1-0").size() == 2);
            var tries = receiver.requestsFor("ev-1-0");
            long gapMillis = (tries.get(1).arrivedNanos() - tries.get(0).arrivedNanos()) / 1_000_000;
            assertTrue(gapMillis >= 950, "waited as Retry-After asked, not the 10 ms backoff: " + gapMillis + " ms");
        }
    }

    @Test
    void aReceiverThatHangsPastTheTimeoutIsRetried() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver(r -> r.attempt() == 1 ? new Receiver.Reply.Hang() : Receiver.ok())) {
            f.append("bounce.hard");
            var w = Fixture.endpoint(receiver.url());
            f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), w.types(), Duration.ofMillis(300), 1,
                    w.backoffInitial(), w.backoffMax(), w.maxAge()));
            await("the retry after the timeout", WAIT, () -> receiver.requestsFor("ev-1-0").size() == 2);
            await("the cursor saved", WAIT, () -> cursor(data) == 1);
            var tries = receiver.requestsFor("ev-1-0");
            assertTrue(tries.get(1).arrivedNanos() - tries.get(0).arrivedNanos() >= 250_000_000L, "the timeout ran first");
        }
    }

    @Test
    void filteredTypesAdvanceTheCursorWithoutARequest() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver()) {
            f.append("bounce.soft");
            f.append("auto_reply", "bounce.hard");
            f.append("delivery.success");
            var w = Fixture.endpoint(receiver.url());
            f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), List.of("bounce.hard"), w.timeout(), w.concurrency(),
                    w.backoffInitial(), w.backoffMax(), w.maxAge()));
            await("the cursor past every record", WAIT, () -> cursor(data) == 3);
            assertEquals(List.of("ev-2-1"), receiver.requests().stream().map(Receiver.Request::id).toList());
        }
    }

    @Test
    void anEventOlderThanMaxAgeThatStillFailsGoesToTheDeadLetterListTheRestMoveOnAndAReplaySendsIt() throws Exception {
        try (var f = new Fixture(data); var receiver = new Receiver(r -> r.id().equals("ev-1-0") ? Receiver.status(400) : Receiver.ok())) {
            f.append("bounce.hard");
            f.append("bounce.soft");
            var w = Fixture.endpoint(receiver.url());
            var sender = f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), w.types(), w.timeout(), 1,
                    Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofHours(1)));
            await("a few failed attempts", WAIT, () -> receiver.requestsFor("ev-1-0").size() >= 3);
            assertEquals(0, cursor(data), "a failing event holds the cursor");
            f.clock.advance(Duration.ofHours(2));                          // now the event is past max_age
            await("the next event delivered", WAIT, () -> receiver.requestsFor("ev-2-0").size() == 1);
            await("the cursor past both", WAIT, () -> cursor(data) == 2);
            var store = new EndpointStore(data, "main");
            var letters = store.deadLetters();
            assertEquals(1, letters.size());
            assertEquals(1, letters.getFirst().seq());
            assertArrayEquals(dumped(f, 1).getFirst(), Files.readAllBytes(letters.getFirst().file()));
            assertEquals(1, f.count("dead_letter"));
            assertEquals(1, f.gauge(MeterNames.WEBHOOK_DEAD_LETTERS));
            assertFalse(sender.disabled());

            receiver.script(r -> Receiver.ok());                            // the receiver is fixed: replay the list
            var client = new EndpointClient(w, new JdkTransport(false, w.timeout(), f.http, f.timer, "test"), f.clock,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            var summary = new Replay(client, f.clock, f.timer, java.util.random.RandomGenerator.of("L64X128MixRandom")).deadLetters(store);
            assertEquals(new Replay.Summary(1, 1, List.of()), summary);
            assertEquals(0, store.deadLetterCount());
            var replayed = receiver.requestsFor("ev-1-0").getLast();
            assertArrayEquals(dumped(f, 1).getFirst(), replayed.body(), "the replay is the original event, with its id");
            assertTrue(SignatureCheck.verifies(Fixture.KEY, replayed.id(), replayed.timestamp(), replayed.body(), replayed.signature()));
        }
    }

    @Test
    void a410DisablesTheEndpointDurablyUntilItIsEnabledAgain() throws Exception {
        AtomicInteger gone = new AtomicInteger(1);
        try (var f = new Fixture(data); var receiver = new Receiver(r -> gone.get() == 1 ? Receiver.status(410) : Receiver.ok())) {
            f.append("bounce.hard");
            var sender = f.sender(Fixture.endpoint(receiver.url()));
            await("disabled", WAIT, sender::disabled);
            int seen = receiver.requests().size();
            assertEquals(1, f.gauge(MeterNames.WEBHOOK_DISABLED));
            assertEquals(1, f.count("gone"));
            assertTrue(new EndpointStore(data, "main").disabledFingerprint().isPresent());
            f.append("bounce.soft");
            Thread.sleep(300); // a disabled endpoint gets nothing: there is no condition to wait for but time
            assertEquals(seen, receiver.requests().size());
            gone.set(0);
            assertTrue(new EndpointStore(data, "main").enable());          // what `webhook enable` does
            await("both delivered after enable", WAIT, () -> cursor(data) == 2);
            assertEquals(Set.of("ev-1-0", "ev-2-0"), new HashSet<>(receiver.requests().stream().map(Receiver.Request::id).toList()));
            assertEquals(0, f.gauge(MeterNames.WEBHOOK_DISABLED));
        }
    }

    @Test
    void aChangedConfigurationEnablesAnEndpointDisabledBy410() throws Exception {
        var store = new EndpointStore(data, "main");
        try (var receiver = new Receiver()) {
            var w = Fixture.endpoint(receiver.url());
            store.disable(WebhookSender.fingerprint(w), "test");
            try (var f = new Fixture(data)) {
                f.append("bounce.hard");
                var sender = f.sender(w);
                await("the same configuration stays disabled", WAIT, sender::disabled);
                Thread.sleep(300); // and gets nothing: there is no condition to wait for but time
                assertEquals(0, receiver.requests().size());
            }
            try (var f = new Fixture(data)) {
                f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), w.types(), Duration.ofSeconds(3), w.concurrency(),
                        w.backoffInitial(), w.backoffMax(), w.maxAge()));
                await("delivered under the new configuration", WAIT, () -> receiver.requests().size() == 1);
                assertEquals(Optional.empty(), store.disabledFingerprint());
            }
        }
    }

    @Test
    void aRestartResumesFromTheCursorWithNoGapAndRepeatsKeepTheirIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (var receiver = new Receiver()) {
            try (var f = new Fixture(data)) {
                for (int i = 0; i < 50; i++) f.append("bounce.hard", "bounce.soft");
                var sender = f.sender(Fixture.endpoint(receiver.url()));
                await("some delivered", WAIT, () -> receiver.requests().size() >= 20);
                sender.close(Duration.ofSeconds(3));
            }
            long after = cursor(data);
            assertTrue(after >= 1, "the stop saved the cursor: " + after);
            try (var f = new Fixture(data)) {
                for (int i = 0; i < 10; i++) f.append("complaint");
                f.sender(Fixture.endpoint(receiver.url()));
                await("everything delivered", WAIT, () -> cursor(data) == 60);
            }
            for (var r : receiver.requests()) ids.add(r.id());
            assertEquals(110, ids.size(), "every event arrived");
            for (var r : receiver.requests()) {
                assertTrue(r.text().contains("\"id\":\"" + r.id() + "\""), "the same id on repeats: " + r.text());
            }
        }
    }

    @Test
    void warnsAndSetsTheMetricWhenRetentionWouldDeleteUnacknowledgedRecords() throws Exception {
        try (var f = new Fixture(data, Duration.ofHours(3)); var receiver = new Receiver(r -> Receiver.status(503))) {
            f.append("bounce.hard");
            var w = Fixture.endpoint(receiver.url());
            f.clock.advance(Duration.ofHours(2) .plusMinutes(30)); // within an hour of the 3h retention
            f.sender(new Config.Webhook(w.name(), w.url(), w.secret(), w.types(), w.timeout(), 1, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofDays(3)));
            await("the retention warning", WAIT, () -> f.gauge(MeterNames.WEBHOOK_RETENTION_AT_RISK) == 1);
            await("the oldest pending age in seconds", WAIT, () -> f.gauge(MeterNames.WEBHOOK_OLDEST_PENDING_AGE) >= 2.5 * 3600);
            assertEquals(1, f.gauge(MeterNames.WEBHOOK_BACKLOG));
        }
    }

}
