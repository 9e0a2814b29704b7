package bouncemx.bench;

import bouncemx.state.AddressState;
import bouncemx.state.SqliteStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Suppression lookups with more lookups at once than reading connections: THREADS threads (virtual, or platform
 * with "platform") look up 200 addresses in a loop while the writer commits all 200 again and again, for SECONDS.
 * Prints the lookups, commits, failed lookups, the longest single lookup and the fewest lookups one thread made: a
 * store that hands connections out unfairly shows it there (a lookup waiting seconds, a thread that made none).
 * Usage: LookupContention [THREADS] [SECONDS] [platform]   (defaults 12, 10, virtual)
 */
public final class LookupContention {
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        boolean platform = args.length > 2 && args[2].equals("platform");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Path dir = Files.createTempDirectory("lookup-contention");
        try (SqliteStore store = SqliteStore.open(SqliteStore.file(dir))) {
            store.commit(states(t0, 0), 1);
            var stop = new AtomicBoolean();
            var longest = new AtomicLong();
            var failed = new AtomicLong();
            long[] per = new long[threads];
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                Runnable loop = () -> {
                    int i = me;
                    while (!stop.get()) {
                        long s = System.nanoTime();
                        try {
                            store.get("u" + (i++ % 200) + "@example.org");
                        } catch (IllegalStateException e) {
                            failed.incrementAndGet();
                        }
                        longest.accumulateAndGet(System.nanoTime() - s, Math::max);
                        per[me]++;
                    }
                };
                readers.add(platform ? Thread.ofPlatform().start(loop) : Thread.ofVirtual().start(loop));
            }
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            int commits = 1;
            while (System.nanoTime() < end) {
                commits++;
                store.commit(states(t0, commits), commits);
            }
            stop.set(true);
            for (Thread r : readers) r.join(30_000);
            long total = Arrays.stream(per).sum();
            System.out.printf("%d %s threads, %d reading connections, %d s: %,d lookups, %,d commits, %d failed, longest lookup %.1f ms, fewest lookups of one thread %,d (mean %,d)%n",
                    threads, platform ? "platform" : "virtual", SqliteStore.LOOKUP_CONNECTIONS, seconds, total, commits,
                    failed.get(), longest.get() / 1e6, Arrays.stream(per).min().orElse(0), total / threads);
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static List<AddressState> states(Instant t0, int n) {
        List<AddressState> out = new ArrayList<>(200);
        boolean on = n % 2 == 1;
        for (int i = 0; i < 200; i++) {
            out.add(new AddressState("u" + i + "@example.org", on, on ? "hard_bounce" : null, List.of(), null, t0.plusMillis(n)));
        }
        return out;
    }
}
