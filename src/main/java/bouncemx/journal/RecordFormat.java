package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Encodes and checks one journal record; the layout is written down in the package documentation
 * ({@code package-info.java}). Reading never throws for bad bytes: a record the file ends inside is
 * {@link Torn}, one with an impossible length, a checksum mismatch or an unknown version is {@link Invalid},
 * each with the reason; four zero bytes where a Length field would start are {@link Blank} (the preallocated
 * end of the active segment, or damage elsewhere: the caller decides); whether its sequence number fits is the
 * caller's rule. {@link #findValid} scans
 * forward for the next record that does fit (resynchronisation after damage). Stateless and thread-safe.
 */
final class RecordFormat {
    static final int VERSION = 1;
    /** Byte offsets inside a record, from its first byte. */
    static final int LENGTH_AT = 0, CRC_AT = 4, VERSION_AT = 8, SEQ_AT = 9, TIMESTAMP_AT = 17, PAYLOAD_AT = 25;
    /** Length + Crc32c + Version + Seq + Timestamp. */
    static final int HEADER_BYTES = PAYLOAD_AT;
    /** The smallest Length value: a record with an empty payload. */
    static final int MIN_LENGTH = HEADER_BYTES - 4;
    static final int MAX_PAYLOAD_BYTES = 256 << 20;
    /** How much of a segment a forward scan reads at a time. */
    private static final int SCAN_CHUNK_BYTES = 1 << 20;

    private RecordFormat() {}

    /** What is found at one position of a segment. */
    sealed interface Read permits Valid, End, Blank, Torn, Invalid {}

    /** A complete, checked record; the next one starts at {@code end}. */
    record Valid(JournalRecord record, long end) implements Read {
        long seq() { return record.seq(); }
    }

    /** The position is exactly the end of the file. */
    record End() implements Read {}

    /**
     * An all-zero Length field: in the active segment, where its preallocated zeros begin (the end of what was
     * written so far) when only zeros follow; anywhere else, damage ({@link #problem} gives the same reason as
     * for any Length out of range).
     */
    record Blank() implements Read {}

    /** The file ends inside this record (a length field cut short, or a length that runs past the end). */
    record Torn(String why) implements Read {}

    /** Bytes that cannot be a record: an impossible length, a checksum mismatch, an unknown version. */
    record Invalid(String why) implements Read {}

    /** A valid record found by a forward scan, starting at {@code offset}. */
    record Found(long offset, Valid valid) {}

    static final End END = new End();
    static final Blank BLANK = new Blank();

    /** Total bytes of a record holding {@code payloadBytes}. */
    static long recordBytes(int payloadBytes) {
        return HEADER_BYTES + (long) payloadBytes;
    }

    /** The header of one record (Length .. Timestamp), ready to write before the payload. */
    static ByteBuffer header(long seq, long timestampMillis, byte[] payload) {
        return header(seq, timestampMillis, new ByteBuffer[] {ByteBuffer.wrap(payload)}, payload.length);
    }

    /**
     * The header of one record whose payload is {@code parts} one after another ({@code payloadBytes} in all,
     * each part from its position to its limit; the positions are left as they are).
     */
    static ByteBuffer header(long seq, long timestampMillis, ByteBuffer[] parts, int payloadBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.putInt(LENGTH_AT, MIN_LENGTH + payloadBytes);
        h.put(VERSION_AT, (byte) VERSION);
        h.putLong(SEQ_AT, seq);
        h.putLong(TIMESTAMP_AT, timestampMillis);
        var crc = new CRC32C();
        crc.update(h.array(), VERSION_AT, HEADER_BYTES - VERSION_AT);
        for (ByteBuffer part : parts) crc.update(part.duplicate());
        h.putInt(CRC_AT, (int) crc.getValue());
        return h;
    }

