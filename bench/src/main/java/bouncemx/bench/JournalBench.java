package bouncemx.bench;

import bouncemx.journal.FileJournal;
import bouncemx.journal.Storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Journal append throughput with group commit: N appender threads (default 64), each appending a record
 * and waiting for its acknowledgement (like SMTP sessions), for a few seconds, on real files with fsync.
 * Prints records/s, records per fsync and p50/p99 acknowledgement latency, with the machine and JDK.
 * Usage: JournalBench [DIR] [THREADS] [SECONDS] [PAYLOAD_BYTES] [PREALLOCATE_BYTES]; DIR defaults to a temporary
 * directory (use one on the disk that will hold data.dir: /tmp may be a tmpfs whose fsync costs nothing);
 * PREALLOCATE_BYTES is journal.preallocate_bytes (default the daemon's, 4 MiB; 0 = off, as before issue 14).
 * Also prints the process CPU time per record.
 */
public final class JournalBench {
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("journal-bench");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int payloadBytes = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        long preallocateBytes = args.length > 4 ? Long.parseLong(args[4]) : bouncemx.config.Config.Journal.DEFAULT_PREALLOCATE_BYTES;
        var forces = new AtomicInteger();
        Storage real = Storage.files();
        Storage counting = new Storage() {
            @Override
            public SegmentFile open(Path file) throws IOException {
                SegmentFile f = real.open(file);
                return new SegmentFile() {
                    @Override public void write(ByteBuffer[] b) throws IOException { f.write(b); }
                    @Override public void force() throws IOException { forces.incrementAndGet(); f.force(); }
                    @Override public void truncate(long size) throws IOException { f.truncate(size); }
                    @Override public void seek(long offset) throws IOException { f.seek(offset); }
                    @Override public void writeZeros(long from, long to) throws IOException { f.writeZeros(from, to); }
                    @Override public void close() throws IOException { f.close(); }
                };
            }

            @Override
            public void syncDirectory(Path d) throws IOException { real.syncDirectory(d); }
        };
        byte[] payload = new byte[payloadBytes];
        var done = new AtomicLong();
        long[][] latencies = new long[threads][];
        var options = FileJournal.Options.DEFAULT.withQueueCapacity(4096).withPreallocateBytes(preallocateBytes);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (var journal = new FileJournal(dir.resolve("journal"), 128L << 20, Duration.ofDays(1), Clock.systemUTC(), counting, options)) {
            Thread.sleep(1000); // the first preallocation, while idle (as after the daemon starts)
            long cpu0 = os.getProcessCpuTime();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            int forcesBefore = forces.get();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int me = t;
                workers[t] = new Thread(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        journal.append(payload).join();
                        if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                        lat[n++] = System.nanoTime() - start;
                    }
                    latencies[me] = Arrays.copyOf(lat, n);
                    done.addAndGet(n);
                });
                workers[t].start();
            }
            for (Thread w : workers) w.join();
            long cpuNanos = os.getProcessCpuTime() - cpu0;
            int fsyncs = forces.get() - forcesBefore;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("machine: %d cores, %s %s; JDK %s; journal in %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"), dir);
            System.out.printf("%d appenders, %d-byte records, preallocate %d, %ds: %,.0f records/s, %.1f records per fsync, "
                    + "ack p50 %.2f ms, p99 %.2f ms, %.0f us CPU/record%n",
                    threads, payloadBytes, preallocateBytes, seconds, done.get() / (double) seconds,
                    done.get() / (double) Math.max(1, fsyncs), all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                    cpuNanos / 1e3 / Math.max(1, done.get()));
        }
    }
}
