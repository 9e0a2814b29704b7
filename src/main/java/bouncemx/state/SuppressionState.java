package bouncemx.state;

import bouncemx.journal.Journal;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The suppression state as a journal consumer: reads every record after the store's position, applies each
 * event's {@link Signal} with the {@link SuppressionPolicy}, appends a {@code suppression.changed} record
 * ({@link ChangeRecords}) for every automatic change, and commits the changed addresses together with the
 * position (every {@value #BATCH} records, and whenever it has caught up). The position lives in the store, so
 * state and position always agree; deleting the store rebuilds it from the journal (one INFO line with the time
 * it took).
 * <p>
 * Exactly one change record per cause, also across a crash or a rebuild: a change caused by a record that was
 * already in the journal when reading started is held back until the reader has passed the journal's end as it
 * was then; if the journal holds that change (same id, {@code "sc-" + cause}) by then it is not written again.
 * A change record must be durable before the position that covers its cause is committed; when the journal
 * cannot append, the batch is dropped and read again a second later (logged once). A record that is not a
 * journal entry is skipped (WARN). One thread ({@link #start()}); {@link #catchUp()} does the same work on the
 * caller's thread (tests, tools). Not for concurrent use except {@link #close()} and {@link #caughtUp()}.
 */
public final class SuppressionState implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SuppressionState.class);
    static final int BATCH = 1000;
    /** Change records waiting for the journal at once: well under its queue (4096), which SMTP shares. */
    static final int MAX_IN_FLIGHT = 256;
    private static final Duration APPEND_WAIT = Duration.ofSeconds(30);

    private final SuppressionStore store;
    private volatile SuppressionPolicy policy; // a configuration reload replaces it; read once per signal
    private final LongFunction<JournalReader> readers;
    private final LongSupplier lastSeq;
    private final Journal journal;
    private final Clock clock;
    private final SignalReader signals = new SignalReader();
    private final Campaigns campaigns;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile long applied;
    private Thread thread;

    public SuppressionState(SuppressionStore store, SuppressionPolicy policy, LongFunction<JournalReader> readers,
                            LongSupplier lastSeq, Journal journal, Clock clock) {
        this(store, policy, new Campaigns("Feedback-ID"), readers, lastSeq, journal, clock);
    }

    /** A consumer that also keeps the campaign report's counters, grouped by {@code campaigns}. */
    public SuppressionState(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns,
                            LongFunction<JournalReader> readers, LongSupplier lastSeq, Journal journal, Clock clock) {
        this.campaigns = campaigns;
        this.store = store;
        this.policy = policy;
        this.readers = readers;
        this.lastSeq = lastSeq;
        this.journal = journal;
        this.clock = clock;
    }

    /** The last journal sequence number whose effects are committed to the store. */
    public long appliedPosition() {
        return applied;
    }

    /** True once the state has applied every record that was in the journal when reading started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public SuppressionStore store() {
        return store;
    }

    public SuppressionPolicy policy() {
        return policy;
    }

    /** Replaces the policy (a configuration reload): signals applied from now on follow {@code next}. */
    public void policy(SuppressionPolicy next) {
        policy = java.util.Objects.requireNonNull(next, "policy");
    }

    /** Applies every record now in the journal and commits; returns the records applied. */
    public long catchUp() throws IOException {
        try (Session s = new Session()) {
            long n = 0;
            for (Optional<JournalRecord> r = s.reader.next(); r.isPresent(); r = s.reader.next()) {
                s.apply(r.get());
                n++;
            }
            s.commit();
            return n;
        }
    }

    /** Starts the consumer thread. */
    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("already started");
        running = true;
        thread = Thread.ofPlatform().name("suppression-state").daemon().start(this::loop);
    }

    private void loop() {
        boolean failing = false;
        while (running) {
            try (Session s = new Session()) {
                while (running) {
                    Optional<JournalRecord> r = s.reader.poll(Duration.ofMillis(200));
                    if (r.isPresent()) {
                        s.apply(r.get());
                        if (s.uncommitted >= BATCH) s.commit();
                    } else {
                        s.commit();
                    }
                    if (failing) {
                        log.info("suppression state: working again");
                        failing = false;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) return;
                if (!failing) log.warn("suppression state: {}; trying again every second", e.toString());
                failing = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One pass of reading, from the store's position on. */
    private final class Session implements AutoCloseable {
        final JournalReader reader;
        final long endAtStart = lastSeq.getAsLong();
        final long startNanos = System.nanoTime();
        final boolean rebuilding;
        final Map<String, AddressState> dirty = new HashMap<>();
        final Map<Campaigns.Key, Long> counts = new HashMap<>();
        final Map<String, byte[]> heldBack = new LinkedHashMap<>();
        final List<CompletableFuture<Long>> appends = new ArrayList<>();
        long position;
        long uncommitted;
        boolean announced;

        Session() {
            position = store.position();
            rebuilding = position == 0 && endAtStart > 0;
            if (rebuilding) log.info("suppression state: empty store, rebuilding it from the journal (records 1..{})", endAtStart);
            reader = readers.apply(position + 1);
            caughtUp = position >= endAtStart;
        }

        void apply(JournalRecord r) {
            JournalEntry entry;
            try {
                entry = JournalEntry.decodeEvents(r.payload());
            } catch (IllegalArgumentException e) {
                log.warn("suppression state: journal record {} is not a journal entry ({}); skipped", r.seq(), e.getMessage());
                entry = null;
            }
            if (entry != null) {
                for (byte[] json : entry.events()) {
                    var tree = signals.tree(json);
                    Signal signal = signals.read(tree);
                    if (signal != null) apply(r.seq(), signal);
                    Campaigns.Key key = tree == null ? null : campaigns.key(tree);
                    if (key != null) counts.merge(key, 1L, Long::sum);
                }
            }
            position = r.seq();
            uncommitted++;
            if (!caughtUp && position >= endAtStart) reachedEnd();
        }

        private void apply(long seq, Signal signal) {
            if (signal instanceof Signal.Recorded rec) {
                heldBack.remove(rec.eventId());
                return;
            }
            AddressState before = dirty.get(signal.address());
            if (before == null) before = store.get(signal.address());
            if (before == null) before = AddressState.unknown(signal.address());
            SuppressionPolicy.Outcome o = policy.apply(before, signal);
            dirty.put(signal.address(), o.after());
            if (o.change() == null || signal instanceof Signal.Manual) return; // a manual change is its own record
            String id = ChangeRecords.id(o.change(), null);
            byte[] payload = ChangeRecords.changed(id, o.change(), null, clock.instant());
            if (seq <= endAtStart) heldBack.put(id, payload);
            else append(payload);
        }

        private void reachedEnd() {
            for (byte[] p : heldBack.values()) append(p);
            heldBack.clear();
            caughtUp = true;
            if (rebuilding && !announced) {
                announced = true;
                commit();
                log.info("suppression state: rebuilt from the journal, {} records in {} ms", endAtStart,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            }
        }

        /** Appends one change record; at most {@value #MAX_IN_FLIGHT} wait in the journal's queue at a time. */
        private void append(byte[] payload) {
            if (appends.size() >= MAX_IN_FLIGHT) awaitAppends();
            appends.add(journal.append(payload, System.nanoTime() + APPEND_WAIT.toNanos()));
        }

        /** Waits for the change records, then stores the changed addresses and the position together. */
        void commit() {
            if (uncommitted == 0 && appends.isEmpty()) return;
            awaitAppends();
            store.commit(dirty.values(), counts, position);
            applied = position;
            dirty.clear();
            counts.clear();
            uncommitted = 0;
        }

        private void awaitAppends() {
            for (CompletableFuture<Long> f : appends) {
                try {
                    f.get(APPEND_WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while appending a suppression change");
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("cannot append a suppression change to the journal: "
                            + (e.getCause() == null ? e : e.getCause()).toString());
                }
            }
            appends.clear();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
