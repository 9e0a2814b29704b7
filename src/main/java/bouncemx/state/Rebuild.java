package bouncemx.state;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Fills an empty store from journal records 1..end in three passes, instead of the incremental path's
 * read and write of the address table per event, which at millions of addresses is random I/O on a table larger
 * than any cache (bench/README.md, suppression: 9 k events/s at 1 M addresses that way).
 * <ol>
 * <li>Read the records once, each reading worker (two per core, at most {@value #MAX_READERS}: one computes while
 *     another waits for the disk) its own range of them: count campaign events in memory, and write each event's
 *     {@link Signal} with its place in the journal to one of up to {@value #PARTITIONS} partitions by address range
 *     (each worker its own piece of each), so every signal of an address is in one partition, in journal order when
 *     its pieces are read in range order. The ranges are cut at quantiles of the addresses of the first records of
 *     every worker's range ({@link Sampler}: each worker buffers those, gives their addresses and waits for the
 *     others').</li>
 * <li>Per partition, the applying workers (one per core, at most {@value #MAX_WORKERS}) in parallel, in address
 *     order: apply its signals in order to states in memory with the {@link SuppressionPolicy} (the same rule the
 *     incremental path applies, address by address), hold back each change and drop it again when its change record
 *     comes by (a change and its record concern the same address, so they meet in one partition); write the final
 *     states sorted by address, and the changes still held in journal order. A partition larger than
 *     {@value #MAX_PARTITION_BYTES} bytes is split again first into smaller ranges from a sample of its own
 *     addresses, so the states held in memory stay bounded whatever the journal holds and however poorly the first
 *     records represented it.</li>
 * <li>Overlapped with pass 2, on the caller's thread: load the store in one transaction ({@link SuppressionStore#load})
 *     from the applied partitions in order, waiting for each as it comes ({@link Loading}): states in address order
 *     without a merge, then the held changes merged by place in the journal, campaign counts, position {@code end}.
 *     The consumer then writes the held changes as it does after any stop ({@link SuppressionState}).</li>
 * </ol>
 * Temporary files live in one scratch directory, emptied before and after. A failure or a stop leaves the store
 * empty, so the next start rebuilds again. Runs on the caller's thread and its own workers; not reusable.
 */
final class Rebuild {
    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    static final int PARTITIONS = 64;
    static final long MAX_PARTITION_BYTES = 128L << 20;
    private static final int SPLIT = 16;
    private static final int BUFFER = 64 << 10;

    private final SuppressionStore store;
    private final SuppressionPolicy policy;
    private final Campaigns campaigns;
    private final LongFunction<JournalReader> readers;
    private final Path scratch;
    private final BooleanSupplier stopped;
    private final long maxPartitionBytes;
    /** Records at the start of each worker's range sampled for the partitions' ranges. */
    private final int sampleRecords;
    /** Workers of pass 1; 0: two per core (at most {@value #MAX_READERS}), one for a small journal. */
    private final int readingWorkers;
    /** Workers of pass 2; 0: one per core (at most {@value #MAX_WORKERS}), one for a small journal. */
    private final int workers;

    Rebuild(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns, LongFunction<JournalReader> readers,
            Path scratch, BooleanSupplier stopped) {
        this(store, policy, campaigns, readers, scratch, stopped, MAX_PARTITION_BYTES, 0);
    }

    Rebuild(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns, LongFunction<JournalReader> readers,
            Path scratch, BooleanSupplier stopped, long maxPartitionBytes, int workers) {
        this(store, policy, campaigns, readers, scratch, stopped, maxPartitionBytes, workers, workers, SAMPLE_RECORDS);
    }

    Rebuild(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns, LongFunction<JournalReader> readers,
            Path scratch, BooleanSupplier stopped, long maxPartitionBytes, int workers, int readingWorkers, int sampleRecords) {
        this.sampleRecords = sampleRecords;
        this.readingWorkers = readingWorkers;
        this.workers = workers;
        this.store = store;
        this.policy = policy;
        this.campaigns = campaigns;
        this.readers = readers;
        this.scratch = scratch;
        this.stopped = stopped;
        this.maxPartitionBytes = maxPartitionBytes;
    }

    /** Builds the store from records 1..{@code end}; returns the records read. */
    long run(long end) throws IOException {
        clearScratch();
        Files.createDirectories(scratch);
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = this.workers > 0 ? this.workers : end < SMALL ? 1 : Math.max(1, Math.min(MAX_WORKERS, cores));
        // pass 1 on up to twice as many readers as cores: one computes while another waits for the disk
        int readers = readingWorkers > 0 ? readingWorkers : end < SMALL ? 1 : Math.max(1, Math.min(MAX_READERS, 2 * cores));
        var threads = Thread.ofPlatform().name("suppression-rebuild-", 0).daemon().factory();
        ExecutorService reading = Executors.newFixedThreadPool(readers, threads);
        ExecutorService pool = Executors.newFixedThreadPool(workers, threads);
        Loading loading = null;
        try {
            // pass 1: each reader reads its own range of the journal into its own piece of every partition; the
            // partitions' address ranges come from the first records of every reader's range (a sample, shared)
            long t0 = System.nanoTime();
            Sampler sampler = new Sampler(readers);
            List<Future<Split>> splits = new ArrayList<>();
            for (int w = 0; w < readers; w++) {
                long from = 1 + end * w / readers, to = end * (w + 1) / readers;
                int piece = w;
                splits.add(reading.submit(() -> split(from, to, piece, sampler)));
            }
            Map<Campaigns.Key, Long> counts = new HashMap<>();
            long records = 0;
            for (Future<Split> f : splits) {
                Split one = await(f);
                records += one.records();
                one.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
            }
            int partitions = sampler.bounds.length + 1;
            reading.shutdown();
            long t1 = System.nanoTime();
            // passes 2 and 3 overlapped: the workers apply the partitions in address order (a partition's pieces
            // in range order, so its signals in journal order) while this thread loads the store from the ones
            // done, so the states arrive in address order without a merge
            List<Future<Applied>> applied = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                List<Path> pieces = new ArrayList<>();
                for (int w = 0; w < readers; w++) pieces.add(piece(i, w));
                String name = "p" + i;
                applied.add(pool.submit(() -> apply(name, pieces, 0)));
            }
            loading = new Loading(applied);
            try {
                store.load(loading, counts, loading.held(), end);
            } catch (RuntimeException e) {
                // the apply's failure or a stop, not the store's
                if (loading.failure instanceof IOException io) throw io;
                if (loading.failure instanceof RuntimeException r) throw r;
                throw e;
            }
            long t2 = System.nanoTime();
            log.info("suppression state: rebuild passes: read {} records on {} reader(s) in {} ms, applied {} partitions on {} worker(s)"
                            + " and loaded the store in {} ms (overlapped: the load waited {} ms for applied partitions)", records, readers,
                    ms(t1 - t0), partitions, workers, ms(t2 - t1), ms(loading.waited));
            return records;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            reading.shutdownNow();
            pool.shutdownNow();
            try {
                if (reading.awaitTermination(10, TimeUnit.SECONDS)) pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (loading != null) loading.close();
            clearScratch();
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Journals smaller than this are read by one worker. */
    private static final long SMALL = 10_000;
    private static final int MAX_WORKERS = 4;
    private static final int MAX_READERS = 8;
    /** Records at the start of each worker's range whose addresses make the sample for the partitions' ranges. */
    static final int SAMPLE_RECORDS = 2_000;
    /** Addresses sampled from a partition that is split again. */
    private static final int RESAMPLE = 4_096;

    private record Split(long records, Map<Campaigns.Key, Long> counts) {}

    private record Applied(List<Path> runs, List<Path> held) {}

    private Path piece(int partition, int worker) {
        return scratch.resolve("p" + partition + "-" + worker);
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }

    /**
     * The partitions' address ranges, from the addresses of every worker's first {@value #SAMPLE_RECORDS} records:
     * each worker gives its sample and waits for the others' (a worker that fails gives an empty one, so none waits
     * for it). A sample that does not represent the journal only makes partitions uneven; one too large for memory
     * is split again ({@link #apply}).
     */
    private final class Sampler {
        private final List<String> sample = new ArrayList<>();
        private int waitingFor;
        volatile String[] bounds;

        Sampler(int parties) {
            this.waitingFor = parties;
        }

        synchronized void give(List<String> addresses) {
            sample.addAll(addresses);
            if (--waitingFor == 0) {
                bounds = bounds(sample, PARTITIONS);
                sample.clear();
                notifyAll();
            }
        }

        synchronized String[] await() throws InterruptedIOException {
            while (bounds == null) {
                if (stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                try {
                    wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
            }
            return bounds;
        }
    }

    /**
     * Up to {@code parts - 1} increasing addresses that cut {@code sample} into {@code parts} ranges of about equal
     * size (fewer when the sample has fewer distinct addresses; none for an empty one). Sorts {@code sample}.
     */
    static String[] bounds(List<String> sample, int parts) {
        sample.sort(null);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            if (sample.isEmpty()) break;
            String b = sample.get((int) ((long) sample.size() * i / parts));
            if (out.isEmpty() || out.getLast().compareTo(b) < 0) out.add(b);
        }
        return out.toArray(new String[0]);
    }

    /** The range of {@code address} among {@code bounds} (increasing): 0..bounds.length; up to bounds[i] is range i. */
    static int range(String[] bounds, String address) {
        int i = java.util.Arrays.binarySearch(bounds, address);
        return i >= 0 ? i : -i - 1;
    }

    /** Pass 1 for records {@code from..to}: their signals to piece {@code piece} of every partition. */
    private Split split(long from, long to, int piece, Sampler sampler) throws IOException {
        Map<Campaigns.Key, Long> counts = new HashMap<>();
        EventFacts facts = new EventFacts(campaigns.header());
        ScratchOut[] out = null;
        List<SeqSignal> first = new ArrayList<>();
        boolean given = false;
        long records = 0;
        try (JournalReader reader = readers.apply(from)) {
            String[] bounds = null;
            boolean last = false;
            while (true) {
                Optional<JournalRecord> r = last ? Optional.empty() : reader.next();
                if (r.isPresent() && r.get().seq() > to) r = Optional.empty();
                if (bounds == null && (r.isEmpty() || records >= sampleRecords)) { // the sample is complete: the ranges, then the outputs
                    List<String> addresses = new ArrayList<>(first.size());
                    for (SeqSignal ss : first) addresses.add(ss.signal().address());
                    given = true;
                    sampler.give(addresses);
                    bounds = sampler.await();
                    out = new ScratchOut[bounds.length + 1];
                    for (int i = 0; i < out.length; i++) out[i] = output(piece(i, piece));
                    for (SeqSignal ss : first) writeSignal(out[range(bounds, ss.signal().address())], ss.place(), ss.signal());
                    first = null;
                }
                if (r.isEmpty()) break;
                if ((++records & 0xfff) == 0 && stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                long seq = r.get().seq();
                int[] index = {0};
                if (bounds == null) {
                    List<SeqSignal> buffer = first;
                    SignalReader.readRecord(r.get(), facts, campaigns, counts,
                            signal -> buffer.add(new SeqSignal(new Place(seq, index[0]++), signal)));
                } else {
                    String[] b = bounds;
                    ScratchOut[] o = out;
                    SignalReader.readRecord(r.get(), facts, campaigns, counts,
                            signal -> writeSignal(o[range(b, signal.address())], new Place(seq, index[0]++), signal));
                }
                last = seq >= to;
            }
        } finally {
            if (!given) sampler.give(List.of());
            if (out != null) closeAll(out);
        }
        return new Split(records, counts);
    }
    /**
     * Pass 2 for one partition (its pieces, read in order): split it again by address range when it is too large,
     * else apply its signals and write its states (sorted) and its still-held changes (in order) to files of their
     * own. The runs it returns are in address order.
     */
    private Applied apply(String name, List<Path> pieces, int depth) throws IOException {
        long size = 0;
        for (Path p : pieces) size += Files.size(p);
        if (size > maxPartitionBytes && depth < 4) {
            List<Path> subs = resplit(name, pieces);
            if (subs != null) {
                List<Path> runs = new ArrayList<>();
                List<Path> held = new ArrayList<>();
                for (int i = 0; i < subs.size(); i++) {
                    Applied a = apply(name + "." + i, List.of(subs.get(i)), depth + 1);
                    runs.addAll(a.runs());
                    held.addAll(a.held());
                }
                return new Applied(runs, held);
            }
        }
        Map<String, AddressState> states = new HashMap<>();
        Map<String, HeldChange> holding = new LinkedHashMap<>();
        try (ScratchIn in = input(pieces)) {
            for (SeqSignal ss = readSignal(in); ss != null; ss = readSignal(in)) {
                if (stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                Signal s = ss.signal();
                if (s instanceof Signal.Recorded rec) {
                    holding.remove(rec.eventId());
                    continue;
                }
                AddressState before = states.get(s.address());
                SuppressionPolicy.Outcome o = policy.apply(before == null ? AddressState.unknown(s.address()) : before, s);
                states.put(s.address(), o.after());
                if (o.change() != null && !(s instanceof Signal.Manual)) {
                    String id = ChangeRecords.id(o.change(), null);
                    holding.put(id, new HeldChange(ss.place(), o.change()));
                }
            }
        }
        for (Path p : pieces) Files.delete(p);
        Path run = scratch.resolve(name + ".states");
        List<AddressState> sorted = new ArrayList<>(states.values());
        states.clear();
        sorted.sort((a, b) -> a.address().compareTo(b.address()));
        try (ScratchOut out = output(run)) {
            for (AddressState s : sorted) writeState(out, s);
        }
        if (holding.isEmpty()) return new Applied(List.of(run), List.of());
        Path h = scratch.resolve(name + ".held");
        try (ScratchOut out = output(h)) {
            for (HeldChange c : holding.values()) writeHeld(out, c);
        }
        return new Applied(List.of(run), List.of(h));
    }

    /**
     * A partition in {@value #SPLIT} smaller address ranges, cut where a sample of its addresses says (one read for
     * the sample, one to split); null when it cannot be cut (one address).
     */
    private List<Path> resplit(String name, List<Path> pieces) throws IOException {
        List<String> sample = new ArrayList<>(RESAMPLE);
        var rnd = new java.util.SplittableRandom(name.hashCode());
        long seen = 0;
        try (ScratchIn in = input(pieces)) { // a reservoir sample: every signal's address equally likely
            for (SeqSignal ss = readSignal(in); ss != null; ss = readSignal(in)) {
                if (stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                seen++;
                if (sample.size() < RESAMPLE) sample.add(ss.signal().address());
                else {
                    long j = rnd.nextLong(seen);
                    if (j < RESAMPLE) sample.set((int) j, ss.signal().address());
                }
            }
        }
        String[] bounds = bounds(sample, SPLIT); // sorts the sample
        if (sample.isEmpty() || sample.getFirst().equals(sample.getLast())) return null; // (about) one address: applied as it is
        log.debug("suppression state: rebuild partition {} ({} signals) split again into {} ranges", name, seen, bounds.length + 1);
        List<Path> subs = new ArrayList<>();
        ScratchOut[] out = new ScratchOut[bounds.length + 1];
        try (ScratchIn in = input(pieces)) {
            for (int i = 0; i < out.length; i++) {
                Path p = scratch.resolve(name + "." + i + ".split");
                subs.add(p);
                out[i] = output(p);
            }
            for (SeqSignal ss = readSignal(in); ss != null; ss = readSignal(in)) {
                if (stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                writeSignal(out[range(bounds, ss.signal().address())], ss.place(), ss.signal());
            }
        } finally {
            closeAll(out);
        }
        for (Path p : pieces) Files.delete(p);
        return subs;
    }

    /**
     * Pass 3's side of the overlap: the states of the applied partitions in partition order (so in address order),
     * each partition's waited for when the load reaches it, its files deleted once read; then the held changes of
     * all of them merged in journal order. A stop or a failed apply ends the iteration with an unchecked error and
     * keeps the cause in {@link #failure}. Used by the loading thread only.
     */
    private final class Loading implements Iterator<AddressState>, AutoCloseable {
        private final List<Future<Applied>> applied;
        private final List<Path> held = new ArrayList<>();
        private int partition;
        private final java.util.ArrayDeque<Path> runs = new java.util.ArrayDeque<>();
        private Path current;
        private ScratchIn in;
        private AddressState next;
        private Merged<HeldChange> changes;
        /** Why the iteration ended early: an apply's failure or a stop. */
        Exception failure;
        long waited;

        Loading(List<Future<Applied>> applied) {
            this.applied = applied;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    if (in != null) {
                        next = readState(in);
                        if (next != null) break;
                        in.close();
                        in = null;
                        Files.delete(current);
                    }
                    if (runs.isEmpty()) {
                        if (partition == applied.size()) return false;
                        if (stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                        long t = System.nanoTime();
                        Applied a = await(applied.get(partition++));
                        waited += System.nanoTime() - t;
                        runs.addAll(a.runs());
                        held.addAll(a.held());
                        continue;
                    }
                    current = runs.poll();
                    in = input(current);
                }
                return true;
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public AddressState next() {
            if (!hasNext()) throw new NoSuchElementException();
            AddressState s = next;
            next = null;
            return s;
        }

        /** The held changes in journal order: read after every state, so after every partition was applied. */
        Iterator<Change> held() {
            return new Iterator<>() {
                private Merged<HeldChange> merged() {
                    if (changes == null) {
                        if (Loading.this.hasNext() || partition < applied.size()) throw new IllegalStateException("states not all loaded");
                        try {
                            changes = new Merged<>(held, Rebuild::readHeld, (x, y) -> x.place().compareTo(y.place()));
                        } catch (IOException e) {
                            failure = e;
                            throw new UncheckedIOException(e);
                        }
                    }
                    return changes;
                }

                public boolean hasNext() {
                    return merged().hasNext();
                }

                public Change next() {
                    return merged().next().change();
                }
            };
        }

        @Override
        public void close() throws IOException {
            try {
                if (in != null) in.close();
            } finally {
                if (changes != null) changes.close();
            }
        }
    }

    /** Where a signal was in the journal: its record and its place among the record's signals. */
    private record Place(long seq, int index) implements Comparable<Place> {
        @Override
        public int compareTo(Place o) {
            return seq != o.seq ? Long.compare(seq, o.seq) : Integer.compare(index, o.index);
        }
    }

    private record SeqSignal(Place place, Signal signal) {}

    private record HeldChange(Place place, Change change) {}

    // --- file formats: big-endian as DataOutputStream writes them, strings as int length + UTF-8 (-1: null), instants as epoch second + nano ---

    private static final byte HARD = 0, SOFT = 1, COMPLAINT = 2, SUCCESS = 3, MANUAL = 4, RECORDED = 5, ACTIVITY = 6;

    private static void writeSignal(ScratchOut out, Place place, Signal s) {
        try {
            byte kind = switch (s) {
                case Signal.Hard h -> HARD;
                case Signal.Soft b -> SOFT;
                case Signal.Complaint c -> COMPLAINT;
                case Signal.Success ok -> SUCCESS;
                case Signal.Manual m -> MANUAL;
                case Signal.Recorded r -> RECORDED;
                case Signal.Activity a -> ACTIVITY;
            };
            out.writeByte(kind);
            writePlace(out, place);
            out.writeString(s.address());
            out.writeString(s.eventId());
            writeInstant(out, s.at());
            switch (s) {
                case Signal.Soft b -> {
                    out.writeString(b.reason());
                    out.writeString(b.rule());
                    out.writeString(b.messageId());
                }
                case Signal.Complaint c -> out.writeString(c.feedbackType());
                case Signal.Manual m -> out.writeBoolean(m.suppressed());
                default -> { }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SeqSignal readSignal(ScratchIn in) throws IOException {
        int kind;
        try {
            kind = in.readByte();
        } catch (EOFException e) {
            return null;
        }
        Place place = readPlace(in);
        String address = in.readString();
        String id = in.readString();
        Instant at = readInstant(in);
        Signal s = switch (kind) {
            case HARD -> new Signal.Hard(address, id, at);
            case SOFT -> new Signal.Soft(address, id, at, in.readWord(), in.readWord(), in.readString());
            case COMPLAINT -> new Signal.Complaint(address, id, at, in.readString());
            case SUCCESS -> new Signal.Success(address, id, at);
            case MANUAL -> new Signal.Manual(address, id, at, in.readBoolean());
            case RECORDED -> new Signal.Recorded(address, id, at);
            case ACTIVITY -> new Signal.Activity(address, id, at);
            default -> throw new IOException("rebuild scratch file damaged: signal kind " + kind);
        };
        return new SeqSignal(place, s);
    }

    private static void writeState(ScratchOut out, AddressState s) throws IOException {
        out.writeString(s.address());
        out.writeBoolean(s.suppressed());
        out.writeString(s.cause());
        out.writeInt(s.softBounces().size());
        for (AddressState.Soft b : s.softBounces()) {
            writeInstant(out, b.at());
            out.writeString(b.messageKey());
        }
        writeNullableInstant(out, s.activeUntil());
        writeNullableInstant(out, s.updatedAt());
    }

    private static AddressState readState(ScratchIn in) throws IOException {
        String address;
        try {
            address = in.readString();
        } catch (EOFException e) {
            return null;
        }
        boolean suppressed = in.readBoolean();
        String cause = in.readString();
        int n = in.readInt();
        List<AddressState.Soft> soft = new ArrayList<>(n);
        for (int i = 0; i < n; i++) soft.add(new AddressState.Soft(readInstant(in), in.readString()));
        return new AddressState(address, suppressed, cause, soft, readNullableInstant(in), readNullableInstant(in));
    }

    private static void writeHeld(ScratchOut out, HeldChange h) throws IOException {
        Change c = h.change();
        writePlace(out, h.place());
        out.writeString(c.address());
        out.writeBoolean(c.suppressed());
        out.writeString(c.cause());
        out.writeInt(c.softBounces());
        out.writeInt(c.threshold());
        out.writeString(c.causedBy());
        writeInstant(out, c.at());
    }

    private static HeldChange readHeld(ScratchIn in) throws IOException {
        Place place;
        try {
            place = readPlace(in);
        } catch (EOFException e) {
            return null;
        }
        return new HeldChange(place, new Change(in.readString(), in.readBoolean(), in.readString(), in.readInt(), in.readInt(),
                in.readString(), readInstant(in)));
    }

    private static void writePlace(ScratchOut out, Place p) throws IOException {
        out.writeLong(p.seq());
        out.writeInt(p.index());
    }

    private static Place readPlace(ScratchIn in) throws IOException {
        return new Place(in.readLong(), in.readInt());
    }

    private static void writeInstant(ScratchOut out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(ScratchIn in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeNullableInstant(ScratchOut out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) writeInstant(out, t);
    }

    private static Instant readNullableInstant(ScratchIn in) throws IOException {
        return in.readBoolean() ? readInstant(in) : null;
    }

    private static ScratchOut output(Path p) throws IOException {
        return new ScratchOut(Files.newOutputStream(p));
    }

    private static ScratchIn input(Path p) throws IOException {
        return new ScratchIn(Files.newInputStream(p));
    }

    /** The files one after the other. */
    private static ScratchIn input(List<Path> files) throws IOException {
        if (files.size() == 1) return input(files.getFirst());
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Path p : files) streams.add(Files.newInputStream(p));
        } catch (IOException e) {
            closeAll(streams.toArray(new Closeable[0]));
            throw e;
        }
        return new ScratchIn(new java.io.SequenceInputStream(java.util.Collections.enumeration(streams)));
    }

    private static void closeAll(Closeable[] all) throws IOException {
        IOException first = null;
        for (Closeable c : all) {
            if (c == null) continue;
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    private void clearScratch() throws IOException {
        if (!Files.isDirectory(scratch)) return;
        try (var files = Files.list(scratch)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
        }
    }

    private interface Read<T> {
        T next(ScratchIn in) throws IOException;
    }

    /** The items of several sorted files, merged in order (a k-way merge); reading errors are unchecked. */
    private static final class Merged<T> implements Iterator<T>, AutoCloseable {
        private record Head<T>(T item, int file) {}

        private final List<ScratchIn> inputs = new ArrayList<>();
        private final Read<T> read;
        private final PriorityQueue<Head<T>> heads;

        Merged(List<Path> files, Read<T> read, java.util.Comparator<T> order) throws IOException {
            this.read = read;
            this.heads = new PriorityQueue<>(Math.max(1, files.size()), (a, b) -> order.compare(a.item(), b.item()));
            for (Path f : files) {
                inputs.add(input(f));
                advance(inputs.size() - 1);
            }
        }

        private void advance(int file) {
            try {
                T item = read.next(inputs.get(file));
                if (item != null) heads.add(new Head<>(item, file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public T next() {
            Head<T> h = heads.poll();
            if (h == null) throw new NoSuchElementException();
            advance(h.file());
            return h.item();
        }

        @Override
        public void close() throws IOException {
            closeAll(inputs.toArray(new Closeable[0]));
        }
    }

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * A scratch file written in {@link java.io.DataOutputStream}'s layout through a buffer of its own (no lock and no
     * call per field; an ASCII string is encoded straight into the buffer). One thread.
     */
    static final class ScratchOut implements Closeable {
        private final OutputStream os;
        private final byte[] buf = new byte[BUFFER];
        private int n;

        ScratchOut(OutputStream os) {
            this.os = os;
        }

        private void room(int k) throws IOException {
            if (n + k > buf.length) flush();
        }

        private void flush() throws IOException {
            os.write(buf, 0, n);
            n = 0;
        }

        void writeByte(int v) throws IOException {
            room(1);
            buf[n++] = (byte) v;
        }

        void writeBoolean(boolean v) throws IOException {
            writeByte(v ? 1 : 0);
        }

        void writeInt(int v) throws IOException {
            room(4);
            INT.set(buf, n, v);
            n += 4;
        }

        void writeLong(long v) throws IOException {
            room(8);
            LONG.set(buf, n, v);
            n += 8;
        }

        /** Length (-1: null) and UTF-8 bytes. */
        void writeString(String s) throws IOException {
            if (s == null) {
                writeInt(-1);
                return;
            }
            int len = s.length();
            if (len <= buf.length - 4) {
                room(4 + len);
                int at = n + 4;
                int i = 0;
                for (; i < len; i++) {
                    char c = s.charAt(i);
                    if (c >= 0x80) break;
                    buf[at + i] = (byte) c;
                }
                if (i == len) {
                    INT.set(buf, n, len);
                    n = at + len;
                    return;
                }
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            writeInt(b.length);
            if (b.length > buf.length - n) flush();
            if (b.length > buf.length) {
                os.write(b);
                return;
            }
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                os.close();
            }
        }
    }

    /** Reads what {@link ScratchOut} wrote, through a buffer of its own; {@link EOFException} at the end. One thread. */
    static final class ScratchIn implements Closeable {
        private final InputStream is;
        private final byte[] buf = new byte[BUFFER];
        private int pos;
        private int lim;

        ScratchIn(InputStream is) {
            this.is = is;
        }

        /** At least {@code k} (at most the buffer's size) bytes buffered from {@code pos}. */
        private void need(int k) throws IOException {
            if (lim - pos >= k) return;
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
            while (lim < k) {
                int r = is.read(buf, lim, buf.length - lim);
                if (r < 0) throw new EOFException();
                lim += r;
            }
        }

        byte readByte() throws IOException {
            need(1);
            return buf[pos++];
        }

        boolean readBoolean() throws IOException {
            return readByte() != 0;
        }

        int readInt() throws IOException {
            need(4);
            int v = (int) INT.get(buf, pos);
            pos += 4;
            return v;
        }

        long readLong() throws IOException {
            need(8);
            long v = (long) LONG.get(buf, pos);
            pos += 8;
            return v;
        }

        String readString() throws IOException {
            return readString(readInt());
        }

        private String readString(int len) throws IOException {
            if (len < 0) return null;
            if (len <= buf.length) {
                need(len);
                String s = new String(buf, pos, len, StandardCharsets.UTF_8);
                pos += len;
                return s;
            }
            byte[] b = new byte[len];
            int have = lim - pos;
            System.arraycopy(buf, pos, b, 0, have);
            pos = lim;
            if (is.readNBytes(b, have, len - have) < len - have) throw new EOFException();
            return new String(b, StandardCharsets.UTF_8);
        }

        /**
         * {@link #readString} for the fields that take few values (a soft bounce's reason and rule): a value read
         * recently is given again as the same String, so the states held for a partition do not each keep a copy.
         */
        String readWord() throws IOException {
            int len = readInt();
            if (len < 0 || len > RecentWords.MAX_BYTES) return readString(len);
            need(len);
            String w = words.of(buf, pos, len);
            pos += len;
            return w;
        }

        private final RecentWords words = new RecentWords();

        @Override
        public void close() throws IOException {
            is.close();
        }
    }
}
