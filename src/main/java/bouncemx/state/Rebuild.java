package bouncemx.state;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
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
 * Fills an empty store from journal records 1..end in three sequential passes, instead of the incremental path's
 * read and write of the address table per event, which at millions of addresses is random I/O on a table larger
 * than any cache (bench/README.md, suppression: 9 k events/s at 1 M addresses that way).
 * <ol>
 * <li>Read the records once, each worker (one per core, at most {@value #MAX_WORKERS}) its own range of them: count
 *     campaign events in memory, and write each event's {@link Signal} with its place in the journal to one of
 *     {@value #PARTITIONS} partitions chosen by a hash of its address (each worker its own piece of each), so every
 *     signal of an address is in one partition, in journal order when its pieces are read in range order.</li>
 * <li>Per partition, the workers in parallel: apply its signals in order to states in memory with the {@link SuppressionPolicy} (the same
 *     rule the incremental path applies, address by address), hold back each change and drop it again when its
 *     change record comes by (a change and its record concern the same address, so they meet in one partition);
 *     write the final states sorted by address, and the changes still held in journal order. A partition larger
 *     than {@value #MAX_PARTITION_BYTES} bytes is split again first (another part of the hash), so the states held
 *     in memory stay bounded whatever the journal holds.</li>
 * <li>Load the store in one transaction ({@link SuppressionStore#load}): states merged by address, held changes
 *     merged by sequence number, campaign counts, position {@code end}. The consumer then writes the held changes
 *     as it does after any stop ({@link SuppressionState}).</li>
 * </ol>
 * Temporary files live in one scratch directory, emptied before and after. A failure or a stop leaves the store
 * empty, so the next start rebuilds again. Runs on the caller's thread and its own workers; not reusable.
 */
final class Rebuild {
    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    static final int PARTITIONS = 64;
    static final long MAX_PARTITION_BYTES = 128L << 20;
    private static final int SPLIT = 16;
    private static final int BUFFER = 32 << 10;

    private final SuppressionStore store;
    private final SuppressionPolicy policy;
    private final Campaigns campaigns;
    private final LongFunction<JournalReader> readers;
    private final Path scratch;
    private final BooleanSupplier stopped;
    private final long maxPartitionBytes;
    /** Workers of passes 1 and 2; 0: one per core (at most {@value #MAX_WORKERS}), one for a small journal. */
    private final int workers;

    Rebuild(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns, LongFunction<JournalReader> readers,
            Path scratch, BooleanSupplier stopped) {
        this(store, policy, campaigns, readers, scratch, stopped, MAX_PARTITION_BYTES, 0);
    }

    Rebuild(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns, LongFunction<JournalReader> readers,
            Path scratch, BooleanSupplier stopped, long maxPartitionBytes, int workers) {
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
        int workers = this.workers > 0 ? this.workers
                : end < SMALL ? 1 : Math.max(1, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("suppression-rebuild-", 0).daemon().factory());
        try {
            // pass 1: each worker reads its own range of the journal into its own piece of every partition
            long t0 = System.nanoTime();
            List<Future<Split>> splits = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                long from = 1 + end * w / workers, to = end * (w + 1) / workers;
                int piece = w;
                splits.add(pool.submit(() -> split(from, to, piece)));
            }
            Map<Campaigns.Key, Long> counts = new HashMap<>();
            long records = 0;
            for (Future<Split> f : splits) {
                Split one = await(f);
                records += one.records();
                one.counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
            }
            long t1 = System.nanoTime();
            // pass 2: partitions in parallel; a partition's pieces are read in range order, so in journal order
            List<Future<Applied>> applied = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                List<Path> pieces = new ArrayList<>();
                for (int w = 0; w < workers; w++) pieces.add(piece(i, w));
                String name = "p" + i;
                applied.add(pool.submit(() -> apply(name, pieces, 0)));
            }
            List<Path> runs = new ArrayList<>();
            List<Path> held = new ArrayList<>();
            for (Future<Applied> f : applied) {
                Applied a = await(f);
                runs.addAll(a.runs());
                held.addAll(a.held());
            }
            long t2 = System.nanoTime();
            // pass 3: one transaction, states in address order, held changes in journal order
            try (Merged<AddressState> states = new Merged<>(runs, Rebuild::readState, (x, y) -> x.address().compareTo(y.address()));
                 Merged<HeldChange> changes = new Merged<>(held, Rebuild::readHeld, (x, y) -> x.place().compareTo(y.place()))) {
                store.load(states, counts, new Iterator<>() {
                    public boolean hasNext() {
                        return changes.hasNext();
                    }

                    public Change next() {
                        return changes.next().change();
                    }
                }, end);
            }
            log.info("suppression state: rebuild passes: read {} records on {} worker(s) in {} ms, applied {} partitions in {} ms,"
                    + " loaded the store in {} ms", records, workers, ms(t1 - t0), PARTITIONS, ms(t2 - t1), ms(System.nanoTime() - t2));
            return records;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clearScratch();
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Journals smaller than this are read by one worker. */
    private static final long SMALL = 10_000;
    private static final int MAX_WORKERS = 4;

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

    /** Pass 1 for records {@code from..to}: their signals to piece {@code piece} of every partition. */
    private Split split(long from, long to, int piece) throws IOException {
        DataOutputStream[] out = new DataOutputStream[PARTITIONS];
        Map<Campaigns.Key, Long> counts = new HashMap<>();
        EventFacts facts = new EventFacts(campaigns.header());
        long records = 0;
        try (JournalReader reader = readers.apply(from)) {
            for (int i = 0; i < PARTITIONS; i++) out[i] = output(piece(i, piece));
            while (true) {
                Optional<JournalRecord> r = reader.next();
                if (r.isEmpty() || r.get().seq() > to) break;
                if ((++records & 0xfff) == 0 && stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                long seq = r.get().seq();
                int[] index = {0};
                SignalReader.readRecord(r.get(), facts, campaigns, counts,
                        signal -> writeSignal(out[partition(signal.address(), 0, PARTITIONS)], new Place(seq, index[0]++), signal));
                if (seq >= to) break;
            }
        } finally {
            closeAll(out);
        }
        return new Split(records, counts);
    }

    /**
     * Pass 2 for one partition (its pieces, read in order): split it again when it is too large, else apply its
     * signals and write its states (sorted) and its still-held changes (in order) to files of their own.
     */
    private Applied apply(String name, List<Path> pieces, int depth) throws IOException {
        long size = 0;
        for (Path p : pieces) size += Files.size(p);
        if (size > maxPartitionBytes && depth < 4) {
            List<Path> runs = new ArrayList<>();
            List<Path> held = new ArrayList<>();
            List<Path> subs = resplit(name, pieces, depth + 1);
            for (int i = 0; i < subs.size(); i++) {
                Applied a = apply(name + "." + i, List.of(subs.get(i)), depth + 1);
                runs.addAll(a.runs());
                held.addAll(a.held());
            }
            return new Applied(runs, held);
        }
        Map<String, AddressState> states = new HashMap<>();
        Map<String, HeldChange> holding = new LinkedHashMap<>();
        try (DataInputStream in = input(pieces)) {
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
        try (DataOutputStream out = output(run)) {
            for (AddressState s : sorted) writeState(out, s);
        }
        if (holding.isEmpty()) return new Applied(List.of(run), List.of());
        Path h = scratch.resolve(name + ".held");
        try (DataOutputStream out = output(h)) {
            for (HeldChange c : holding.values()) writeHeld(out, c);
        }
        return new Applied(List.of(run), List.of(h));
    }

    private List<Path> resplit(String name, List<Path> pieces, int depth) throws IOException {
        List<Path> subs = new ArrayList<>();
        DataOutputStream[] out = new DataOutputStream[SPLIT];
        try (DataInputStream in = input(pieces)) {
            for (int i = 0; i < SPLIT; i++) {
                Path p = scratch.resolve(name + "." + i + ".split");
                subs.add(p);
                out[i] = output(p);
            }
            for (SeqSignal ss = readSignal(in); ss != null; ss = readSignal(in)) {
                writeSignal(out[partition(ss.signal().address(), depth, SPLIT)], ss.place(), ss.signal());
            }
        } finally {
            closeAll(out);
        }
        for (Path p : pieces) Files.delete(p);
        return subs;
    }

    /** The partition of {@code address} at {@code depth}: each depth takes other bits of a 64-bit hash. */
    static int partition(String address, int depth, int count) {
        long h = 1125899906842597L;
        for (int i = 0; i < address.length(); i++) h = 31 * h + address.charAt(i);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Math.floorMod(Long.rotateRight(h, depth * 8), (long) count);
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

    // --- file formats: DataOutputStream, strings as int length + UTF-8 (-1: null), instants as epoch second + nano ---

    private static final byte HARD = 0, SOFT = 1, COMPLAINT = 2, SUCCESS = 3, MANUAL = 4, RECORDED = 5, ACTIVITY = 6;

    private static void writeSignal(DataOutputStream out, Place place, Signal s) {
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
            writeString(out, s.address());
            writeString(out, s.eventId());
            writeInstant(out, s.at());
            switch (s) {
                case Signal.Soft b -> {
                    writeString(out, b.reason());
                    writeString(out, b.rule());
                    writeString(out, b.messageId());
                }
                case Signal.Complaint c -> writeString(out, c.feedbackType());
                case Signal.Manual m -> out.writeBoolean(m.suppressed());
                default -> { }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SeqSignal readSignal(DataInputStream in) throws IOException {
        int kind;
        try {
            kind = in.readByte();
        } catch (EOFException e) {
            return null;
        }
        Place place = readPlace(in);
        String address = readString(in);
        String id = readString(in);
        Instant at = readInstant(in);
        Signal s = switch (kind) {
            case HARD -> new Signal.Hard(address, id, at);
            case SOFT -> new Signal.Soft(address, id, at, readString(in), readString(in), readString(in));
            case COMPLAINT -> new Signal.Complaint(address, id, at, readString(in));
            case SUCCESS -> new Signal.Success(address, id, at);
            case MANUAL -> new Signal.Manual(address, id, at, in.readBoolean());
            case RECORDED -> new Signal.Recorded(address, id, at);
            case ACTIVITY -> new Signal.Activity(address, id, at);
            default -> throw new IOException("rebuild scratch file damaged: signal kind " + kind);
        };
        return new SeqSignal(place, s);
    }

    private static void writeState(DataOutputStream out, AddressState s) throws IOException {
        writeString(out, s.address());
        out.writeBoolean(s.suppressed());
        writeString(out, s.cause());
        out.writeInt(s.softBounces().size());
        for (AddressState.Soft b : s.softBounces()) {
            writeInstant(out, b.at());
            writeString(out, b.messageKey());
        }
        writeNullableInstant(out, s.activeUntil());
        writeNullableInstant(out, s.updatedAt());
    }

    private static AddressState readState(DataInputStream in) throws IOException {
        String address;
        try {
            address = readString(in);
        } catch (EOFException e) {
            return null;
        }
        boolean suppressed = in.readBoolean();
        String cause = readString(in);
        int n = in.readInt();
        List<AddressState.Soft> soft = new ArrayList<>(n);
        for (int i = 0; i < n; i++) soft.add(new AddressState.Soft(readInstant(in), readString(in)));
        return new AddressState(address, suppressed, cause, soft, readNullableInstant(in), readNullableInstant(in));
    }

    private static void writeHeld(DataOutputStream out, HeldChange h) throws IOException {
        Change c = h.change();
        writePlace(out, h.place());
        writeString(out, c.address());
        out.writeBoolean(c.suppressed());
        writeString(out, c.cause());
        out.writeInt(c.softBounces());
        out.writeInt(c.threshold());
        writeString(out, c.causedBy());
        writeInstant(out, c.at());
    }

    private static HeldChange readHeld(DataInputStream in) throws IOException {
        Place place;
        try {
            place = readPlace(in);
        } catch (EOFException e) {
            return null;
        }
        return new HeldChange(place, new Change(readString(in), in.readBoolean(), readString(in), in.readInt(), in.readInt(),
                readString(in), readInstant(in)));
    }

    private static void writePlace(DataOutputStream out, Place p) throws IOException {
        out.writeLong(p.seq());
        out.writeInt(p.index());
    }

    private static Place readPlace(DataInputStream in) throws IOException {
        return new Place(in.readLong(), in.readInt());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeNullableInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) writeInstant(out, t);
    }

    private static Instant readNullableInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? readInstant(in) : null;
    }

    private static DataOutputStream output(Path p) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), BUFFER));
    }

    private static DataInputStream input(Path p) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(p), BUFFER));
    }

    /** The files one after the other. */
    private static DataInputStream input(List<Path> files) throws IOException {
        if (files.size() == 1) return input(files.getFirst());
        List<java.io.InputStream> streams = new ArrayList<>();
        try {
            for (Path p : files) streams.add(Files.newInputStream(p));
        } catch (IOException e) {
            closeAll(streams.toArray(new Closeable[0]));
            throw e;
        }
        return new DataInputStream(new BufferedInputStream(new java.io.SequenceInputStream(java.util.Collections.enumeration(streams)), BUFFER));
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
        T next(DataInputStream in) throws IOException;
    }

    /** The items of several sorted files, merged in order (a k-way merge); reading errors are unchecked. */
    private static final class Merged<T> implements Iterator<T>, AutoCloseable {
        private record Head<T>(T item, int file) {}

        private final List<DataInputStream> inputs = new ArrayList<>();
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
}
