package bouncemx.parse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the returned original message in a report and reads the headers senders correlate on. Looks,
 * in order, at: a message/rfc822 or message/global part (RFC 3462/6522 third part), a
 * text/rfc822-headers or message/global-headers part, and finally inline text, where many MTAs paste
 * the original after a separator line: there the first run of lines that parse as header fields and
 * include Message-ID, Subject or From after the report text is taken. Returns {@link OriginalMessage#NONE}
 * when none is found. Stateless and thread-safe; configured with the extra header names to keep.
 */
public final class Originals {
    private final List<String> extraHeaders;
    private final Limits limits;

    public Originals(List<String> extraHeaders, Limits limits) {
        this.extraHeaders = extraHeaders.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
        this.limits = limits;
    }

    public static Originals standard() {
        return new Originals(List.of(), Limits.DEFAULT);
    }

    /**
     * The returned original's headers; when it gives no Message-ID (no original returned, as in an
     * automatic reply, or one cut before that field), the report's own In-Reply-To when it names exactly
     * one message: RFC 3834 section 3.1.5 asks responders to set it, and Gmail's and Exchange's reports do.
     */
    public OriginalMessage find(BounceMessage m) {
        OriginalMessage o = returned(m);
        if (!o.messageId().isEmpty()) return o;
        String inReplyTo = singleMessageId(m.headers().get("in-reply-to"));
        if (inReplyTo == null) return o;
        return new OriginalMessage(inReplyTo, o.subject(), o.from(), o.to(), o.listId(), o.feedbackId(), o.extra());
    }

    /** The one msg-id ("<...@...>") of an In-Reply-To value, or null when there is none or several. */
    static String singleMessageId(String v) {
        if (v == null) return null;
        String t = v.trim();
        int open = t.indexOf('<');
        int close = t.indexOf('>', open + 1);
        if (open < 0 || close < 0 || t.indexOf('<', close) >= 0) return null;
        String id = t.substring(open, close + 1);
        return id.indexOf('@') > 1 && id.length() <= 998 && id.chars().noneMatch(c -> c <= ' ') ? id : null;
    }

    private OriginalMessage returned(BounceMessage m) {
        HeaderBlock h = returnedHeaders(m, limits);
        return h != null ? of(h) : inline(m);
    }

    /**
     * The header of the original returned as a part of its own (message/rfc822 or message/global, else
     * text/rfc822-headers and its kin), or null when the report has no such part: the cheap half of {@link #find},
     * without the scan of the text for an original pasted into it.
     */
    public static HeaderBlock returnedHeaders(BounceMessage m, Limits limits) {
        // read once per message: the plain-text reader asks for the original's From, the decoder then for all of it
        // (a text/rfc822-headers part was parsed twice)
        return m.derived(new Returned(limits), x -> readReturnedHeaders(x, limits));
    }

    /** {@link #returnedHeaders}' key in {@link BounceMessage#derived}. */
    private record Returned(Limits limits) {}

    private static HeaderBlock readReturnedHeaders(BounceMessage m, Limits limits) {
        List<MimePart> parts = m.reportParts();
        for (int i = 1; i < parts.size(); i++) {
            MimePart p = parts.get(i);
            if (p.contentType().is("message/rfc822") || p.contentType().is("message/global")) {
                MimePart e = p.decodeEmbedded();
                if (e != null && e.headers().size() > 0) return e.headers();
            }
        }
        for (int i = 1; i < parts.size(); i++) {
            MimePart p = parts.get(i);
            // "message/rfc822-headers": maddy's name for text/rfc822-headers (internal/dsn/dsn.go writeHeader)
            if (p.contentType().is("text/rfc822-headers") || p.contentType().is("message/global-headers")
                    || p.contentType().is("message/rfc822-headers")) {
                byte[] b = p.bytes();
                HeaderBlock h = HeaderBlock.parse(b, skipBlankLines(b, 0), b.length, limits);
                if (h.size() > 0) return h;
            }
        }
        boolean text = false;   // the first text/plain leaf is the notice's own text, whatever it opens with
        for (int i = 1; i < parts.size(); i++) {
            MimePart p = parts.get(i);
            if (p.isPlainText() && !text) { text = true; continue; }
            HeaderBlock h = carriedHeader(p, limits);
            if (h != null) return h;
        }
        return null;
    }

    /**
     * The header of the message a leaf part carries without saying so: labelled application/octet-stream (a
     * gateway's or client's "original.eml") or text/plain (a returned message relabelled), its bytes opening with a
     * message's header (From or To, and Subject, Message-ID or Date); null for any other part. A delivery-status part
     * so labelled has none of those fields.
     */
    public static HeaderBlock carriedHeader(MimePart p, Limits limits) {
        if (!p.children().isEmpty() || !(p.isPlainText() || p.mimeType().equals("application/octet-stream"))) return null;
        if (!p.opensWithField()) return null;
        byte[] b = p.bytes();
        HeaderBlock h = HeaderBlock.parse(b, skipBlankLines(b, 0), b.length, limits);
        boolean party = h.has("from") || h.has("to");
        boolean message = h.has("subject") || h.has("message-id") || h.has("date");
        return party && message ? h : null;
    }

    /** A message attached as a file: an application/octet-stream leaf that carries a message's header ({@link #carriedHeader}). */
    public static boolean isMessageFile(MimePart p, Limits limits) {
        return p.mimeType().equals("application/octet-stream") && carriedHeader(p, limits) != null;
    }

    /** The address in the From of the original returned as a part of its own ({@link #returnedHeaders}), or "". */
    public static String returnedFrom(BounceMessage m, Limits limits) {
        HeaderBlock h = returnedHeaders(m, limits);
        return h == null ? "" : Addresses.first(h.getDecoded("from"));
    }

    /** Scans the main text for a block of header lines that looks like the original's header. */
    private OriginalMessage inline(BounceMessage m) {
        MimePart body = null;
        for (MimePart p : m.reportParts()) {
            if (p.isPlainText()) { body = p; break; }
        }
        if (body == null) return OriginalMessage.NONE;
        byte[] b = body.buffer();
        int from = body.bodyStart();
        int to = body.bodyEnd();
        String cte = body.headers().get("content-transfer-encoding");
        boolean encoded = cte != null && !IDENTITY_ENCODING.matcher(cte.trim()).matches();
        if (encoded) {
            b = body.bytes();
            from = 0;
            to = b.length;
        }
        int pos = from;
        int guard = 0;
        while (pos < to && guard++ < 20000) {
            int eol = ByteScan.lineEnd(b, pos, to);
            if (looksLikeOriginalHeader(b, pos, eol)) {
                // back up over the header lines immediately above (Received:, Return-Path: ...)
                HeaderBlock h = HeaderBlock.parse(b, pos, to, limits);
                if (h.size() >= 2 && (h.has("message-id") || h.has("subject")) && (h.has("from") || h.has("to") || h.has("date"))) {
                    return of(h);
                }
                // a block that falls short holds every field a block starting on one of its later lines would
                // hold, so none of those can pass either: go on after it (unless the field cap cut it short)
                if (h.size() < limits.maxHeaders() && h.bodyStart() > eol) {
                    pos = h.bodyStart();
                    continue;
                }
            }
            pos = ByteScan.nextLine(b, eol, to);
        }
        return OriginalMessage.NONE;
    }

    static final String[] STARTERS = {"return-path:", "received:", "from:", "message-id:", "subject:", "to:", "date:", "mime-version:", "x-", "dkim-signature:", "reply-to:", "content-type:"};
    private static final String STARTER_LETTERS = "rfmstdxc";

    private static final java.util.regex.Pattern IDENTITY_ENCODING = java.util.regex.Pattern.compile("(?i)7bit|8bit|binary");

    /** {@link #STARTERS} as bytes (all lowercase ASCII), compared only when the line's first letter is theirs. */
    private static final byte[][] STARTER_BYTES = new byte[STARTERS.length][];

    static {
        for (int k = 0; k < STARTERS.length; k++) STARTER_BYTES[k] = ascii(STARTERS[k]);
    }

    static boolean looksLikeOriginalHeader(byte[] b, int pos, int eol) {
        // at line start and preceded by a blank line or a separator: cheap check of the field name only;
        // the first letter first (it runs on every line of the text), then only the names with that letter,
        // byte against byte: a case-insensitive test of all twelve per line (Character.toLowerCase per
        // character) was ~0.5% of the engine's CPU under C1
        if (pos >= eol) return false;
        int first = ByteScan.lower(b[pos]);
        if (STARTER_LETTERS.indexOf(first) < 0) return false;
        for (byte[] s : STARTER_BYTES) {
            if (s[0] == first && ByteScan.startsWithLower(b, pos, eol, s)) return s.length > 2 || hasColonInName(b, pos, eol);
        }
        return false;
    }

    private static boolean hasColonInName(byte[] b, int pos, int eol) {
        for (int i = pos; i < eol && i < pos + 60; i++) {
            if (b[i] == ':') return true;
            if (b[i] == ' ') return false;
        }
        return false;
    }

    private static int skipBlankLines(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == '\r' || b[pos] == '\n')) pos++;
        return pos;
    }

    private OriginalMessage of(HeaderBlock h) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String name : extraHeaders) {
            String v = h.getDecoded(name);
            if (v != null) extra.put(name, v);
        }
        String mid = h.get("message-id");
        return new OriginalMessage(mid == null ? "" : mid.trim(), h.getDecoded("subject"), h.getDecoded("from"),
                h.getDecoded("to"), h.get("list-id"), h.get("feedback-id"), extra);
    }

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }
}
