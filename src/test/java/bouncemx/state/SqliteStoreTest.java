package bouncemx.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's lookups, which run on their own connections beside the writer. */
class SqliteStoreTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    @TempDir
    Path dir;

    private static AddressState state(String address, boolean suppressed, long updated) {
        return new AddressState(address, suppressed, suppressed ? "hard_bounce" : null, List.of(), null, T.plusMillis(updated));
    }

    @Test
    void aLookupSeesWhatWasCommittedBeforeIt() {
        try (SqliteStore store = SqliteStore.open(SqliteStore.file(dir))) {
            assertNull(store.get("a@example.org"));
            store.commit(List.of(state("a@example.org", true, 1)), 1);
            assertTrue(store.get("a@example.org").suppressed());
            store.commit(List.of(state("a@example.org", false, 2)), 2);
            AddressState a = store.get("a@example.org");
            assertFalse(a.suppressed());
            assertEquals(T.plusMillis(2), a.updatedAt());
        }
    }

    /**
     * A lookup reads the row as one packed text column: every field comes back as committed, NULLs as null, and a cause
     * holding the separator, '=' or nothing at all is not confused with the fields before it or with NULL.
     */
    @Test
    void aLookupReturnsEveryFieldAsCommitted() {
        List<AddressState.Soft> soft = List.of(new AddressState.Soft(T.minusSeconds(60), "0123456789abcdef"),
                new AddressState.Soft(T.minusSeconds(30), ""));
        List<AddressState> states = List.of(
                new AddressState("all@example.org", true, "hard_bounce", soft, T.plusSeconds(86400), T.plusMillis(5)),
                new AddressState("none@example.org", false, null, List.of(), null, null),
                new AddressState("odd@example.org", false, "a|b=|c||", List.of(), T.minusMillis(1), T),
                new AddressState("empty@example.org", true, "", soft.subList(1, 2), null, T.plusMillis(7)),
                new AddressState("eq@example.org", false, "=", List.of(), null, Instant.ofEpochMilli(0)));
        try (SqliteStore store = SqliteStore.open(SqliteStore.file(dir))) {
            store.commit(states, 1);
            for (AddressState s : states) assertEquals(s, store.get(s.address()), s.address());
            assertNull(store.get("missing@example.org"));
        }
    }

    @Test
    void concurrentLookupsDuringCommitsSeeWholeCommitsOnly() throws Exception {
        try (SqliteStore store = SqliteStore.open(SqliteStore.file(dir))) {
            List<AddressState> first = new ArrayList<>();
            for (int i = 0; i < 200; i++) first.add(state("u" + i + "@example.org", false, 0));
            store.commit(first, 1);
            // the writer flips all 200 addresses together in each commit, its number in updated_at
            var stop = new AtomicBoolean();
            var failures = new ConcurrentLinkedQueue<String>();
            var lookups = new AtomicLong();
            var longestNanos = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < SqliteStore.LOOKUP_CONNECTIONS * 3; t++) { // more threads than connections: some wait
                int me = t;
                readers.add(Thread.ofVirtual().start(() -> {
                    int i = me;
                    long lastSeen = 0;
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        AddressState s = store.get("u" + (i++ % 200) + "@example.org");
                        longestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        long n = s.updatedAt().toEpochMilli() - T.toEpochMilli();
                        if (s.suppressed() != (n % 2 == 1)) failures.add("a torn row: " + s);
                        if (n < lastSeen) failures.add("went back from commit " + lastSeen + " to " + n);
                        lastSeen = n;
                        lookups.incrementAndGet();
                    }
                }));
            }
            for (int c = 1; c <= 30; c++) {
                List<AddressState> all = new ArrayList<>();
                for (int i = 0; i < 200; i++) all.add(state("u" + i + "@example.org", c % 2 == 1, c));
                store.commit(all, c + 1);
            }
            AddressState last = store.get("u7@example.org");
            stop.set(true);
            for (Thread r : readers) r.join(10_000);
            assertTrue(failures.isEmpty(), failures.toString());
            assertTrue(lookups.get() > 0);
            // connections go to the waiting lookups in turn: none waits for long (each takes microseconds). When a
            // thread that gave one back could take it again at once, one lookup waited 9 s of a 10 s run, and
            // sometimes all of the 10 s after which it fails
            assertTrue(longestNanos.get() < 5_000_000_000L, "longest lookup " + longestNanos.get() / 1_000_000 + " ms");
            assertEquals(T.plusMillis(30), last.updatedAt(), "a lookup after the last commit sees it");
            assertEquals(31, store.position());
        }
    }

    @Test
    void lookupsReadTheFileMappedAndSeeRowsMovedInByCheckpointsAndGrowth() {
        try (SqliteStore store = SqliteStore.open(SqliteStore.file(dir))) {
            assertEquals(SqliteStore.LOOKUP_MMAP_BYTES, store.lookupMmapBytes(), "the reading connections map the file");
            assertNull(store.get("u0@example.org")); // mapped while the file is nearly empty
            // 30 commits of 1,000 rows: the file grows past what was mapped, and SQLite's automatic checkpoints
            // (every 1,000 WAL pages) move pages from the WAL, which is not mapped, into the file, which is
            for (int c = 0; c < 30; c++) {
                List<AddressState> batch = new ArrayList<>();
                for (int i = 0; i < 1000; i++) batch.add(state("u" + (c * 1000 + i) + "@example.org", (c + i) % 2 == 0, c));
                store.commit(batch, c + 1);
                for (int i = 0; i < 1000; i += 97) {
                    AddressState s = store.get("u" + (c * 1000 + i) + "@example.org");
                    assertEquals((c + i) % 2 == 0, s.suppressed());
                }
            }
            for (int n = 0; n < 30_000; n += 7) {
                AddressState s = store.get("u" + n + "@example.org");
                assertEquals((n / 1000 + n % 1000) % 2 == 0, s.suppressed(), "u" + n);
                assertEquals(T.plusMillis(n / 1000), s.updatedAt());
            }
            store.commit(List.of(state("u5@example.org", true, 99)), 31); // a change to a row in a checkpointed page
            assertEquals(T.plusMillis(99), store.get("u5@example.org").updatedAt());
        }
    }

    @Test
    void aClosedStoreRefusesLookups() {
        SqliteStore store = SqliteStore.open(SqliteStore.file(dir));
        store.commit(List.of(state("a@example.org", true, 1)), 1);
        store.close();
        assertThrows(IllegalStateException.class, () -> store.get("a@example.org"));
    }
}
