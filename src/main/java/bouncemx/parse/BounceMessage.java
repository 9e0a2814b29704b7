package bouncemx.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A received message read from its bytes: the top-level header block split once, the MIME tree walked
 * by boundary scanning, and lazily computed views that dialects share (the flat list of parts, the main
 * human-readable text, lowercased Subject and From). The whole message is never turned into one String;
 * only the text parts a dialect asks for are decoded, each capped. Reading never throws on malformed
 * input: what cannot be read is simply absent, and {@link #truncated()} tells whether a cap was hit.
 * Not thread-safe: one worker owns it.
 */
public final class BounceMessage {
    private final byte[] raw;
    private final MimePart root;
    private final MimePart.Budget budget;
    private final boolean cut;
    private List<MimePart> flat;
    private List<MimePart> reportFlat;
    private String subjectLower;
    private String fromLower;
    private String receivedLower;
    private String mainText;
    private String mainTextLower;
    private InlineText.Carried carried;
    private Object[] derivedKeys;
    private Object[] derivedValues;
    private int derivedCount;

    /** {@code mainText} null: worked out from the parts when first asked; else given (a {@link #writersTexts} reading). */
    private BounceMessage(byte[] raw, MimePart root, MimePart.Budget budget, boolean cut, String mainText) {
        this.raw = raw;
        this.root = root;
        this.budget = budget;
        this.cut = cut;
        this.mainText = mainText;
    }

    /**
     * This message read with the own words of each writer as the main text, not the text a mail client quoted or
     * forwarded under them ({@link #carried()} is null; quoted lines are left out): a postmaster who writes a notice
     * of their own above the quoted original ("the user jan@x left us ... please remove this address", then "Am ...
     * schrieb News:" and the newsletter quoted). The message's own writer first, then the writer of each text it
     * carries but the innermost, which {@link #mainText()} already is (the postmaster's note quoted in turn by
     * someone's reply; {@link InlineText#levels}). None when the text carries nothing. The same parts; nothing is
     * parsed again.
     */
    public List<BounceMessage> writersTexts() {
        mainText();
        if (carried == null) return List.of();
        List<String> levels = InlineText.levels(withoutBanner(WrappedLines.join(readMainText())),
                InlineText.isForwardSubject(subjectLower()));
        List<BounceMessage> out = new ArrayList<>(levels.size() - 1);
        for (int i = 0; i < levels.size() - 1; i++) {
            out.add(new BounceMessage(raw, root, budget, cut, InlineText.withoutQuotedLines(levels.get(i))));
        }
        return out;
    }

    public static BounceMessage parse(byte[] raw) {
        return parse(raw, Limits.DEFAULT);
    }

    public static BounceMessage parse(byte[] raw, Limits limits) {
        int to = Math.min(raw.length, limits.maxInspectBytes());
        var budget = new MimePart.Budget();
        MimePart root = MimePart.read(raw, headerStart(raw, 0, to), to, 0, ContentType.TEXT_PLAIN, limits, budget);
        return new BounceMessage(raw, root, budget, to < raw.length, null);
    }

    /** Blank lines a message may carry before its header; more is a message without one. */
    private static final int MAX_LEADING_BLANK_LINES = 4;

    /**
     * Where the top-level header starts: after empty or whitespace-only lines that some writers put before
     * it (a mailbox or pipe writer's stray newline; issue 13 list 1), when a header field line follows them.
     * RFC 5322 section 2.1 puts the header first, so a blank first line would otherwise end an empty header
     * and turn the whole message into body. {@code from} when the message starts with anything else. Also
     * used for a message embedded in a message/rfc822 part (the returned original), whose writer may leave
     * an extra blank line after the part's header.
     */
    static int headerStart(byte[] raw, int from, int to) {
        int pos = from;
        for (int i = 0; i < MAX_LEADING_BLANK_LINES && pos < to; i++) {
            int eol = ByteScan.lineEnd(raw, pos, to);
            for (int j = pos; j < eol; j++) if (!ByteScan.isWsp(raw[j])) return i == 0 ? from : HeaderBlock.isFieldLine(raw, pos, to) ? pos : from;
            pos = ByteScan.nextLine(raw, eol, to);
        }
        return pos < to && HeaderBlock.isFieldLine(raw, pos, to) ? pos : from;
    }

    public byte[] raw() { return raw; }

    public MimePart root() { return root; }

    public HeaderBlock headers() { return root.headers(); }

    /**
     * True when a cap was reached in what has been read so far (parts are read lazily): some of the
     * message was not looked at.
     */
    public boolean truncated() { return cut || budget.truncated; }

    /** First top-level value of {@code lowerName}, encoded words decoded; null when absent. */
    public String header(String lowerName) { return root.headers().getDecoded(lowerName); }

    /**
     * {@code compute}'s value for this message, computed on the first call with an equal {@code key} and
     * remembered (null too): for what several dialects work out alike on one message, such as the
     * delivery-status part's fields (Postfix, Sendmail, Exchange and the RFC 3464 reader each read them, and
     * a message one of them declines reaches the next). {@code compute} must be a pure function of the
     * message for that key, and its value immutable. A few keys per message: a list, searched by equals.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, java.util.function.Function<BounceMessage, T> compute) {
        for (int i = 0; i < derivedCount; i++) if (derivedKeys[i].equals(key)) return (T) derivedValues[i];
        T value = compute.apply(this);
        if (derivedKeys == null) {
            derivedKeys = new Object[4];
            derivedValues = new Object[4];
        } else if (derivedCount == derivedKeys.length) {
            derivedKeys = java.util.Arrays.copyOf(derivedKeys, derivedCount * 2);
            derivedValues = java.util.Arrays.copyOf(derivedValues, derivedCount * 2);
        }
        derivedKeys[derivedCount] = key;
        derivedValues[derivedCount++] = value;
        return value;
    }

    /**
     * Decoded Subject, lowercased, without the tags that gateways and list servers put before it ({@link
     * #untagged}); "" when absent.
     */
    public String subjectLower() {
        if (subjectLower == null) {
            String s = header("subject");
            subjectLower = s == null ? "" : TextScan.lower(untagged(s));
        }
        return subjectLower;
    }

    /** Longest tag taken off a Subject's start, brackets or stars included. */
    private static final int MAX_TAG = 40;

    /** Words that security gateways put before a Subject with a colon (matched in any case). */
    private static final List<String> TAG_WORDS = List.of("external:", "ext:", "spam:", "suspected spam:", "possible spam:");

    /**
     * The Subject {@code s} (as decoded, in any case) without the tags put before it on the way: a security gateway's
     * "[EXTERNAL] ", "***SPAM*** ", "[SPAM] ", "EXTERNAL: " or a list's "[list-name] ", up to three, so that
     * "[EXTERNAL] Undeliverable: ..." reads as the notice's own Subject. A tag is taken off only when text
     * follows it: a Subject that is one bracketed word ("[BOUNCE]") or one starred sentence stays as it is.
     */
    public static String untagged(String s) {
        String t = s.stripLeading();
        for (int n = 0; n < 3 && !t.isEmpty(); n++) {
            int end = tagEnd(t);
            if (end < 0) break;
            String rest = t.substring(end).stripLeading();
            if (rest.isEmpty()) break;
            t = rest;
        }
        return t.length() == s.length() ? s : t;
    }

    /** Where the tag at the start of {@code t} ends, or -1 when it starts with none. */
    private static int tagEnd(String t) {
        char c = t.charAt(0);
        if (c == '[') {
            int close = t.indexOf(']');
            return close > 1 && close <= MAX_TAG ? close + 1 : -1;
        }
        if (c == '*') {
            int word = 0;
            while (word < t.length() && t.charAt(word) == '*') word++;
            int close = t.indexOf('*', word);
            if (close <= word || close > MAX_TAG) return -1;
            int end = close;
            while (end < t.length() && t.charAt(end) == '*') end++;
            return end;
        }
        for (String w : TAG_WORDS) if (t.regionMatches(true, 0, w, 0, w.length())) return w.length();
        return -1;
    }

    /** Decoded From, lowercased; "" when absent. */
    public String fromLower() {
        if (fromLower == null) {
            String s = header("from");
            fromLower = s == null ? "" : TextScan.lower(s);
        }
        return fromLower;
    }

    /**
     * The top-level Received headers, each unfolded and lowercased, joined by "\n" (a header value holds no
     * line break, so a text without one is contained in this exactly when it is contained in one of the
     * headers); "" when there are none. Computed once: several dialects look for their gateway's mark
     * there, and unfolding and lowercasing every Received header for each of them cost ~3% of decoding.
     */
    public String receivedLower() {
        if (receivedLower == null) {
            List<String> all = headers().all("received");
            receivedLower = all.isEmpty() ? "" : TextScan.lower(String.join("\n", all));
        }
        return receivedLower;
    }

    /**
     * Every part in document order (depth first), the root first. The parts of an embedded returned
     * message are included; {@link #reportParts()} excludes them.
     */
    public List<MimePart> parts() {
        if (flat == null) {
            List<MimePart> out = new ArrayList<>();
            collect(root, out, true);
            flat = java.util.Collections.unmodifiableList(out);
        }
        return flat;
    }

    /** Parts in order, not descending into embedded messages (the returned original's own MIME tree). */
    public List<MimePart> reportParts() {
        if (reportFlat == null) {
            List<MimePart> out = new ArrayList<>();
            collect(root, out, false);
            reportFlat = java.util.Collections.unmodifiableList(out);
        }
        return reportFlat;
    }

    private static void collect(MimePart p, List<MimePart> out, boolean intoMessages) {
        out.add(p);
        if (!intoMessages && p.embedded() != null) return;
        for (MimePart c : p.children()) collect(c, out, intoMessages);
    }

    /** First part of the given MIME type outside embedded messages, or null. */
    public MimePart firstPart(String mimeType) {
        for (MimePart p : reportParts()) if (p.contentType().is(mimeType)) return p;
        return null;
    }

    /** {@link #mainText()} lowercased (ROOT locale), computed once: many dialects look for markers in it. */
    public String mainTextLower() {
        if (mainTextLower == null) mainTextLower = TextScan.lower(mainText());
        return mainTextLower;
    }

    /**
     * The human-readable text of the report: the first text/plain leaf outside embedded messages (for a
     * single-part message, its body); when there is none, the first text/html leaf with tags removed. A
     * plain part that is only a placeholder for its HTML alternative ("This message is in HTML format",
     * short and naming no address, where an HTML leaf names one) gives way to the HTML. When that text
     * carries a notice quoted or forwarded inline by a mail client ({@link InlineText}), the carried text,
     * unquoted and without the forward's header lines, is the main text (see {@link #carried()}). Lines a
     * relay re-wrapped with the rest at column 0 are joined again ({@link WrappedLines}).
     * "" when the message has no text at all.
     */
    public String mainText() {
        if (mainText == null) {
            // re-wrapped lines first (a cut quoted line must not end its quote), then again inside the quote
            String text = withoutBanner(WrappedLines.join(readMainText()));
            carried = InlineText.find(text, InlineText.isForwardSubject(subjectLower()));
            mainText = carried != null ? WrappedLines.join(carried.text()) : text;
        }
        return mainText;
    }

    /**
     * The message a mail client quoted or forwarded inline in the main text, with the header lines it
     * wrote for it when it wrote them; null when the text carries none.
     */
    public InlineText.Carried carried() {
        mainText();
        return carried;
    }

    /**
     * Words of the warnings that security gateways put above a message from outside the organisation ("CAUTION:
     * This email originated from outside of the organization. Do not click links or open attachments unless you
     * recognize the sender ...", "[EXTERNAL] This message came from an external sender"), lowercase.
     */
    private static final FixedTexts BANNER_TEXTS = new FixedTexts(List.of("originated from outside",
            "outside of the organization", "outside of the organisation", "outside your organization",
            "outside your organisation", "from an external sender", "this is an external email",
            "this email is from an external", "this message is from an external", "external email: ",
            "do not click links or open attachments", "do not click on links or open attachments"));

    /** The longest paragraph taken for a gateway's banner. */
    private static final int MAX_BANNER = 600;

    /**
     * {@code text} without the security gateway's banner that opens it (its first paragraph, when that holds a
     * banner's words): a notice's cause read from its first lines must not be the banner's warning about
     * attachments and links.
     */
    static String withoutBanner(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == ' ')) start++;
        int end = text.indexOf("\n\n", start);
        if (end < 0 || end - start > MAX_BANNER) return text;
        // every banner says "outside" or "external": most first paragraphs stop at this one pass over them
        if (!saysOutsideOrExternal(text, start, end)) return text;
        if (!BANNER_TEXTS.anyIn(TextScan.lower(text.substring(start, end)))) return text;
        return text.substring(end + 2);
    }

    /** Whether text[from, to) holds "outside" or "external" in any case. */
    private static boolean saysOutsideOrExternal(String text, int from, int to) {
        for (int i = from; i + 6 <= to; i++) {
            char c = text.charAt(i);
            if ((c == 'u' || c == 'U') && text.regionMatches(true, i, "utside", 0, 6)) return true;
            if ((c == 'x' || c == 'X') && i + 7 <= to && text.regionMatches(true, i, "xternal", 0, 7)) return true;
        }
        return false;
    }

    /** Most leaves looked through for a notice's text attached after a body that names nobody. */
    private static final int MAX_DETAIL_LEAVES = 8;

    /**
     * The first plain-text leaf after {@code first} that names an address, opens with no field and speaks of a failure,
     * or null.
     */
    private MimePart laterPlainTextNamingAnAddress(MimePart first) {
        boolean after = false;
        int seen = 0;
        for (MimePart p : reportParts()) {
            if (p == first) { after = true; continue; }
            if (!after || !p.children().isEmpty() || !p.isPlainText()) continue;
            if (++seen > MAX_DETAIL_LEAVES) return null;
            if (p.opensWithField()) continue;
            String t = p.text();
            if (t.indexOf('@') < 0) continue;
            // a failure's words, which a list's or a gateway's footer part does not have
            String lower = TextScan.lower(t.length() > DETAIL_SPAN ? t.substring(0, DETAIL_SPAN) : t);
            if (TextScan.containsAny(lower, FAILURE_WORDS)) return p;
        }
        return null;
    }

    /** How far into an attached text its failure words are looked for. */
    private static final int DETAIL_SPAN = 2000;

    /** Words of a failure report (lowercase, contained) that tell an attached details text from a footer. */
    private static final List<String> FAILURE_WORDS = List.of("deliver", "fail", "reject", "refus", "error", "unknown",
            "bounce", "not found", "unable", "does not exist");

    /**
     * The notice's own text: its first plain-text leaf, unless an HTML leaf says more. The HTML is read instead
     * when it comes first (the plain leaf after it is a list's footer or a gateway's disclaimer, as multipart/
     * alternative puts plain text first, RFC 2046 5.1.4) or when the plain text names no address and the HTML
     * does (a placeholder "This message is in HTML format", perhaps under a gateway's banner). A plain text that names
     * no address is followed by the first later plain leaf that does, speaks of a failure and is no returned message
     * or report fields (a "details.txt" the notice attaches; not a list's footer part).
     */
    private String readMainText() {
        MimePart html = null;
        MimePart plain = null;
        boolean htmlFirst = false;
        for (MimePart p : reportParts()) {
            if (!p.children().isEmpty()) continue;
            if (plain == null && p.isPlainText()) plain = p;
            if (html == null && p.contentType().is("text/html")) {
                html = p;
                htmlFirst = plain == null;
            }
            if (plain != null && html != null) break;
        }
        if (plain != null) {
            String text = plain.text();
            if (html != null && (htmlFirst || text.indexOf('@') < 0)) {
                String h = Html.toText(html.text());
                if (h.indexOf('@') >= 0) return h;
            }
            if (text.indexOf('@') < 0) {
                // "See the attached details": the notice's own text in a later plain leaf (an attached details.txt),
                // after the body that points to it; not a returned original or report fields written as text (a
                // leaf opening with a header or DSN field)
                MimePart details = laterPlainTextNamingAnAddress(plain);
                if (details != null) return text + "\n\n" + details.text();
            }
            return text;
        }
        return html != null ? Html.toText(html.text()) : "";
    }
}
