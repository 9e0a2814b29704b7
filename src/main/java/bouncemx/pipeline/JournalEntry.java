package bouncemx.pipeline;

import bouncemx.event.Envelope;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one journal record holds: the message id, arrival time, SMTP envelope, the raw message and its
 * events as JSON (one object each, without {@code journal_seq}, which readers add from the record's
 * position). The record payload format (big-endian, written by {@link #encode()}):
 * <pre>
 * Entry    => Version:int8 (=2)  MessageId:str  ReceivedAtMillis:int64
 *             MailFrom:str  RcptCount:int32 Rcpt:str*  ClientIp:str  Helo:str
 *             RawLength:int32  Raw:bytes  EventCount:int32  (EventLength:int32  EventJson:bytes)*
 * str      => Length:uint16  modified UTF-8 bytes   (java.io.DataOutput#writeUTF)
 * </pre>
 * Version 1 (written before 2026-12) is the same with RcptCount and EventCount as uint16; it is still read.
 * The counts became 32-bit because {@code smtp.max_recipients} allows 100,000 recipients, and a report may
 * list as many events. {@link #encode()} writes into one exactly sized array (one copy of the raw message);
 * {@link #encodeParts()} gives the same bytes in three parts around the raw message, which is not copied.
 * Immutable.
 */
public record JournalEntry(String messageId, Instant receivedAt, Envelope envelope, byte[] raw, List<byte[]> events) {
    public static final int VERSION = 2;

    public JournalEntry {
        events = List.copyOf(events);
    }

    /** The payload as one exactly sized array (the raw message copied once into it). */
    public byte[] encode() {
        long size = headBytes() + (long) raw.length + tailBytes();
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("journal entry of " + size + " bytes");
        var bytes = new Exact((int) size);
        try (var out = new DataOutputStream(bytes)) {
            writeHead(out);
            out.write(raw);
            writeTail(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.array();
    }

    /**
     * The same payload as {@link #encode()} in three parts for {@link bouncemx.journal.Journal#append(ByteBuffer[],
     * long)}: everything before Raw, {@link #raw()} itself (not copied: the journal writes it from where the SMTP
     * edge read it), and everything after it.
     */
    public ByteBuffer[] encodeParts() {
        long size = headBytes() + (long) raw.length + tailBytes();
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("journal entry of " + size + " bytes");
        var head = new Exact((int) headBytes());
        var tail = new Exact((int) tailBytes());
        try (var h = new DataOutputStream(head); var t = new DataOutputStream(tail)) {
            writeHead(h);
            writeTail(t);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return new ByteBuffer[] {ByteBuffer.wrap(head.array()), ByteBuffer.wrap(raw), ByteBuffer.wrap(tail.array())};
    }

    /** Version .. RawLength. */
    private long headBytes() {
        long size = 1 + 8 + 4 + 4 + utfBytes(messageId) + utfBytes(envelope.mailFrom()) + utfBytes(envelope.clientIp())
                + utfBytes(envelope.helo());
        for (String r : envelope.rcptTo()) size += utfBytes(r);
        return size;
    }

    /** EventCount and the events. */
    private long tailBytes() {
        long size = 4;
        for (byte[] e : events) size += 4 + e.length;
        return size;
    }

    private void writeHead(DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeUTF(messageId);
        out.writeLong(receivedAt.toEpochMilli());
        out.writeUTF(envelope.mailFrom());
        out.writeInt(envelope.rcptTo().size());
        for (String r : envelope.rcptTo()) out.writeUTF(r);
        out.writeUTF(envelope.clientIp());
        out.writeUTF(envelope.helo());
        out.writeInt(raw.length);
    }

    private void writeTail(DataOutputStream out) throws IOException {
        out.writeInt(events.size());
        for (byte[] e : events) {
            out.writeInt(e.length);
            out.write(e);
        }
    }

    /** The bytes writeUTF writes for {@code s}: the 2-byte length and modified UTF-8. */
    private static long utfBytes(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return n;
    }

    /** An output stream into one array of a size known in advance. */
    private static final class Exact extends java.io.OutputStream {
        private final byte[] buf;
        private int pos;

        Exact(int size) {
            buf = new byte[size];
        }

        @Override
        public void write(int b) {
            buf[pos++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }

        byte[] array() {
            if (pos != buf.length) throw new IllegalStateException("journal entry size " + pos + " != " + buf.length);
            return buf;
        }
    }

    /** Reads a payload written by {@link #encode()}; a payload of another version or a broken one is an error. */
    public static JournalEntry decode(byte[] payload) {
        return decode(payload, true);
    }

    /**
     * As {@link #decode(byte[])} but the raw message is skipped, not copied ({@link #raw()} is empty): for the
     * consumers that read only the events (webhooks, suppression state), so a 10 MB message read back from the
     * journal does not cost another 10 MB of heap.
     */
    public static JournalEntry decodeEvents(byte[] payload) {
        return decode(payload, false);
    }

    private static JournalEntry decode(byte[] payload, boolean withRaw) {
        try (var in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readUnsignedByte();
            if (version != 1 && version != VERSION) throw new IllegalArgumentException("journal entry version " + version);
            String id = in.readUTF();
            Instant at = Instant.ofEpochMilli(in.readLong());
            String from = in.readUTF();
            int n = version == 1 ? in.readUnsignedShort() : in.readInt();
            if (n < 0 || n > payload.length) throw new IllegalArgumentException("broken journal entry: " + n + " recipients");
            List<String> rcpt = new ArrayList<>(n);
            for (int i = 0; i < n; i++) rcpt.add(in.readUTF());
            String ip = in.readUTF();
            String helo = in.readUTF();
            byte[] raw;
            if (withRaw) {
                raw = block(in, payload.length);
            } else {
                int len = in.readInt();
                if (len < 0 || len > payload.length || in.skipBytes(len) != len) {
                    throw new IllegalArgumentException("broken journal entry: a block of " + len + " bytes");
                }
                raw = new byte[0];
            }
            int m = version == 1 ? in.readUnsignedShort() : in.readInt();
            if (m < 0 || m > payload.length) throw new IllegalArgumentException("broken journal entry: " + m + " events");
            List<byte[]> events = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                events.add(block(in, payload.length));
            }
            return new JournalEntry(id, at, new Envelope(from, rcpt, ip, helo), raw, events);
        } catch (IOException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("broken journal entry: " + e, e);
        }
    }

    /**
     * Where the events of a payload written by {@link #encode()} lie in it, without copying them or reading the
     * envelope: {@code [from0, to0, from1, to1, ...]}, one pair per event in order. For the readers that go through
     * millions of records (a suppression rebuild): {@link #decodeEvents} copies each event into an array of its own.
     * A payload of another version, or whose lengths do not fit in it, is an error as for {@link #decode}; the
     * envelope's strings are skipped by their lengths, not decoded.
     */
    public static int[] eventSpans(byte[] payload) {
        int n = payload.length;
        int at = 0;
        try {
            int version = payload[at++] & 0xff;
            if (version != 1 && version != VERSION) throw new IllegalArgumentException("journal entry version " + version);
            at = skipUtf(payload, at);                        // id
            at += 8;                                          // received at
            at = skipUtf(payload, at);                        // MAIL FROM
            int rcpt = version == 1 ? u16(payload, at) : i32(payload, at);
            at += version == 1 ? 2 : 4;
            if (rcpt < 0 || rcpt > n) throw new IllegalArgumentException("broken journal entry: " + rcpt + " recipients");
            for (int i = 0; i < rcpt; i++) at = skipUtf(payload, at);
            at = skipUtf(payload, at);                        // client IP
            at = skipUtf(payload, at);                        // HELO
            int raw = i32(payload, at);
            if (raw < 0 || raw > n) throw new IllegalArgumentException("broken journal entry: a block of " + raw + " bytes");
            at += 4 + raw;
            int m = version == 1 ? u16(payload, at) : i32(payload, at);
            at += version == 1 ? 2 : 4;
            if (m < 0 || m > n) throw new IllegalArgumentException("broken journal entry: " + m + " events");
            int[] spans = new int[2 * m];
            for (int i = 0; i < m; i++) {
                int len = i32(payload, at);
                if (len < 0 || len > n - at - 4) throw new IllegalArgumentException("broken journal entry: a block of " + len + " bytes");
                spans[2 * i] = at + 4;
                spans[2 * i + 1] = at + 4 + len;
                at += 4 + len;
            }
            return spans;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("broken journal entry: it ends at byte " + n, e);
        }
    }

    private static int skipUtf(byte[] b, int at) {
        int end = at + 2 + u16(b, at);
        if (end > b.length) throw new ArrayIndexOutOfBoundsException(end);
        return end;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int i32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    /** A length-prefixed block; a length no payload of this size can hold is an error, not an allocation. */
    private static byte[] block(DataInputStream in, int payloadLength) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > payloadLength) throw new IllegalArgumentException("broken journal entry: a block of " + n + " bytes");
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** Event {@code i} as JSON text. */
    public String eventJson(int i) {
        return new String(events.get(i), StandardCharsets.UTF_8);
    }
}
