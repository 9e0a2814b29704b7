package bouncemx.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads journal records in sequence order from a given sequence number, safe while a writer (in this or
 * another process) appends: it returns only complete records that pass their checks, and stops at the
 * first incomplete or invalid record at the tail of the newest segment, to try again on the next call
 * ({@link #next()} returns empty). With a durable limit (from {@link FileJournal#reader}) it also never
 * returns a record the writer has not fsync'd yet. It never writes. (Without that limit, as in a tool
 * running beside the daemon, it can return a record whose fsync then failed and that the writer cuts back;
 * such a record was never acknowledged, and a later record takes its sequence number.)
 *
 * <p>Gaps: when the wanted records were deleted by retention it continues at the oldest record left; when a
 * finished segment ends in bytes that are not a record (damage) it continues with the next segment. Both
 * are logged as one WARN and counted in {@link #skippedRecords()}.
 *
 * <p>One reader is used by one thread at a time.
 */
public final class JournalReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalReader.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final Path dir;
    private final LongSupplier durableLimit;
    private long want;          // the next sequence number to return
    private Segment segment;    // the open segment, or null
    private FileChannel channel;
    private long pos;           // where the record with sequence number 'expected' starts
    private long expected;
    private long skipped;

    /** Reads every valid record on disk from {@code fromSeq} (for tools in another process). */
    public JournalReader(Path dir, long fromSeq) {
        this(dir, fromSeq, () -> Long.MAX_VALUE);
    }

    /** Reads records from {@code fromSeq} up to the sequence number {@code durableLimit} gives at each call. */
    public JournalReader(Path dir, long fromSeq, LongSupplier durableLimit) {
        if (fromSeq < 1) throw new IllegalArgumentException("sequence numbers start at 1, not " + fromSeq);
        this.dir = dir;
        this.want = fromSeq;
        this.durableLimit = durableLimit;
    }

    /** The next committed record, or empty when there is none yet. */
    public Optional<JournalRecord> next() throws IOException {
        while (true) {
            if (channel == null && !openSegmentFor(want)) return Optional.empty();
            if (expected > durableLimit.getAsLong()) return Optional.empty();
            RecordFormat.Read r = RecordFormat.read(channel, pos, expected);
            if (r instanceof RecordFormat.Valid v) {
                pos = v.end();
                expected++;
                if (v.record().seq() < want) continue; // still scanning towards the start
                want = v.record().seq() + 1;
                return Optional.of(v.record());
            }
            Segment successor = successor();
            if (successor == null) return Optional.empty(); // the tail of the active segment: retry later
            // The writer completes a segment before it creates the next one, so one more look is final.
            r = RecordFormat.read(channel, pos, expected);
            if (r instanceof RecordFormat.Valid) continue;
            if (r instanceof RecordFormat.Unreadable u) {
                log.warn("journal reader: {} ends in unreadable bytes at offset {} ({}); continuing with {}",
                        segment.path().getFileName(), pos, u.why(), successor.path().getFileName());
            }
            if (successor.base() > Math.max(expected, want)) {
                long lost = successor.base() - Math.max(expected, want);
                skipped += lost;
                log.warn("journal reader: records {}..{} are missing; continuing at {}", Math.max(expected, want),
                        successor.base() - 1, successor.base());
            }
            want = Math.max(want, successor.base());
            closeChannel();
        }
    }

    /** Waits up to {@code timeout} for the next committed record, polling the files. */
    public Optional<JournalRecord> poll(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<JournalRecord> r = next();
            if (r.isPresent()) return r;
            long left = deadline - System.nanoTime();
            if (left <= 0) return r;
            Thread.sleep(Math.max(1, Math.min(POLL_INTERVAL.toMillis(), left / 1_000_000)));
        }
    }

    /** The sequence number the next record will have (or that the reader waits for). */
    public long position() {
        return want;
    }

    /** Records the reader had to skip because they were gone (retention) or damaged. */
    public long skippedRecords() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }

    /** Opens the segment that holds {@code seq} (or the oldest one when it is gone); false when there are none. */
    private boolean openSegmentFor(long seq) throws IOException {
        while (true) {
            List<Segment> segments = Segment.list(dir);
            if (segments.isEmpty()) return false;
            Segment chosen = segments.getFirst();
            for (Segment s : segments) if (s.base() <= seq) chosen = s;
            if (chosen.base() > seq) {
                skipped += chosen.base() - seq;
                log.warn("journal reader: records {}..{} are gone (retention); continuing at the oldest, {}", seq,
                        chosen.base() - 1, chosen.base());
                want = chosen.base();
            }
            try {
                channel = FileChannel.open(chosen.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue; // deleted by retention meanwhile: look again
            }
            segment = chosen;
            pos = 0;
            expected = chosen.base();
            return true;
        }
    }

    private Segment successor() throws IOException {
        for (Segment s : Segment.list(dir)) if (s.base() > segment.base()) return s;
        return null;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            segment = null;
            c.close();
        }
    }
}
