package bouncemx.pipeline;

import bouncemx.event.Envelope;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.journal.Journal;
import bouncemx.journal.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-off from the SMTP edge to the journal: a bounded queue ({@link ArrayBlockingQueue}, offered
 * without waiting) in front of a fixed pool of platform worker threads (one per core). A worker turns one
 * message into its events ({@link EventFactory#events}), encodes one {@link JournalEntry} (events as JSON
 * without {@code journal_seq}) and appends it; the future of {@link #submit} completes with a
 * {@link Receipt} and never exceptionally: {@code Stored} once the journal made the record durable.
 * <p>
 * When it cannot: a full queue (or a pipeline that is closing) is {@code Busy} at once; a message whose
 * deadline passed while it waited for a worker is {@code Failed} and never decoded or written (the sender
 * has been told 451 already); the deadline goes on to the journal, which drops a record it has not started
 * to write by then; a journal that cannot append is {@code NoSpace} or {@code Failed}; any other failure
 * (a bug) is logged with the message id and {@code Failed}, so the sender gets a 4xx and retries.
 * <p>
 * Decoding never loses a message: any {@link Throwable} thrown while classifying, a dialect's
 * {@link StackOverflowError} included, is logged with the message id and the message is journaled with one {@code message.unclassified} event whose {@code parser.error} names it, so
 * every accepted message yields at least one event and a retry of the same message is not refused forever.
 * Only the errors after which the JVM itself is in doubt ({@link #fatal}: out of memory, internal errors)
 * are not caught there; the message is then refused with 451 and the error goes on.
 * Event ids are derived from the content ({@link EventFactory#idBase}): the same bytes sent to the same
 * envelope recipients again (a sender's retry after a 451) get the same ids.
 * <p>
 * Thread-safe. {@link #close(Duration)} stops taking messages and drains those in flight up to a deadline.
 */
public final class Pipeline implements Intake, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** What a worker runs on one message; {@link EventFactory#events} in production. Must be thread-safe. */
    @FunctionalInterface
    public interface Decode {
        /** @param idBase null: ids derived from the content ({@link EventFactory#idBase}) */
        List<Event> events(byte[] raw, Envelope envelope, Instant receivedAt, Instant now, String idBase);
    }

    /**
     * What the pipeline reports, for metrics: how long each message took to decode (parse and classify), and
     * the events of each message once it is durable. Called on worker and journal-ack threads: cheap, never
     * blocking, thread-safe.
     */
    public interface Observer {
        void decoded(long nanos);

        /** {@code events} are durable (the sender is about to get 250); called before the receipt completes. */
        void stored(List<Event> events);

        Observer NONE = new Observer() {
            @Override public void decoded(long nanos) { }
            @Override public void stored(List<Event> events) { }
        };
    }

    private final Decode decode;
    private final Observer observer;
    private final EventJson json;
    private final Journal journal;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    /**
     * @param workers       worker threads (the number of cores)
     * @param queueCapacity messages that may wait for a worker; one more is {@code Busy}
     */
    public Pipeline(Decode decode, EventJson json, Journal journal, Clock clock, int workers, int queueCapacity) {
        this(decode, json, journal, clock, workers, queueCapacity, Observer.NONE);
    }

    /** A pipeline that reports decode times and stored events to {@code observer}. */
    public Pipeline(Decode decode, EventJson json, Journal journal, Clock clock, int workers, int queueCapacity,
                    Observer observer) {
        this.observer = observer;
        if (workers < 1) throw new IllegalArgumentException("workers " + workers);
        if (queueCapacity < 1) throw new IllegalArgumentException("queue capacity " + queueCapacity);
        this.decode = decode;
        this.json = json;
        this.journal = journal;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "pipeline-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The production pipeline: {@code factory} decodes, one worker per core, a queue of 64 per worker. */
    public static Pipeline standard(EventFactory factory, Journal journal, Clock clock) {
        return standard(factory, journal, clock, Observer.NONE);
    }

    /** {@link #standard(EventFactory, Journal, Clock)} reporting to {@code observer}. */
    public static Pipeline standard(EventFactory factory, Journal journal, Clock clock, Observer observer) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Pipeline((raw, env, at, now, id) -> factory.events(raw, env, at, now, null, id),
                new EventJson(), journal, clock, cores, 64 * cores, observer);
    }

    @Override
    public CompletableFuture<Receipt> submit(RawMessage message, long deadlineNanos) {
        var done = new CompletableFuture<Receipt>();
        if (closing) {
            done.complete(new Receipt.Busy("stopping"));
            return done;
        }
        inFlight.incrementAndGet();
        done.whenComplete((r, err) -> {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (inFlight) {
                    inFlight.notifyAll();
                }
            }
        });
        try {
            workers.execute(new Task(message, deadlineNanos, done));
        } catch (RejectedExecutionException full) { // queue full, or shut down meanwhile
            done.complete(new Receipt.Busy("queue full"));
        }
        return done;
    }

    /** Messages accepted by {@link #submit} whose future has not completed yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Messages waiting for a worker. */
    public int queued() {
        return workers.getQueue().size();
    }

    /** One message waiting for, or on, a worker. */
    private final class Task implements Runnable {
        final RawMessage message;
        final long deadlineNanos;
        final CompletableFuture<Receipt> done;

        Task(RawMessage message, long deadlineNanos, CompletableFuture<Receipt> done) {
            this.message = message;
            this.deadlineNanos = deadlineNanos;
            this.done = done;
        }

        @Override
        public void run() {
            process(message, deadlineNanos, done);
        }
    }

    /** The worker task; the task boundary: nothing escapes, the future always completes. */
    private void process(RawMessage m, long deadlineNanos, CompletableFuture<Receipt> done) {
        MDC.put("msg", m.id());
        try {
            if (System.nanoTime() - deadlineNanos >= 0) {
                log.warn("message {} waited past its deadline for a worker; dropped unwritten", m.id());
                done.complete(new Receipt.Failed("deadline passed before decoding"));
                return;
            }
            Decoded decoded = decoded(m);
            // the raw bytes go to the journal as the SMTP edge read them: no copy (JournalEntry#encodeParts)
            var payload = new JournalEntry(m.id(), m.receivedAt(), m.envelope(), m.bytes(), decoded.json()).encodeParts();
            journal.append(payload, deadlineNanos).whenComplete((seq, err) -> {
                if (err == null) observer.stored(decoded.events());
                done.complete(err == null ? new Receipt.Stored(m.id(), seq, decoded.types()) : receipt(m, unwrap(err)));
            });
        } catch (Throwable e) { // a bug: log it here, tell the sender to retry
            done.complete(receipt(m, e));
            if (fatal(e)) throw e;
        } finally {
            MDC.remove("msg");
        }
    }

    /**
     * The message's events as JSON; if classifying fails with anything but a {@link #fatal} error (a bug: an
     * exception, a StackOverflowError in a dialect), one unclassified event that says why.
     */
    private Decoded decoded(RawMessage m) {
        Instant now = clock.instant();
        long t0 = System.nanoTime();
        try {
            List<Event> events = decode.events(m.bytes(), m.envelope(), m.receivedAt(), now, null);
            if (events.isEmpty()) throw new IllegalStateException("no events for an accepted message");
            List<byte[]> out = new ArrayList<>(events.size());
            for (Event e : events) out.add(json.toJson(e, null));
            observer.decoded(System.nanoTime() - t0);
            return new Decoded(events, out);
        } catch (Throwable e) {
            if (fatal(e)) throw e;
            log.error("classifying message {} failed; journaling it as unclassified", m.id(), e);
            Event unclassified = unclassified(m, now, e);
            return new Decoded(List.of(unclassified), List.of(json.toJson(unclassified, null)));
        }
    }

    /** A message's events and their JSON, in the same order. */
    private record Decoded(List<Event> events, List<byte[]> json) {
        /** The type of each event, in order (for the message's INFO line). */
        List<String> types() {
            List<String> t = new ArrayList<>(events.size());
            for (Event e : events) t.add(e.type());
            return t;
        }
    }

    /**
     * Errors after which nothing in this JVM can be trusted: out of memory, internal and unknown errors. A
     * {@link StackOverflowError} is not among them: the stack has unwound by the time it is caught, and it
     * belongs to the one message that caused it.
     */
    static boolean fatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    private static Event unclassified(RawMessage m, Instant now, Throwable why) {
        String sha = EventFactory.sha256(m.bytes());
        var message = new Event.Message(now, null, m.receivedAt(), m.envelope(), sha, m.bytes().length, false);
        return Event.unclassified(message, EventFactory.idBase(sha, m.envelope()) + "-1", null, "", "pipeline: " + why);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The receipt for a failure of the journal (or of this code, a bug, logged here). */
    private static Receipt receipt(RawMessage m, Throwable t) {
        if (t instanceof JournalException j) {
            return switch (j.kind()) {
                case NO_SPACE -> new Receipt.NoSpace(j.getMessage());
                case BUSY, CLOSED -> new Receipt.Busy(j.getMessage());
                case IO, EXPIRED -> new Receipt.Failed(j.getMessage());
            };
        }
        log.error("cannot journal message {}", m.id(), t);
        return new Receipt.Failed("internal error: " + t);
    }

    /**
     * Stops taking messages (later submits are {@code Busy}), lets the workers finish what is queued and
     * waits up to {@code deadline} for the journal to complete those appends. Messages still waiting for a
     * worker at the deadline are {@code Busy}. Returns true when everything
     * drained in time. Does not close the journal.
     */
    public boolean close(Duration deadline) {
        closing = true;
        long end = System.nanoTime() + deadline.toNanos();
        workers.shutdown();
        boolean drained = false;
        try {
            if (workers.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                drained = awaitAppends(end);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Runnable r : workers.shutdownNow()) { // never started: their futures must still complete
            if (r instanceof Task t) t.done.complete(new Receipt.Busy("stopping"));
        }
        if (!drained) log.warn("pipeline closed with {} messages in flight", inFlight.get());
        return drained;
    }

    private boolean awaitAppends(long endNanos) throws InterruptedException {
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = endNanos - System.nanoTime();
                if (left <= 0) return false;
                inFlight.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
