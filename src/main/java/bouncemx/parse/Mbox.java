package bouncemx.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits an mbox file into messages, for offline classification of saved mailboxes. A message starts at
 * a separator line: "From " at the start of a line followed by the envelope sender and an asctime date
 * ("From MAILER-DAEMON  Thu Jul  2 12:05:05 2020"), as mbox writers put it (the date shape keeps a body
 * line that merely begins with "From " from splitting a message). A file that does not start with such
 * a line is one message, returned as it is. Separator lines stay with their message (the reader skips
 * them). Inside an mbox, body lines that the writer escaped are unescaped the mboxrd way (qmail's mbox(5),
 * Python's and mutt's readers): a line of one or more {@code >} followed by "From " loses one {@code >}, so
 * ">From here" is read as "From here" and ">>From" as ">From".
 *
 * <p>{@link #split} takes a whole file; {@link Reader} streams one (an mbox of any size in a buffer as big
 * as its largest message plus one read chunk). Stateless; a Reader is for one thread.
 */
public final class Mbox {
    private Mbox() {}

    private static final Pattern SEPARATOR = Pattern.compile("From \\S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\\d{1,2} \\d{1,2}:\\d{2}(:\\d{2})? .*");
    /** Bytes of a line looked at to decide whether it is a separator. */
    private static final int SEPARATOR_BYTES = 200;

    /** The messages of a whole file: the file itself when it is not an mbox. */
    public static List<byte[]> split(byte[] raw) {
        if (!separatorAt(raw, 0, raw.length)) return List.of(raw);
        List<byte[]> out = new ArrayList<>();
        try (Reader r = new Reader(new ByteArrayInputStream(raw), 1 << 16)) {
            for (byte[] m = r.next(); m != null; m = r.next()) out.add(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out;
    }

    /**
     * Reads the messages of a stream one at a time. The first call to {@link #next} reads until it knows
     * whether the stream is an mbox; if not, the whole stream is the one message.
     */
    public static final class Reader implements AutoCloseable {
        private final InputStream in;
        private final int chunk;
        private byte[] buf;
        private int len;      // bytes in buf
        private int start;    // where the current message starts
        private int scan;     // next position to look at for a separator
        private boolean eof;
        private Boolean mbox; // null until the start has been seen
        private boolean quoted; // a line of the current message, up to scan, starts with '>': it may need unescaping

        public Reader(InputStream in, int chunkBytes) {
            this.in = in;
            this.chunk = Math.max(1024, chunkBytes);
            this.buf = new byte[this.chunk];
        }

        /** The next message, or null after the last one. */
        public byte[] next() throws IOException {
            if (mbox == null) {
                while (!eof && len < SEPARATOR_BYTES) fill();
                mbox = separatorAt(buf, 0, len);
                if (!mbox) {
                    while (!eof) fill();
                    byte[] whole = Arrays.copyOf(buf, len);
                    start = scan = len;
                    return whole;
                }
                scan = 1;
            }
            if (start >= len && eof) return null;
            while (true) {
                int found = findSeparator();
                if (found >= 0) {
                    byte[] m = message(found);
                    start = found;
                    scan = found + 1;
                    return m;
                }
                if (eof) {
                    byte[] m = message(len);
                    start = scan = len;
                    return m;
                }
                fill();
            }
        }

        /**
         * A separator at a line start in [scan, len), judged only on complete evidence; -1 when none yet. Goes
         * from line start to line start ({@link ByteScan#lineEnd} reads eight bytes at a time): byte by byte,
         * this and {@link #unescape} were ~9% of {@code classify}'s CPU over an mbox under C1.
         */
        private int findSeparator() {
            byte[] b = buf;
            int i = Math.max(scan, start + 1);
            if (b[i - 1] != '\n' && b[i - 1] != '\r') i = ByteScan.lineEnd(b, i, len) + 1;
            for (; i < len; i = ByteScan.lineEnd(b, i, len) + 1) {
                if (b[i] != 'F') {
                    if (b[i] == '>') quoted = true;
                    continue;
                }
                if (!eof && lineEndBeyond(i)) { // the line is not all here yet: look again after the next read
                    scan = i;
                    return -1;
                }
                if (separatorAt(b, i, len)) return i;
            }
            scan = Math.max(len, start + 1);
            return -1;
        }

        /** The current message, buf[start, end): unescaped when one of its lines starts with '>'. */
        private byte[] message(int end) {
            byte[] m = quoted ? unescape(buf, start, end) : Arrays.copyOfRange(buf, start, end);
            quoted = false;
            return m;
        }

        private boolean lineEndBeyond(int i) {
            int limit = Math.min(len, i + SEPARATOR_BYTES);
            return ByteScan.lineEnd(buf, i, limit) == limit && limit < i + SEPARATOR_BYTES;
        }

        private void fill() throws IOException {
            if (start > 0 && start >= buf.length / 2) { // drop what has been handed out
                System.arraycopy(buf, start, buf, 0, len - start);
                len -= start;
                scan -= start;
                start = 0;
            }
            if (buf.length - len < chunk) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + chunk));
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) eof = true;
            else len += n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static boolean separatorAt(byte[] b, int i, int end) {
        if (i + 5 > end || b[i] != 'F' || b[i + 1] != 'r' || b[i + 2] != 'o' || b[i + 3] != 'm' || b[i + 4] != ' ') return false;
        int lineEnd = ByteScan.lineEnd(b, i, Math.min(end, i + SEPARATOR_BYTES));
        return SEPARATOR.matcher(new String(b, i, lineEnd - i, StandardCharsets.ISO_8859_1)).matches();
    }

    /** b[from, to) with one '>' taken off each line that is one or more '>' and then "From ". */
    static byte[] unescape(byte[] b, int from, int to) {
        byte[] out = null;
        int w = 0, copied = from;
        for (int i = from; i < to; i = ByteScan.lineEnd(b, i, to) + 1) { // i: a line start
            if (b[i] != '>') continue;
            int j = i;
            while (j < to && b[j] == '>') j++;
            if (j + 5 > to || b[j] != 'F' || b[j + 1] != 'r' || b[j + 2] != 'o' || b[j + 3] != 'm' || b[j + 4] != ' ') continue;
            if (out == null) out = new byte[to - from];
            System.arraycopy(b, copied, out, w, i - copied); // up to the line's first '>', which is dropped
            w += i - copied;
            copied = i + 1;
        }
        if (out == null) return Arrays.copyOfRange(b, from, to);
        System.arraycopy(b, copied, out, w, to - copied);
        w += to - copied;
        return Arrays.copyOf(out, w);
    }
}