    /**
     * Reads the record at {@code pos}. The checksum of a large record is computed while streaming it, and its
     * payload is only held in memory once the checksum matched, so that a forward scan over damaged bytes
     * (whose Length fields are random) never allocates hundreds of megabytes for a candidate.
     */
    static Read read(FileChannel ch, long pos) throws IOException {
        long size = ch.size();
        if (pos >= size) return END;
        if (size - pos < 4) return firstNonZero(ch, pos) >= size ? BLANK : new Torn("a length field cut short");
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.limit((int) Math.min(HEADER_BYTES, size - pos));
        if (!readFully(ch, h, pos)) return new Torn("a length field cut short");
        int length = h.getInt(LENGTH_AT);
        if (length == 0) return BLANK;
        if (!lengthInRange(length)) return new Invalid("length " + Integer.toUnsignedString(length) + " out of range");
        if (size - pos - 4 < length || h.limit() < HEADER_BYTES) {
            return new Torn("a record of " + length + " bytes runs past the end");
        }
        if (h.get(VERSION_AT) != VERSION) return new Invalid("unknown record version " + h.get(VERSION_AT));
        int payloadBytes = length - MIN_LENGTH;
        long payloadAt = pos + PAYLOAD_AT;
        int stored = h.getInt(CRC_AT);
        if (payloadBytes > STREAM_ABOVE_BYTES && !checksumMatches(ch, h, payloadAt, payloadBytes, stored)) {
            return new Invalid("checksum mismatch");
        }
        byte[] payload = new byte[payloadBytes];
        if (!readFully(ch, ByteBuffer.wrap(payload), payloadAt)) return new Torn("a record of " + length + " bytes runs past the end");
        var crc = new CRC32C();
        crc.update(h.array(), VERSION_AT, HEADER_BYTES - VERSION_AT);
        crc.update(payload);
        if ((int) crc.getValue() != stored) return new Invalid("checksum mismatch");
        long seq = h.getLong(SEQ_AT);
        long timestamp = h.getLong(TIMESTAMP_AT);
        return new Valid(new JournalRecord(seq, Instant.ofEpochMilli(timestamp), payload), pos + 4 + length);
    }

