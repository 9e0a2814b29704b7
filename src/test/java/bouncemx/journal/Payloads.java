package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Test payloads that carry their own id and can be checked for damage, and small journal helpers. */
final class Payloads {
    private Payloads() {}

    /** Payload number {@code id}: the id, then 0..{@code maxExtra} bytes derived from it. */
    static byte[] payload(long id, int maxExtra) {
        var random = new Random(id);
        int extra = maxExtra == 0 ? 0 : random.nextInt(maxExtra + 1);
        ByteBuffer b = ByteBuffer.allocate(8 + extra);
        b.putLong(id);
        byte[] rest = new byte[extra];
        random.nextBytes(rest);
        b.put(rest);
        return b.array();
    }

    /** The id a payload of {@link #payload} carries; fails when the payload is not exactly that payload. */
    static long check(byte[] payload, int maxExtra) {
        long id = ByteBuffer.wrap(payload).getLong();
        if (!java.util.Arrays.equals(payload, payload(id, maxExtra))) throw new AssertionError("damaged payload " + id);
        return id;
    }

    static FileJournal open(Path dir, long segmentBytes, Clock clock, Storage storage) throws IOException {
        return new FileJournal(dir, segmentBytes, Duration.ofDays(30), FileJournal.DEFAULT_QUEUE_CAPACITY, clock, storage);
    }

    static FileJournal open(Path dir, long segmentBytes) throws IOException {
        return open(dir, segmentBytes, Clock.systemUTC(), Storage.files());
    }

    /** Every record a fresh reader finds on disk from 1. */
    static List<JournalRecord> readAll(Path dir) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        try (var r = new JournalReader(dir, 1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) out.add(rec.get());
        }
        return out;
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) { now = start; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
