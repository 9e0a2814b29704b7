package bouncemx.state;

import bouncemx.config.Config;
import bouncemx.event.Envelope;
import bouncemx.journal.FileJournal;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
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
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rebuild in passes gives the store the record-by-record path gives, over random event sequences: the same
 * state for every address, the same campaign counts, and the same change records (none again when the journal has
 * them, each once and in the order of their causes when it has none), also when its partitions are split again.
 */
class RebuildTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);
    private final SuppressionPolicy policy = new SuppressionPolicy(3, 5, Duration.ofDays(60), Duration.ofDays(30),
            List.of("mailboxfull", "expired"));
    @TempDir
    Path dir;

    /** Random events over a few addresses, so each address sees many: all kinds, repeated originals, spread times. */
    private static List<List<String>> randomRecords(long seed, int records) {
        var rnd = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>();
        int n = 0;
        for (int r = 0; r < records; r++) {
            List<String> events = new ArrayList<>();
            for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                String address = "User" + rnd.nextInt(40) + "@Example.org";
                Instant at = T0.plus(Duration.ofHours(rnd.nextLong(24 * 180)));
                String id = "e" + n++;
                String json = switch (rnd.nextInt(12)) {
                    case 0 -> event("bounce.hard", id, address, at, "userunknown", "", "");
                    case 1 -> event("delivery.success", id, address, at, "", "", "");
                    case 2 -> event("complaint", id, address, at, "", "", rnd.nextBoolean() ? "abuse" : "not-spam");
                    case 3 -> event("bounce.delayed", id, address, at, "expired", "", "");
                    case 4 -> """
                            {"type":"suppression.changed","timestamp":"%s","data":{"id":"%s","suppression":{"address":"%s",\
                            "suppressed":%s,"cause":"%s","at":"%s"}}}""".formatted(at, id, address.toLowerCase(), rnd.nextBoolean(),
                            rnd.nextBoolean() ? "manual" : "manual_lift", at);
                    case 5 -> """
                            {"type":"suppression.activity","timestamp":"%s","data":{"id":"%s","address":"%s","at":"%s"}}"""
                            .formatted(at, id, address, at);
                    default -> event("bounce.soft", id, address, at, rnd.nextInt(4) == 0 ? "blocked" : "mailboxfull",
                            "<m" + rnd.nextInt(30) + "@sender.example>", "");
                };
                events.add(json);
            }
            out.add(events);
        }
        return out;
    }

    private static String event(String type, String id, String address, Instant at, String reason, String messageId, String feedback) {
        return """
                {"type":"%s","timestamp":"%s","data":{"id":"%s","received_at":"%s","recipient":{"address":"%s"},\
                "classification":{"category":"c","reason":"%s","rule":"status"},"diagnostics":{"feedback_type":"%s"},\
                "original":{"message_id":"%s","feedback_id":"camp%d"}}}"""
                .formatted(type, at, id, at, address, reason, feedback, messageId, Math.floorMod(id.hashCode(), 3));
    }

    private FileJournal journal(String name, List<List<String>> records) throws Exception {
        FileJournal j = FileJournal.open(dir.resolve(name).resolve("journal"), Config.defaults().journal(), clock);
        for (List<String> events : records) {
            List<byte[]> list = new ArrayList<>();
            for (String e : events) list.add(e.getBytes(StandardCharsets.UTF_8));
            j.append(new JournalEntry("m", T0, new Envelope("", List.of("b@x.example"), "127.0.0.1", "h"), new byte[0], list).encode()).get();
        }
        return j;
    }

    private SuppressionState state(String name, FileJournal j, Path scratch) {
        var s = new SuppressionState(SqliteStore.open(SqliteStore.file(dir.resolve(name))), policy, new Campaigns("Feedback-ID"),
                j::reader, j::lastSeq, j, clock);
        return scratch == null ? s : s.rebuildingIn(scratch);
    }

    private static List<AddressState> states(SuppressionState s) {
        List<AddressState> out = new ArrayList<>();
        ((SqliteStore) s.store()).forEach(out::add);
        return out;
    }

    private static List<String> changeIds(FileJournal j) throws Exception {
        List<String> ids = new ArrayList<>();
        try (JournalReader r = j.reader(1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                for (byte[] e : JournalEntry.decodeEvents(rec.get().payload()).events()) {
                    String text = new String(e, StandardCharsets.UTF_8);
                    int at = text.indexOf("\"id\":\"sc-");
                    if (at >= 0) ids.add(text.substring(at + 6, text.indexOf('"', at + 6)));
                }
            }
        }
        return ids;
    }

    private void deleteStore(String name) throws Exception {
        Path db = SqliteStore.file(dir.resolve(name));
        for (String suffix : new String[]{"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));
    }

    @Test
    void aRebuildAfterTheStoreIsDeletedGivesTheSameStoreAndWritesNoChangeAgain() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            var records = randomRecords(seed, 400);
            try (FileJournal j = journal("r" + seed, records)) {
                var live = state("r" + seed, j, null);
                live.catchUp();
                List<AddressState> expected = states(live);
                var campaigns = ((SqliteStore) live.store()).campaigns(Instant.EPOCH);
                live.store().close();
                long end = j.lastSeq();
                assertTrue(changeIds(j).size() > 10, "the sequence makes changes");
                deleteStore("r" + seed);

                var rebuilt = new SuppressionState(SqliteStore.open(SqliteStore.file(dir.resolve("r" + seed))), policy,
                        new Campaigns("Feedback-ID"), j::reader, j::lastSeq, j, clock);
                var store = rebuilt.store();
                new Rebuild(store, policy, new Campaigns("Feedback-ID"), j::reader, dir.resolve("scratch"), () -> false, 2048).run(end);
                rebuilt.catchUp();
                assertEquals(expected, states(rebuilt), "seed " + seed);
                assertEquals(campaigns, ((SqliteStore) store).campaigns(Instant.EPOCH));
                assertEquals(end, j.lastSeq(), "no change record written again, seed " + seed);
                assertFalse(store.holdsChanges());
                assertEquals(end, store.position());
                store.close();
            }
        }
    }

    @Test
    void aFirstBuildInPassesWritesTheChangeRecordsTheRecordByRecordPathWrites() throws Exception {
        for (long seed = 11; seed <= 14; seed++) {
            var records = randomRecords(seed, 300);
            try (FileJournal one = journal("a" + seed, records); FileJournal two = journal("b" + seed, records)) {
                var byRecord = state("a" + seed, one, null);
                byRecord.catchUp();
                var inPasses = state("b" + seed, two, dir.resolve("scratch" + seed));
                inPasses.catchUp();
                assertEquals(states(byRecord), states(inPasses), "seed " + seed);
                List<String> ids = changeIds(one);
                assertFalse(ids.isEmpty());
                assertEquals(ids, changeIds(two), "the same change records in the same order, seed " + seed);
                assertEquals(one.lastSeq(), two.lastSeq());
                try (var left = Files.list(dir.resolve("scratch" + seed))) {
                    assertEquals(0, left.count(), "no temporary file left");
                }
                byRecord.store().close();
                inPasses.store().close();
            }
        }
    }

    @Test
    void partitionsSpreadAddressesEvenlyAndEachDepthUsesOtherBits() {
        int[] counts = new int[Rebuild.PARTITIONS];
        int[] sub = new int[16];
        for (int i = 0; i < 64_000; i++) {
            String a = "user" + i + "@example.org";
            counts[Rebuild.partition(a, 0, Rebuild.PARTITIONS)]++;
            if (Rebuild.partition(a, 0, Rebuild.PARTITIONS) == 5) sub[Rebuild.partition(a, 1, 16)]++;
        }
        for (int c : counts) assertTrue(c > 800 && c < 1200, java.util.Arrays.toString(counts));
        for (int c : sub) assertTrue(c > 30, "a partition split again spreads too: " + java.util.Arrays.toString(sub));
    }
}
