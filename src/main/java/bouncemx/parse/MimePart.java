package bouncemx.parse;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One node of a message's MIME tree over a shared byte buffer: its header block, its body range, and,
 * for multipart and message/rfc822 parts, its children (found by scanning for boundary lines, nesting
 * allowed). Bodies are decoded (base64, quoted-printable, charset) only when {@link #bytes()} or
 * {@link #text()} is called. Built once per message by {@link BounceMessage}; confined to one thread.
 */
public final class MimePart {
    private final byte[] buf;
    private final HeaderBlock headers;
    private final int bodyStart;
    private final int bodyEnd;
    private final int depth;
    private final ContentType contentType;
    private final Limits limits;
    private final Budget budget;
    private List<MimePart> children; // computed on first use: the returned original's tree is rarely needed
    private String text;

    private MimePart(byte[] buf, HeaderBlock headers, int bodyStart, int bodyEnd, int depth,
                     ContentType contentType, Limits limits, Budget budget) {
        this.buf = buf;
        this.headers = headers;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
        this.depth = depth;
        this.contentType = contentType;
        this.limits = limits;
        this.budget = budget;
    }

    /** Mutable count of parts created so far for one message, shared by the whole tree walk. */
    static final class Budget {
        int parts;
        boolean truncated;
    }

    /**
     * Reads the part (headers and body) occupying {@code buf[from..to)}. Only the header block is read
     * now; children are found when first asked for.
     */
    static MimePart read(byte[] buf, int from, int to, int depth, ContentType dflt, Limits limits, Budget budget) {
        budget.parts++;
        HeaderBlock headers = HeaderBlock.parse(buf, from, to, limits);
        ContentType ct = ContentType.parse(headers.get("content-type"), dflt);
        return new MimePart(buf, headers, headers.bodyStart(), to, depth, ct, limits, budget);
    }

    private List<MimePart> findChildren() {
        int to = bodyEnd;
        if (depth + 1 >= limits.maxMimeDepth()) {
            if (contentType.isMultipart() || isEmbeddedMessage(contentType)) budget.truncated = true;
            return List.of();
        }
        if (contentType.isMultipart() && contentType.boundary() != null) {
            return splitMultipart(buf, bodyStart, to, depth, contentType, limits, budget);
        }
        if (isEmbeddedMessage(contentType) && identityEncoded(headers) && bodyStart < to) {
            if (budget.parts < limits.maxParts()) {
                int start = BounceMessage.headerStart(buf, bodyStart, to); // an extra blank line before its header
                return List.of(read(buf, start, to, depth + 1, ContentType.TEXT_PLAIN, limits, budget));
            }
            budget.truncated = true;
        }
        return List.of();
    }

    private static boolean isEmbeddedMessage(ContentType ct) {
        return ct.is("message/rfc822") || ct.is("message/global");
    }

    private static boolean identityEncoded(HeaderBlock h) {
        String cte = h.get("content-transfer-encoding");
        if (cte == null) return true;
        String e = cte.trim().toLowerCase(Locale.ROOT);
        return !(e.equals("base64") || e.equals("quoted-printable"));
    }

    /**
     * Splits a multipart body at its delimiter lines ("--" boundary at the start of a line, RFC 2046
     * section 5.1.1). The line break before a delimiter belongs to the delimiter. A missing close
     * delimiter (a truncated bounce) ends the last part at the end of the data.
     */
    private static List<MimePart> splitMultipart(byte[] buf, int from, int to, int depth, ContentType ct,
                                                 Limits limits, Budget budget) {
        byte[] delim = ("--" + ct.boundary()).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<MimePart> parts = new ArrayList<>(4);
        ContentType childDefault = ct.is("multipart/digest") ? ContentType.MESSAGE_RFC822 : ContentType.TEXT_PLAIN;
        int[] shifts = ByteScan.shifts(delim);
        int partStart = -1;
        int pos = from;
        while (pos < to) {
            int line = nextDelimiterLine(buf, delim, shifts, pos, to, from);
            if (line < 0) break;
            int eol = ByteScan.lineEnd(buf, line, to);
            if (eol - line >= delim.length && ByteScan.startsWith(buf, line, to, delim)) {
                int after = line + delim.length;
                boolean close = after + 1 < to && buf[after] == '-' && buf[after + 1] == '-';
                if (close || onlyBlanks(buf, after, eol)) {
                    if (partStart >= 0) {
                        int partEnd = lineBreakStart(buf, partStart, line);
                        if (!addPart(parts, buf, partStart, partEnd, depth, childDefault, limits, budget)) return parts;
                    }
                    if (close) return parts;
                    partStart = ByteScan.nextLine(buf, eol, to);
                }
            }
            pos = ByteScan.nextLine(buf, eol, to);
        }
        if (partStart >= 0 && partStart < to) {
            addPart(parts, buf, partStart, to, depth, childDefault, limits, budget);
        }
        return parts;
    }

    /**
     * The start of the next line at or after {@code pos} that begins with {@code delim} ("--" and the boundary;
     * {@code shifts} its {@link ByteScan#shifts}), or -1; {@code floor}, the body's start, counts as a line start.
     * The delimiter itself is looked for (Horspool's search, which moves on by up to its length at a time), not
     * every line that opens with "--" (a search stopping at every hyphen, and the returned original's header
     * lines are full of them, was ~2.2% of the engine's CPU under C2): the lines it passes over are the ones
     * splitMultipart read and dropped. Splitting the corpus's 395 multipart bodies took 0.65x the time under C2,
     * 0.63x under C1 (a micro-benchmark, /tmp/h16/mb/DelimBench2.java; ~1% of the engine's CPU a message).
     */
    static int nextDelimiterLine(byte[] b, byte[] delim, int[] shifts, int pos, int to, int floor) {
        int i = pos;
        while ((i = ByteScan.indexOf(b, delim, shifts, i, to)) >= 0) {
            if (i == floor || b[i - 1] == '\n' || b[i - 1] == '\r') return i;
            i++;
        }
        return -1;
    }

    private static boolean addPart(List<MimePart> parts, byte[] buf, int from, int to, int depth, ContentType dflt,
                                   Limits limits, Budget budget) {
        if (budget.parts >= limits.maxParts()) {
            budget.truncated = true;
            return false;
        }
        parts.add(read(buf, from, Math.max(from, to), depth + 1, dflt, limits, budget));
        return true;
    }

    private static boolean onlyBlanks(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (!ByteScan.isWsp(b[i])) return false;
        return true;
    }

    /** Start of the line break that ends the line before {@code lineStart} (not before {@code floor}). */
    private static int lineBreakStart(byte[] b, int floor, int lineStart) {
        int e = lineStart;
        if (e > floor && b[e - 1] == '\n') e--;
        if (e > floor && b[e - 1] == '\r') e--;
        return e;
    }

    public HeaderBlock headers() { return headers; }

    public ContentType contentType() { return contentType; }

    public String mimeType() { return contentType.mimeType(); }

    public List<MimePart> children() {
        if (children == null) children = findChildren();
        return children;
    }

    public int depth() { return depth; }

    public int bodyStart() { return bodyStart; }

    public int bodyEnd() { return bodyEnd; }

    /**
     * True for a text/plain leaf, and for a multipart whose boundary never appears (a broken or
     * non-MIME report that declares multipart): its body is plain text too.
     */
    public boolean isPlainText() {
        if (!children().isEmpty()) return false;
        return contentType.is("text/plain") || contentType.isMultipart();
    }

    /** The shared buffer this part's offsets point into. */
    public byte[] buffer() { return buf; }

    /** The embedded message of a message/rfc822 part (identity-encoded), or null. */
    public MimePart embedded() {
        return isEmbeddedMessage(contentType) && !children().isEmpty() ? children().get(0) : null;
    }

    /** The body with its transfer encoding undone. A copy only when decoding was needed. */
    public byte[] bytes() {
        byte[] decoded = transferDecoded();
        return decoded != null ? decoded : java.util.Arrays.copyOfRange(buf, bodyStart, readEnd());
    }

    /** The body with its base64 or quoted-printable undone, or null when it is identity-encoded (then it is the range up to {@link #readEnd()}). */
    private byte[] transferDecoded() {
        String cte = headers.get("content-transfer-encoding");
        String e = cte == null ? "" : cte.trim().toLowerCase(Locale.ROOT);
        if (e.equals("base64")) return TransferDecoding.base64(buf, bodyStart, readEnd());
        if (e.equals("quoted-printable")) return TransferDecoding.quotedPrintable(buf, bodyStart, readEnd());
        return null;
    }

    /**
     * Whether the body's first non-blank line is a header field line ("Name: value") or an mbox "From " line: read where an identity-encoded
     * body lies, without the copy {@link #bytes()} makes or the decoding {@link #text()} does; the cheap first test
     * before a leaf is read as a report or a message it carries (an attached PDF fails it at its first bytes).
     */
    public boolean opensWithField() {
        byte[] decoded = transferDecoded();
        byte[] b = decoded != null ? decoded : buf;
        int pos = decoded != null ? 0 : bodyStart;
        int end = decoded != null ? decoded.length : readEnd();
        while (pos < end && (b[pos] == '\r' || b[pos] == '\n' || b[pos] == ' ' || b[pos] == '\t')) pos++;
        return pos < end && HeaderBlock.isFieldLine(b, pos, end);   // or an mbox "From " line (a saved .eml)
    }

    /** Where the body read stops: its end, or the inspection cap. */
    private int readEnd() { return Math.min(bodyEnd, bodyStart + limits.maxInspectBytes()); }

    /**
     * The body as text: transfer encoding undone, decoded with its charset (unlabelled: UTF-8 if valid,
     * else ISO-8859-1), every line break turned into "\n", capped at {@link Limits#maxTextChars()}, and a
     * format=flowed text's soft breaks joined ({@link Flowed}).
     * Cached.
     */
    public String text() {
        if (text == null) {
            // an identity-encoded body is decoded where it lies, without the copy bytes() makes
            byte[] decoded = transferDecoded();
            byte[] b = decoded != null ? decoded : buf;
            int from = decoded != null ? 0 : bodyStart;
            int to = decoded != null ? decoded.length : readEnd();
            String s = decodeCharset(b, from, to, contentType.charset());
            text = mayHoldCr(b, from, to, contentType.charset()) ? normalizeBreaks(s, limits.maxTextChars())
                    : capped(s, limits.maxTextChars());
            if (contentType.flowed()) text = Flowed.decode(text, contentType.delSp());
        }
        return text;
    }

    /** A message/rfc822 part whose body is base64 or quoted-printable: decode it and read it as a message. */
    public MimePart decodeEmbedded() {
        MimePart e = embedded();
        if (e != null || !isEmbeddedMessage(contentType)) return e;
        byte[] inner = bytes();
        return read(inner, 0, inner.length, depth + 1, ContentType.TEXT_PLAIN, limits, new Budget());
    }

    /**
     * The text of {@code b} in {@code charset}; unlabelled (or us-ascii, or a label Java does not know), UTF-8
     * if valid, else ISO-8859-1. A text labelled ISO-8859-1 or windows-1252 is read as UTF-8 when its bytes are
     * valid UTF-8 beyond ASCII: relays and gateways label UTF-8 text with their own default charset (issue 13,
     * TransportInvarianceTest utf8-labelled-latin1), and a Latin-1 text whose 8-bit bytes all pair up as UTF-8
     * sequences would be mojibake ("Ã©") in its own charset.
     */
    static String decodeCharset(byte[] b, int from, int to, String charset) {
        Charset cs = Charsets.lookup(charset);
        if (cs == null) return ByteScan.text(b, from, to);
        if (cs == java.nio.charset.StandardCharsets.ISO_8859_1 || cs.name().equals("windows-1252")) return ByteScan.text(b, from, to, cs);
        return new String(b, from, to - from, cs);
    }

    /**
     * False when the text {@link #decodeCharset} makes of {@code b[from, to)} in {@code charset} cannot hold a CR:
     * the charset is one whose only way to write U+000D is the byte 0x0D (unlabelled, which reads as ASCII, UTF-8 or
     * ISO-8859-1; UTF-8; ISO-8859-1; windows-1252), and no such byte is there. Then {@link #normalizeBreaks}'s
     * search of the decoded String for a CR can be skipped: under C1 that String.indexOf is a plain loop over
     * every character of every text read (~2.5% of the engine's CPU, async-profiler), where this looks at eight
     * bytes at a time. True (search the String) for any other charset.
     */
    static boolean mayHoldCr(byte[] b, int from, int to, String charset) {
        Charset cs = Charsets.lookup(charset);
        boolean crOnlyAsByte = cs == null || cs == java.nio.charset.StandardCharsets.UTF_8
                || cs == java.nio.charset.StandardCharsets.ISO_8859_1 || cs.name().equals("windows-1252");
        return !crOnlyAsByte || ByteScan.indexOf(b, (byte) '\r', from, to) >= 0;
    }

    /** {@code s} cut to {@code maxChars} characters. */
    private static String capped(String s, int maxChars) {
        return s.length() > maxChars ? s.substring(0, maxChars) : s;
    }

    static String normalizeBreaks(String s, int maxChars) {
        s = capped(s, maxChars);
        if (s.indexOf('\r') < 0) return s;
        // CRLF (every message received over SMTP), then any lone CR; String.replace is vectorised
        String t = s.replace("\r\n", "\n");
        return t.indexOf('\r') < 0 ? t : t.replace('\r', '\n');
    }
}
