package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Encodes and checks one journal record; the layout is written down in {@link FileJournal}. Reading never
 * throws for bad bytes: a record that is cut short, has an impossible length, a checksum mismatch, an
 * unknown version or an unexpected sequence number is {@link Unreadable}, with the reason. Stateless and
 * thread-safe.
 */
final class RecordFormat {
    static final int VERSION = 1;
    /** Length + Crc32c + Version + Seq + Timestamp. */
    static final int HEADER_BYTES = 4 + 4 + 1 + 8 + 8;
    /** The smallest Length value: a record with an empty payload. */
    static final int MIN_LENGTH = HEADER_BYTES - 4;
    static final int MAX_PAYLOAD_BYTES = 256 << 20;

    private RecordFormat() {}

    /** What is found at one position of a segment. */
    sealed interface Read permits Valid, End, Unreadable {}

    /** A complete, checked record; the next one starts at {@code end}. */
    record Valid(JournalRecord record, long end) implements Read {}

    /** The position is exactly the end of the file. */
    record End() implements Read {}

    /** Bytes that are not (or not yet) a complete valid record. */
    record Unreadable(String why) implements Read {}

    static final End END = new End();

    /** Total bytes of a record holding {@code payloadBytes}. */
    static long recordBytes(int payloadBytes) {
        return HEADER_BYTES + (long) payloadBytes;
    }

    /** The header of one record (Length .. Timestamp), ready to write before the payload. */
    static ByteBuffer header(long seq, long timestampMillis, byte[] payload) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.putInt(MIN_LENGTH + payload.length);
        h.putInt(0); // the checksum, filled in below
        h.put((byte) VERSION);
        h.putLong(seq);
        h.putLong(timestampMillis);
        var crc = new CRC32C();
        crc.update(h.array(), 8, HEADER_BYTES - 8);
        crc.update(payload);
        h.putInt(4, (int) crc.getValue());
        return h.flip();
    }

    /** Reads the record at {@code pos}, which must carry {@code expectedSeq}. */
    static Read read(FileChannel ch, long pos, long expectedSeq) throws IOException {
        long size = ch.size();
        if (pos >= size) return END;
        if (size - pos < 4) return new Unreadable("a length field cut short");
        ByteBuffer len = ByteBuffer.allocate(4);
        if (!readFully(ch, len, pos)) return new Unreadable("a length field cut short");
        int length = len.getInt(0);
        if (length < MIN_LENGTH || length > MIN_LENGTH + MAX_PAYLOAD_BYTES) {
            return new Unreadable("length " + Integer.toUnsignedString(length) + " out of range");
        }
        if (size - pos - 4 < length) return new Unreadable("a record of " + length + " bytes runs past the end");
        ByteBuffer body = ByteBuffer.allocate(length);
        if (!readFully(ch, body, pos + 4)) return new Unreadable("a record of " + length + " bytes runs past the end");
        byte[] b = body.array();
        var crc = new CRC32C();
        crc.update(b, 4, length - 4);
        if ((int) crc.getValue() != body.getInt(0)) return new Unreadable("checksum mismatch");
        if (b[4] != VERSION) return new Unreadable("unknown record version " + b[4]);
        long seq = body.getLong(5);
        if (seq != expectedSeq) return new Unreadable("sequence " + seq + " where " + expectedSeq + " was expected");
        long timestamp = body.getLong(13);
        byte[] payload = Arrays.copyOfRange(b, MIN_LENGTH, length);
        return new Valid(new JournalRecord(seq, Instant.ofEpochMilli(timestamp), payload), pos + 4 + length);
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
