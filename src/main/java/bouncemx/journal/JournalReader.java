package bouncemx.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads journal records in sequence order from a given sequence number, safe while a writer (in this or
 * another process) appends: it returns only complete records that pass their checks, in increasing
 * sequence order; numbers may have gaps (a record with a larger number than the last is returned, one with
 * a smaller or equal number never is). With a durable limit (from {@link FileJournal#reader}) it never
 * returns a record the writer has not fsync'd yet. It never writes. (Without that limit, as in a tool
 * running beside the daemon, it can return a record whose fsync then failed; the writer cuts such records
 * back and never gives their numbers to other records, but the reader may then take the records written
 * over those bytes for damage, and skip them.)
 *
 * <p>Damage: bytes that are not a valid record, in any segment, are skipped by resynchronising: the reader
 * scans forward for the next complete valid record with a plausible sequence number (after the last one,
 * before the next segment's name) and continues there; each damaged range is logged as one WARN, counted in
 * {@link #damagedRanges()} and passed to the damage listener. Invalid bytes at the end of the newest segment
 * with nothing valid after them are taken for a record still being written: the reader waits there
 * ({@link #next()} returns empty). Records deleted by retention are skipped (one WARN, counted in
 * {@link #skippedRecords()}). The rules are in the package documentation.
 *
 * <p>Waiting costs little: with a durable limit, a reader that has returned every durable record touches no file
 * until the limit grows; without one, a reader at the end of the newest segment checks the file's size on each
 * call and whether the next segment exists under the name the writer gives it (the next number), and lists the
 * directory at most every {@link #LIST_INTERVAL} (a new segment can start at a higher number after a failed write).
 * A reader reads a segment ahead in blocks (see {@link #read}); its memory is one block.
 *
 * <p>One reader is used by one thread at a time.
 */
public final class JournalReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalReader.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    /** How often a reader without a durable limit lists the directory while it waits at the end of the newest segment. */
    static final Duration LIST_INTERVAL = Duration.ofMillis(200);
    static final int AHEAD_BYTES = 1 << 20;
    /** The block a reader following the writer's tail reads (the rest of a larger one would be preallocated zeros). */
    static final int MIN_AHEAD_BYTES = 16 << 10;

    private final Path dir;
    private final LongSupplier durableLimit;
    private final Consumer<DamagedRange> onDamage;
    private long want;          // no record below this number is returned
    private Segment segment;    // the open segment, or null
    private FileChannel channel;
    private long pos;           // where the next record of the open segment starts
    private long last;          // the number of the last valid record met in the open segment (base - 1 at first)
    private long skipped;
    private long damaged;
    private long waitingAt = -1;   // where the last scan of the newest segment found nothing valid after pos,
    private long waitingSize = -1; // and the file's size,
    private long waitingLimit;     // the durable limit
    private long waitingSince;     // and the time (System.nanoTime) then
    private byte[] ahead;             // bytes of the open segment from aheadAt,
    private int aheadLength;          // how many,
    private long aheadAt;
    private long aheadDurable;        // and the durable limit read before them (Long.MAX_VALUE: none);
    private boolean aheadMissed;      // no whole record at aheadAt when the block was read
    private Segment aheadSegment;
    private int aheadSize = MIN_AHEAD_BYTES; // the next block's size, MIN_AHEAD_BYTES to AHEAD_BYTES
    private Segment endListedSegment; // the newest segment when the directory was last listed at its end,
    private long endListedPos = -1;   // that end,
    private long endListedAt;         // and when (System.nanoTime)

    /** Reads every valid record on disk from {@code fromSeq} (for tools in another process). */
    public JournalReader(Path dir, long fromSeq) {
        this(dir, fromSeq, () -> Long.MAX_VALUE);
    }

    /** Reads records from {@code fromSeq} up to the sequence number {@code durableLimit} gives at each call. */
    public JournalReader(Path dir, long fromSeq, LongSupplier durableLimit) {
        this(dir, fromSeq, durableLimit, range -> { });
    }

    /** As above, and tells {@code onDamage} about each damaged range it skips (on the reading thread). */
    public JournalReader(Path dir, long fromSeq, LongSupplier durableLimit, Consumer<DamagedRange> onDamage) {
        if (fromSeq < 1) throw new IllegalArgumentException("sequence numbers start at 1, not " + fromSeq);
        this.dir = dir;
        this.want = fromSeq;
        this.durableLimit = durableLimit;
        this.onDamage = onDamage;
    }

    /** The next committed record, or empty when there is none yet. */
    public Optional<JournalRecord> next() throws IOException {
        // An idle follower of the daemon's journal costs no file access: nothing durable is new.
        if (want > durableLimit.getAsLong()) return Optional.empty();
        while (true) {
            if (channel == null && !openSegmentFor(want)) return Optional.empty();
            RecordFormat.Read r = read(pos);
            String why = RecordFormat.problem(r, last);
            if (why == null && r instanceof RecordFormat.Valid v) {
                if (v.seq() > durableLimit.getAsLong()) return Optional.empty();
                pos = v.end();
                last = v.seq();
                if (v.seq() < want) continue; // still scanning towards the start
                want = v.seq() + 1;
                return Optional.of(v.record());
            }
            // The end of the file, or zeros where the next record would start: the preallocated end of the newest segment.
            boolean atEnd = why == null || r instanceof RecordFormat.Blank;
            if (atEnd && unchangedSinceListed()) return Optional.empty();
            Segment successor = successor();
            // With a durable limit a record numbered up to the limit (at least want) is on disk: zeros where it should
            // be, in the newest segment, are damage (zeros over records) to resynchronise past, as in a finished one.
            if (atEnd && successor == null && (why == null || durableLimit.getAsLong() == Long.MAX_VALUE)) {
                // the newest segment: wait for more
                endListedAt = System.nanoTime();
                endListedPos = pos;
                endListedSegment = segment;
                return Optional.empty();
            }
            if (atEnd && successor != null) {
                // The writer completes a segment (and cuts its preallocated zeros) before it creates the next, so one
                // more look is final: zeros still there are damage inside a finished segment.
                RecordFormat.Read again = RecordFormat.read(channel, pos);
                if (again instanceof RecordFormat.End) {
                    nextSegment(successor);
                    continue;
                }
                if (!(again instanceof RecordFormat.Blank)) continue;
                why = RecordFormat.problem(again, last);
            }
            // A plausible number is above the last one, below the next segment's name, and (cheap to check
            // first) not past the durable limit: a record past it is not returned yet anyway.
            long limit = durableLimit.getAsLong();
            long before = Math.min(successor == null ? Long.MAX_VALUE : successor.base(), limit == Long.MAX_VALUE ? limit : limit + 1);
            long size = channel.size();
            // Nothing changed since a scan of the newest segment found nothing valid after pos: no need to scan again.
            // Appends over preallocated zeros do not change the size: a new durable limit, or (without one) time, does.
            if (successor == null && pos == waitingAt && size == waitingSize && limit == waitingLimit
                    && (limit != Long.MAX_VALUE || System.nanoTime() - waitingSince < LIST_INTERVAL.toNanos())) {
                return Optional.empty();
            }
            RecordFormat.Found found = RecordFormat.findValid(channel, pos + 1, last, before);
            if (found == null && successor == null) { // a record still being written
                waitingAt = pos;
                waitingSize = size;
                waitingLimit = limit;
                waitingSince = System.nanoTime();
                return Optional.empty();
            }
            // Look at pos once more: a writer may have completed the record there while we scanned.
            if (RecordFormat.read(channel, pos) instanceof RecordFormat.Valid v && v.seq() > last) continue;
            if (found == null) found = RecordFormat.findValid(channel, pos + 1, last, before);
            if (found == null) { // a finished segment ends in damage
                report(new DamagedRange(segment.path().getFileName().toString(), pos, channel.size(), last, successor.base(), why));
                nextSegment(successor);
                continue;
            }
            report(new DamagedRange(segment.path().getFileName().toString(), pos, found.offset(), last,
                    found.valid().seq(), why));
            pos = found.offset();
        }
    }

    /**
     * The record at {@code at} of the open segment. The reader reads the file ahead in blocks of
     * {@link #MIN_AHEAD_BYTES} to {@link #AHEAD_BYTES} (one read call per block instead of three per record: the
     * file's size, the header, the payload) and takes from the block only a record that lies wholly in it and
     * passes its checks, and with a durable limit only one that was durable before the block was read, whose bytes
     * the writer never changes again; anything else (the end, a record past the block or that limit, damage) is
     * read from the file as without the block. Without a limit a record taken from a block is one that was complete
     * when the block was read: what reading the file then would have returned (the class comment says what such a
     * reader can return). Measured: in {@code reclassify}, which reads without a limit, the reading thread took
     * 0.32x the CPU of the decoding workers with a read per record and 0.11x with the blocks (bench/README.md).
     */
    private RecordFormat.Read read(long at) throws IOException {
        RecordFormat.Valid v = fromAhead(at);
        if (v != null) return v;
        return RecordFormat.read(channel, at);
    }

    private RecordFormat.Valid fromAhead(long at) throws IOException {
        RecordFormat.Valid v = null;
        if (aheadHas(at)) {
            int i = (int) (at - aheadAt);
            // a record larger than a block is read from the file (its length field alone says so)
            if (aheadLength - i >= 4 && ByteBuffer.wrap(ahead).getInt(i) > AHEAD_BYTES - 4) return null;
            v = RecordFormat.readFrom(ahead, aheadLength, i, aheadAt);
        }
        // the block was read from here and held no whole record here: at the tail (the writer's zeros, or a record
        // still being written) the file is read directly until one is there, not a block again on every call
        if (v == null && aheadMissed && aheadSegment == segment && aheadAt == at) return null;
        if (v == null || v.seq() > aheadDurable) { // read the block from here (the limit may have grown meanwhile)
            if (ahead != null && aheadSegment == segment && at >= aheadAt) {
                // a reader catching up used most of its block: twice as much next time; one following the tail
                // comes back after a record or two: a small block (a full one re-read 1 MiB, mostly the writer's
                // preallocated zeros, for every new record)
                aheadSize = at - aheadAt >= aheadLength / 2 ? Math.min(AHEAD_BYTES, aheadSize * 2) : MIN_AHEAD_BYTES;
            }
            aheadDurable = durableLimit.getAsLong(); // before the bytes: a record at most this was final when read
            if (ahead == null) ahead = new byte[AHEAD_BYTES];
            ByteBuffer buf = ByteBuffer.wrap(ahead, 0, aheadSize);
            while (buf.hasRemaining() && channel.read(buf, at + buf.position()) > 0) {
                // as much as the file has
            }
            aheadSegment = segment;
            aheadAt = at;
            aheadLength = buf.position();
            v = RecordFormat.readFrom(ahead, aheadLength, 0, aheadAt);
            aheadMissed = v == null;
        }
        return v != null && v.seq() <= aheadDurable ? v : null;
    }

    private boolean aheadHas(long at) {
        return ahead != null && aheadSegment == segment && at >= aheadAt && at < aheadAt + aheadLength;
    }

    /**
     * At the end of the open segment, whether the directory need not be listed for a successor yet: a reader without
     * a durable limit (a tool beside the daemon) found none at this same position less than {@link #LIST_INTERVAL}
     * ago, and the file the writer's next segment would normally be (named by the next number) is not there (one
     * look at one name instead of a listing). (With a durable limit the end of a file is only reached when a newer record is durable, so it lists at once.)
     */
    private boolean unchangedSinceListed() {
        return durableLimit.getAsLong() == Long.MAX_VALUE && endListedSegment == segment && endListedPos == pos
                && System.nanoTime() - endListedAt < LIST_INTERVAL.toNanos()
                && !Files.exists(Segment.in(dir, last + 1).path()); // where the writer starts the next segment, as a rule
    }

    private void report(DamagedRange range) {
        damaged++;
        log.warn("journal reader: damaged bytes in {}; skipped to the next valid record", range.describe());
        onDamage.accept(range);
    }

    private void nextSegment(Segment successor) throws IOException {
        want = Math.max(want, successor.base()); // numbers between are gaps: a segment holds up to the next name - 1
        closeChannel();
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

    /** No record below this sequence number will be returned (the next one read is at least this). */
    public long position() {
        return want;
    }

    /** Records the reader had to skip because retention deleted them. */
    public long skippedRecords() {
        return skipped;
    }

    /** Damaged ranges the reader skipped. */
    public long damagedRanges() {
        return damaged;
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
            waitingAt = -1;
            last = chosen.base() - 1;
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
