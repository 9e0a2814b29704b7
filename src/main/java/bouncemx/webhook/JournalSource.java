package bouncemx.webhook;

import bouncemx.journal.FileJournal;
import bouncemx.journal.JournalReader;

import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Where a webhook consumer reads the journal: readers from a sequence number, and the last durable sequence
 * number (for the backlog and to avoid polling the files when nothing is new). In the daemon it is the open
 * {@link FileJournal}, so readers return fsync'd records only; a command-line tool beside the daemon reads
 * the files (every complete record; the last sequence number then lags by up to a second).
 */
public record JournalSource(LongFunction<JournalReader> readers, LongSupplier lastSeq) {
    private static final long STALE_NANOS = 1_000_000_000L;

    /** The daemon's own journal. */
    public static JournalSource of(FileJournal journal) {
        return new JournalSource(journal::reader, journal::lastSeq);
    }

    /** The journal files in {@code dir}, read by a process that does not write them (the last sequence number is found by reading). */
    public static JournalSource files(Path dir) {
        return new JournalSource(from -> new JournalReader(dir, from), new LongSupplier() {
            private long value;
            private long readAt = System.nanoTime() - 2 * STALE_NANOS;

            @Override
            public synchronized long getAsLong() { // reading the newest segment costs: at most once a second
                if (System.nanoTime() - readAt >= STALE_NANOS) {
                    value = JournalFiles.lastSeq(dir);
                    readAt = System.nanoTime();
                }
                return value;
            }
        });
    }

    public JournalReader reader(long fromSeq) {
        return readers.apply(fromSeq);
    }
}
