package bouncemx.pipeline;

import bouncemx.event.Envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one journal record holds: the message id, arrival time, SMTP envelope, the raw message and its
 * events as JSON (one object each, without {@code journal_seq}, which readers add from the record's
 * position). The record payload format (big-endian, written by {@link #encode()}):
 * <pre>
 * Entry    => Version:int8 (=1)  MessageId:str  ReceivedAtMillis:int64
 *             MailFrom:str  RcptCount:int16 Rcpt:str*  ClientIp:str  Helo:str
 *             RawLength:int32  Raw:bytes  EventCount:int16  (EventLength:int32  EventJson:bytes)*
 * str      => Length:int16  UTF-8 bytes   (java.io.DataOutput#writeUTF)
 * </pre>
 * Immutable.
 */
public record JournalEntry(String messageId, Instant receivedAt, Envelope envelope, byte[] raw, List<byte[]> events) {
    public static final int VERSION = 1;

    public JournalEntry {
        events = List.copyOf(events);
    }

    public byte[] encode() {
        var bytes = new ByteArrayOutputStream(raw.length + 256 + events.size() * 1024);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(messageId);
            out.writeLong(receivedAt.toEpochMilli());
            out.writeUTF(envelope.mailFrom());
            out.writeShort(envelope.rcptTo().size());
            for (String r : envelope.rcptTo()) out.writeUTF(r);
            out.writeUTF(envelope.clientIp());
            out.writeUTF(envelope.helo());
            out.writeInt(raw.length);
            out.write(raw);
            out.writeShort(events.size());
            for (byte[] e : events) {
                out.writeInt(e.length);
                out.write(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    /** Reads a payload written by {@link #encode()}; a payload of another version or a broken one is an error. */
    public static JournalEntry decode(byte[] payload) {
        try (var in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IllegalArgumentException("journal entry version " + version);
            String id = in.readUTF();
            Instant at = Instant.ofEpochMilli(in.readLong());
            String from = in.readUTF();
            int n = in.readUnsignedShort();
            List<String> rcpt = new ArrayList<>(n);
            for (int i = 0; i < n; i++) rcpt.add(in.readUTF());
            String ip = in.readUTF();
            String helo = in.readUTF();
            byte[] raw = new byte[in.readInt()];
            in.readFully(raw);
            int m = in.readUnsignedShort();
            List<byte[]> events = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                byte[] e = new byte[in.readInt()];
                in.readFully(e);
                events.add(e);
            }
            return new JournalEntry(id, at, new Envelope(from, rcpt, ip, helo), raw, events);
        } catch (IOException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("broken journal entry: " + e, e);
        }
    }

    /** Event {@code i} as JSON text. */
    public String eventJson(int i) {
        return new String(events.get(i), StandardCharsets.UTF_8);
    }
}
