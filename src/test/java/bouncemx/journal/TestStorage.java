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
 * writing half of the bytes, like a disk that fills up mid-write), can report a full file store, records
 * directory fsyncs, can close the directory to new files, and can hold the next fsync until released. Public
 * for the daemon's readiness tests (cli/ReadinessTest). Thread-safe.
 */
public final class TestStorage implements Storage {
    private final Storage real = Storage.files();
    final AtomicInteger forces = new AtomicInteger();
    /** When set, writes fail with an IOException carrying this message. */
    final AtomicReference<String> failure = new AtomicReference<>();
    volatile boolean halfWriteBeforeFailing;
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
            @Override
            public void write(ByteBuffer[] buffers) throws IOException {
                String why = failure.get();
                if (why == null) {
                    f.write(buffers);
                    return;
                }
                if (halfWriteBeforeFailing) {
                    long total = 0;
                    for (ByteBuffer b : buffers) total += b.remaining();
                    long half = total / 2;
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
