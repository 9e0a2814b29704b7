package bouncemx.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One block of RFC 5322 header fields over a region of a byte buffer, split once. Field names are kept
 * lowercased; values are byte ranges that are unfolded and decoded only when asked for. Duplicate fields
 * are kept in their order. Leading mbox "From " lines (also escaped, ">From ") are skipped; a line that is
 * neither a field nor a continuation ends the block (the body starts there). Beyond {@link Limits#maxHeaders()} fields are
 * skipped. Immutable after construction; thread-safe.
 */
public final class HeaderBlock {
    private static final String[] NO_NAMES = new String[0];
    private static final int[] NO_INTS = new int[0];

    private final byte[] buf;
    private final String[] names;
    /** Each name's hashCode(): a lookup compares ints first, and calls equals only on the one that can match. */
    private final int[] hashes;
    private final int[] starts;
    private final int[] ends;
    private final int count;
    private final int bodyStart;
    private final int maxValueChars;

    private HeaderBlock(byte[] buf, String[] names, int[] hashes, int[] starts, int[] ends, int count, int bodyStart,
                        int maxValueChars) {
        this.buf = buf;
        this.names = names;
        this.hashes = hashes;
        this.starts = starts;
        this.ends = ends;
        this.count = count;
        this.bodyStart = bodyStart;
        this.maxValueChars = maxValueChars;
    }

    /** Splits the header block that starts at {@code from}; never reads past {@code to}. */
    public static HeaderBlock parse(byte[] buf, int from, int to, Limits limits) {
        String[] names = NO_NAMES;
        int[] hashes = NO_INTS;
        int[] starts = NO_INTS;
        int[] ends = NO_INTS;
        int n = 0;
        int pos = from;
        // skip mbox separators before the first field: the mbox's own, one a file was saved with before it, and
        // one escaped as ">From " by a writer that escaped the message's first line too
        for (int k = 0; k < MAX_SEPARATORS && isMboxLine(buf, pos, to); k++) {
            pos = ByteScan.nextLine(buf, ByteScan.lineEnd(buf, pos, to), to);
        }
        boolean current = false; // whether the last field is being recorded (continuations extend it)
        while (pos < to) {
            int eol = ByteScan.lineEnd(buf, pos, to);
            int next = ByteScan.nextLine(buf, eol, to);
            if (eol == pos) {               // empty line: end of the block
                pos = next;
                break;
            }
            byte first = buf[pos];
            if (ByteScan.isWsp(first)) {
                if (n == 0 && !current) {   // continuation with nothing to continue: skip leading junk
                    if (isBlank(buf, pos, eol)) { pos = next; break; }
                    pos = next;
                    continue;
                }
                if (current) ends[n - 1] = eol;
                pos = next;
                continue;
            }
            long colonAndHash = colonAndHash(buf, pos, eol);
            int colon = (int) colonAndHash;
            if (colon < 0) break;           // not a header line: the body starts here
            if (n < limits.maxHeaders()) {
                if (n == 0 && names.length == 0) {
                    // the first arrays are made, not copied from the empty ones: under C1, Arrays.copyOf of a
                    // String[] makes its array by reflection, and the copies were ~1.3% of the engine's CPU (C1
                    // profile); sixteen fields hold every part's header and most messages' top-level one
                    names = new String[16];
                    hashes = new int[16];
                    starts = new int[16];
                    ends = new int[16];
                } else if (n == names.length) {
                    int cap = n * 2;
                    names = Arrays.copyOf(names, cap);
                    hashes = Arrays.copyOf(hashes, cap);
                    starts = Arrays.copyOf(starts, cap);
                    ends = Arrays.copyOf(ends, cap);
                }
                int h = (int) (colonAndHash >>> 32);
                names[n] = name(buf, pos, colon, h);
                hashes[n] = h;
                starts[n] = colon + 1;
                ends[n] = eol;
                n++;
                current = true;
            } else {
                current = false;
            }
            pos = next;
        }
        return new HeaderBlock(buf, names, hashes, starts, ends, n, Math.min(pos, to), limits.maxValueChars());
    }

    private static final byte[] FROM_SPACE = {'F', 'r', 'o', 'm', ' '};

    /**
     * Field names that most reports carry (lowercase): a name read is this String when it is one of them, not
     * a new one per field (two arrays and a String each, ~2% of the engine's CPU under C1 with the lookups
     * by equals that {@link #hashes} replaced). Any other name is made as before.
     */
    private static final String[] COMMON_NAMES = {"received", "from", "to", "cc", "subject", "date", "message-id",
            "mime-version", "content-type", "content-transfer-encoding", "content-description", "content-disposition",
            "content-language", "content-id", "return-path", "delivered-to", "x-failed-recipients", "auto-submitted",
            "reply-to", "in-reply-to", "references", "x-mailer", "dkim-signature", "authentication-results",
            "x-original-to", "precedence", "thread-topic", "thread-index", "x-ms-exchange-message-is-ndr",
            "reporting-mta", "final-recipient", "original-recipient", "action", "status", "diagnostic-code",
            "remote-mta", "arrival-date", "last-attempt-date", "received-from-mta", "will-retry-until",
            "original-envelope-id", "x-postfix-queue-id", "x-postfix-sender", "x-actual-recipient", "sender",
            "x-spam-status", "list-id", "arc-seal", "arc-message-signature", "arc-authentication-results"};
    /** {@link #COMMON_NAMES} by hash code, open addressing (a power of two, under a quarter full). */
    private static final String[] NAME_SLOTS = new String[256];
    /** Each slot's name as bytes, compared with the field's bytes (String.charAt per byte cost more under C1). */
    private static final byte[][] NAME_SLOT_BYTES = new byte[NAME_SLOTS.length][];

    static {
        for (String n : COMMON_NAMES) {
            int i = n.hashCode() & (NAME_SLOTS.length - 1);
            while (NAME_SLOTS[i] != null) i = (i + 1) & (NAME_SLOTS.length - 1);
            NAME_SLOTS[i] = n;
            NAME_SLOT_BYTES[i] = n.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** The hashCode() of the field name in {@code b[from, colon)} lowercased, trailing blanks dropped (String's formula). */
    static int nameHash(byte[] b, int from, int colon) {
        int to = colon;
        while (to > from && ByteScan.isWsp(b[to - 1])) to--;
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + ByteScan.lower(b[i]);
        return h;
    }

    /** The field name in {@code b[from, colon)} as {@link ByteScan#asciiLower} makes it; {@code hash} its {@link #nameHash}. */
    static String name(byte[] b, int from, int colon, int hash) {
        int to = colon;
        while (to > from && ByteScan.isWsp(b[to - 1])) to--;
        for (int i = hash & (NAME_SLOTS.length - 1); NAME_SLOTS[i] != null; i = (i + 1) & (NAME_SLOTS.length - 1)) {
            String k = NAME_SLOTS[i];
            if (k.hashCode() == hash && k.length() == to - from && ByteScan.startsWithLower(b, from, to, NAME_SLOT_BYTES[i])) return k;
        }
        return ByteScan.asciiLower(b, from, to);
    }

    /** Leading mbox separator lines skipped before a header. */
    private static final int MAX_SEPARATORS = 3;

    /**
     * True when the line at {@code pos} starts "From " (an mbox separator), or ">From ", ">>From ", ... (one escaped);
     * not "From : ..." (a From field in RFC 822's obsolete syntax, blanks before the colon).
     */
    static boolean isMboxLine(byte[] buf, int pos, int to) {
        int p = pos;
        while (p < to && buf[p] == '>') p++;
        if (!ByteScan.startsWith(buf, p, to, FROM_SPACE)) return false;
        p += FROM_SPACE.length;
        while (p < to && ByteScan.isWsp(buf[p])) p++;
        return p >= to || buf[p] != ':';
    }

    /** True when the line at {@code pos} is a header field line ("Name: value") or an mbox separator line. */
    static boolean isFieldLine(byte[] buf, int pos, int to) {
        if (isMboxLine(buf, pos, to)) return true;
        return fieldColon(buf, pos, ByteScan.lineEnd(buf, pos, to)) > 0;
    }

    /**
     * The colon of a field line "Name: value" (RFC 5322 ftext name, blanks allowed before the colon), or -1: the
     * low half of {@link #colonAndHash} (the hash it also computes is a multiply and an add per name character).
     */
    static int fieldColon(byte[] b, int pos, int eol) {
        return (int) colonAndHash(b, pos, eol);
    }

    /**
     * {@link #fieldColon} and, when there is a colon, the field name's {@link #nameHash} in one pass over the
     * name: the colon in the low 32 bits (-1, the whole long, for a line that is no field), the hash in the high
     * ones. Every header line of every part is split with this; the second loop over the name for its hash was
     * ~1.3% of the engine's CPU (C1 and C2). The hash stops at the first blank: only blanks may follow it
     * before the colon, and {@code nameHash} drops them.
     */
    static long colonAndHash(byte[] b, int pos, int eol) {
        int h = 0;
        int i = pos;
        while (i < eol) {
            byte c = b[i];
            if (c == ':') break;
            if (c <= 32 || c == 127) {
                // "Name :" is tolerated, "two words:" is not a field
                int j = i;
                while (j < eol && ByteScan.isWsp(b[j])) j++;
                if (j < eol && b[j] == ':' && i > pos) return (long) h << 32 | j;
                return -1;
            }
            h = 31 * h + ByteScan.lower(c);
            i++;
        }
        if (i == eol || i == pos) return -1;
        return (long) h << 32 | i;
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (!ByteScan.isWsp(b[i])) return false;
        return true;
    }

    public int size() { return count; }

    /** Offset in the buffer where the body after this block begins. */
    public int bodyStart() { return bodyStart; }

    /** Lowercased name of field {@code i}. */
    public String name(int i) { return names[i]; }

    /** Unfolded, trimmed value of field {@code i}, as written (encoded words not decoded). */
    public String value(int i) {
        return unfold(starts[i], ends[i]);
    }

    /** Value of field {@code i} with RFC 2047 encoded words decoded. */
    public String decoded(int i) {
        return Rfc2047.decode(value(i));
    }

    /** First value of {@code lowerName}, or null. */
    public String get(String lowerName) {
        int h = lowerName.hashCode();
        for (int i = 0; i < count; i++) if (hashes[i] == h && names[i].equals(lowerName)) return value(i);
        return null;
    }

    /** First value of {@code lowerName} with encoded words decoded, or null. */
    public String getDecoded(String lowerName) {
        String v = get(lowerName);
        return v == null ? null : Rfc2047.decode(v);
    }

    public boolean has(String lowerName) {
        int h = lowerName.hashCode();
        for (int i = 0; i < count; i++) if (hashes[i] == h && names[i].equals(lowerName)) return true;
        return false;
    }

    /** All values of {@code lowerName}, in order. */
    public List<String> all(String lowerName) {
        List<String> out = new ArrayList<>(2);
        int h = lowerName.hashCode();
        for (int i = 0; i < count; i++) if (hashes[i] == h && names[i].equals(lowerName)) out.add(value(i));
        return out;
    }

    private String unfold(int from, int to) {
        // trim leading blanks, then copy with each fold (line break and the blanks after it) read as one space
        while (from < to && ByteScan.isWsp(buf[from])) from++;
        while (to > from && (ByteScan.isWsp(buf[to - 1]) || buf[to - 1] == '\r' || buf[to - 1] == '\n')) to--;
        int limit = Math.min(to, from + maxValueChars * 4);
        boolean folded = ByteScan.lineEnd(buf, from, limit) < limit;   // a CR or LF inside: eight bytes at a time
        String s;
        if (!folded) {
            s = ByteScan.text(buf, from, limit);
        } else {
            byte[] out = new byte[limit - from];
            int k = 0;
            for (int i = from; i < limit; i++) {
                byte c = buf[i];
                if (c != '\r' && c != '\n') {
                    out[k++] = c;
                    continue;
                }
                // a fold (line break and the blanks that start the next line) reads as one space, whatever
                // blank the writer folded with: "Undelivered Mail\r\n\tReturned" is "Undelivered Mail Returned"
                while (i + 1 < limit && (buf[i + 1] == '\r' || buf[i + 1] == '\n' || ByteScan.isWsp(buf[i + 1]))) i++;
                if (k > 0 && !ByteScan.isWsp(out[k - 1])) out[k++] = ' ';
            }
            s = ByteScan.text(out, 0, k);
        }
        return s.length() > maxValueChars ? s.substring(0, maxValueChars) : s;
    }
}
