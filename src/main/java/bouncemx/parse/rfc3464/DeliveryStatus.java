package bouncemx.parse.rfc3464;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.ByteScan;
import bouncemx.parse.Codes;
import bouncemx.parse.HeaderBlock;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of an RFC 3464 delivery-status body (or its RFC 6533 message/global-delivery-status form):
 * one per-message block followed by per-recipient blocks, separated by blank lines (section 2.1). Parses
 * leniently: a block holding Final-Recipient (or Original-Recipient, or X-Actual-Recipient) is a
 * recipient whatever else it holds; per-message fields are taken from any block. Dialects that find
 * DSN-style fields in plain text use it too. Immutable; thread-safe.
 */
public record DeliveryStatus(String reportingMta, String arrivalDate, String originalEnvelopeId,
                             String receivedFromMta, List<RecipientStatus> recipients) {

    public DeliveryStatus {
        recipients = List.copyOf(recipients);
    }

    /**
     * The fields of the first delivery-status (or global-delivery-status) part that names a recipient,
     * read leniently: when the part as a whole gives none (Exchange Online puts unfolded X-Microsoft-*
     * lines between the part header and the fields), they are read again from its first Reporting-MTA or
     * Final-Recipient line. Else the first such part without recipients. Without such a part, a text/plain part
     * whose first line is a DSN field (some gateways label their delivery-status part text/plain) is read as
     * one; null when there is none.
     */
    public static DeliveryStatus fromParts(BounceMessage m, Limits limits) {
        // read once per message: a message one dialect declines reaches the next, which reads the same part
        return m.derived(new FromParts(limits), x -> readParts(x, limits));
    }

    /** {@link #fromParts}' key in {@link BounceMessage#derived}. */
    private record FromParts(Limits limits) {}

    private static DeliveryStatus readParts(BounceMessage m, Limits limits) {
        DeliveryStatus empty = null;
        for (MimePart p : m.reportParts()) {
            if (!isDeliveryStatus(p)) continue;
            byte[] b = p.bytes();
            DeliveryStatus ds = parse(b, 0, b.length, limits);
            if (ds.recipients().isEmpty()) {
                DeliveryStatus again = fromText(p.text(), limits);
                if (again != null) ds = again;
            }
            if (!ds.recipients().isEmpty()) return ds;
            if (empty == null) empty = ds;
        }
        if (empty != null) return empty;
        MimePart plain = part(m);   // no delivery-status part: a text/plain or octet-stream leaf that is one, or none
        if (plain == null) return null;
        // read as the part it is (McAfee's blocks hold Original-Recipient only), else from its fields in the text
        byte[] b = plain.bytes();
        DeliveryStatus ds = parse(b, 0, b.length, limits);
        return ds.recipients().isEmpty() ? fromText(plain.text(), limits) : ds;
    }

    /**
     * The message's delivery-status part: its first message/delivery-status (or global) part outside embedded
     * messages, else its first text/plain (or application/octet-stream) leaf whose first line is a DSN field (a
     * gateway's "deliverystatus.txt" labelled text/plain, or by its file name); null when there is neither. For
     * dialects that read the part's fields themselves; found once per message (several dialects ask).
     */
    public static MimePart part(BounceMessage m) {
        return m.derived(PART, DeliveryStatus::findPart);
    }

    /** {@link #part}'s key in {@link BounceMessage#derived}. */
    private static final Object PART = new Object();

    private static MimePart findPart(BounceMessage m) {
        MimePart plain = null;
        for (MimePart p : m.reportParts()) {
            if (isDeliveryStatus(p)) return p;
            if (plain == null && readsAsDeliveryStatus(p)) plain = p;
        }
        return plain;
    }

    /** A part labelled as a delivery-status: message/delivery-status or RFC 6533's message/global-delivery-status. */
    public static boolean isDeliveryStatus(MimePart p) {
        String t = p.mimeType();
        return t.endsWith("/delivery-status") || t.equals("message/global-delivery-status");
    }

    /**
     * A leaf labelled text/plain or application/octet-stream (a gateway's "details.txt") whose first line is a
     * DSN field: a delivery-status part by what it holds.
     */
    public static boolean readsAsDeliveryStatus(MimePart p) {
        return p.children().isEmpty() && (p.isPlainText() || p.mimeType().equals("application/octet-stream"))
                && opensWithDsnField(p.text());
    }

    /** DSN field names (lowercase) that a delivery-status body starts with (RFC 3464 2.2, 2.3). */
    private static final List<String> OPENING_FIELDS = List.of("reporting-mta", "final-recipient", "original-recipient",
            "original-envelope-id", "arrival-date", "received-from-mta", "dsn-gateway", "x-postfix-queue-id");

    /**
     * Per-recipient field names (lowercase) that a report which leaves out its per-message fields opens with
     * (SurfControl's part starts "Action: failed"): enough only where a recipient field follows.
     */
    private static final List<String> RECIPIENT_FIELDS = List.of("action", "status", "diagnostic-code", "remote-mta",
            "last-attempt-date", "x-actual-recipient");

    /** Longest field name looked for at a text's start. */
    private static final int MAX_NAME = 24;

    /**
     * Whether the first non-blank line of {@code text} is a field of {@link #OPENING_FIELDS} (any case, also
     * written loosely as "Name : value"), or of {@link #RECIPIENT_FIELDS} or an extension field ("X-...", RFC 3464
     * 2.1: SendGrid's part opens "X-SendGrid-QueueID:") in a text that has a Final-Recipient or Original-Recipient
     * field too.
     */
    static boolean opensWithDsnField(String text) {
        String written = TextScan.firstFieldName(text, MAX_NAME);
        if (written == null) return false;
        String name = TextScan.lower(written);
        if (OPENING_FIELDS.contains(name)) return true;
        if (!RECIPIENT_FIELDS.contains(name) && !name.startsWith("x-")) return false;
        String lower = TextScan.lower(text.length() > MAX_FIELDS_TEXT ? text.substring(0, MAX_FIELDS_TEXT) : text);
        return lower.contains("\nfinal-recipient") || lower.contains("\noriginal-recipient");
    }

    /** How much of a text is searched for a recipient field after a per-recipient opening field. */
    private static final int MAX_FIELDS_TEXT = 8192;

    /**
     * DSN fields written into a text (a broken multipart, or a report forwarded as plain text), from its
     * first Reporting-MTA line (or first Final-Recipient line, whichever comes first); null when the
     * text has no recipient field.
     */
    public static DeliveryStatus fromText(String text, Limits limits) {
        int fr = TextScan.fieldLine(text, "final-recipient", 0);
        if (fr < 0) return null;
        int start = TextScan.fieldLine(text, "reporting-mta", 0);
        if (start < 0 || start > fr) start = fr;
        byte[] b = text.substring(start).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DeliveryStatus ds = parse(b, 0, b.length, limits);
        return ds.recipients().isEmpty() ? null : ds;
    }

    /** Parses {@code buf[from..to)}; a body without recipient blocks gives an empty recipient list. */
    public static DeliveryStatus parse(byte[] buf, int from, int to, Limits limits) {
        String[] message = {"", "", "", ""};   // Reporting-MTA, Arrival-Date, Original-Envelope-ID, Received-From-MTA
        List<RecipientStatus> recipients = new ArrayList<>();
        read(buf, from, to, limits, h -> {
            if (message[0].isEmpty()) message[0] = mta(h.get("reporting-mta"));
            if (message[1].isEmpty()) message[1] = nz(h.get("arrival-date"));
            if (message[2].isEmpty()) message[2] = nz(h.get("original-envelope-id"));
            if (message[3].isEmpty()) message[3] = mta(h.get("received-from-mta"));
        }, group -> {
            RecipientStatus r = recipient(group, message[0]);
            if (r != null) recipients.add(r);
        });
        return new DeliveryStatus(message[0], message[1], message[2], message[3], recipients);
    }

    /**
     * The fields of each recipient in {@code buf[from..to)} as written (no interpretation): the groups
     * that hold a Final-Recipient, Original-Recipient or X-Actual-Recipient, in order. The one DSN field
     * reader: {@link #parse} reads its recipients from the same groups, and dialects that need a field
     * this record does not keep (Exim's own report beside its delivery-status part) ask here.
     */
    public static List<Fields> recipientFields(byte[] buf, int from, int to, Limits limits) {
        List<Fields> out = new ArrayList<>();
        read(buf, from, to, limits, h -> {}, group -> {
            if (group.get("final-recipient") != null || group.get("original-recipient") != null
                    || group.get("x-actual-recipient") != null) out.add(group);
        });
        return out;
    }

    /**
     * Reads blocks of fields, leniently (multi-line replies folded first, see {@link #foldReplyLines}):
     * gives each block to {@code block} and each recipient's fields (a block, or a part of one when
     * several Final-Recipients share it) to {@code recipient}.
     */
    private static void read(byte[] buf, int from, int to, Limits limits, java.util.function.Consumer<HeaderBlock> block,
                             java.util.function.Consumer<Fields> recipient) {
        byte[] folded = foldReplyLines(buf, from, to);
        if (folded != null) {
            buf = folded;
            from = 0;
            to = folded.length;
        }
        int pos = from;
        int blocks = 0;
        while (pos < to && blocks++ < limits.maxParts()) {
            // skip blank lines between blocks
            int eol = ByteScan.lineEnd(buf, pos, to);
            if (eol == pos || blank(buf, pos, eol)) {
                pos = ByteScan.nextLine(buf, eol, to);
                continue;
            }
            HeaderBlock h = HeaderBlock.parse(buf, pos, to, limits);
            if (h.size() == 0) break; // text that is not fields: the DSN part is over
            block.accept(h);
            // several recipients' fields with no blank line between them: each Final-Recipient starts one
            List<Fields> groups = h.all("final-recipient").size() > 1 ? recipientGroups(h) : List.of(h::get);
            for (Fields group : groups) recipient.accept(group);
            if (h.bodyStart() <= pos) break;
            pos = h.bodyStart();
        }
    }

    /**
     * A copy of {@code buf[from..to)} in which the lines of a multi-line SMTP reply copied into a field
     * without folding ("Diagnostic-Code: smtp; 550-5.1.1 ..." then "550-5.1.1 ..." and "550 5.1.1 ..." at
     * column 0) are folded into that field by a leading blank, as RFC 3464 section 2.1 (RFC 822 header
     * syntax) would have them; null when there is no such line (nor a line of blanks only, below). RFC 5321 section 4.2.1: every line of a
     * multi-line reply but the last is the code and a hyphen, the last the code and a blank. Only a line
     * right after a field or its continuation (never after a blank line) that starts with three digits and
     * a hyphen or blank is folded, and only up to the reply's last line; inside the reply, a line that is
     * not a field line (a continuation starting "&lt;user@example.com&gt;: ..." at column 0) is folded too, so it
     * is neither taken for a field nor ends the block. Issue 13, list 2. A line of blanks only is emptied: it
     * separates blocks as an empty line does (a field never continues with an all-blank line, RFC 5322 3.2.2),
     * so a gateway that pads its lines does not merge two recipients' blocks into one (H9: McAfee's DSN, whose
     * blocks carry no Final-Recipient that would split them again).
     */
    static byte[] foldReplyLines(byte[] buf, int from, int to) {
        java.io.ByteArrayOutputStream out = null;
        int copied = from;
        boolean afterField = false;
        boolean inReply = false;
        int pos = from;
        while (pos < to) {
            int eol = ByteScan.lineEnd(buf, pos, to);
            int next = ByteScan.nextLine(buf, eol, to);
            boolean blank = eol == pos || blank(buf, pos, eol);
            if (blank && eol > pos) {
                if (out == null) out = new java.io.ByteArrayOutputStream(to - from + 64);
                out.write(buf, copied, pos - copied);
                copied = eol; // the line's end is copied with what follows
            }
            // cheap tests on the line first: most lines are fields or indented continuations
            boolean replyShape = !blank && afterField && replyLine(buf, pos, eol);
            // inside an open reply, a line that is no field ("<a@b>: no such user" at column 0) continues it
            boolean otherShape = !blank && afterField && !replyShape && !ByteScan.isWsp(buf[pos]) && !fieldLine(buf, pos, eol);
            boolean open = (replyShape || otherShape) && (inReply || previousEndsReply(buf, from, pos));
            boolean reply = open && replyShape;
            boolean continuation = open && otherShape;
            if (reply || continuation) {
                if (out == null) out = new java.io.ByteArrayOutputStream(to - from + 64);
                out.write(buf, copied, pos - copied);
                out.write(' ');
                copied = pos;
                inReply = !reply || buf[pos + 3] == '-'; // a blank after the code ends the reply
            } else {
                inReply = false;
            }
            afterField = !blank;
            pos = next;
        }
        if (out == null) return null;
        out.write(buf, copied, to - copied);
        return out.toByteArray();
    }

    /** A line "Name: value" whose name is a field name (letters, digits, hyphens; blanks before the colon). */
    private static boolean fieldLine(byte[] b, int pos, int eol) {
        int i = pos;
        if (i >= eol || !Character.isLetter(b[i])) return false;
        while (i < eol && (Character.isLetterOrDigit(b[i]) || b[i] == '-')) i++;
        while (i < eol && ByteScan.isWsp(b[i])) i++;
        return i < eol && b[i] == ':';
    }

    /** A line starting "DDD-" or "DDD " with a reply code 2xx to 5xx. */
    private static boolean replyLine(byte[] b, int pos, int eol) {
        if (eol - pos < 4) return false;
        byte c = b[pos];
        return c >= '2' && c <= '5' && Character.isDigit(b[pos + 1]) && Character.isDigit(b[pos + 2])
                && (b[pos + 3] == '-' || b[pos + 3] == ' ');
    }

    /**
     * True when the field before {@code lineStart} holds the start of a multi-line reply ("DDD-") that no
     * later line of the field ends ("DDD " at a line's start): its last line, and the lines before it back
     * to the field's first when it is folded ("Diagnostic-Code: smtp;" then "\t550-5.1.1 The email account"
     * and "\tdoes not exist": folding white space is no part of the value, RFC 5322 section 2.2.3); or when the
     * line right before ends with a colon, a lead-in whose reply follows (H10).
     */
    private static boolean previousEndsReply(byte[] b, int from, int lineStart) {
        int end = lineStart;
        boolean last = true;
        while (end > from) {
            while (end > from && (b[end - 1] == '\n' || b[end - 1] == '\r')) end--;
            if (last) {
                // a field whose value ends with a colon introduces the reply on the next line ("Diagnostic-Code:
                // smtp; SMTP error from remote mail server after RCPT TO:<a@b>:" then "550 5.1.1 ..." at column 0)
                int e = end;
                while (e > from && ByteScan.isWsp(b[e - 1])) e--;
                if (e > from && b[e - 1] == ':') return true;
                last = false;
            }
            int start = end;
            while (start > from && b[start - 1] != '\n' && b[start - 1] != '\r') start--;
            int first = start;
            while (first < end && ByteScan.isWsp(b[first])) first++;
            if (first + 4 <= end && replyLine(b, first, end) && b[first + 3] == ' ') return false; // the reply's last line
            for (int i = start; i + 3 < end; i++) {
                if (b[i] >= '2' && b[i] <= '5' && Character.isDigit(b[i + 1]) && Character.isDigit(b[i + 2]) && b[i + 3] == '-'
                        && (i == start || !Character.isLetterOrDigit(b[i - 1]))) return true;
            }
            if (start == end || !ByteScan.isWsp(b[start])) return false; // the field's first line, or a blank line
            end = start;
        }
        return false;
    }

    /**
     * PowerMTA's own verdict, the per-recipient X-PowerMTA-BounceCategory field (the bounce categories of
     * the PowerMTA user's guide), as reasons; "other" and unknown categories decide nothing.
     */
    private static final java.util.Map<String, Reason> POWERMTA_CATEGORIES = java.util.Map.ofEntries(
            java.util.Map.entry("bad-mailbox", Reason.USER_UNKNOWN), java.util.Map.entry("bad-domain", Reason.HOST_UNKNOWN),
            java.util.Map.entry("inactive-mailbox", Reason.SUSPEND), java.util.Map.entry("quota-issues", Reason.MAILBOX_FULL),
            java.util.Map.entry("spam-related", Reason.SPAM_DETECTED), java.util.Map.entry("policy-related", Reason.POLICY_VIOLATION),
            java.util.Map.entry("message-expired", Reason.EXPIRED), java.util.Map.entry("no-answer-from-host", Reason.NETWORK_ERROR),
            java.util.Map.entry("bad-connection", Reason.NETWORK_ERROR), java.util.Map.entry("routing-errors", Reason.NETWORK_ERROR),
            java.util.Map.entry("protocol-errors", Reason.SYNTAX_ERROR), java.util.Map.entry("content-related", Reason.CONTENT_ERROR),
            java.util.Map.entry("invalid-sender", Reason.REJECTED), java.util.Map.entry("relaying-issues", Reason.NO_RELAYING),
            java.util.Map.entry("bad-configuration", Reason.SYSTEM_ERROR), java.util.Map.entry("virus-related", Reason.VIRUS_DETECTED));

    /** The fields of {@code h} cut into groups at each Final-Recipient after the first; first value wins. */
    private static List<Fields> recipientGroups(HeaderBlock h) {
        List<Fields> out = new ArrayList<>();
        java.util.Map<String, String> cur = new java.util.HashMap<>();
        for (int i = 0; i < h.size(); i++) {
            String name = h.name(i);
            if (name.equals("final-recipient") && cur.containsKey("final-recipient")) {
                out.add(cur::get);
                cur = new java.util.HashMap<>();
            }
            cur.putIfAbsent(name, h.value(i));
        }
        out.add(cur::get);
        return out;
    }

    /** One recipient from its fields ({@code h} gives a field's first value by lowercase name, or null). */
    private static RecipientStatus recipient(Fields h, String reportingMta) {
        String finalRcpt = Addresses.fromTypedField(h.get("final-recipient"));
        String original = Addresses.fromTypedField(h.get("original-recipient"));
        String actual = Addresses.fromTypedField(h.get("x-actual-recipient"));
        if (Addresses.isEncapsulated(finalRcpt) || !internetType(h.get("final-recipient"))) {
            // Exchange's own form of the mailbox ("LOCAL;IMCEAEX-_O=...@corp", RFC 3464 2.3.2 allows any
            // address type): the SMTP address it encapsulates, else the Original-Recipient the sender used
            String inner = Addresses.unencapsulated(finalRcpt);
            if (!inner.isEmpty()) finalRcpt = inner;
            else if (!original.isEmpty()) finalRcpt = original;
        }
        String address = !finalRcpt.isEmpty() ? finalRcpt : !original.isEmpty() ? original : actual;
        if (address.isEmpty()) return null;
        var b = RecipientStatus.builder().address(address, "dsn");
        b.originalRecipient(original);
        b.action(firstWord(h.get("action")));
        String status = nz(h.get("status"));
        b.status(Codes.status(status));
        Typed diagnostic = typed(h.get("diagnostic-code"));
        String type = diagnostic.type();
        String diag = diagnostic.value();
        if (diag.isEmpty()) {
            // no Diagnostic-Code: a comment on the Status field is the reporting MTA's own explanation
            // ("Status: 4.0.0 (cat.example: host name lookup failure)", RFC 3464 section 2.3.4)
            int open = status.indexOf('(');
            int close = status.lastIndexOf(')');
            if (open >= 0 && close > open) diag = status.substring(open + 1, close);
        }
        b.diagnostic(type, bouncemx.parse.TextScan.fold(diag));
        if (type.isEmpty() || type.equals("smtp")) b.replyCode(Codes.replyCodeOfDiagnostic(diag));
        if (b.status().isEmpty()) b.status(Codes.status(diag));
        b.remoteMta(mta(h.get("remote-mta")));
        b.reportingMta(reportingMta);
        String category = h.get("x-powermta-bouncecategory");
        if (category != null) b.reasonHint(POWERMTA_CATEGORIES.get(category.trim().toLowerCase(Locale.ROOT)));
        b.lastAttemptDate(nz(h.get("last-attempt-date")));
        b.willRetryUntil(nz(h.get("will-retry-until")));
        return b.build();
    }

    /**
     * True when a recipient field's address type is an Internet mail one (RFC 3464 2.3.2: "rfc822", RFC 6533's
     * "utf-8") or is not given; false for other types ("LOCAL", "X400", "X-...").
     */
    private static boolean internetType(String field) {
        if (field == null) return true;
        String t = typed(field).type();
        return t.isEmpty() || t.equals("rfc822") || t.equals("utf-8") || t.equals("unknown");
    }

    /** A typed field's value ("smtp; 550 ...", "rfc822; a@b"): the type lowercased ("" when none) and the rest. */
    public record Typed(String type, String value) {}

    /**
     * Splits a typed field value (Diagnostic-Code, Remote-MTA...) at its ';': the type is one word,
     * written "smtp;" or loosely "smtp ;" (issue 13, list 1), at most 19 characters; without one the
     * whole value is the text. Null gives ("", "").
     */
    public static Typed typed(String field) {
        String v = nz(field);
        int semi = v.indexOf(';');
        if (semi > 0 && semi < 20 && v.substring(0, semi).strip().indexOf(' ') < 0) {
            return new Typed(v.substring(0, semi).trim().toLowerCase(Locale.ROOT), v.substring(semi + 1).trim());
        }
        return new Typed("", v);
    }

    /** A field lookup by lowercase name: the field's first value as written, or null. */
    public interface Fields {
        String get(String lowerName);
    }

    /** "dns; mx.example.com" to "mx.example.com". */
    static String mta(String v) { return bouncemx.parse.MtaName.of(v); }

    private static String firstWord(String v) {
        if (v == null) return "";
        String s = v.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
        return s.substring(0, end);
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (!ByteScan.isWsp(b[i])) return false;
        return true;
    }

    private static String nz(String s) { return s == null ? "" : s.trim(); }
}
