package bouncemx.smtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One thread keeps the deadlines of blocking calls on real loopback sockets, on virtual and platform threads. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeadlineSweeperTest {
    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);
    private final DeadlineSweeper sweeper = new DeadlineSweeper(PERIOD);
    private ServerSocket listener;
    private Socket client;
    private Socket accepted;

    @AfterEach
    void close() {
        sweeper.close();
        closeSockets();
    }

    private void closeSockets() {
        for (AutoCloseable c : new AutoCloseable[] {client, accepted, listener}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing test sockets
            }
        }
    }

    private void connect() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        client = new Socket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5000);
        accepted = listener.accept();
    }

    /** Reads once under the watch on a thread of the given kind; what the read ended with. */
    private String readOnce(Thread.Builder kind, DeadlineSweeper.Watch watch, long deadline) throws Exception {
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread t = kind.start(() -> {
            try {
                assertTrue(watch.beginRead(deadline));
                int n;
                try {
                    n = accepted.getInputStream().read(new byte[64]);
                } catch (IOException e) {
                    outcome.set(watch.endRead() ? "error" : "cut");
                    return;
                }
                outcome.set(watch.endRead() ? (n < 0 ? "eof" : "read " + n) : "cut");
            } catch (Throwable e) {
                outcome.set(e.toString());
            }
        });
        assertTrue(t.join(java.time.Duration.ofSeconds(10)), "the read ended");
        return outcome.get();
    }

    @Test
    void aBlockedReadIsCutAtItsDeadlineAndTheOutputStaysOpen() throws Exception {
        sweeper.start();
        for (Thread.Builder kind : new Thread.Builder[] {Thread.ofVirtual(), Thread.ofPlatform()}) {
            connect();
            var watch = sweeper.watch(accepted);
            long t0 = System.nanoTime();
            assertEquals("cut", readOnce(kind, watch, t0 + TimeUnit.MILLISECONDS.toNanos(150)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 150 && ms < 2000, "cut at the deadline: " + ms + " ms");
            OutputStream out = accepted.getOutputStream(); // the 421 can still be sent
            out.write("421\r\n".getBytes());
            out.flush();
            byte[] got = client.getInputStream().readNBytes(5);
            assertEquals("421\r\n", new String(got));
            watch.close();
            closeSockets();
        }
    }

    @Test
    void aReadThatReturnsInTimeIsNotCutAndLaterReadsStillWork() throws Exception {
        sweeper.start();
        connect();
        var watch = sweeper.watch(accepted);
        client.getOutputStream().write("abc".getBytes());
        assertEquals("read 3", readOnce(Thread.ofVirtual(), watch, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)));
        Thread.sleep(200); // past that deadline: nothing armed, nothing fired
        client.getOutputStream().write("de".getBytes());
        assertEquals("read 2", readOnce(Thread.ofVirtual(), watch, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
        assertEquals(1, sweeper.watched());
        watch.close();
        assertEquals(0, sweeper.watched());
    }

    @Test
    void aWriteToAClientThatDoesNotReadIsCutByClosingTheSocket() throws Exception {
        sweeper.start();
        connect();
        accepted.setSendBufferSize(4096);
        var watch = sweeper.watch(accepted);
        byte[] block = new byte[64 * 1024];
        long t0 = System.nanoTime();
        assertTrue(watch.beginWrite(t0 + TimeUnit.MILLISECONDS.toNanos(200)));
        OutputStream out = accepted.getOutputStream();
        assertThrows(IOException.class, () -> {
            for (int i = 0; i < 10_000; i++) out.write(block); // at most 640 MB, far more than loopback buffers take
        });
        assertFalse(watch.endWrite(), "the sweeper cut it");
        assertTrue(accepted.isClosed());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 200 && ms < 3000, "cut at the deadline: " + ms + " ms");
    }

    @Test
    void aWaitEndsAtItsDeadlineWithoutCancellingWhatItWaitedFor() throws Exception {
        sweeper.start();
        connect();
        var watch = sweeper.watch(accepted);
        var f = new CompletableFuture<String>();
        long t0 = System.nanoTime();
        assertNull(watch.await(f, t0 + TimeUnit.MILLISECONDS.toNanos(100)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(100));
        assertFalse(f.isDone(), "the awaited future is left alone");
        f.complete("stored");
        assertEquals("stored", watch.await(f, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
        var later = new CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException ignored) {
                // completes anyway
            }
            later.complete("ok");
        });
        assertEquals("ok", watch.await(later, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
    }

    @Test
    void afterCloseNothingNewIsArmedButWhatWasArmedIsStillCut() throws Exception {
        sweeper.start();
        connect();
        var watch = sweeper.watch(accepted);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            watch.beginRead(deadline);
            try {
                InputStream in = accepted.getInputStream();
                in.read(new byte[8]);
            } catch (IOException ignored) {
                // cut
            }
            outcome.set(watch.endRead() ? "in time" : "cut");
        });
        Thread.sleep(50);
        sweeper.close();
        assertFalse(watch.beginWrite(System.nanoTime() + TimeUnit.SECONDS.toNanos(1)), "no new deadline after close");
        assertTrue(reader.join(java.time.Duration.ofSeconds(5)));
        assertEquals("cut", outcome.get());
    }
}
