package bouncemx.bench;

import bouncemx.config.Config;
import bouncemx.event.Envelope;
import bouncemx.journal.FileJournal;
import bouncemx.pipeline.JournalEntry;
import bouncemx.state.SqliteStore;
import bouncemx.state.SuppressionPolicy;
import bouncemx.state.SuppressionState;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Suppression state at scale: writes a journal of EVENTS events over ADDRESSES addresses (10 events per record;
 * 55% counted soft bounces, 15% sender-side soft bounces, 10% hard, 10% delayed, 10% delivery success; received
 * over the last 90 days), builds the state from it (writing every change record), deletes the store and rebuilds
 * it (the change records are then already there), and reports both rates, the store
 * size on disk, the heap after a GC, and single-thread lookups/s straight on the store.
 * Usage: SuppressionBench DIR ADDRESSES EVENTS
 */
public final class SuppressionBench {
    /** CPU time of this process, all threads (the machine is shared: this does not count other processes' load). */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int addresses = Integer.parseInt(args[1]);
        long events = Long.parseLong(args[2]);
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        var journalConfig = new Config.Journal(134_217_728L, Duration.ofDays(3650));
        var rnd = new SplittableRandom(42);
        long t0 = System.nanoTime();
        try (FileJournal journal = FileJournal.open(dir.resolve("journal"), journalConfig, clock)) {
            if (journal.lastSeq() > 0) {
                System.out.printf("journal: reusing the %,d records in %s (delete it for a new one)%n", journal.lastSeq(), dir);
            } else {
                List<CompletableFuture<Long>> inFlight = new ArrayList<>();
                for (long e = 0; e < events; e += 10) {
                    List<byte[]> list = new ArrayList<>(10);
                    for (int i = 0; i < 10; i++) {
                        long n = e + i;
                        int a = rnd.nextInt(addresses);
                        Instant at = now.minus(Duration.ofSeconds(rnd.nextLong(90L * 86400)));
                        int kind = rnd.nextInt(100);
                        String type = kind < 70 ? "bounce.soft" : kind < 80 ? "bounce.hard" : kind < 90 ? "bounce.delayed" : "delivery.success";
                        String reason = kind < 55 ? "mailboxfull" : kind < 70 ? "blocked" : kind < 80 ? "userunknown" : "expired";
                        list.add(("{\"type\":\"" + type + "\",\"timestamp\":\"" + at + "\",\"data\":{\"id\":\"e" + n
                                + "\",\"received_at\":\"" + at + "\",\"recipient\":{\"address\":\"user" + a
                                + "@example.org\",\"source\":\"dsn\"},\"classification\":{\"category\":\"soft\",\"reason\":\""
                                + reason + "\",\"hard\":false,\"permanent\":false,\"rule\":\"status:4.2.2\"},"
                                + "\"diagnostics\":{\"action\":\"failed\",\"status\":\"4.2.2\",\"reply_code\":\"452\"},"
                                + "\"original\":{\"message_id\":\"<m" + rnd.nextInt(1_000_000) + "@sender.example>\"}}}")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    inFlight.add(journal.append(new JournalEntry("m" + e, now, new Envelope("", List.of("b@bounce.example"), "127.0.0.1", "h"),
                            new byte[0], list).encode()));
                    if (inFlight.size() >= 2000) {
                        for (var f : inFlight) f.get();
                        inFlight.clear();
                    }
                }
                for (var f : inFlight) f.get();
                System.out.printf("journal: %,d events in %,d records written in %.1f s%n", events, events / 10,
                        (System.nanoTime() - t0) / 1e9);
            }

            Path db = SqliteStore.file(dir);
            // a reused journal already holds the change records of a first build: REBUILD_ONLY=1 skips that build
            boolean firstBuild = !(journal.lastSeq() > events / 10 && "1".equals(System.getenv("REBUILD_ONLY")));
            for (String suffix : new String[]{"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));
            if (firstBuild) try (SqliteStore store = SqliteStore.open(db)) {
                var state = new SuppressionState(store, new SuppressionPolicy(Config.Suppression.DEFAULT),
                        journal::reader, journal::lastSeq, journal, clock).rebuildingIn(SqliteStore.rebuildScratch(dir));
                long t1 = System.nanoTime();
                long records = state.catchUp();
                double s = (System.nanoTime() - t1) / 1e9;
                System.out.printf("first build (writes every change record): %,d records (%,d events) in %.1f s = %,.0f events/s%n",
                        records, events, s, events / s);
            }
            for (String suffix : new String[]{"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));
            try (SqliteStore store = SqliteStore.open(db)) {
                var state = new SuppressionState(store, new SuppressionPolicy(Config.Suppression.DEFAULT),
                        journal::reader, journal::lastSeq, journal, clock).rebuildingIn(SqliteStore.rebuildScratch(dir));
                long t1 = System.nanoTime();
                long cpu1 = processCpu();
                long records = state.catchUp();
                double s = (System.nanoTime() - t1) / 1e9;
                double cpuS = (processCpu() - cpu1) / 1e9;
                System.out.printf("rebuild after deleting the store: %,d records (%,d events + change records) in %.1f s = %,.0f bounce events/s"
                        + " (%.1f s of CPU in all threads = %,.0f events per CPU-second; on an idle machine with %d cores the wall"
                        + " time is at least the CPU time / cores)%n", records, events, s, events / s, cpuS, events / cpuS,
                        Runtime.getRuntime().availableProcessors());
                System.gc();
                var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                System.out.printf("heap after GC: %,d MB used (max %,d MB)%n", heap.getUsed() >> 20, heap.getMax() >> 20);
                long size = 0;
                try (var files = Files.list(db.getParent())) {
                    for (Path p : (Iterable<Path>) files::iterator) size += Files.size(p);
                }
                System.out.printf("store on disk: %,d MB (%s)%n", size >> 20, db.getParent());
                long t2 = System.nanoTime();
                int n = 200_000;
                int found = 0;
                for (int i = 0; i < n; i++) if (store.get("user" + rnd.nextInt(addresses) + "@example.org") != null) found++;
                System.out.printf("lookups (store, one thread): %,.0f/s (%d found)%n", n / ((System.nanoTime() - t2) / 1e9), found);
            }
        }
        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }
}
