package bouncemx.state;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
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
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Fills an empty store from journal records 1..end in three sequential passes, instead of the incremental path's
 * read and write of the address table per event, which at millions of addresses is random I/O on a table larger
 * than any cache (bench/README.md, suppression: 9 k events/s at 1 M addresses that way).
 * <ol>
 * <li>Read the records once: count campaign events in memory, and write each event's {@link Signal} with its
 *     sequence number to one of {@value #PARTITIONS} partition files chosen by a hash of its address, so every
 *     signal of an address is in one file, in journal order.</li>
 * <li>Per partition: apply its signals in order to states in memory with the {@link SuppressionPolicy} (the same
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
 * empty, so the next start rebuilds again. One thread; not reusable.
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

    Rebuild(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns, LongFunction<JournalReader> readers,
            Path scratch, BooleanSupplier stopped) {
        this(store, policy, campaigns, readers, scratch, stopped, MAX_PARTITION_BYTES);
    }

    Rebuild(SuppressionStore store, SuppressionPolicy policy, Campaigns campaigns, LongFunction<JournalReader> readers,
            Path scratch, BooleanSupplier stopped, long maxPartitionBytes) {
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
        try {
            Map<Campaigns.Key, Long> counts = new HashMap<>();
            List<Path> partitions = new ArrayList<>();
            long records = split(end, counts, partitions);
            List<Path> runs = new ArrayList<>();
            List<Path> held = new ArrayList<>();
            for (Path p : partitions) apply(p, 0, runs, held);
            try (Merged<AddressState> states = new Merged<>(runs, Rebuild::readState, (a, b) -> a.address().compareTo(b.address()));
                 Merged<HeldChange> changes = new Merged<>(held, Rebuild::readHeld, (a, b) -> a.place().compareTo(b.place()))) {
                store.load(states, counts, new Iterator<>() {
                    public boolean hasNext() {
                        return changes.hasNext();
                    }

                    public Change next() {
                        return changes.next().change();
                    }
                }, end);
            }
            return records;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            clearScratch();
        }
    }

    /** Pass 1: the signals of records 1..end to the partition files; campaign counts into {@code counts}. */
    private long split(long end, Map<Campaigns.Key, Long> counts, List<Path> partitions) throws IOException {
        DataOutputStream[] out = new DataOutputStream[PARTITIONS];
        EventFacts facts = new EventFacts(campaigns.header());
        long records = 0;
        try (JournalReader reader = readers.apply(1)) {
            for (int i = 0; i < PARTITIONS; i++) {
                Path p = scratch.resolve("p" + i);
                partitions.add(p);
                out[i] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), BUFFER));
            }
            while (records < end) {
                Optional<JournalRecord> r = reader.next();
                if (r.isEmpty()) break;
                if ((++records & 0xfff) == 0 && stopped.getAsBoolean()) throw new InterruptedIOException("stopping");
                JournalEntry entry;
                try {
                    entry = JournalEntry.decodeEvents(r.get().payload());
                } catch (IllegalArgumentException e) {
                    log.warn("suppression state: journal record {} is not a journal entry ({}); skipped", r.get().seq(), e.getMessage());
                    continue;
                }
                int index = 0;
                for (byte[] json : entry.events()) {
                    if (!facts.read(json)) continue;
                    Signal s = SignalReader.read(facts);
                    if (s != null) writeSignal(out[partition(s.address(), 0, PARTITIONS)], new Place(r.get().seq(), index++), s);
                    Campaigns.Key key = campaigns.key(facts);
                    if (key != null) counts.merge(key, 1L, Long::sum);
                }
                if (r.get().seq() >= end) break;
            }
        } finally {
            closeAll(out);
        }
        return records;
    }

    /**
     * Pass 2 for one partition: split it again when it is too large, else apply its signals and write its states
     * (sorted) and its still-held changes (in order) as files added to {@code runs} and {@code held}.
     */
    private void apply(Path partition, int depth, List<Path> runs, List<Path> held) throws IOException {
        if (Files.size(partition) > maxPartitionBytes && depth < 4) {
            for (Path sub : resplit(partition, depth + 1)) apply(sub, depth + 1, runs, held);
            return;
        }
        Map<String, AddressState> states = new HashMap<>();
        Map<String, HeldChange> holding = new LinkedHashMap<>();
        try (DataInputStream in = input(partition)) {
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
        Files.delete(partition);
        Path run = partition.resolveSibling(partition.getFileName() + ".states");
        List<AddressState> sorted = new ArrayList<>(states.values());
        states.clear();
        sorted.sort((a, b) -> a.address().compareTo(b.address()));
        try (DataOutputStream out = output(run)) {
            for (AddressState s : sorted) writeState(out, s);
        }
        runs.add(run);
        if (!holding.isEmpty()) {
            Path h = partition.resolveSibling(partition.getFileName() + ".held");
            try (DataOutputStream out = output(h)) {
                for (HeldChange c : holding.values()) writeHeld(out, c);
            }
            held.add(h);
        }
    }

    private List<Path> resplit(Path partition, int depth) throws IOException {
        List<Path> subs = new ArrayList<>();
        DataOutputStream[] out = new DataOutputStream[SPLIT];
        try (DataInputStream in = input(partition)) {
            for (int i = 0; i < SPLIT; i++) {
                Path p = partition.resolveSibling(partition.getFileName() + "." + i);
                subs.add(p);
                out[i] = output(p);
            }
            for (SeqSignal ss = readSignal(in); ss != null; ss = readSignal(in)) {
                writeSignal(out[partition(ss.signal().address(), depth, SPLIT)], ss.place(), ss.signal());
            }
        } finally {
            closeAll(out);
        }
        Files.delete(partition);
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
