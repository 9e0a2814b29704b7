package bouncemx.state;

import bouncemx.journal.Journal;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
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
    private final Campaigns campaigns;
    private final java.util.function.Consumer<Change> changes;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile long applied;
    private Thread thread;
    /** Where a rebuild of an empty store keeps its temporary files; null: an empty store is filled record by record. */
    private Path rebuildScratch;

    public SuppressionState(SuppressionStore store, SuppressionPolicy policy, LongFunction<JournalReader> readers,
                            LongSupplier lastSeq, Journal journal, Clock clock) {
        this(store, policy, new Campaigns("Feedback-ID"), readers, lastSeq, journal, clock);
    }

    /** A consumer that also keeps the campaign report's counters, grouped by {@code campaigns}. */
    public SuppressionState(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns,
                            LongFunction<JournalReader> readers, LongSupplier lastSeq, Journal journal, Clock clock) {
        this(store, policy, campaigns, readers, lastSeq, journal, clock, change -> { });
    }

    /**
     * A consumer that also tells {@code changes} of every change it applies (automatic and manual alike), except
     * while it rebuilds an empty store from the journal (metrics: {@code bouncemx_suppression_changes_total}).
     * Called on the consumer's thread; must be cheap.
     */
    public SuppressionState(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns,
                            LongFunction<JournalReader> readers, LongSupplier lastSeq, Journal journal, Clock clock,
                            java.util.function.Consumer<Change> changes) {
        this.changes = changes;
        this.campaigns = campaigns;
        this.store = store;
        this.policy = policy;
        this.readers = readers;
        this.lastSeq = lastSeq;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Rebuilds an empty store in passes ({@link Rebuild}) with temporary files in {@code scratch} (a directory of its
     * own: emptied before and after), instead of record by record. Call before {@link #start()}; returns this.
     */
    public SuppressionState rebuildingIn(Path scratch) {
        this.rebuildScratch = scratch;
        return this;
    }

    /** The last journal sequence number whose effects are committed to the store. */
    public long appliedPosition() {
        return applied;
    }

    /** False once the consumer thread has ended although it was not closed (only an Error ends it). */
    public synchronized boolean alive() {
        return thread == null || !running || thread.isAlive();
    }

    /** Journal records after the applied position (0 when caught up). */
    public long pending() {
        return Math.max(0, lastSeq.getAsLong() - applied);
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

    /** Applies every record now in the journal, committing every {@value #BATCH} records and at the end; returns the records applied. */
    public long catchUp() throws IOException {
        long n = rebuildIfEmpty(() -> false);
        try (Session s = new Session()) {
            for (Optional<JournalRecord> r = s.reader.next(); r.isPresent(); r = s.reader.next()) {
                s.apply(r.get());
                if (s.uncommitted >= BATCH) s.commit();
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
            try {
                rebuildIfEmpty(() -> !running);
            } catch (IOException | RuntimeException e) {
                if (!running) return;
                log.warn("suppression state: the rebuild failed ({}); filling the store record by record instead", e.toString());
                rebuildScratch = null;
            }
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

    /** With a scratch directory and an empty store over a journal with records: the passes of {@link Rebuild}. */
    private long rebuildIfEmpty(java.util.function.BooleanSupplier stopped) throws IOException {
        if (rebuildScratch == null || store.position() != 0) return 0;
        long end = lastSeq.getAsLong();
        if (end == 0) return 0;
        long start = System.nanoTime();
        log.info("suppression state: empty store, rebuilding it from the journal (records 1..{})", end);
        long records = new Rebuild(store, policy, campaigns, readers, rebuildScratch, stopped).run(end);
        applied = end;
        log.info("suppression state: rebuilt from the journal, {} records in {} ms", end,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return records;
    }

    /**
     * One pass of reading, from the store's position on. Held-back changes wait in memory until the next commit,
     * which stores them with the position ({@link SuppressionStore.Batch#hold()}), so that a crash before the end
     * loses none and memory stays bounded however many there are (a first build over a journal without change
     * records holds back one per change).
     */
    private final class Session implements AutoCloseable {
        final JournalReader reader;
        final long endAtStart = lastSeq.getAsLong();
        final long startNanos = System.nanoTime();
        final boolean rebuilding;
        final EventFacts facts = new EventFacts(campaigns.header());
        final Map<String, AddressState> dirty = new HashMap<>();
        final Map<Campaigns.Key, Long> counts = new HashMap<>();
        /** Held back since the last commit, by change id. */
        final Map<String, Change> heldBack = new LinkedHashMap<>();
        /** Ids of changes found in the journal that earlier commits may have held back in the store. */
        final List<String> released = new ArrayList<>();
        final List<CompletableFuture<Long>> appends = new ArrayList<>();
        /** True while the store may hold held-back changes (then a change found in the journal is released there too). */
        boolean storeHolds;
        long position;
        long uncommitted;
        boolean announced;
        /** True once this pass has read past the journal's end as it was at its start. */
        boolean passedEnd;

        Session() {
            position = store.position();
            applied = position; // what the store holds is applied, also when nothing new arrives to commit after a restart
            rebuilding = position == 0 && endAtStart > 0;
            if (rebuilding) log.info("suppression state: empty store, rebuilding it from the journal (records 1..{})", endAtStart);
            storeHolds = store.holdsChanges();
            reader = readers.apply(position + 1);
            caughtUp = position >= endAtStart;
            if (caughtUp) reachedEnd(); // writes what a stop right at the end left held back in the store
        }

        void apply(JournalRecord r) {
            SignalReader.readRecord(r, facts, campaigns, counts, signal -> apply(r.seq(), signal));
            position = r.seq();
            uncommitted++;
            if (!passedEnd && position >= endAtStart) reachedEnd();
        }

        private void apply(long seq, Signal signal) {
            if (signal instanceof Signal.Recorded rec) {
                if (heldBack.remove(rec.eventId()) == null && storeHolds) released.add(rec.eventId());
                return;
            }
            AddressState before = dirty.get(signal.address());
            if (before == null) before = store.get(signal.address());
            if (before == null) before = AddressState.unknown(signal.address());
            SuppressionPolicy.Outcome o = policy.apply(before, signal);
            dirty.put(signal.address(), o.after());
            if (o.change() != null && !rebuilding) changes.accept(o.change());
            if (o.change() == null || signal instanceof Signal.Manual) return; // a manual change is its own record
            String id = ChangeRecords.id(o.change(), null);
            if (seq <= endAtStart) heldBack.put(id, o.change());
            else append(ChangeRecords.changed(id, o.change(), null, clock.instant()));
        }

        /** Past the journal's end as it was at the start: writes every change still held back, here and in the store. */
        private void reachedEnd() {
            passedEnd = true;
            if (storeHolds) {
                commit(); // the changes held here go after those held in the store: all in the order of their causes
                long after = 0;
                for (List<SuppressionStore.Held> page = store.held(after, MAX_IN_FLIGHT); !page.isEmpty();
                     page = store.held(after, MAX_IN_FLIGHT)) {
                    for (SuppressionStore.Held h : page) append(ChangeRecords.changed(h.id(), h.change(), null, clock.instant()));
                    awaitAppends();
                    after = page.getLast().key();
                    store.release(after);
                }
                storeHolds = false;
            } else {
                for (var e : heldBack.entrySet()) append(ChangeRecords.changed(e.getKey(), e.getValue(), null, clock.instant()));
                heldBack.clear();
            }
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

        /** Waits for the change records, then stores the changed addresses, the held-back changes and the position together. */
        void commit() {
            if (uncommitted == 0 && appends.isEmpty() && heldBack.isEmpty() && released.isEmpty()) return;
            awaitAppends();
            List<Change> hold = List.copyOf(heldBack.values());
            store.commit(new SuppressionStore.Batch(dirty.values(), counts, hold, released, position));
            if (!hold.isEmpty()) storeHolds = true;
            applied = position;
            dirty.clear();
            counts.clear();
            heldBack.clear();
            released.clear();
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
