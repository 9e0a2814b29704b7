package bouncemx.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deadlines of every session's blocking calls, enforced by one platform thread ("smtp-deadlines") that looks
 * at all sessions every {@link #PERIOD_NANOS}, instead of a timer per call. A session publishes in its
 * {@link Watch} what it is blocked in and until when (a socket read, a socket write, the wait for a receipt);
 * the calls themselves block without a timeout. Past its deadline (at most one period late):
 * <ul>
 *   <li>a read has the socket's input shut down (the accepted socket's, also under TLS, where the TLS socket sees
 *       the end of its stream), which ends the read at once; {@link Watch#endRead()} then says it was cut, so the
 *       session still answers 421 4.4.2 on the open output;</li>
 *   <li>a write has the socket closed (nothing more can be said to a client that does not read);</li>
 *   <li>the wait for a receipt is cancelled ({@link Watch#await} returns null).</li>
 * </ul>
 * Why: on a virtual thread every read with {@code setSoTimeout} and every timed park schedules and cancels a
 * timer on the JDK's delay scheduler, and every guarded write one on a scheduled executor: about 58 us of CPU
 * per message under smtp-source (bench/README.md, issue 14), against a few volatile writes here.
 * <p>
 * Each deadline slot holds the deadline ({@link System#nanoTime()} scale), {@code IDLE} or {@code EXPIRED}; the
 * session arms it and disarms it with one atomic exchange, the sweeper fires it with one compare-and-set, so a
 * call is either finished in time or cut, never both. Once {@link #close() closed}, arming fails (a call
 * without a deadline is not started). Thread-safe.
 */
final class DeadlineSweeper implements AutoCloseable {
    /** How often the sweeper looks: a deadline is enforced at most this late. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final long IDLE = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final long periodNanos;
    private volatile boolean running;
    private Thread thread;

    DeadlineSweeper() {
        this(PERIOD_NANOS);
    }

    DeadlineSweeper(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** Starts the sweeping thread; idempotent. */
    synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = Thread.ofPlatform().name("smtp-deadlines").daemon().start(this::loop);
    }

    /**
     * Stops taking new deadlines: calls armed after this fail to arm. The thread goes on sweeping until every
     * call armed before has ended or been cut, then ends. Idempotent; never waits.
     */
    @Override
    public synchronized void close() {
        running = false;
    }

    /** A watch over the blocking calls on {@code raw} (the accepted socket), swept until {@link Watch#close()}. */
    Watch watch(Socket raw) {
        var w = new Watch(raw);
        watches.add(w);
        return w;
    }

    /** Sessions being watched. */
    int watched() {
        return watches.size();
    }

    private void loop() {
        boolean armed = true;
        while (running || armed) {
            try {
                Thread.sleep(periodNanos / 1_000_000, (int) (periodNanos % 1_000_000));
            } catch (InterruptedException e) {
                return; // nobody interrupts this thread but the JVM's end
            }
            armed = sweep(System.nanoTime());
        }
    }

    /** Fires every slot past its deadline at {@code now}; true when some call is still armed afterwards. */
    boolean sweep(long now) {
        boolean armed = false;
        for (Watch w : watches) armed |= w.sweep(now);
        return armed;
    }

    /**
     * What one session is blocked in and until when. The session thread arms and disarms; a graceful stop may
     * write through the same watch (it holds the reply writer's lock meanwhile, so writes never overlap).
     */
    final class Watch implements SmtpInput.ReadWatch, AutoCloseable {
        private final Socket raw;
        private final AtomicLong read = new AtomicLong(IDLE);
        private final AtomicLong write = new AtomicLong(IDLE);
        private final AtomicLong wait = new AtomicLong(IDLE);
        private volatile CompletableFuture<?> waiting;

        private Watch(Socket raw) {
            this.raw = raw;
        }

        /** A read is about to block until {@code deadlineNanos}; false (nothing armed) once the sweeper is closed. */
        @Override
        public boolean beginRead(long deadlineNanos) {
            return arm(read, deadlineNanos);
        }

        /** The read returned (or threw); false when the sweeper cut it: its deadline passed, the input is shut. */
        @Override
        public boolean endRead() {
            return read.getAndSet(IDLE) != EXPIRED;
        }

        /** A write is about to block until {@code deadlineNanos}; false (nothing armed) once the sweeper is closed. */
        boolean beginWrite(long deadlineNanos) {
            return arm(write, deadlineNanos);
        }

        /** The write returned (or threw); false when the sweeper cut it: its deadline passed, the socket is closed. */
        boolean endWrite() {
            return write.getAndSet(IDLE) != EXPIRED;
        }

        /**
         * Waits for {@code f} until {@code deadlineNanos}; null when the deadline passed first (or the sweeper is
         * closed). {@code f} itself is never cancelled.
         */
        <T> T await(CompletableFuture<T> f, long deadlineNanos) throws ExecutionException, InterruptedException {
            if (f.isDone()) return f.get();
            var mine = f.copy(); // cancelled by the sweeper, not f
            waiting = mine;
            if (!arm(wait, deadlineNanos)) {
                waiting = null;
                return null;
            }
            try {
                return mine.get();
            } catch (java.util.concurrent.CancellationException timedOut) {
                return null;
            } finally {
                wait.getAndSet(IDLE);
                waiting = null;
            }
        }

        private boolean arm(AtomicLong slot, long deadlineNanos) {
            if (!running) return false;
            if (deadlineNanos == IDLE || deadlineNanos == EXPIRED) deadlineNanos = EXPIRED + 1;
            slot.set(deadlineNanos);
            return true;
        }

        private boolean sweep(long now) {
            if (fire(read, now)) {
                try {
                    raw.shutdownInput(); // the read returns at once; the output stays open for the 421
                } catch (IOException e) {
                    closeSocket(); // closed already, or input shut already: closing ends the read either way
                }
            }
            if (fire(write, now)) closeSocket();
            if (fire(wait, now)) {
                CompletableFuture<?> f = waiting;
                if (f != null) f.cancel(false);
            }
            return armed(read) || armed(write) || armed(wait);
        }

        private static boolean armed(AtomicLong slot) {
            long d = slot.get();
            return d != IDLE && d != EXPIRED;
        }

        private boolean fire(AtomicLong slot, long now) {
            long d = slot.get();
            return d != IDLE && d != EXPIRED && now - d >= 0 && slot.compareAndSet(d, EXPIRED);
        }

        private void closeSocket() {
            try {
                raw.close();
            } catch (IOException ignored) {
                // closing a socket the peer may have closed already: nothing to report
            }
        }

        /** The session has ended: no longer swept. */
        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
