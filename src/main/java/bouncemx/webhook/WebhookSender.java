package bouncemx.webhook;

import bouncemx.config.Config;
import bouncemx.event.JournaledEvent;
import bouncemx.journal.Cursor;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.metrics.MeterNames;
import bouncemx.pipeline.JournalEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * Delivers the journal's events to one endpoint, at least once, from its own durable cursor
 * ({@code data.dir/cursors/webhook-NAME}). One thread per endpoint ("webhook-NAME") reads the journal in
 * order (never the pipeline, so a slow endpoint never slows SMTP intake or another endpoint), skips events
 * whose type the endpoint does not want, and starts up to {@code concurrency} deliveries at a time in journal
 * order; each delivery retries on its own ({@link RetrySchedule}: any non-2xx but 410, timeouts, refused or
 * reset connections) until the receiver answers 2xx, or the event is older than {@code max_age} (by its
 * {@code received_at}) and goes to the dead-letter list ({@link EndpointStore}), or the receiver answers
 * 410 Gone, which disables the endpoint durably (one ERROR line) until {@code webhook enable} or a change of
 * its configuration.
 *
 * <p>The cursor moves only over the prefix of records whose every event is delivered, filtered out or
 * dead-lettered, and is saved in batches (every {@value #SAVE_EVERY_RECORDS} records or
 * {@link #SAVE_INTERVAL}, and at stop), so a restart or a kill -9 resumes at the first record not known to
 * be done: nothing is missing, and what is sent again carries the same {@code webhook-id}. Deliveries of
 * later records may finish before an earlier one that is being retried (ordering holds only for
 * concurrency 1); the records held for that are bounded ({@value #MAX_WINDOW_RECORDS}), after which reading
 * waits for the earliest.
 *
 * <p>Also watches the journal's retention: when the oldest record the endpoint has not acknowledged is within
 * a tenth of {@code journal.retention} (at least an hour) of being deleted, it logs one WARN and sets
 * {@code bouncemx.webhook.retention.at.risk} (one INFO when it clears).
 *
 * <p>Trouble with the disk (the journal cannot be read, the cursor or a dead letter not written) is one WARN,
 * then the sender starts over from its acknowledged prefix every second until it works again (one INFO);
 * only a bug ends the thread ({@link #running()} turns false).
 *
 * <p>{@link #start()} once, {@link #close(Duration)} once. Thread-safe.
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    static final int SAVE_EVERY_RECORDS = 1024;
    static final Duration SAVE_INTERVAL = Duration.ofMillis(200);
    static final int MAX_WINDOW_RECORDS = 65_536;
    private static final Duration IDLE_POLL = Duration.ofMillis(2);
    private static final Duration ENABLE_POLL = Duration.ofMillis(250);
    private static final Duration RETENTION_CHECK = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_IO_ERROR = Duration.ofSeconds(1);

    private final Config.Webhook endpoint;
    private final MeterRegistry registry;
    private final List<Meter> gauges;
    private final Path dataDir;
    private final JournalSource journal;
    private final EndpointClient client;
    private final EndpointStore store;
    private final RetrySchedule schedule;
    private final Set<String> types;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final RandomGenerator random;
    private final Duration retention;
    private final String fingerprint;
    private final Thread thread;
    private final LinkedBlockingQueue<Done> completions = new LinkedBlockingQueue<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    private volatile boolean stopping;
    private volatile int generation;
    private volatile boolean disabled;
    private volatile boolean retentionAtRisk;
    private volatile long acked;
    private volatile Instant oldestPending; // null: nothing pending that was read
    private volatile boolean crashed;

    // Owned by the sender thread.
    private final ArrayDeque<Slot> window = new ArrayDeque<>();
    private final ArrayDeque<Task> ready = new ArrayDeque<>();
    private int inFlight;
    private JournalReader reader;
    private Cursor cursor;
    private long saved;
    private long lastSaveNanos;
    private long nextRetentionCheckNanos;

    /** One journal record in the window: how many of its events are still undecided. */
    private static final class Slot {
        final long seq;
        final Instant timestamp;
        int remaining;

        Slot(long seq, Instant timestamp, int remaining) {
            this.seq = seq;
            this.timestamp = timestamp;
            this.remaining = remaining;
        }
    }

    /** One event being delivered; {@code failures} is touched by one attempt at a time. */
    private static final class Task {
        final Slot slot;
        final JournaledEvent event;
        final int generation;
        int failures;

        Task(Slot slot, JournaledEvent event, int generation) {
            this.slot = slot;
            this.event = event;
            this.generation = generation;
        }

        /** When the event's message was accepted (what max_age counts from); the record's time when it does not say. */
        Instant born() {
            return event.receivedAtInstant().orElse(slot.timestamp);
        }
    }

    private enum Kind { DELIVERED, DEAD_LETTERED, GONE }

    private record Done(Task task, Kind kind) {}

    public WebhookSender(Config.Webhook endpoint, Path dataDir, JournalSource journal, EndpointClient client,
                         Duration retention, Clock clock, MeterRegistry registry, ScheduledExecutorService timer,
                         RandomGenerator random) {
        this.endpoint = endpoint;
        this.dataDir = dataDir;
        this.journal = journal;
        this.client = client;
        this.store = new EndpointStore(dataDir, endpoint.name());
        this.schedule = new RetrySchedule(endpoint.backoffInitial(), endpoint.backoffMax());
        this.types = Set.copyOf(new HashSet<>(endpoint.types()));
        this.clock = clock;
        this.timer = timer;
        this.random = random;
        this.retention = retention;
        this.fingerprint = fingerprint(endpoint);
        this.thread = new Thread(this::run, "webhook-" + endpoint.name());
        thread.setDaemon(true);
        String name = endpoint.name();
        this.registry = registry;
        this.gauges = List.of(
                Gauge.builder(MeterNames.WEBHOOK_BACKLOG, this, WebhookSender::backlog).tag(MeterNames.TAG_ENDPOINT, name).register(registry),
                Gauge.builder(MeterNames.WEBHOOK_OLDEST_PENDING_AGE, this, s -> s.oldestPendingAge().toMillis() / 1000.0)
                        .baseUnit("seconds").tag(MeterNames.TAG_ENDPOINT, name).register(registry),
                Gauge.builder(MeterNames.WEBHOOK_DEAD_LETTERS, store, WebhookSender::deadLetters).tag(MeterNames.TAG_ENDPOINT, name).register(registry),
                Gauge.builder(MeterNames.WEBHOOK_DISABLED, this, s -> s.disabled ? 1 : 0).tag(MeterNames.TAG_ENDPOINT, name).register(registry),
                Gauge.builder(MeterNames.WEBHOOK_RETENTION_AT_RISK, this, s -> s.retentionAtRisk ? 1 : 0).tag(MeterNames.TAG_ENDPOINT, name).register(registry),
                Gauge.builder(MeterNames.CONSUMER_LAG, this, WebhookSender::backlog).tag(MeterNames.TAG_CONSUMER, name)
                        .description("journal records the consumer has not applied").register(registry));
    }

    /**
     * Removes this sender's gauges from the registry (after {@link #close}, when a configuration reload removed
     * the endpoint or replaces the sender: a gauge keeps the object it reads, so the new sender registers its own).
     */
    public void removeMeters() {
        for (Meter m : gauges) registry.remove(m);
    }

    /** The endpoint this sender delivers to, as configured. */
    public Config.Webhook endpoint() {
        return endpoint;
    }

    /**
     * What a disabled mark is tied to: the endpoint's whole configuration (a hash, so no secret is written
     * down); a changed configuration re-enables the endpoint.
     */
    public static String fingerprint(Config.Webhook endpoint) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(endpoint.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e); // every JDK has it
        }
    }

    public String name() {
        return endpoint.name();
    }

    /** Starts the sender thread. */
    public void start() {
        thread.start();
    }

    /** True unless the sender thread ended on a bug (for /readyz). */
    public boolean running() {
        return !crashed;
    }

    /** True while a 410 Gone keeps the endpoint disabled. */
    public boolean disabled() {
        return disabled;
    }

    /** The last sequence number whose records are all done (what the cursor holds, or is about to). */
    public long acknowledged() {
        return acked;
    }

    /** Records in the journal the endpoint has not acknowledged. */
    public long backlog() {
        return Math.max(0, journal.lastSeq().getAsLong() - acked);
    }

    /** Age of the oldest record read but not acknowledged (zero when there is none). */
    public Duration oldestPendingAge() {
        Instant t = oldestPending;
        if (t == null) return Duration.ZERO;
        Duration d = Duration.between(t, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static double deadLetters(EndpointStore store) {
        try {
            return store.deadLetterCount();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * Stops within about {@code budget}: no new deliveries, the cursor saved over what was acknowledged,
     * requests in flight abandoned (they are sent again after a restart, with the same ids).
     */
    public void close(Duration budget) {
        stopping = true;
        generation++;
        try {
            thread.join(Math.max(1, budget.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) log.warn("webhook {}: sender did not stop within {} ms", endpoint.name(), budget.toMillis());
        client.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    // ---- the sender thread ----

    private void run() {
        boolean troubled = false;
        try {
            while (!stopping) {
                try {
                    if (cursor == null) open();
                    checkRetention();
                    if (disabled) {
                        awaitEnable();
                    } else {
                        step();
                    }
                    if (troubled) {
                        troubled = false;
                        log.info("webhook {}: journal and state readable again; delivering from {}", endpoint.name(), acked + 1);
                    }
                } catch (IOException e) { // the disk: say so once, start over from the acknowledged prefix each second
                    if (!troubled) {
                        log.warn("webhook {}: cannot read the journal or write its state ({}); retrying every second",
                                endpoint.name(), e.toString());
                    }
                    troubled = true;
                    resetWindow();
                    Thread.sleep(RETRY_AFTER_IO_ERROR.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // a bug: logged with its trace at the loop's boundary
            crashed = true;
            log.error("webhook {}: sender failed", endpoint.name(), e);
        } finally {
            try {
                if (cursor != null && acked > saved) cursor.save(acked);
            } catch (IOException e) {
                log.warn("webhook {}: cursor not saved at stop: {}", endpoint.name(), e.toString());
            }
            closeReader();
        }
    }

    /** Opens the cursor and reads the disabled mark (a changed configuration lifts it). */
    private void open() throws IOException {
        Cursor c = Cursor.open(dataDir, EndpointStore.cursorName(endpoint.name()));
        acked = saved = c.position();
        lastSaveNanos = System.nanoTime();
        Optional<String> mark = store.disabledFingerprint();
        if (mark.isPresent() && !mark.get().equals(fingerprint)) {
            store.enable();
            log.info("webhook {}: configuration changed since a 410 Gone disabled it; enabled again", endpoint.name());
        } else if (mark.isPresent()) {
            disabled = true;
            log.error("webhook {}: disabled (the receiver answered 410 Gone); run 'bouncemx webhook enable --endpoint {}'"
                    + " or change its configuration", endpoint.name(), endpoint.name());
        }
        cursor = c;
    }

    /** Forgets what is read and in flight (sent again later, same ids); reading restarts after the acknowledged prefix. */
    private void resetWindow() {
        generation++;
        window.clear();
        ready.clear();
        inFlight = 0;
        completions.clear();
        closeReader();
    }

    /** One round: take completions, start what fits, move the cursor, wait a little when idle. */
    private void step() throws IOException, InterruptedException {
        if (reader == null) reader = journal.reader(acked + 1);
        boolean progressed = drain(completions.poll());
        while (inFlight < endpoint.concurrency() && !disabled) {
            if (ready.isEmpty()) {
                if (window.size() >= MAX_WINDOW_RECORDS || !readRecord()) break;
                progressed = true;
                continue;
            }
            Task t = ready.poll();
            inFlight++;
            attempt(t);
            progressed = true;
        }
        advance();
        if (!progressed) drain(completions.poll(idleWait(), TimeUnit.MILLISECONDS));
    }

    /** How long to wait for a completion: briefly while a new record could be started, else until one completes. */
    private long idleWait() {
        boolean couldStart = inFlight < endpoint.concurrency() && window.size() < MAX_WINDOW_RECORDS;
        return couldStart ? IDLE_POLL.toMillis() : SAVE_INTERVAL.toMillis() / 4;
    }

    /** Handles {@code first} (may be null) and every other completion waiting; true when there was one. */
    private boolean drain(Done first) throws IOException {
        boolean any = false;
        for (Done d = first; d != null; d = completions.poll()) {
            if (d.task().generation != generation) continue; // from before a stop or a 410
            any = true;
            inFlight--;
            switch (d.kind()) {
                case DELIVERED, DEAD_LETTERED -> d.task().slot.remaining--;
                case GONE -> disable();
            }
            if (disabled) return true;
        }
        return any;
    }

    /** Reads one record into the window; false when there is none yet. */
    private boolean readRecord() throws IOException {
        if (reader.position() > journal.lastSeq().getAsLong()) return false;
        Optional<JournalRecord> next = reader.next();
        if (next.isEmpty()) return false;
        JournalRecord record = next.get();
        List<JournaledEvent> events;
        try {
            events = JournaledEvent.of(record.seq(), JournalEntry.decodeEvents(record.payload()).events());
        } catch (IllegalArgumentException | JournaledEvent.Malformed e) {
            log.error("webhook {}: journal record {} is not a journal entry, skipped: {}", endpoint.name(), record.seq(), e.getMessage());
            events = List.of();
        }
        var slot = new Slot(record.seq(), record.timestamp(), 0);
        for (JournaledEvent e : events) {
            if (!types.contains(e.type())) continue;
            slot.remaining++;
            ready.add(new Task(slot, e, generation));
        }
        window.add(slot);
        return true;
    }

    /** Moves the acknowledged prefix forward and saves the cursor when a batch is due. */
    private void advance() throws IOException {
        while (!window.isEmpty() && window.peekFirst().remaining == 0) acked = window.pollFirst().seq;
        if (window.isEmpty() && reader != null) acked = Math.max(acked, reader.position() - 1); // records skipped by retention
        oldestPending = window.isEmpty() ? null : window.peekFirst().timestamp;
        long now = System.nanoTime();
        if (acked > saved && (acked - saved >= SAVE_EVERY_RECORDS || now - lastSaveNanos >= SAVE_INTERVAL.toNanos())) {
            cursor.save(acked);
            saved = acked;
            lastSaveNanos = now;
        }
    }

    /** A 410 Gone: mark the endpoint disabled durably and drop what is in flight (resent once enabled). */
    private void disable() throws IOException {
        store.disable(fingerprint, "410 Gone at " + clock.instant());
        client.gone.increment();
        disabled = true; // last: whoever sees it also sees the mark and the count
        log.error("webhook {}: the receiver answered 410 Gone; endpoint disabled until 'bouncemx webhook enable --endpoint {}'"
                + " or a configuration change", endpoint.name(), endpoint.name());
        resetWindow();
        if (acked > saved) {
            cursor.save(acked);
            saved = acked;
        }
    }

    private void awaitEnable() throws IOException, InterruptedException {
        oldestPending = null;
        if (store.disabledFingerprint().isEmpty()) {
            disabled = false;
            log.info("webhook {}: enabled again; resuming after {}", endpoint.name(), acked);
            return;
        }
        Thread.sleep(ENABLE_POLL.toMillis()); // the mark is a file another process removes: poll it
    }

    private void checkRetention() {
        long now = System.nanoTime();
        if (now - nextRetentionCheckNanos < 0) return;
        nextRetentionCheckNanos = now + RETENTION_CHECK.toNanos();
        Optional<Instant> oldest = Optional.empty();
        if (acked < journal.lastSeq().getAsLong()) {
            try (JournalReader r = journal.reader(acked + 1)) {
                oldest = r.next().map(JournalRecord::timestamp);
            } catch (IOException e) {
                log.warn("webhook {}: could not read the journal to check retention: {}", endpoint.name(), e.toString());
                return;
            }
        }
        if (disabled) oldestPending = oldest.orElse(null);
        Duration margin = retention.dividedBy(10).compareTo(Duration.ofHours(1)) < 0
                ? (retention.compareTo(Duration.ofHours(2)) < 0 ? retention.dividedBy(2) : Duration.ofHours(1))
                : retention.dividedBy(10);
        boolean atRisk = oldest.isPresent() && Duration.between(oldest.get(), clock.instant()).compareTo(retention.minus(margin)) >= 0;
        if (atRisk && !retentionAtRisk) {
            log.warn("webhook {}: journal record {} (from {}) is not acknowledged yet and journal retention ({}) deletes it"
                    + " within about {}; the endpoint will miss events", endpoint.name(), acked + 1, oldest.get(), retention,
                    margin);
        } else if (!atRisk && retentionAtRisk) {
            log.info("webhook {}: no longer at risk from journal retention", endpoint.name());
        }
        retentionAtRisk = atRisk;
    }

    private void closeReader() {
        if (reader == null) return;
        try {
            reader.close();
        } catch (IOException e) {
            log.debug("webhook {}: closing the journal reader: {}", endpoint.name(), e.toString());
        }
        reader = null;
    }

    // ---- deliveries (on the transport's and the timer's threads) ----

    private void attempt(Task t) {
        if (t.generation != generation || stopping) return;
        client.post(t.event.id(), t.event.json()).thenAccept(answer -> settle(t, answer)).exceptionally(e -> {
            log.error("webhook {}: delivery of event {} failed", endpoint.name(), t.event.id(), e); // a bug
            return null;
        });
    }

    private void settle(Task t, Answer answer) {
        if (t.generation != generation || stopping) return;
        Instant now = clock.instant();
        switch (answer.verdict(now)) {
            case Answer.Verdict.Delivered d -> {
                client.ok.increment();
                if (failing.compareAndSet(true, false)) log.info("webhook {}: delivering again", endpoint.name());
                completions.add(new Done(t, Kind.DELIVERED));
            }
            case Answer.Verdict.Gone g -> completions.add(new Done(t, Kind.GONE));
            case Answer.Verdict.Retry r -> {
                t.failures++;
                if (failing.compareAndSet(false, true)) {
                    log.warn("webhook {}: delivery failed ({}); retrying with backoff", endpoint.name(), r.why());
                }
                if (Duration.between(t.born(), now).compareTo(endpoint.maxAge()) > 0 && deadLetter(t, r.why())) return;
                client.retry.increment();
                Duration delay = schedule.delay(t.failures, r.retryAfter(), random);
                try {
                    timer.schedule(() -> attempt(t), delay.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    if (!stopping) throw e;
                }
            }
        }
    }

    /** Moves an event past max_age to the dead-letter list; false (retry later) when it cannot be stored. */
    private boolean deadLetter(Task t, String why) {
        try {
            store.addDeadLetter(t.event.seq(), t.event.index(), t.event.json());
        } catch (IOException e) {
            log.warn("webhook {}: could not store a dead letter ({}); retrying the delivery", endpoint.name(), e.toString());
            return false;
        }
        client.deadLetter.increment();
        log.warn("webhook {}: event {} (journal record {}) is older than max_age {} and still fails ({});"
                + " moved to the dead-letter list", endpoint.name(), t.event.id(), t.event.seq(), endpoint.maxAge(), why);
        completions.add(new Done(t, Kind.DEAD_LETTERED));
        return true;
    }
}
