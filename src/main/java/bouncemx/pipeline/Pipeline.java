package bouncemx.pipeline;

import bouncemx.classify.Category;
import bouncemx.event.Envelope;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.journal.Journal;
import bouncemx.journal.JournalException;
import bouncemx.parse.OriginalMessage;
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
 * without {@code journal_seq}) and appends it; the future of {@link #submit} completes with the message id
 * once the journal has made the record durable.
 * <p>
 * When it cannot: a full queue (or a pipeline that is closing) fails the future at once with
 * {@link Intake.Busy}; a journal that cannot append fails it with the journal's {@link JournalException};
 * any other failure (a bug) fails it with a {@link JournalException} too, so the sender gets a 4xx and
 * retries. A bug while classifying never loses the message: it is logged with the message id and the
 * message is journaled with one {@code message.unclassified} event naming the error, so every accepted
 * message yields at least one event.
 * <p>
 * Thread-safe. {@link #close(Duration)} stops taking messages and drains those in flight up to a deadline.
 */
public final class Pipeline implements Intake, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** What a worker runs on one message; {@link EventFactory#events} in production. Must be thread-safe. */
    @FunctionalInterface
    public interface Decode {
        List<Event> events(byte[] raw, Envelope envelope, Instant receivedAt, Instant now, String messageId);
    }

    private final Decode decode;
    private final EventJson json;
    private final Journal journal;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    /**
     * @param workers       worker threads (the number of cores)
     * @param queueCapacity messages that may wait for a worker; one more is refused with {@link Intake.Busy}
     */
    public Pipeline(Decode decode, EventJson json, Journal journal, Clock clock, int workers, int queueCapacity) {
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
        int cores = Runtime.getRuntime().availableProcessors();
        return new Pipeline((raw, env, at, now, id) -> factory.events(raw, env, at, now, null, id),
                new EventJson(), journal, clock, cores, 64 * cores);
    }

    @Override
    public CompletableFuture<String> submit(RawMessage message) {
        var done = new CompletableFuture<String>();
        if (closing) {
            done.completeExceptionally(new Intake.Busy());
            return done;
        }
        inFlight.incrementAndGet();
        done.whenComplete((id, err) -> {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (inFlight) {
                    inFlight.notifyAll();
                }
            }
        });
        try {
            workers.execute(new Task(message, done));
        } catch (RejectedExecutionException full) { // queue full, or shut down meanwhile
            done.completeExceptionally(new Intake.Busy());
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
        final CompletableFuture<String> done;

        Task(RawMessage message, CompletableFuture<String> done) {
            this.message = message;
            this.done = done;
        }

        @Override
        public void run() {
            process(message, done);
        }
    }

    /** The worker task; the task boundary: nothing escapes, the future always completes. */
    private void process(RawMessage m, CompletableFuture<String> done) {
        MDC.put("msg", m.id());
        try {
            byte[] payload = new JournalEntry(m.id(), m.receivedAt(), m.envelope(), m.bytes(), eventsJson(m)).encode();
            journal.append(payload).whenComplete((seq, err) -> {
                if (err == null) {
                    done.complete(m.id());
                } else {
                    done.completeExceptionally(journalFailure(unwrap(err)));
                }
            });
        } catch (JournalException e) {
            done.completeExceptionally(e);
        } catch (RuntimeException | Error e) { // a bug: log it here, tell the sender to retry
            log.error("cannot journal message {}", m.id(), e);
            done.completeExceptionally(new JournalException("internal error: " + e, false, e));
        } finally {
            MDC.remove("msg");
        }
    }

    /** The message's events as JSON; if classifying fails (a bug), one unclassified event that says why. */
    private List<byte[]> eventsJson(RawMessage m) {
        Instant now = clock.instant();
        try {
            List<Event> events = decode.events(m.bytes(), m.envelope(), m.receivedAt(), now, m.id());
            if (events.isEmpty()) throw new IllegalStateException("no events for an accepted message");
            List<byte[]> out = new ArrayList<>(events.size());
            for (Event e : events) out.add(json.toJson(e, null));
            return out;
        } catch (RuntimeException e) {
            log.error("classifying message {} failed; journaling it as unclassified", m.id(), e);
            return List.of(json.toJson(unclassified(m, now, e), null));
        }
    }

    private static Event unclassified(RawMessage m, Instant now, RuntimeException why) {
        return new Event(Category.UNKNOWN.eventType(), now, m.id() + "-1", null, m.receivedAt(), "", "", null, null,
                null, OriginalMessage.NONE, null, "", false, "pipeline: " + why, m.envelope(),
                EventFactory.sha256(m.bytes()), m.bytes().length);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static JournalException journalFailure(Throwable t) {
        if (t instanceof JournalException j) return j;
        log.error("journal append failed unexpectedly", t);
        return new JournalException("journal append failed: " + t, false, t);
    }

    /**
     * Stops taking messages (later submits fail with {@link Intake.Busy}), lets the workers finish what is
     * queued and waits up to {@code deadline} for the journal to complete those appends. Messages still
     * waiting for a worker at the deadline fail with {@link Intake.Busy}. Returns true when everything
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
            if (r instanceof Task t) t.done.completeExceptionally(new Intake.Busy());
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
