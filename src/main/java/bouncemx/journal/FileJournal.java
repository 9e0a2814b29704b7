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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The journal on disk: segmented append-only files in one directory (data.dir/journal), written by one
 * thread with group commit. The record layout, segment naming, sequence-number, recovery, damage and
 * retention rules are written down once, in the package documentation ({@code package-info.java}); this
 * comment says how the writer behaves.
 *
 * <p>Appending: {@link #append(byte[], long)} queues the payload. The queue is bounded by count and by bytes
 * ({@link Options}); an append that would pass either bound fails at once with kind BUSY (a single record
 * larger than the byte bound is still taken when the queue is empty). The writer takes everything waiting,
 * drops (kind EXPIRED, never written) each record whose deadline has passed, writes the rest, fsyncs once,
 * and only then completes those futures with their sequence numbers. A record whose deadline passes while
 * it is being written and fsync'd completes when the fsync does. Futures complete on one separate
 * "journal-ack" thread, in sequence order, so a slow callback never delays the next write or fsync (attach
 * slow work with the *Async methods anyway: the ack thread is shared by every append).
 *
 * <p>Stalls: a "journal-watchdog" thread marks the journal unhealthy ({@link #healthy()} false, one WARN)
 * when one write+fsync has run longer than {@link Options#stallDeadline()}, and meanwhile fails every
 * queued append whose deadline passes (EXPIRED). When the stalled write finishes, its result decides
 * health again (success: healthy, one INFO).
 *
 * <p>Failure: when a write or fsync fails, the affected futures complete with a JournalException (kind
 * NO_SPACE when the file store has no room left, see {@link #failureKind}, else IO), {@link #healthy()}
 * turns false (one WARN), and the segment is cut back to its last durable length before the next attempt.
 * The sequence numbers of a failed write are never used again (a reader without the durable limit may
 * have seen them). While unhealthy and idle the writer probes the disk every {@link Options#probeInterval()}
 * (writes a block of zeros at the durable end, fsyncs, cuts it off, fsyncs); the first probe or append
 * that succeeds makes the journal healthy again (one INFO).
 *
 * <p>Preallocation ({@link Options#preallocateBytes()}, journal.preallocate_bytes; the format's side is in the
 * package documentation): the writer keeps up to that many bytes of fsync'd zeros after the active segment's
 * records, so that a batch's fdatasync has no file size to commit. It writes them in steps of a quarter,
 * each followed by one fsync: while no append waits (topping up to the full amount), or after a batch when
 * fewer than one step is left (so that a busy writer never falls back to growing the file with every batch).
 * A roll and close cut the segment back to its records first. A step that fails (a full disk) never fails an
 * append: it is cut off again, logged once (WARN, INFO when a step succeeds again) and retried after
 * {@link Options#probeInterval()}; appends go on over the zeros left and then grow the file, and their failure is
 * what makes the journal unhealthy. The probe and the repair after a failed write cut the zeros with the rest;
 * they are written again once writes succeed.
 *
 * <p>Directory check: the open segment can take writes while its directory takes no new file (a directory
 * made read-only or handed to another owner); the next segment roll would then fail. So every
 * {@link Options#checkInterval()} (busy or idle) the writer creates {@value #CHECK_FILE} in the directory,
 * writes a block to it, fsyncs and deletes it. While that fails {@link #healthy()} is false (one WARN) and the
 * check runs every {@link Options#probeInterval()}; the first that succeeds makes it true again (one INFO).
 * Appends are not refused meanwhile: the open segment may still take them.
 *
 * <p>Closing: {@link #close(Duration)} stops new appends, lets the writer finish what is queued and waits
 * for it at most that long; a writer stuck in a stalled fsync is left behind (one WARN), the appends still
 * queued fail with CLOSED, and the directory lock is released when that fsync returns.
 *
 * <p>Thread-safe.
 */
public final class FileJournal implements Journal {
    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);

    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    public static final long DEFAULT_QUEUE_BYTES = 64L << 20;
    public static final Duration DEFAULT_STALL_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Duration RETENTION_CHECK = Duration.ofMinutes(1);
    /** How often the watchdog looks at the writer and the queued deadlines. */
    private static final long WATCH_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Free space below a failed write's size plus this means the write failed for lack of space. */
    static final long NO_SPACE_MARGIN_BYTES = 8L << 20;
    /** The probe's block of zeros (a crash mid-probe leaves trailing zeros: the clean end, see Recovery). */
    static final int PROBE_BYTES = 512;
    /** The file the directory check creates, writes, fsyncs and deletes (not a segment name: recovery ignores it). */
    static final String CHECK_FILE = "write-check.tmp";
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);
    private static final Pending WAKE = new Pending(new ByteBuffer[0], 0, NO_DEADLINE);

    /**
     * The writer's bounds: queue capacity in records and in bytes (record bytes, header included), how long
     * one write+fsync may run before the journal counts as stalled, how often an unhealthy, idle writer
     * probes the disk, how often a healthy writer checks that its directory still takes new files, and how far
     * ahead of its records the active segment is kept filled with zeros (0: not at all; see the class comment).
     * {@link #DEFAULT} preallocates nothing (tools that append a few records); the daemon's journal takes
     * journal.preallocate_bytes from its configuration ({@link #open(Path, Config.Journal, Clock)}).
     */
    public record Options(int queueCapacity, long queueBytes, Duration stallDeadline, Duration probeInterval,
                          Duration checkInterval, long preallocateBytes) {
        public static final Options DEFAULT = new Options(DEFAULT_QUEUE_CAPACITY, DEFAULT_QUEUE_BYTES,
                DEFAULT_STALL_DEADLINE, DEFAULT_PROBE_INTERVAL, DEFAULT_CHECK_INTERVAL, 0);

        /** Options without their own directory-check interval ({@link #DEFAULT_CHECK_INTERVAL}) nor preallocation. */
        public Options(int queueCapacity, long queueBytes, Duration stallDeadline, Duration probeInterval) {
            this(queueCapacity, queueBytes, stallDeadline, probeInterval, DEFAULT_CHECK_INTERVAL, 0);
        }

        public Options {
            if (queueCapacity < 1) throw new IllegalArgumentException("queue capacity " + queueCapacity);
            if (queueBytes < 1) throw new IllegalArgumentException("queue bytes " + queueBytes);
            if (stallDeadline.isNegative() || stallDeadline.isZero()) throw new IllegalArgumentException("stall deadline " + stallDeadline);
            if (probeInterval.isNegative() || probeInterval.isZero()) throw new IllegalArgumentException("probe interval " + probeInterval);
            if (checkInterval.isNegative() || checkInterval.isZero()) throw new IllegalArgumentException("check interval " + checkInterval);
            if (preallocateBytes < 0) throw new IllegalArgumentException("preallocate bytes " + preallocateBytes);
        }

        public Options withQueueCapacity(int n) { return new Options(n, queueBytes, stallDeadline, probeInterval, checkInterval, preallocateBytes); }

        public Options withQueueBytes(long n) { return new Options(queueCapacity, n, stallDeadline, probeInterval, checkInterval, preallocateBytes); }

        public Options withStallDeadline(Duration d) { return new Options(queueCapacity, queueBytes, d, probeInterval, checkInterval, preallocateBytes); }

        public Options withProbeInterval(Duration d) { return new Options(queueCapacity, queueBytes, stallDeadline, d, checkInterval, preallocateBytes); }

        public Options withCheckInterval(Duration d) { return new Options(queueCapacity, queueBytes, stallDeadline, probeInterval, d, preallocateBytes); }

        public Options withPreallocateBytes(long n) { return new Options(queueCapacity, queueBytes, stallDeadline, probeInterval, checkInterval, n); }
    }

    /** One queued append. Its state moves once from QUEUED, to TAKEN by the writer or DROPPED by expiry or close. */
    private static final class Pending {
        static final int QUEUED = 0, TAKEN = 1, DROPPED = 2;
        final ByteBuffer[] parts; // the payload, in parts (read through duplicates)
        final int payloadBytes;
        final long deadlineNanos;
        final long bytes;
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(QUEUED);

        Pending(ByteBuffer[] parts, int payloadBytes, long deadlineNanos) {
            this.parts = parts;
            this.payloadBytes = payloadBytes;
            this.deadlineNanos = deadlineNanos;
            this.bytes = RecordFormat.recordBytes(payloadBytes);
        }

        boolean claim(int to) {
            return state.compareAndSet(QUEUED, to);
        }
    }

    /**
     * Told of every successful write+fsync (group commit), on the writer thread: how many records it made
     * durable, their bytes and how long the write and fsync took. Must be cheap and never block (metrics).
     */
    @FunctionalInterface
    public interface BatchObserver {
        void written(int records, long bytes, long nanos);

        BatchObserver NONE = (records, bytes, nanos) -> { };
    }

    private volatile BatchObserver batches = BatchObserver.NONE;

    /** From now on, tells {@code observer} of every write+fsync (the daemon's metrics; set once after opening). */
    public void observe(BatchObserver observer) {
        this.batches = Objects.requireNonNull(observer);
    }

    /** HEALTHY: writes succeed; STALLED: one has run past the stall deadline; FAILED: the last one failed. */
    private enum Health { HEALTHY, STALLED, FAILED }

    private final Path dir;
    private final long segmentBytes;
    private final Duration retention;
    private final Clock clock;
    private final Storage storage;
    private final Options options;
    private final ArrayBlockingQueue<Pending> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Thread writer;
    private final ExecutorService ack;
    private final ScheduledExecutorService watchdog;

    private final Object admission = new Object();
    private boolean closed; // guarded by admission; once set, nothing more enters the queue

    private final Object healthLock = new Object();
    private volatile Health health = Health.HEALTHY; // changed under healthLock
    /** False while the directory check fails (written by the writer thread only). */
    private volatile boolean directoryWritable = true;
    private volatile long durableSeq;
    /** When the writer's current write+fsync began, valid while {@link #writing}. */
    private volatile long writeStartedNanos;
    private volatile boolean writing;
    /** True while the writer works on a batch (or retention): queued deadlines are then the watchdog's job. */
    private volatile boolean busy;

    // Owned by the writer thread (and the constructor before it starts).
    private Segment active;
    private Storage.SegmentFile file;
    private long durableSize;
    /** The active segment's size as far as the writer knows: from durableSize on, zeros (preallocated) and fsync'd. */
    private long fileSize;
    /** When the writer may next try to preallocate (later after a failure: see {@link #extend()}). */
    private long nextExtendNanos;
    private boolean extendFailing;
    private long nextSeq;
    private boolean needsRepair;
    private Instant nextRetentionCheck;
    private long nextProbeNanos;
    private long nextCheckNanos;

    /** Opens (creating if needed) the journal in data.dir/journal with the configured segment size and retention. */
    public static FileJournal open(Config config, Clock clock) throws IOException {
        return open(Path.of(config.data().dir()).resolve("journal"), config.journal(), clock);
    }

    /** Opens (creating if needed) the journal in {@code dir} with the configured segment size and retention. */
    public static FileJournal open(Path dir, Config.Journal config, Clock clock) throws IOException {
        return new FileJournal(dir, config.segmentBytes(), config.retention(), clock, Storage.files(),
                Options.DEFAULT.withPreallocateBytes(config.preallocateBytes()));
    }

    /** {@link Options#DEFAULT} with the given queue capacity. */
    public FileJournal(Path dir, long segmentBytes, Duration retention, int queueCapacity, Clock clock, Storage storage)
            throws IOException {
        this(dir, segmentBytes, retention, clock, storage, Options.DEFAULT.withQueueCapacity(queueCapacity));
    }

    /**
     * Opens the journal: creates the directory (fsyncing each new directory's parent), locks it, recovers the
     * newest segment, applies retention and starts the writer, watchdog and ack threads. Throws IOException
     * when the directory cannot be used (one clear message).
     */
    public FileJournal(Path dir, long segmentBytes, Duration retention, Clock clock, Storage storage, Options options)
            throws IOException {
        if (segmentBytes < RecordFormat.HEADER_BYTES) throw new IllegalArgumentException("segment bytes " + segmentBytes);
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.retention = Objects.requireNonNull(retention);
        this.clock = clock;
        this.storage = storage;
        this.options = Objects.requireNonNull(options);
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        createDirectories(dir, storage);
        this.lockFile = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockFile.close();
            throw new LockedException("journal " + dir + " is already open in another writer");
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
        this.ack = Executors.newSingleThreadExecutor(r -> daemon(r, "journal-ack"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "journal-watchdog"));
        this.nextCheckNanos = System.nanoTime() + options.checkInterval().toNanos();
        this.writer = daemon(this::writeLoop, "journal-writer");
        writer.start();
        watchdog.scheduleWithFixedDelay(this::watch, WATCH_PERIOD_NANOS, WATCH_PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }

    /** The journal's writer lock (journal/LOCK) is held by another writer, in this or another process. */
    public static final class LockedException extends IOException {
        LockedException(String message) {
            super(message);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Creates {@code dir} and any missing parents, fsyncing the parent of each directory it creates, so that
     * a crash right after cannot lose the directory entry of a journal that has already acknowledged records.
     */
    static void createDirectories(Path dir, Storage storage) throws IOException {
        Path d = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = d; p != null && !Files.isDirectory(p); p = p.getParent()) missing.add(p);
        for (Path p : missing.reversed()) {
            Files.createDirectories(p);
            storage.syncDirectory(p.getParent());
        }
    }

    @Override
    public CompletableFuture<Long> append(byte[] payload, long deadlineNanos) {
        return append(new ByteBuffer[] {ByteBuffer.wrap(payload)}, deadlineNanos);
    }

    /** Queues the parts themselves (no copy): the writer checksums them and writes them with one gathering write. */
    @Override
    public CompletableFuture<Long> append(ByteBuffer[] parts, long deadlineNanos) {
        long length = 0;
        for (ByteBuffer b : parts) length += b.remaining();
        if (length > RecordFormat.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("journal record of " + length + " bytes is over the limit");
        }
        if (Journal.expired(deadlineNanos, System.nanoTime())) {
            return failed(JournalException.Kind.EXPIRED, "the append's deadline had passed before it was queued");
        }
        var p = new Pending(parts.clone(), (int) length, deadlineNanos);
        synchronized (admission) {
            if (closed) return failed(JournalException.Kind.CLOSED, "journal is closed");
            long before = queuedBytes.getAndAdd(p.bytes);
            if (before > 0 && before + p.bytes > options.queueBytes()) {
                queuedBytes.addAndGet(-p.bytes);
                return failed(JournalException.Kind.BUSY, "journal queue holds " + before + " bytes");
            }
            if (!queue.offer(p)) {
                queuedBytes.addAndGet(-p.bytes);
                return failed(JournalException.Kind.BUSY, "journal queue is full");
            }
        }
        return p.done;
    }

    private static CompletableFuture<Long> failed(JournalException.Kind kind, String why) {
        return CompletableFuture.failedFuture(new JournalException(kind, why, null));
    }

    @Override
    public boolean healthy() {
        return health == Health.HEALTHY && directoryWritable;
    }

    @Override
    public String condition() {
        Health h = health;
        if (h == Health.STALLED) return "a write or fsync has run past the stall deadline of " + options.stallDeadline().toMillis() + " ms";
        if (h == Health.FAILED) return "the last write or fsync failed; probing every " + options.probeInterval().toMillis() + " ms";
        if (!directoryWritable) return "the journal directory takes no new file";
        return "";
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

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_WAIT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_WAIT);
    }

    /**
     * Stops new appends, lets the writer finish what is queued, waits for it at most {@code wait}, and
     * releases the directory. True when everything finished; false (one WARN) when the writer is still
     * inside a write or fsync: the appends still queued then fail with CLOSED, and the record(s) being
     * written complete when that fsync returns. Idempotent.
     */
    public boolean close(Duration wait) {
        synchronized (admission) {
            closed = true;
        }
        queue.offer(WAKE); // when the queue is full the writer is busy and sees the flag anyway
        long end = System.nanoTime() + wait.toNanos();
        boolean interrupted = false;
        boolean finished = false;
        while (true) {
            long left = end - System.nanoTime();
            try {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (!writer.isAlive()) {
                    finished = ack.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                }
                if (end - System.nanoTime() <= 0) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (finished) return true;
        if (!writer.isAlive()) {
            log.warn("journal: closed, but callbacks on the journal-ack thread were still running {} ms after close",
                    wait.toMillis());
            return false;
        }
        int dropped = 0;
        for (Pending p : queue) {
            if (p != WAKE && p.claim(Pending.DROPPED)) {
                queue.remove(p);
                queuedBytes.addAndGet(-p.bytes);
                fail(p, new JournalException(JournalException.Kind.CLOSED, "journal closed while this append waited", null));
                dropped++;
            }
        }
        log.warn("journal: the writer did not finish within {} ms of close (a write or fsync on {} is stuck); "
                + "{} queued append(s) failed, the lock is released when that fsync returns", wait.toMillis(), dir, dropped);
        return false;
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
            fileSize = 0;
            durableSeq = 0;
            return;
        }
        active = segments.getLast();
        Recovery.Result r = Recovery.recover(dir, active, clock, storage);
        file = storage.open(active.path());
        durableSize = r.durableSize();
        fileSize = r.fileSize();
        nextSeq = r.nextSeq();
        durableSeq = r.lastSeq();
        if (fileSize > durableSize) { // zeros preallocated before a crash: appends go over them
            if (options.preallocateBytes() == 0) {
                cutToDurable(); // without preallocation the segment is exactly its records, as always
            } else {
                file.seek(durableSize);
            }
        }
    }

    /**
     * Deletes the segments whose records are all older than the retention; returns how many. Never deletes
     * the newest segment; a segment whose first record is damaged is judged by its first valid one. Safe to
     * call from any thread while the writer runs.
     */
    public synchronized int applyRetention() throws IOException {
        Instant cutoff = clock.instant().minus(retention);
        List<Segment> segments = Segment.list(dir);
        int deleted = 0;
        long oldest = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            // Every record of segment i is no later than the first record of the segments after it.
            Instant next = null;
            for (int j = i + 1; j < segments.size() && next == null; j++) next = firstTimestamp(segments.get(j));
            if (next == null || !next.isBefore(cutoff)) break;
            if (Files.deleteIfExists(segments.get(i).path())) deleted++;
            oldest = segments.get(i + 1).base();
        }
        if (deleted > 0) log.info("journal: retention deleted {} segment(s); the oldest record is now {}", deleted, oldest);
        return deleted;
    }

    private static Instant firstTimestamp(Segment s) throws IOException {
        try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ)) {
            // The first valid record, past damage at the start (a segment with none has no timestamp).
            RecordFormat.Found f = RecordFormat.findValid(ch, 0, s.base() - 1, Long.MAX_VALUE);
            return f == null ? null : f.valid().record().timestamp();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // ---- the watchdog ----

    /** Runs every few milliseconds on the watchdog thread; never throws (that would end the schedule). */
    private void watch() {
        try {
            long now = System.nanoTime();
            if (writing) {
                long started = writeStartedNanos;
                if (now - started >= options.stallDeadline().toNanos()) markStalled(started, now);
            }
            if (busy) expireWaiting(now); // an idle writer takes (and checks) queued appends itself, at once
        } catch (RuntimeException e) {
            log.error("journal: watchdog failed", e);
        }
    }

    private void markStalled(long started, long now) {
        synchronized (healthLock) {
            if (health != Health.HEALTHY || !writing || writeStartedNanos != started) return;
            health = Health.STALLED;
        }
        log.warn("journal: a write+fsync to {} has run for {} ms (stall deadline {} ms); unhealthy until it finishes",
                dir, TimeUnit.NANOSECONDS.toMillis(now - started), options.stallDeadline().toMillis());
    }

    /** Fails (EXPIRED) and removes every queued append whose deadline has passed. */
    private void expireWaiting(long now) {
        for (Pending p : queue) {
            if (p != WAKE && Journal.expired(p.deadlineNanos, now) && p.claim(Pending.DROPPED)) {
                queue.remove(p);
                queuedBytes.addAndGet(-p.bytes);
                fail(p, expired());
            }
        }
    }

    private static JournalException expired() {
        return new JournalException(JournalException.Kind.EXPIRED, "the append's deadline passed while it waited for the journal", null);
    }

    // ---- completing futures (on the ack thread) ----

    private void acknowledge(Runnable completions) {
        try {
            ack.execute(completions);
        } catch (RejectedExecutionException e) { // only after close gave up waiting: complete here
            completions.run();
        }
    }

    private void fail(Pending p, JournalException e) {
        acknowledge(() -> p.done.completeExceptionally(e));
    }

    // ---- the writer thread ----

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (!closedAndDrained()) {
                if (queue.isEmpty() && extensionDue(true)) { // idle: top the zeros up, one step at a time
                    busy = true;
                    try {
                        extend();
                    } finally {
                        busy = false;
                    }
                    continue;
                }
                Pending first;
                try {
                    first = queue.poll(idleWaitNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    first = null; // nobody interrupts this thread; treat it as a wake-up
                }
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch);
                    batch.removeIf(p -> p == WAKE || !take(p));
                }
                busy = true;
                try {
                    if (!batch.isEmpty()) {
                        try {
                            writeBatch(batch);
                        } catch (RuntimeException e) { // a bug: the batch fails, the writer goes on
                            log.error("journal: writer failed", e);
                            var failure = new JournalException(JournalException.Kind.IO, "journal writer failed: " + e, e);
                            List<Pending> all = List.copyOf(batch);
                            acknowledge(() -> all.forEach(p -> p.done.completeExceptionally(failure)));
                        }
                        batch.clear();
                        if (extensionDue(false)) extend(); // busy, and nearly out of zeros
                    } else if (health == Health.FAILED && System.nanoTime() - nextProbeNanos >= 0) {
                        probe();
                    }
                    if (System.nanoTime() - nextCheckNanos >= 0) checkDirectory();
                    maybeApplyRetention();
                } finally {
                    busy = false;
                }
            }
        } finally {
            if (fileSize > durableSize) { // a closed journal's segments are exactly their records
                try {
                    cutToDurable();
                } catch (IOException e) { // recovery takes the zeros for the end at the next open
                    log.debug("journal: cutting the preallocated zeros off {} at close: {}", active.path(), e.toString());
                }
            }
            closeQuietly();
            watchdog.shutdownNow();
            ack.shutdown(); // completions already handed over still run
        }
    }

    private boolean take(Pending p) {
        if (!p.claim(Pending.TAKEN)) return false; // expired (or failed by close) while it waited
        queuedBytes.addAndGet(-p.bytes);
        return true;
    }

    private long idleWaitNanos() {
        long now = System.nanoTime();
        long wait = Math.min(TimeUnit.SECONDS.toNanos(1), nextCheckNanos - now);
        if (health == Health.FAILED) wait = Math.min(wait, nextProbeNanos - now);
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), wait);
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

    private void beginWrite() {
        writeStartedNanos = System.nanoTime();
        writing = true;
    }

    private void endWrite() {
        writing = false;
    }

    private void writeBatch(List<Pending> batch) {
        beginWrite();
        try {
            if (needsRepair) {
                try {
                    repair();
                } catch (IOException e) {
                    endWrite();
                    failBatch(batch, 0, e);
                    return;
                }
            }
            long timestamp = clock.millis();
            int i = 0;
            while (i < batch.size()) {
                dropExpired(batch, i); // right before writing: an expired record is never written
                if (i == batch.size()) break;
                if (durableSize > 0 && durableSize + batch.get(i).bytes > segmentBytes) {
                    try {
                        roll();
                    } catch (IOException e) {
                        endWrite();
                        failBatch(batch, i, e);
                        return;
                    }
                }
                int start = i;
                long bytes = 0;
                List<ByteBuffer> buffers = new ArrayList<>();
                while (i < batch.size()) {
                    Pending p = batch.get(i);
                    if (bytes > 0 && durableSize + bytes + p.bytes > segmentBytes) break; // the rest goes to a new segment
                    buffers.add(RecordFormat.header(nextSeq + (i - start), timestamp, p.parts, p.payloadBytes));
                    for (ByteBuffer part : p.parts) buffers.add(part.duplicate());
                    bytes += p.bytes;
                    i++;
                }
                long first = nextSeq;
                // Taken now, success or not: a reader without the durable limit may see these numbers.
                nextSeq += i - start;
                long t0 = System.nanoTime();
                try {
                    file.write(buffers.toArray(ByteBuffer[]::new));
                    file.force();
                } catch (IOException e) {
                    needsRepair = true;
                    endWrite();
                    failBatch(batch, start, e);
                    return;
                }
                endWrite();
                durableSize += bytes;
                fileSize = Math.max(fileSize, durableSize);
                durableSeq = nextSeq - 1;
                batches.written(i - start, bytes, System.nanoTime() - t0);
                wroteOk();
                List<Pending> done = List.copyOf(batch.subList(start, i));
                acknowledge(() -> {
                    for (int k = 0; k < done.size(); k++) done.get(k).done.complete(first + k);
                });
                if (i < batch.size()) beginWrite();
            }
        } finally {
            endWrite();
        }
    }

    /** Fails and removes the records from {@code from} on whose deadline has passed. */
    private void dropExpired(List<Pending> batch, int from) {
        long now = System.nanoTime();
        for (int k = batch.size() - 1; k >= from; k--) {
            Pending p = batch.get(k);
            if (Journal.expired(p.deadlineNanos, now)) {
                batch.remove(k);
                fail(p, expired());
            }
        }
    }

    /** Cuts the active segment back to what is durable (after a failed write left bytes behind). */
    private void repair() throws IOException {
        cutToDurable();
        needsRepair = false;
    }

    /**
     * After a preallocation step or a directory check: when the watchdog saw it hang (STALLED), its end decides, as a
     * write's does: healthy again, or FAILED with the next probe scheduled.
     */
    private void endOfStalledWork(boolean ok) {
        if (health != Health.STALLED) return;
        if (ok) {
            wroteOk();
        } else {
            synchronized (healthLock) {
                health = Health.FAILED;
            }
            nextProbeNanos = System.nanoTime() + options.probeInterval().toNanos();
        }
    }

    /** Cuts the active segment to its records (bytes of a failed write, preallocated zeros), fsync. */
    private void cutToDurable() throws IOException {
        file.truncate(durableSize);
        file.force();
        fileSize = durableSize;
    }

    /** How many bytes of zeros one extension writes: a quarter of the preallocation, so that each fsync stays short. */
    private long extensionStep() {
        return Math.max(1, Math.min(options.preallocateBytes(), segmentBytes) / 4);
    }

    /**
     * Whether to write the next step of zeros now: preallocation is on, the segment is not full of them yet, the
     * writer is healthy, and the zeros ahead of the records are fewer than the preallocation minus a step (when
     * {@code idle}: no append waits) or than one step (busy: the appends waiting pay for it once instead of a
     * size change in every fsync from then on).
     */
    private boolean extensionDue(boolean idle) {
        long target = Math.min(options.preallocateBytes(), segmentBytes);
        if (target == 0 || health != Health.HEALTHY || needsRepair || fileSize >= segmentBytes) return false;
        if (System.nanoTime() - nextExtendNanos < 0) return false;
        long ahead = fileSize - durableSize;
        long step = extensionStep();
        return idle ? ahead <= target - step : ahead < step;
    }

    /**
     * Writes the next step of zeros past the end of the active segment and fsyncs them, so that the appends that
     * follow overwrite blocks the file already has: their fdatasync then has no file size to commit. It never
     * touches a record. When it fails (a full disk), it cuts what it wrote (giving the blocks back), logs one WARN
     * per state change and tries again after {@link Options#probeInterval()}; appends go on over the zeros that
     * are left and then grow the file as they would without preallocation (their own failure is what makes the
     * journal unhealthy).
     */
    private void extend() {
        long from = fileSize;
        long to = Math.min(segmentBytes, from + extensionStep());
        IOException failure = null;
        beginWrite(); // an extension that hangs in fsync is a stall like any other
        try {
            file.writeZeros(from, to);
            file.force();
            fileSize = to;
        } catch (IOException e) {
            failure = e;
            fileSize = to; // until cut back: the bytes past from may be there (zeros)
            try {
                file.truncate(from);
                fileSize = from;
            } catch (IOException x) {
                log.debug("journal: cutting a failed preallocation of {}: {}", active.path(), x.toString());
            }
        } finally {
            endWrite();
        }
        try {
            file.seek(durableSize); // the next record goes right after the last one, whatever the above did
        } catch (IOException e) {
            needsRepair = true; // the next batch cuts back to the records (and so sets the position) first
        }
        boolean ok = failure == null;
        endOfStalledWork(ok);
        if (!ok) nextExtendNanos = System.nanoTime() + options.probeInterval().toNanos();
        if (ok == !extendFailing) return;
        extendFailing = !ok;
        if (ok) log.info("journal: preallocating {} again", active.path());
        else log.warn("journal: cannot preallocate {} past {} bytes ({}); appends go on ({} bytes of zeros left ahead), "
                + "trying again every {} ms", active.path(), from, failure.toString(), Math.max(0, from - durableSize),
                options.probeInterval().toMillis());
    }

    /**
     * Checks that the disk takes writes again: a block of zeros at the durable end, fsync, cut back, fsync.
     * Success makes the journal healthy; failure leaves it unhealthy and schedules the next probe.
     */
    private void probe() {
        nextProbeNanos = System.nanoTime() + options.probeInterval().toNanos();
        beginWrite();
        try {
            needsRepair = true; // until the probe's block is cut off again
            fileSize = durableSize; // the probe cuts preallocated zeros too; they are written again once it passes
            file.truncate(durableSize);
            file.force();
            file.write(new ByteBuffer[]{ByteBuffer.allocate(PROBE_BYTES)});
            file.force();
            file.truncate(durableSize);
            file.force();
            needsRepair = false;
        } catch (IOException e) {
            endWrite();
            log.debug("journal: probe of {} failed: {}", dir, e.toString());
            return;
        } finally {
            endWrite();
        }
        wroteOk();
    }

    /**
     * The directory check (see the class comment): creates {@value #CHECK_FILE}, writes a block, fsyncs, closes
     * and deletes it. Schedules the next one: after {@link Options#checkInterval()} when it passed, after
     * {@link Options#probeInterval()} when it failed.
     */
    private void checkDirectory() {
        Path check = dir.resolve(CHECK_FILE);
        IOException failure = null;
        beginWrite(); // a check that hangs in fsync is a stall like any other
        try {
            Storage.SegmentFile f = storage.open(check);
            try {
                f.truncate(0);
                f.write(new ByteBuffer[]{ByteBuffer.allocate(PROBE_BYTES)});
                f.force();
            } finally {
                closeQuietly(f);
            }
            storage.delete(check);
        } catch (IOException e) {
            failure = e;
        } finally {
            endWrite();
        }
        boolean ok = failure == null;
        nextCheckNanos = System.nanoTime() + (ok ? options.checkInterval() : options.probeInterval()).toNanos();
        endOfStalledWork(ok);
        if (ok == directoryWritable) return;
        directoryWritable = ok;
        if (ok) log.info("journal: the directory {} takes new files again", dir);
        else log.warn("journal: the directory {} takes no new file ({}); unhealthy until it does (the open segment may still "
                + "take appends, a new segment could not be started)", dir, failure.toString());
    }

    /**
     * Starts a new segment at {@code nextSeq}; the active one was fsync'd by the batch that filled it, and is first
     * cut to its records (preallocated zeros off, fsync), so that only the newest segment can end in zeros.
     */
    private void roll() throws IOException {
        if (fileSize > durableSize) {
            try {
                cutToDurable();
            } catch (IOException e) {
                needsRepair = true; // the next batch cuts it before it writes
                throw e;
            }
        }
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
        fileSize = 0;
    }

    /** After a write or probe succeeded: healthy again (one INFO when it was not). */
    private void wroteOk() {
        Health before;
        synchronized (healthLock) {
            before = health;
            health = Health.HEALTHY;
        }
        switch (before) {
            case HEALTHY -> { }
            case STALLED -> log.info("journal: the stalled write to {} finished; writing again", dir);
            case FAILED -> log.info("journal: writing to {} again", dir);
        }
    }

    private void failBatch(List<Pending> batch, int from, IOException e) {
        long needed = 0;
        for (int k = from; k < batch.size(); k++) needed += batch.get(k).bytes;
        JournalException.Kind kind = failureKind(e, needed);
        var failure = new JournalException(kind, "journal write failed: " + e.getMessage(), e);
        Health before;
        synchronized (healthLock) { // before the futures complete, so that their callers already see it
            before = health;
            health = Health.FAILED;
        }
        nextProbeNanos = System.nanoTime() + options.probeInterval().toNanos();
        if (before != Health.FAILED) {
            log.warn("journal: cannot write to {}: {}{}; appends fail until a write or probe succeeds", active.path(), e,
                    kind == JournalException.Kind.NO_SPACE ? " (no space)" : "");
        }
        List<Pending> failed = List.copyOf(batch.subList(from, batch.size()));
        acknowledge(() -> failed.forEach(p -> p.done.completeExceptionally(failure)));
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
