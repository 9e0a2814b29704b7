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
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < SqliteStore.LOOKUP_CONNECTIONS * 3; t++) { // more threads than connections: some wait
                int me = t;
                readers.add(Thread.ofVirtual().start(() -> {
                    int i = me;
                    long lastSeen = 0;
                    while (!stop.get()) {
                        AddressState s = store.get("u" + (i++ % 200) + "@example.org");
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
            assertEquals(T.plusMillis(30), last.updatedAt(), "a lookup after the last commit sees it");
            assertEquals(31, store.position());
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
