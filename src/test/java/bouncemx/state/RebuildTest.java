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
        for (long seed = 1; seed <= 6; seed++) {
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
                new Rebuild(store, policy, new Campaigns("Feedback-ID"), j::reader, dir.resolve("scratch"), () -> false, 2048,
                        (int) seed % 3 + 1).run(end); // 1 to 3 workers, each reading its own range of the journal
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
                if (seed >= 13) { // several workers, each reading its own range of the journal
                    new Rebuild(inPasses.store(), policy, new Campaigns("Feedback-ID"), two::reader, dir.resolve("scratch" + seed),
                            () -> false, 4096, (int) seed - 11).run(two.lastSeq());
                }
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
    void rangesFromASampleCutItEvenlyAndKeepAddressOrder() {
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < 64_000; i++) sample.add("user" + i + "@example.org");
        String[] bounds = Rebuild.bounds(new ArrayList<>(sample), Rebuild.PARTITIONS);
        assertEquals(Rebuild.PARTITIONS - 1, bounds.length);
        int[] counts = new int[Rebuild.PARTITIONS];
        for (String a : sample) counts[Rebuild.range(bounds, a)]++;
        for (int c : counts) assertTrue(c > 900 && c < 1100, java.util.Arrays.toString(counts));
        List<String> sorted = new ArrayList<>(sample);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(Rebuild.range(bounds, sorted.get(i - 1)) <= Rebuild.range(bounds, sorted.get(i)), "ranges follow address order");
        }
        assertEquals(0, Rebuild.range(bounds, ""));
        assertEquals(Rebuild.PARTITIONS - 1, Rebuild.range(bounds, "zzz"));
        // few distinct addresses: fewer ranges; an empty sample: one range
        List<String> few = new ArrayList<>();
        for (int i = 0; i < 1000; i++) few.add(i % 10 == 0 ? "b@x" : "a@x");
        assertEquals(List.of("a@x", "b@x"), List.of(Rebuild.bounds(few, 16)), "each distinct address at most once");
        assertEquals(0, Rebuild.bounds(new ArrayList<>(), 16).length);
    }

    @Test
    void scratchFilesReadBackWhatWasWrittenAcrossBufferEdges() throws Exception {
        var rnd = new SplittableRandom(5);
        List<Object> written = new ArrayList<>();
        Path f = dir.resolve("scratch-format");
        try (var out = new Rebuild.ScratchOut(Files.newOutputStream(f))) {
            for (int i = 0; i < 20_000; i++) {
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        int v = rnd.nextInt();
                        out.writeInt(v);
                        written.add(v);
                    }
                    case 1 -> {
                        long v = rnd.nextLong();
                        out.writeLong(v);
                        written.add(v);
                    }
                    case 2 -> {
                        boolean v = rnd.nextBoolean();
                        out.writeBoolean(v);
                        written.add(v);
                    }
                    default -> {
                        // ASCII, other scripts, null, and now and then longer than the buffer
                        String v = switch (rnd.nextInt(6)) {
                            case 0 -> null;
                            case 1 -> "Jürgen.Übel@bücher.example-" + i;
                            case 2 -> "\u7528\u6237" + i + "@\u4f8b\u5b50.\u516c\u53f8";
                            case 3 -> rnd.nextInt(50) == 0 ? "x".repeat(70_000 + i) + "é" : "\ud83d\udce7" + i;
                            default -> "user" + i + "@example.org";
                        };
                        out.writeString(v);
                        written.add(v == null ? "<null>" : v);
                    }
                }
            }
        }
        // read back in order, field by field
        try (var in = new Rebuild.ScratchIn(Files.newInputStream(f))) {
            for (Object w : written) {
                Object r = switch (w) {
                    case Integer i -> in.readInt();
                    case Long l -> in.readLong();
                    case Boolean b -> in.readBoolean();
                    default -> {
                        String s = in.readString();
                        yield s == null ? "<null>" : s;
                    }
                };
                assertEquals(w, r);
            }
            org.junit.jupiter.api.Assertions.assertThrows(java.io.EOFException.class, in::readByte, "the end");
        }
    }

    /** Skewed journals: the sample (first records of each worker's range) misrepresents the rest. */
    private static List<List<String>> skewedRecords(long seed, int records) {
        var rnd = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>();
        int n = 0;
        for (int r = 0; r < records; r++) {
            List<String> events = new ArrayList<>();
            for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                // early records: addresses starting with "a"; later ones mostly "z..." and one very busy address
                String address = r < records / 5 ? "a" + rnd.nextInt(200) + "@example.org"
                        : rnd.nextInt(3) == 0 ? "Zoe@Busy.example" : "z" + rnd.nextInt(60) + "@example.org";
                Instant at = T0.plus(Duration.ofHours(rnd.nextLong(24 * 180)));
                String id = "e" + n++;
                events.add(switch (rnd.nextInt(8)) {
                    case 0 -> event("bounce.hard", id, address, at, "userunknown", "", "");
                    case 1 -> event("delivery.success", id, address, at, "", "", "");
                    case 2 -> event("complaint", id, address, at, "", "", "abuse");
                    default -> event("bounce.soft", id, address, at, "mailboxfull", "<m" + rnd.nextInt(30) + "@sender.example>", "");
                });
            }
            out.add(events);
        }
        return out;
    }

    @Test
    void rangePartitionsOfASkewedJournalGiveTheSameStoreLoadedInAddressOrder() throws Exception {
        for (long seed = 21; seed <= 24; seed++) {
            var records = skewedRecords(seed, 500);
            try (FileJournal one = journal("s" + seed, records); FileJournal two = journal("t" + seed, records)) {
                var byRecord = state("s" + seed, one, null);
                byRecord.catchUp();
                var inPasses = state("t" + seed, two, null);
                List<String> loaded = new ArrayList<>();
                SuppressionStore watching = new Watching(inPasses.store(), loaded);
                Path scratch = dir.resolve("scratch" + seed);
                // a sample of the first 20 records of each range (all "a..."), partitions split again above 1-4 KiB
                new Rebuild(watching, policy, new Campaigns("Feedback-ID"), two::reader, scratch, () -> false,
                        1024L << (seed - 21), (int) seed - 20, (int) seed - 19, 20).run(two.lastSeq()); // workers 1-4, readers 2-5
                inPasses.catchUp();
                assertEquals(states(byRecord), states(inPasses), "seed " + seed);
                assertEquals(changeIds(one), changeIds(two), "the same change records in the same order, seed " + seed);
                assertEquals(((SqliteStore) byRecord.store()).campaigns(Instant.EPOCH), ((SqliteStore) inPasses.store()).campaigns(Instant.EPOCH));
                assertTrue(loaded.size() > 100, "states loaded: " + loaded.size());
                List<String> sorted = new ArrayList<>(loaded);
                sorted.sort(null);
                assertEquals(sorted, loaded, "the load gets the states in address order, seed " + seed);
                assertEquals(loaded.size(), new java.util.HashSet<>(loaded).size(), "each address once");
                try (var left = Files.list(scratch)) {
                    assertEquals(0, left.count(), "no temporary file left");
                }
                byRecord.store().close();
                inPasses.store().close();
            }
        }
    }

    @Test
    void aStopDuringTheRebuildLeavesTheStoreEmptyAndNoTemporaryFile() throws Exception {
        var records = randomRecords(31, 400);
        try (FileJournal j = journal("stop", records)) {
            var s = state("stop", j, null);
            Path scratch = dir.resolve("scratch-stop");
            int[] asked = {0};
            // stopped once the reading is under way: the apply or the load sees it
            var rebuild = new Rebuild(s.store(), policy, new Campaigns("Feedback-ID"), j::reader, scratch, () -> ++asked[0] > 3, 2048, 2, 3, 20);
            org.junit.jupiter.api.Assertions.assertThrows(java.io.InterruptedIOException.class, () -> rebuild.run(j.lastSeq()));
            assertEquals(0, s.store().position(), "nothing loaded");
            assertEquals(null, s.store().get("user1@example.org"));
            try (var left = Files.list(scratch)) {
                assertEquals(0, left.count(), "no temporary file left");
            }
            s.store().close();
        }
    }

    /** A store that notes the addresses {@link SuppressionStore#load} is given, in order. */
    private record Watching(SuppressionStore store, List<String> loaded) implements SuppressionStore {
        public AddressState get(String address) {
            return store.get(address);
        }

        public void commit(Batch batch) {
            store.commit(batch);
        }

        public void load(java.util.Iterator<AddressState> states, java.util.Map<Campaigns.Key, Long> counts,
                         java.util.Iterator<Change> held, long position) {
            store.load(new java.util.Iterator<>() {
                public boolean hasNext() {
                    return states.hasNext();
                }

                public AddressState next() {
                    AddressState s = states.next();
                    loaded.add(s.address());
                    return s;
                }
            }, counts, held, position);
        }

        public boolean holdsChanges() {
            return store.holdsChanges();
        }

        public List<Held> held(long afterKey, int limit) {
            return store.held(afterKey, limit);
        }

        public void release(long throughKey) {
            store.release(throughKey);
        }

        public long position() {
            return store.position();
        }

        public void close() {
            store.close();
        }
    }
}
