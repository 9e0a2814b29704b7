package bouncemx.journal;

import bouncemx.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The journal on disk: segmented append-only files in one directory (data.dir/journal), written by one
 * thread with group commit. {@link #append} queues the payload (bounded: a full queue fails the future at
 * once with a {@link JournalException}); the writer takes everything waiting, writes it, fsyncs once, and
 * only then completes those futures with their sequence numbers. Futures complete on the writer thread:
 * attach slow work with the *Async methods.
 *
 * <p>Record layout (big-endian), one after another from offset 0 of a segment, no file header:
 * <pre>
 * Record => Length:int32 (bytes after this field: 21 + payload bytes)
 *           Crc32c:uint32 (CRC-32C of Version .. Payload)
 *           Version:int8 (=1)  Seq:int64  Timestamp:int64 (epoch millis, from the injected Clock)
 *           Payload:bytes (for the daemon: a pipeline.JournalEntry)
 * Segment file name: Seq of its first record, zero-padded to 20 digits, ".journal"
 *                    (00000000000000000001.journal, ...)
 * </pre>
 * Sequence numbers start at 1 and grow by one per record, across segments and restarts; a segment holds
 * exactly the sequence numbers from its name up to the next segment's name minus one. A new segment starts
 * when the next record would take the active one past {@code segmentBytes} (a larger record gets a segment
 * of its own). The file LOCK in the directory is locked while a writer has the journal open.
 *
 * <p>Durability: a segment is fsync'd before the next one is created, and the directory is fsync'd after
 * a segment is created, so only the active segment can end in a torn record. Opening recovers: it scans
 * the active segment and cuts it at the first record that is incomplete or fails its checks (logged as
 * one WARN line with the offsets); everything before stays, appends continue after it.
 *
 * <p>Failure: when a write or fsync fails, the affected futures complete with a JournalException
 * (kind NO_SPACE when the file store has no room left, see {@link #failureKind}), {@link #healthy()} turns false (one WARN), the segment is cut
 * back to its last durable length before the next attempt, and every later append is tried again; the
 * first one that succeeds makes the journal healthy again (one INFO). Failed records never keep a sequence
 * number: the next record reuses it.
 *
 * <p>Retention: whole segments whose records are all older than {@code retention} are deleted (checked at
 * open and then about once a minute by the writer); a segment counts as expired when the next segment's
 * first record is older than the limit. The active segment is never deleted. Readers that fall behind
 * skip to the oldest record left, and say so.
 *
 * <p>Thread-safe.
 */
public final class FileJournal implements Journal {
    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);

    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    private static final Duration RETENTION_CHECK = Duration.ofMinutes(1);
    /** Free space below a failed write's size plus this means the write failed for lack of space. */
    static final long NO_SPACE_MARGIN_BYTES = 8L << 20;
    private static final Pending WAKE = new Pending(new byte[0], new CompletableFuture<>());

    private record Pending(byte[] payload, CompletableFuture<Long> done) {}

    private final Path dir;
    private final long segmentBytes;
    private final Duration retention;
    private final Clock clock;
    private final Storage storage;
    private final ArrayBlockingQueue<Pending> queue;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Thread writer;

    private final Object admission = new Object();
    private boolean closed; // guarded by admission; once set, nothing more enters the queue

    private volatile boolean healthy = true;
    private volatile long durableSeq;

    // Owned by the writer thread (and the constructor before it starts).
    private Segment active;
    private Storage.SegmentFile file;
    private long durableSize;
    private long nextSeq;
    private boolean needsRepair;
    private Instant nextRetentionCheck;

    /** Opens (creating if needed) the journal in data.dir/journal with the configured segment size and retention. */
    public static FileJournal open(Config config, Clock clock) throws IOException {
        return open(Path.of(config.data().dir()).resolve("journal"), config.journal(), clock);
    }

    /** Opens (creating if needed) the journal in {@code dir} with the configured segment size and retention. */
    public static FileJournal open(Path dir, Config.Journal config, Clock clock) throws IOException {
        return new FileJournal(dir, config.segmentBytes(), config.retention(), DEFAULT_QUEUE_CAPACITY, clock, Storage.files());
    }

    /**
     * Opens the journal: locks the directory, recovers the active segment, applies retention and starts the
     * writer thread. Throws IOException when the directory cannot be used (one clear message).
     */
    public FileJournal(Path dir, long segmentBytes, Duration retention, int queueCapacity, Clock clock, Storage storage)
            throws IOException {
        if (segmentBytes < RecordFormat.HEADER_BYTES) throw new IllegalArgumentException("segment bytes " + segmentBytes);
        if (queueCapacity < 1) throw new IllegalArgumentException("queue capacity " + queueCapacity);
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.retention = Objects.requireNonNull(retention);
        this.clock = clock;
        this.storage = storage;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        Files.createDirectories(dir);
        this.lockFile = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockFile.close();
            throw new IOException("journal " + dir + " is already open in another writer");
        }
        this.lock = l;
        try {
            recover();
            applyRetention();
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.nextRetentionCheck = clock.instant().plus(RETENTION_CHECK);
        this.writer = new Thread(this::writeLoop, "journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Long> append(byte[] payload) {
        if (payload.length > RecordFormat.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("journal record of " + payload.length + " bytes is over the limit");
        }
        var p = new Pending(payload, new CompletableFuture<>());
        synchronized (admission) {
            if (closed) return CompletableFuture.failedFuture(new JournalException(JournalException.Kind.CLOSED, "journal is closed", null));
            if (!queue.offer(p)) {
                return CompletableFuture.failedFuture(new JournalException(JournalException.Kind.BUSY, "journal queue is full", null));
            }
        }
        return p.done();
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    /** The sequence number of the last durable record (0 when there is none). */
    public long lastSeq() {
        return durableSeq;
    }

    /** The journal directory. */
    public Path directory() {
        return dir;
    }

    /** A reader from {@code fromSeq} that returns durable records only (never one still being fsync'd). */
    public JournalReader reader(long fromSeq) {
        return new JournalReader(dir, fromSeq, this::lastSeq);
    }

    /** Waits for everything queued to be written, stops the writer and releases the directory. Idempotent. */
    @Override
    public void close() {
        synchronized (admission) {
            closed = true;
        }
        queue.offer(WAKE); // when the queue is full the writer is busy and sees the flag anyway
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    // ---- recovery and retention ----

    private void recover() throws IOException {
        List<Segment> segments = Segment.list(dir);
        if (segments.isEmpty()) {
            active = Segment.in(dir, 1);
            file = storage.open(active.path());
            storage.syncDirectory(dir);
            nextSeq = 1;
            durableSize = 0;
            durableSeq = 0;
            return;
        }
        Segment last = segments.getLast();
        long pos = 0;
        long seq = last.base();
        long size;
        String cut = null;
        try (FileChannel ch = FileChannel.open(last.path(), StandardOpenOption.READ)) {
            size = ch.size();
            while (cut == null) {
                RecordFormat.Read r = RecordFormat.read(ch, pos, seq);
                switch (r) {
                    case RecordFormat.Valid v -> {
                        pos = v.end();
                        seq++;
                    }
                    case RecordFormat.End e -> cut = "";
                    case RecordFormat.Unreadable u -> cut = u.why();
                }
            }
        }
        file = storage.open(last.path());
        if (pos < size) {
            log.warn("journal: cut {} at offset {} of {} bytes ({}); kept records {}..{}", last.path().getFileName(), pos,
                    size, cut, last.base(), seq - 1);
            file.truncate(pos);
            file.force();
        }
        active = last;
        durableSize = pos;
        nextSeq = seq;
        durableSeq = seq - 1;
    }

    /**
     * Deletes the segments whose records are all older than the retention; returns how many. Never deletes
     * the newest segment. Safe to call from any thread while the writer runs.
     */
    public synchronized int applyRetention() throws IOException {
        Instant cutoff = clock.instant().minus(retention);
        List<Segment> segments = Segment.list(dir);
        int deleted = 0;
        long oldest = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            // Every record of segment i is no later than the first record of segment i + 1.
            Instant next = firstTimestamp(segments.get(i + 1));
            if (next == null || !next.isBefore(cutoff)) break;
            if (Files.deleteIfExists(segments.get(i).path())) deleted++;
            oldest = segments.get(i + 1).base();
        }
        if (deleted > 0) log.info("journal: retention deleted {} segment(s); the oldest record is now {}", deleted, oldest);
        return deleted;
    }

    private static Instant firstTimestamp(Segment s) throws IOException {
        try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ)) {
            return RecordFormat.read(ch, 0, s.base()) instanceof RecordFormat.Valid v ? v.record().timestamp() : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // ---- the writer thread ----

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!closedAndDrained()) {
            Pending first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                first = null; // nobody interrupts this thread; treat it as a wake-up
            }
            if (first == null || first == WAKE) {
                if (first == null) maybeApplyRetention();
                continue;
            }
            batch.add(first);
            queue.drainTo(batch);
            batch.removeIf(p -> p == WAKE);
            try {
                writeBatch(batch);
            } catch (RuntimeException e) { // a bug: the batch fails, the writer goes on
                log.error("journal: writer failed", e);
                for (Pending p : batch) p.done().completeExceptionally(new JournalException(JournalException.Kind.IO, "journal writer failed: " + e, e));
            }
            batch.clear();
            maybeApplyRetention();
        }
        closeQuietly();
    }

    private boolean closedAndDrained() {
        synchronized (admission) {
            return closed && queue.isEmpty();
        }
    }

    private void maybeApplyRetention() {
        Instant now = clock.instant();
        if (now.isBefore(nextRetentionCheck)) return;
        nextRetentionCheck = now.plus(RETENTION_CHECK);
        try {
            applyRetention();
        } catch (IOException e) {
            log.warn("journal: retention could not delete old segments: {}", e.toString());
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (needsRepair) {
            try {
                file.truncate(durableSize); // drop whatever the failed attempt left behind
                file.force();
                needsRepair = false;
            } catch (IOException e) {
                fail(batch, 0, e);
                return;
            }
        }
        long timestamp = clock.millis();
        int i = 0;
        while (i < batch.size()) {
            if (durableSize > 0 && durableSize + RecordFormat.recordBytes(batch.get(i).payload().length) > segmentBytes) {
                try {
                    roll();
                } catch (IOException e) {
                    fail(batch, i, e);
                    return;
                }
            }
            int start = i;
            long bytes = 0;
            List<ByteBuffer> buffers = new ArrayList<>();
            while (i < batch.size()) {
                byte[] payload = batch.get(i).payload();
                long n = RecordFormat.recordBytes(payload.length);
                if (bytes > 0 && durableSize + bytes + n > segmentBytes) break; // the rest goes to a new segment
                buffers.add(RecordFormat.header(nextSeq + (i - start), timestamp, payload));
                buffers.add(ByteBuffer.wrap(payload));
                bytes += n;
                i++;
            }
            try {
                file.write(buffers.toArray(ByteBuffer[]::new));
                file.force();
            } catch (IOException e) {
                needsRepair = true;
                fail(batch, start, e);
                return;
            }
            long first = nextSeq;
            durableSize += bytes;
            nextSeq += i - start;
            durableSeq = nextSeq - 1;
            if (!healthy) {
                healthy = true;
                log.info("journal: writing to {} again", dir);
            }
            for (int k = start; k < i; k++) batch.get(k).done().complete(first + (k - start));
        }
    }

    /** Starts a new segment at {@code nextSeq}; the active one was fsync'd by the batch that filled it. */
    private void roll() throws IOException {
        Segment next = Segment.in(dir, nextSeq);
        Storage.SegmentFile f = storage.open(next.path());
        try {
            f.truncate(0); // left over from a roll that failed before anything was written to it
            storage.syncDirectory(dir);
        } catch (IOException e) {
            closeQuietly(f);
            throw e;
        }
        closeQuietly(file);
        active = next;
        file = f;
        durableSize = 0;
    }

    private void fail(List<Pending> batch, int from, IOException e) {
        long needed = 0;
        for (int k = from; k < batch.size(); k++) needed += RecordFormat.recordBytes(batch.get(k).payload().length);
        JournalException.Kind kind = failureKind(e, needed);
        boolean noSpace = kind == JournalException.Kind.NO_SPACE;
        var failure = new JournalException(kind, "journal write failed: " + e.getMessage(), e);
        if (healthy) { // before the futures complete, so that their callers already see it
            healthy = false;
            log.warn("journal: cannot write to {}: {}{}; appends fail until a write succeeds", active.path(), e,
                    noSpace ? " (no space)" : "");
        }
        for (int k = from; k < batch.size(); k++) batch.get(k).done().completeExceptionally(failure);
    }

    /**
     * NO_SPACE when the file store has less room than the failed write needed plus {@link #NO_SPACE_MARGIN_BYTES}
     * (file systems allocate in blocks and need room for their own metadata), else IO. The error's text is
     * localised by the C library and is only a hint, used when the file store cannot be asked. A full quota
     * (EDQUOT) leaves the file store with room, so it is IO: still a temporary failure (451) for the sender.
     */
    JournalException.Kind failureKind(IOException e, long neededBytes) {
        try {
            return storage.usableSpace(dir) < neededBytes + NO_SPACE_MARGIN_BYTES ? JournalException.Kind.NO_SPACE
                    : JournalException.Kind.IO;
        } catch (IOException | RuntimeException x) {
            log.debug("journal: cannot ask the file store of {} for its free space: {}", dir, x.toString());
            return messageHintsNoSpace(e) ? JournalException.Kind.NO_SPACE : JournalException.Kind.IO;
        }
    }

    /** The secondary hint: ENOSPC/EDQUOT in the C locale's words. */
    private static boolean messageHintsNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) return true;
        }
        return false;
    }

    private void closeQuietly() {
        if (file != null) closeQuietly(file);
        try {
            lock.release();
        } catch (IOException e) {
            log.debug("journal: releasing the lock: {}", e.toString());
        }
        try {
            lockFile.close();
        } catch (IOException e) {
            log.debug("journal: closing the lock file: {}", e.toString());
        }
    }

    private static void closeQuietly(Storage.SegmentFile f) {
        try {
            f.close();
        } catch (IOException e) { // everything in it was fsync'd already; nothing is lost
            log.debug("journal: closing a segment: {}", e.toString());
        }
    }
}
