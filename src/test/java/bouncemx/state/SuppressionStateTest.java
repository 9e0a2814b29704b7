package bouncemx.state;

import bouncemx.config.Config;
import bouncemx.event.Envelope;
import bouncemx.journal.FileJournal;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer over a real journal: change records written once, state rebuilt after the store is deleted. */
class SuppressionStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);
    private FileJournal journal;

    @BeforeEach
    void open() throws Exception {
        journal = FileJournal.open(dir.resolve("journal"), Config.defaults().journal(), clock);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private SuppressionState state() {
        return new SuppressionState(SqliteStore.open(SqliteStore.file(dir)), new SuppressionPolicy(Config.Suppression.DEFAULT),
                journal::reader, journal::lastSeq, journal, clock);
    }

    static String event(String type, String id, String address, Instant at, String reason, String messageId) {
        return """
                {"type":"%s","timestamp":"%s","data":{"id":"%s","received_at":"%s","recipient":{"address":"%s","source":"dsn"},\
                "classification":{"category":"x","reason":"%s","rule":"status"},"original":{"message_id":"%s"}}}"""
                .formatted(type, at, id, at, address, reason, messageId);
    }

    private void append(String... events) throws Exception {
        List<byte[]> list = new ArrayList<>();
        for (String e : events) list.add(e.getBytes(StandardCharsets.UTF_8));
        journal.append(new JournalEntry("m" + System.nanoTime(), T0, new Envelope("", List.of("b@x.example"), "127.0.0.1", "h"),
                "raw".getBytes(StandardCharsets.US_ASCII), list).encode()).get();
    }

    private List<JsonNode> changes() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (var r = new JournalReader(dir.resolve("journal"), 1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                for (byte[] e : JournalEntry.decode(rec.get().payload()).events()) {
                    JsonNode n = JSON.readTree(e);
                    if (n.path("type").asText().equals("suppression.changed")) out.add(n);
                }
            }
        }
        return out;
    }

    private void sevenSoftAndOneHard() throws Exception {
        for (int i = 1; i <= 7; i++) {
            append(event("bounce.soft", "s" + i, "Jane@Example.org", T0.plus(Duration.ofDays(i)), "mailboxfull", "<m" + i + "@x>"),
                    event("bounce.soft", "b" + i, "bob@example.org", T0.plus(Duration.ofDays(i)), "blocked", "<m" + i + "@x>"));
        }
        append(event("bounce.hard", "h1", "carl@example.org", T0, "userunknown", ""),
                event("bounce.delayed", "d1", "dora@example.org", T0, "expired", ""));
    }

    @Test
    void appliesThePolicyAndWritesOneChangeRecordPerChange() throws Exception {
        sevenSoftAndOneHard();
        var state = state();
        try {
            state.catchUp();
            state.catchUp(); // reading its own change records changes nothing
            SuppressionStore store = state.store();
            AddressState jane = store.get("jane@example.org");
            assertTrue(jane.suppressed());
            assertEquals("soft_bounces", jane.cause());
            assertFalse(store.get("bob@example.org").suppressed());
            assertEquals("hard_bounce", store.get("carl@example.org").cause());
            assertNull(store.get("dora@example.org"));
            assertEquals(journal.lastSeq(), store.position());
        } finally {
            state.store().close();
        }
        List<JsonNode> changes = changes();
        assertEquals(2, changes.size(), changes.toString());
        JsonNode s = changes.get(0).path("data").path("suppression");
        assertEquals("sc-s7", changes.get(0).path("data").path("id").asText());
        assertEquals("jane@example.org", s.path("address").asText());
        assertTrue(s.path("suppressed").asBoolean());
        assertEquals(7, s.path("soft_bounces").asInt());
        assertEquals(7, s.path("threshold").asInt());
        assertEquals("s7", s.path("caused_by").asText());
        assertEquals("sc-h1", changes.get(1).path("data").path("id").asText());
    }

    @Test
    void aDeletedStoreIsRebuiltFromTheJournalWithoutWritingChangesAgain() throws Exception {
        sevenSoftAndOneHard();
        var first = state();
        first.catchUp();
        first.store().close();
        long end = journal.lastSeq();
        Files.delete(SqliteStore.file(dir));
        Files.deleteIfExists(Path.of(SqliteStore.file(dir) + "-wal"));
        Files.deleteIfExists(Path.of(SqliteStore.file(dir) + "-shm"));

        var again = state();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(SuppressionState.class);
        var lines = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        lines.start();
        var level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // whatever the test logging configuration says
        logger.addAppender(lines);
        try {
            assertEquals(end, again.catchUp());
            List<String> info = lines.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO)
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
            assertTrue(info.stream().anyMatch(l -> l.matches("suppression state: rebuilt from the journal, " + end + " records in [0-9]+ ms")),
                    info.toString());
            assertTrue(again.caughtUp());
            assertTrue(again.store().get("jane@example.org").suppressed());
            assertTrue(again.store().get("carl@example.org").suppressed());
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
            again.store().close();
        }
        assertEquals(end, journal.lastSeq(), "no change record written twice");
        assertEquals(2, changes().size());
    }

    @Test
    void aRestartOverAStoreThatIsUpToDateReportsItsPositionAsApplied() throws Exception {
        sevenSoftAndOneHard();
        var first = state();
        first.catchUp();
        first.store().close();
        long end = journal.lastSeq();

        // nothing new arrives after the restart: the consumer has nothing to commit, yet it is caught up (its
        // lag, the readiness check's "pending" and bouncemx_consumer_lag, must not count the whole journal)
        var again = state();
        try {
            assertEquals(0, again.catchUp());
            assertEquals(end, again.appliedPosition());
            assertEquals(0, again.pending());
        } finally {
            again.store().close();
        }
    }

    @Test
    void moreChangesThanTheJournalQueueHoldsAreWrittenWithoutOverflowingIt() throws Exception {
        int records = 500;
        for (int r = 0; r < records; r++) {
            String[] ten = new String[10];
            for (int i = 0; i < 10; i++) ten[i] = event("bounce.hard", "h" + r + "-" + i, "u" + r + "-" + i + "@example.org", T0, "userunknown", "");
            append(ten);
        }
        var state = state();
        try {
            state.catchUp();
            assertEquals(records + 5000, journal.lastSeq(), "one change record per address");
            assertTrue(state.store().get("u499-9@example.org").suppressed());
        } finally {
            state.store().close();
        }
    }

    @Test
    void aManualLiftInTheJournalIsAppliedAndSurvivesARebuild() throws Exception {
        append(event("bounce.hard", "h1", "carl@example.org", T0, "userunknown", ""));
        var lift = new Change("carl@example.org", false, Change.MANUAL_LIFT, 0, 7, null, T0.plus(Duration.ofDays(1)));
        var state = state();
        state.catchUp();
        journal.append(ChangeRecords.changed("manual-1", lift, "asked by the customer", clock.instant())).get();
        state.catchUp();
        assertFalse(state.store().get("carl@example.org").suppressed());
        assertEquals("manual_lift", state.store().get("carl@example.org").cause());
        state.store().close();
        Files.delete(SqliteStore.file(dir));
        var again = state();
        again.catchUp();
        assertFalse(again.store().get("carl@example.org").suppressed());
        again.store().close();
    }

    /** {@code records} journal records of one hard bounce each, for distinct addresses. */
    private void hardBounces(int records) throws Exception {
        for (int r = 0; r < records; r++) append(event("bounce.hard", "h" + r, "u" + r + "@example.org", T0, "userunknown", ""));
    }

    private static long changeIds(List<JsonNode> changes) {
        return changes.stream().map(c -> c.path("data").path("id").asText()).distinct().count();
    }

    @Test
    void aFirstBuildStoppedByAFailureAfterSomeCommitsWritesEachHeldBackChangeOnceWhenItResumes() throws Exception {
        int records = 2 * SuppressionState.BATCH + 500;
        hardBounces(records);
        long end = journal.lastSeq();
        var store = SqliteStore.open(SqliteStore.file(dir));
        var failing = new SuppressionState(new FailingSecondCommit(store), new SuppressionPolicy(Config.Suppression.DEFAULT),
                journal::reader, journal::lastSeq, journal, clock);
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, failing::catchUp);
        assertTrue(thrown.getMessage().contains("disk full (test)"), thrown.toString());
        assertEquals(SuppressionState.BATCH, store.position(), "the position of the last commit");
        assertTrue(store.holdsChanges(), "the changes of committed causes wait in the store");
        assertEquals(end, journal.lastSeq(), "nothing written before the end is reached");
        store.close();

        var resumed = state();
        try {
            resumed.catchUp();
            assertFalse(resumed.store().holdsChanges());
            assertTrue(resumed.store().get("u0@example.org").suppressed());
        } finally {
            resumed.store().close();
        }
        List<JsonNode> changes = changes();
        assertEquals(records, changes.size(), "one change record per cause, none lost at the failure");
        assertEquals(records, changeIds(changes));
        assertEquals("sc-h0", changes.get(0).path("data").path("id").asText(), "in the order of their causes");
        assertEquals("sc-h" + (records - 1), changes.getLast().path("data").path("id").asText());
    }

    @Test
    void aRebuildWhoseChangeRecordsLieManyBatchesAfterTheirCausesWritesNoneAgain() throws Exception {
        int records = 3 * SuppressionState.BATCH;
        hardBounces(records);
        var first = state();
        first.catchUp(); // first build: every change record goes after the last cause
        first.store().close();
        long end = journal.lastSeq();
        assertEquals(2L * records, end);
        for (String suffix : new String[]{"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(SqliteStore.file(dir) + suffix));

        var again = state();
        try {
            assertEquals(end, again.catchUp());
            assertFalse(again.store().holdsChanges(), "every held-back change was found in the journal");
            assertTrue(again.store().get("u" + (records - 1) + "@example.org").suppressed());
        } finally {
            again.store().close();
        }
        assertEquals(end, journal.lastSeq(), "no change record written twice");
    }

    /** The store, except that its second commit fails (a crash or a full disk after one batch was stored). */
    private record FailingSecondCommit(SqliteStore store, java.util.concurrent.atomic.AtomicInteger commits) implements SuppressionStore {
        FailingSecondCommit(SqliteStore store) {
            this(store, new java.util.concurrent.atomic.AtomicInteger());
        }

        @Override
        public void commit(Batch batch) {
            if (commits.incrementAndGet() == 2) throw new IllegalStateException("disk full (test)");
            store.commit(batch);
        }

        @Override public AddressState get(String address) { return store.get(address); }
        @Override public boolean holdsChanges() { return store.holdsChanges(); }
        @Override public void load(java.util.Iterator<AddressState> states, java.util.Map<Campaigns.Key, Long> counts,
                                   java.util.Iterator<Change> held, long position) { store.load(states, counts, held, position); }
        @Override public List<Held> held(long afterKey, int limit) { return store.held(afterKey, limit); }
        @Override public void release(long throughKey) { store.release(throughKey); }
        @Override public long position() { return store.position(); }
        @Override public void close() { store.close(); }
    }
}