    /**
     * The record starting at {@code at} of {@code bytes} (a copy of a segment's bytes from some offset: {@code base}
     * is the segment offset of {@code bytes[0]}), when it lies wholly inside and passes its checks; else null, and the
     * caller reads the file ({@link #read(FileChannel, long)}), which judges every other case. For a record it
     * returns, the result is the one that reading the file would give had the file held these bytes.
     */
    static Valid readFrom(byte[] bytes, int have, int at, long base) {
        if (have - at < HEADER_BYTES) return null;
        int length = getInt(bytes, at + LENGTH_AT);
        if (!lengthInRange(length) || have - at - 4 < length || bytes[at + VERSION_AT] != VERSION) return null;
        int payloadBytes = length - MIN_LENGTH;
        var crc = new CRC32C();
        crc.update(bytes, at + VERSION_AT, HEADER_BYTES - VERSION_AT + payloadBytes);
        if ((int) crc.getValue() != getInt(bytes, at + CRC_AT)) return null;
        long seq = getLong(bytes, at + SEQ_AT);
        long timestamp = getLong(bytes, at + TIMESTAMP_AT);
        byte[] payload = Arrays.copyOfRange(bytes, at + PAYLOAD_AT, at + PAYLOAD_AT + payloadBytes);
        return new Valid(new JournalRecord(seq, Instant.ofEpochMilli(timestamp), payload), base + at + 4 + length);
    }

    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class,
            java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
            java.nio.ByteOrder.BIG_ENDIAN);

    private static int getInt(byte[] b, int at) {
        return (int) INT.get(b, at);
    }

    private static long getLong(byte[] b, int at) {
        return (long) LONG.get(b, at);
    }

    /** Payloads above this size are checked by streaming before they are read into memory. */
    private static final int STREAM_ABOVE_BYTES = 1 << 20;

    private static boolean checksumMatches(FileChannel ch, ByteBuffer header, long from, int bytes, int stored) throws IOException {
        var crc = new CRC32C();
        crc.update(header.array(), VERSION_AT, HEADER_BYTES - VERSION_AT);
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long done = 0;
        while (done < bytes) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), bytes - done));
            if (!readFully(ch, chunk, from + done)) return false;
            crc.update(chunk.flip());
            done += chunk.limit();
        }
        return (int) crc.getValue() == stored;
    }

    /**
     * Why what {@code r} found does not continue a segment whose last record has number {@code last}: its
     * Torn or Invalid reason, or a sequence number that does not grow; null for a fitting record or the end.
     */
    static String problem(Read r, long last) {
        return switch (r) {
            case Valid v when v.seq() > last -> null;
            case Valid v -> "sequence " + v.seq() + " after " + last;
            case End e -> null;
            case Blank b -> "length 0 out of range";
            case Torn t -> t.why();
            case Invalid i -> i.why();
        };
    }

    private static boolean lengthInRange(int length) {
        return length >= MIN_LENGTH && length <= MIN_LENGTH + MAX_PAYLOAD_BYTES;
    }

    /**
     * Resynchronisation: the first position from {@code from} on where a complete record starts that passes
     * its checks and carries a sequence number s with {@code after < s < before}; null when there is none
     * before the end of the file.
     */
    static Found findValid(FileChannel ch, long from, long after, long before) throws IOException {
        Found[] found = new Found[1];
        scanHeaders(ch, from, Long.MAX_VALUE, after, before, (offset, seq) -> {
            if (read(ch, offset) instanceof Valid v && v.seq() > after && v.seq() < before) {
                found[0] = new Found(offset, v);
                return false;
            }
            return true;
        });
        return found[0];
    }

    /**
     * The largest sequence number s with {@code after < s < before} in anything shaped like a record header
     * (a length in range, the known version) that starts in [{@code from}, {@code to}), complete or not, valid
     * or not; {@code after} when there is none. Recovery uses it so that no number a torn or damaged record
     * carried is handed out again.
     */
    static long maxHeaderSeq(FileChannel ch, long from, long to, long after, long before) throws IOException {
        long[] max = {after};
        scanHeaders(ch, from, to, after, before, (offset, seq) -> {
            max[0] = Math.max(max[0], seq);
            return true;
        });
        return max[0];
    }

    private interface HeaderVisitor {
        /** Called for a header-shaped position; false stops the scan. */
        boolean visit(long offset, long seq) throws IOException;
    }

    /** Visits, in order, every offset in [from, to) where Length, Version and Seq (when present) look right. */
    private static void scanHeaders(FileChannel ch, long from, long to, long after, long before, HeaderVisitor visitor)
            throws IOException {
        long chunkStart = from;
        while (true) {
            long size = ch.size();
            long end = Math.min(to, size);
            if (chunkStart >= end) return;
            int n = (int) Math.min(SCAN_CHUNK_BYTES + (long) HEADER_BYTES, size - chunkStart);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf, chunkStart + buf.position()) >= 0) {
                // fill as much as the file has
            }
            int have = buf.position();
            long last = Math.min(end, chunkStart + SCAN_CHUNK_BYTES); // offsets this chunk is responsible for
            for (long o = chunkStart; o < last; o++) {
                int i = (int) (o - chunkStart);
                if (i + SEQ_AT + 8 > have) break; // too near the end of what was read: no Seq to judge
                if (buf.get(i + VERSION_AT) != VERSION || !lengthInRange(buf.getInt(i + LENGTH_AT))) continue;
                long seq = buf.getLong(i + SEQ_AT);
                if (seq <= after || seq >= before) continue;
                if (!visitor.visit(o, seq)) return;
            }
            if (last >= end) return;
            chunkStart = last;
        }
    }

    /**
     * The first offset in [{@code from}, end of file) that holds a byte other than zero; the file's size when
     * there is none (the preallocated end of the active segment is all zeros).
     */
    static long firstNonZero(FileChannel ch, long from) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long q = from;
        while (true) {
            buf.clear();
            int n = ch.read(buf, q);
            if (n <= 0) return q;
            for (int i = 0; i < n; i++) if (buf.get(i) != 0) return q + i;
            q += n;
        }
    }

    /**
     * Where the zeros at the end of the file begin: one past the last byte at or after {@code from} that is not
     * zero, or {@code from} when there is none.
     */
    static long zeroTailStart(FileChannel ch, long from) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long q = from;
        long start = from;
        while (true) {
            buf.clear();
            int n = ch.read(buf, q);
            if (n <= 0) return start;
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) != 0) {
                    start = q + i + 1;
                    break;
                }
            }
            q += n;
        }
    }

    /**
     * Where the record starting at {@code pos} would end by its Length field, when that is in range; -1 when it is
     * not, or the field is not all there.
     */
    static long claimedEnd(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4);
        if (!readFully(ch, b, pos)) return -1;
        int length = b.getInt(0);
        return lengthInRange(length) ? pos + 4 + length : -1;
    }

    /** Fills {@code buf} from {@code pos}; false when the file ends first (it may have been cut meanwhile). */
    private static boolean readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) return false;
        }
        return true;
    }
}
