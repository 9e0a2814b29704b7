package bouncemx.state;

import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link EventFacts}: the same few fields of one event JSON, read straight from its bytes by a
 * strict scanner that makes a String only for the values it keeps (a rebuild reads tens of millions of events; the
 * streaming parser was half of its reading pass, bench/README.md). It follows exactly the paths and rules of
 * {@link EventFacts#read} (the last of duplicated keys wins; a container where text is expected is ""; the first
 * spelling of the campaign header). It declines (returns false, and the caller uses the streaming parser) on
 * anything it does not take on: bytes that are not strict JSON (RFC 8259, well-formed UTF-8), an escape inside a
 * kept string or in a key, a number or true/false where text is kept, a container for {@code suppressed}, a
 * non-ASCII header name, nesting deeper than {@value #MAX_DEPTH}, more than {@value #MAX_NAMES} keys, a string
 * longer than {@value #MAX_STRING} bytes, a number longer than {@value #MAX_NUMBER} characters, anything after the
 * object. What it accepts, Jackson accepts too (its limits are far above these), so the facts are always equal.
 * Mutable, one per thread.
 */
final class EventScanner {
    static final int MAX_DEPTH = 64;
    static final int MAX_NAMES = 500;
    static final int MAX_STRING = 1 << 20;
    static final int MAX_NUMBER = 100;

    /** Thrown to decline; no stack trace. */
    private static final class Decline extends RuntimeException {
        Decline() {
            super(null, null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();

    private static final byte[] TYPE = ascii("type"), TIMESTAMP = ascii("timestamp"), DATA = ascii("data"),
            RECIPIENT = ascii("recipient"), CLASSIFICATION = ascii("classification"), ORIGINAL = ascii("original"),
            DIAGNOSTICS = ascii("diagnostics"), SUPPRESSION = ascii("suppression"), ID = ascii("id"),
            RECEIVED_AT = ascii("received_at"), ADDRESS = ascii("address"), AT = ascii("at"),
            CATEGORY = ascii("category"), REASON = ascii("reason"), RULE = ascii("rule"),
            MESSAGE_ID = ascii("message_id"), FEEDBACK_ID = ascii("feedback_id"), LIST_ID = ascii("list_id"),
            HEADERS = ascii("headers"), FEEDBACK_TYPE = ascii("feedback_type"), CAUSE = ascii("cause"),
            SUPPRESSED = ascii("suppressed");

    /** Recent values of the few-valued fields ({@link #word()}). */
    private final RecentWords words = new RecentWords();

    /** The campaign header, lowercased, as ASCII bytes; null when it is not ASCII (then any header declines). */
    private final byte[] header;

    private byte[] b;
    private int p, end, depth, names;
    /** The key just read: its first byte and length. */
    private int nameAt, nameLen;
    private boolean nameAscii;

    EventScanner(String campaignHeader) {
        byte[] h = campaignHeader.getBytes(StandardCharsets.UTF_8);
        boolean ascii = h.length == campaignHeader.length();
        for (byte x : h) if (x >= 'A' && x <= 'Z') ascii = false; // it comes lowercased; else take no chances
        this.header = ascii ? h : null;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Fills {@code f} from {@code json[from, to)}; false when it declines (then {@code f} holds partial facts and
     * the caller reads the event with {@link EventFacts#read} instead).
     */
    boolean scan(byte[] json, int from, int to, EventFacts f) {
        b = json;
        p = from;
        end = to;
        depth = 0;
        names = 0;
        try {
            ws();
            if (peek() != '{') return false;
            p++;
            top(f);
            ws();
            return p == end;
        } catch (Decline d) {
            return false;
        } finally {
            b = null;
        }
    }

    // --- the paths EventFacts reads, in its order of decisions ---

    private void top(EventFacts f) {
        enter();
        if (firstName()) {
            do {
                if (is(TYPE)) f.type = word();
                else if (is(TIMESTAMP)) f.timestamp = text();
                else if (is(DATA) && peek() == '{') data(f);
                else skipValue();
            } while (nextName());
        }
        depth--;
    }

    private void data(EventFacts f) {
        p++;
        enter();
        if (firstName()) {
            do {
                if (peek() == '{') {
                    if (is(RECIPIENT)) f.recipientAddress = member(ADDRESS, f.recipientAddress);
                    else if (is(CLASSIFICATION)) classification(f);
                    else if (is(ORIGINAL)) original(f);
                    else if (is(DIAGNOSTICS)) f.feedbackType = member(FEEDBACK_TYPE, f.feedbackType);
                    else if (is(SUPPRESSION)) suppression(f);
                    else skipValue();
                } else if (is(ID)) f.dataId = text();
                else if (is(RECEIVED_AT)) f.dataReceivedAt = text();
                else if (is(ADDRESS)) f.dataAddress = text();
                else if (is(AT)) f.dataAt = text();
                else skipValue();
            } while (nextName());
        }
        depth--;
    }

    private void classification(EventFacts f) {
        p++;
        enter();
        if (firstName()) {
            do {
                if (is(CATEGORY)) f.category = word();
                else if (is(REASON)) f.reason = word();
                else if (is(RULE)) f.rule = word();
                else skipValue();
            } while (nextName());
        }
        depth--;
    }

    private void original(EventFacts f) {
        p++;
        enter();
        if (firstName()) {
            do {
                if (is(MESSAGE_ID)) f.originalMessageId = text();
                else if (is(FEEDBACK_ID)) f.originalFeedbackId = text();
                else if (is(LIST_ID)) f.originalListId = text();
                else if (is(HEADERS) && peek() == '{') headers(f);
                else skipValue();
            } while (nextName());
        }
        depth--;
    }

    private void headers(EventFacts f) {
        p++;
        enter();
        boolean found = false;
        if (firstName()) {
            do {
                if (!found && isHeader()) {
                    f.originalHeader = text();
                    found = true;
                } else {
                    skipValue();
                }
            } while (nextName());
        }
        depth--;
    }

    private void suppression(EventFacts f) {
        p++;
        enter();
        if (firstName()) {
            do {
                if (is(CAUSE)) f.suppressionCause = word();
                else if (is(AT)) f.suppressionAt = text();
                else if (is(ADDRESS)) f.suppressionAddress = text();
                else if (is(SUPPRESSED)) {
                    byte c = peek();
                    if (c == '{' || c == '[') throw DECLINE; // EventFacts would walk into it: not taken on here
                    f.suppressionSuppressed = c == 't';
                    skipValue();
                } else skipValue();
            } while (nextName());
        }
        depth--;
    }

    /** The member {@code name} of the object at p (the last, if repeated), or {@code current}; see EventFacts.member. */
    private String member(byte[] name, String current) {
        p++;
        enter();
        String value = current;
        if (firstName()) {
            do {
                if (is(name)) value = text(); else skipValue();
            } while (nextName());
        }
        depth--;
        return value;
    }

    // --- objects: after '{' (firstName) and after each value (nextName); on true, the key is read and p is at its value ---

    private void enter() {
        if (++depth > MAX_DEPTH) throw DECLINE;
    }

    private boolean firstName() {
        ws();
        if (peek() == '}') {
            p++;
            return false;
        }
        name();
        return true;
    }

    private boolean nextName() {
        ws();
        byte c = peek();
        p++;
        if (c == '}') return false;
        if (c != ',') throw DECLINE;
        ws();
        name();
        return true;
    }

    private void name() {
        if (peek() != '"') throw DECLINE;
        if (++names > MAX_NAMES) throw DECLINE;
        p++;
        nameAt = p;
        nameAscii = true;
        while (true) {
            byte c = peek();
            if (c == '"') break;
            if (c == '\\' || (c >= 0 && c < 0x20)) throw DECLINE;
            if (c < 0) {
                nameAscii = false;
                utf8();
            } else {
                p++;
            }
        }
        nameLen = p - nameAt;
        if (nameLen > 1000) throw DECLINE;
        p++;
        ws();
        if (peek() != ':') throw DECLINE;
        p++;
        ws();
        peek(); // a value must follow
    }

    private boolean is(byte[] name) {
        if (nameLen != name.length) return false;
        for (int i = 0; i < nameLen; i++) if (b[nameAt + i] != name[i]) return false;
        return true;
    }

    /** The key equals the campaign header ignoring case (String.equalsIgnoreCase); non-ASCII declines. */
    private boolean isHeader() {
        if (!nameAscii || header == null) throw DECLINE;
        if (nameLen != header.length) return false;
        for (int i = 0; i < nameLen; i++) {
            int c = b[nameAt + i];
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != header[i]) return false;
        }
        return true;
    }

    // --- values ---

    /** A kept value as EventFacts.text gives it: a string's text, "" for null or a container; else declines. */
    private String text() {
        byte c = peek();
        if (c == '"') return string();
        if (c == 'n' || c == '{' || c == '[') {
            skipValue();
            return "";
        }
        throw DECLINE; // a number, true or false: Jackson's text of it is not reproduced here
    }

    /**
     * {@link #text()} for the fields that take few values (type, category, reason, rule, cause): a short plain-ASCII
     * string seen recently is given again as the same String, not a new one per event (a rebuild reads tens of
     * millions). Anything else goes through {@link #text()}, with the same result.
     */
    private String word() {
        if (peek() != '"') return text();
        int start = p + 1;
        int q = start;
        while (q < end && q - start <= RecentWords.MAX_BYTES) {
            byte x = b[q];
            if (x == '"') break;
            if (x < 0x20 || x == '\\') return text(); // control, escape or non-ASCII (negative): the general path
            q++;
        }
        if (q >= end || b[q] != '"' || q - start > RecentWords.MAX_BYTES) return text();
        p = q + 1;
        return words.of(b, start, q - start);
    }

    private String string() {
        int start = ++p;
        boolean ascii = true;
        while (true) {
            byte c = peek();
            if (c == '"') break;
            if (c == '\\' || (c >= 0 && c < 0x20)) throw DECLINE;
            if (c < 0) {
                ascii = false;
                utf8();
            } else {
                p++;
            }
        }
        int n = p - start;
        if (n > MAX_STRING) throw DECLINE;
        p++;
        return new String(b, start, n, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private void skipValue() {
        byte c = peek();
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                p++;
                enter();
                if (firstName()) {
                    do skipValue(); while (nextName());
                }
                depth--;
            }
            case '[' -> {
                p++;
                enter();
                ws();
                if (peek() == ']') {
                    p++;
                } else {
                    while (true) {
                        skipValue();
                        ws();
                        byte d = peek();
                        p++;
                        if (d == ']') break;
                        if (d != ',') throw DECLINE;
                        ws();
                    }
                }
                depth--;
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void skipString() {
        int start = ++p;
        while (true) {
            byte c = peek();
            if (c == '"') break;
            if (c == '\\') {
                p++;
                byte e = peek();
                p++;
                switch (e) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
                    case 'u' -> {
                        for (int i = 0; i < 4; i++) {
                            byte h = peek();
                            p++;
                            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) throw DECLINE;
                        }
                    }
                    default -> throw DECLINE;
                }
            } else if (c >= 0 && c < 0x20) {
                throw DECLINE;
            } else if (c < 0) {
                utf8();
            } else {
                p++;
            }
        }
        if (p - start > MAX_STRING) throw DECLINE;
        p++;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (peek() != word.charAt(i)) throw DECLINE;
            p++;
        }
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, no longer than MAX_NUMBER. */
    private void number() {
        int start = p;
        if (peek() == '-') p++;
        byte c = peek();
        if (c == '0') {
            p++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw DECLINE;
        }
        if (p < end && b[p] == '.') {
            p++;
            if (!isDigit(peek())) throw DECLINE;
            digits();
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (peek() == '+' || peek() == '-') p++;
            if (!isDigit(peek())) throw DECLINE;
            digits();
        }
        if (p - start > MAX_NUMBER) throw DECLINE;
    }

    private void digits() {
        while (p < end && isDigit(b[p])) p++;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** One well-formed UTF-8 sequence of two to four bytes at p (Unicode table 3-7), else declines. */
    private void utf8() {
        int c = b[p] & 0xff;
        int lo = 0x80, hi = 0xbf, more;
        if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0) lo = 0xa0;
            if (c == 0xed) hi = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0) lo = 0x90;
            if (c == 0xf4) hi = 0x8f;
        } else {
            throw DECLINE;
        }
        p++;
        for (int i = 0; i < more; i++) {
            int d = peek() & 0xff;
            if (d < lo || d > hi) throw DECLINE;
            lo = 0x80;
            hi = 0xbf;
            p++;
        }
    }

    private void ws() {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            p++;
        }
    }

    /** The byte at p; declines at the end of the input. */
    private byte peek() {
        if (p >= end) throw DECLINE;
        return b[p];
    }
}
