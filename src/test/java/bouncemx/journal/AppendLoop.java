package bouncemx.journal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process JournalRecoveryTest kills: appends {@link Payloads#payload} records from 8 threads, each
 * waiting for its acknowledgement, and prints "SEQ ID" for every acknowledged record, until killed.
 * Usage: AppendLoop DIR SEGMENT_BYTES
 */
public final class AppendLoop {
    static final int MAX_EXTRA = 2000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long segmentBytes = Long.parseLong(args[1]);
        var out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.US_ASCII);
        var ids = new AtomicLong();
        var journal = Payloads.open(dir, segmentBytes, Clock.systemUTC(), Storage.files());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long id = ids.incrementAndGet();
                    long seq = journal.append(Payloads.payload(id, MAX_EXTRA)).join();
                    synchronized (out) {
                        out.println(seq + " " + id);
                    }
                }
            }, "appender-" + t);
            thread.start();
        }
    }
}
