package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real files with test controls: counts fsyncs, can fail writes with a given message (optionally after
 * writing half of the bytes, like a disk that fills up mid-write), can act as a full disk (a write that would
 * grow a file writes what fits in it and fails; writes over bytes the file has succeed), can report a full file store, records
 * directory fsyncs, can close the directory to new files, and can hold the next fsync until released. Public
 * for the daemon's readiness tests (cli/ReadinessTest). Thread-safe.
 */
public final class TestStorage implements Storage {
    private final Storage real = Storage.files();
    final AtomicInteger forces = new AtomicInteger();
    /** When set, writes fail with an IOException carrying this message. */
    final AtomicReference<String> failure = new AtomicReference<>();
    volatile boolean halfWriteBeforeFailing;
    /** When set, no file grows: writes past a file's end fail with "No space left on device" (see above). */
    volatile boolean diskFull;
    /** Zeros written by {@link SegmentFile#writeZeros} (preallocation), in all files. */
    final java.util.concurrent.atomic.AtomicLong zerosWritten = new java.util.concurrent.atomic.AtomicLong();
    /** What {@link #usableSpace} reports; negative: the real file store's answer. */
    volatile long usableBytes = -1;
    /** Every directory fsync'd, in order. */
    final java.util.List<Path> syncedDirectories = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When set, the directory takes no new file: opening one that does not exist fails, as after chmod a-w. */
    public volatile boolean directoryClosed;
    private volatile CountDownLatch entered;
    private volatile CountDownLatch release;

    /** Makes the next fsync wait until {@link #release()}; {@link #awaitHeld()} waits until it is waiting. */
    void holdNextForce() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    void awaitHeld() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) throw new AssertionError("the writer never reached fsync");
    }

    void release() {
        release.countDown();
    }

    @Override
    public SegmentFile open(Path file) throws IOException {
        if (directoryClosed && !java.nio.file.Files.exists(file)) {
            throw new java.nio.file.AccessDeniedException(file.toString());
        }
        SegmentFile f = real.open(file);
        return new SegmentFile() {
            private long position = java.nio.file.Files.size(file);

            /** A full disk: writes into [at, at + bytes) up to the file's end, and fails when that is not all. */
            private long fits(long at, long bytes) throws IOException {
                return diskFull ? Math.max(0, Math.min(bytes, java.nio.file.Files.size(file) - at)) : bytes;
            }

            @Override
            public void write(ByteBuffer[] buffers) throws IOException {
                String why = failure.get();
                long total = 0;
                for (ByteBuffer b : buffers) total += b.remaining();
                long fit = fits(position, total);
                if (why == null && fit < total) {
                    for (ByteBuffer b : buffers) {
                        if (fit <= 0) break;
                        ByteBuffer part = b.duplicate();
                        part.limit((int) Math.min(part.limit(), part.position() + fit));
                        fit -= part.remaining();
                        position += part.remaining();
                        f.write(new ByteBuffer[]{part});
                    }
                    throw new IOException("No space left on device");
                }
                if (why == null) {
                    f.write(buffers);
                    position += total;
                    return;
                }
                if (halfWriteBeforeFailing) {
                    long half = total / 2;
                    position += half;
                    for (ByteBuffer b : buffers) {
                        if (half <= 0) break;
                        ByteBuffer part = b.duplicate();
                        part.limit((int) Math.min(part.limit(), part.position() + half));
                        half -= part.remaining();
                        f.write(new ByteBuffer[]{part});
                    }
                }
                throw new IOException(why);
            }

            @Override
            public void force() throws IOException {
                CountDownLatch e = entered;
                CountDownLatch r = release;
                if (e != null && e.getCount() > 0) {
                    e.countDown();
                    try {
                        if (!r.await(10, TimeUnit.SECONDS)) throw new IOException("test never released the fsync");
                    } catch (InterruptedException x) {
                        throw new IOException(x);
                    }
                }
                forces.incrementAndGet();
                f.force();
            }

            @Override
            public void truncate(long size) throws IOException {
                f.truncate(size);
                position = size;
            }

            @Override
            public void seek(long offset) throws IOException {
                f.seek(offset);
                position = offset;
            }

            @Override
            public void writeZeros(long from, long to) throws IOException {
                String why = failure.get();
                if (why != null) throw new IOException(why);
                long fit = fits(from, to - from);
                if (fit > 0) f.writeZeros(from, from + fit);
                zerosWritten.addAndGet(fit);
                if (fit < to - from) throw new IOException("No space left on device");
            }

            @Override
            public void close() throws IOException {
                f.close();
            }
        };
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        syncedDirectories.add(dir);
        real.syncDirectory(dir);
    }

    @Override
    public long usableSpace(Path dir) throws IOException {
        long v = usableBytes;
        return v >= 0 ? v : real.usableSpace(dir);
    }
}
