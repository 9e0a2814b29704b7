package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.HeaderBlock;
import bouncemx.parse.InlineText;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.Originals;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Abuse Reporting Format complaints (RFC 5965), including the RFC 6430 not-spam and the RFC 6591
 * auth-failure feedback types: a multipart/report whose message/feedback-report part names the
 * Feedback-Type, Source-IP and the Original-Rcpt-To recipients (several allowed). When the report lists
 * no recipient, Removal-Recipient (opt-out reports), then the To: of the returned original are used.
 * Also reads Microsoft's JMRP complaints (Subject "complaint about message from ...", whatever the sender,
 * or a complaint Subject over an original that carries X-HmXmrOriginalRecipient), which carry no
 * feedback-report part: the original is attached as message/rfc822 and names the
 * complaining user in X-HmXmrOriginalRecipient. Stateless, thread-safe.
 */
public final class ArfDialect implements Dialect {
    private final Limits limits;

    public ArfDialect(Limits limits) { this.limits = limits; }

    public ArfDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "arf"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        MimePart fr = feedbackPart(m);
        if (fr != null) return feedbackReport(m, fr);
        // JMRP is sent from several Microsoft domains (hotmail.com, outlook.com, live.com, msn.com) and relayed
        // by ESPs under their own: its Subject wording and the X-HmXmrOriginalRecipient of the attached
        // original name it, not the sender (issue 13, list 3: a complaint is never taken for an auto-reply)
        String subject = m.subjectLower();
        // a person's reply or forward ("Fwd: complaint about message from ...", "WG: ...", "TR: ...") is not the
        // provider's notice: a forwarded complaint is read from its attachment (Decoder), not from the forwarder's message
        if (InlineText.isReplyOrForwardSubject(subject)) return ParseResult.NOT_MINE;
        if (subject.contains("complaint about message from")) return jmrp(m);
        if (subject.contains("complaint")) {
            HeaderBlock orig = originalHeaders(m);
            if (orig != null && orig.get("x-hmxmroriginalrecipient") != null) return jmrp(m);
        }
        return ParseResult.NOT_MINE;
    }

    /**
     * The message's feedback report: its message/feedback-report part, else a text/plain or application/octet-stream
     * leaf after the notice's own text whose first line is an RFC 5965 field (Feedback-Type, Version, User-Agent) and
     * which has a Feedback-Type field (a report a gateway relabelled, as it may relabel a delivery-status part); null
     * when there is neither. Found once per message.
     */
    public static MimePart feedbackPart(BounceMessage m) {
        return m.derived(FEEDBACK_PART, ArfDialect::findFeedbackPart);
    }

    private static final Object FEEDBACK_PART = new Object();

    private static MimePart findFeedbackPart(BounceMessage m) {
        MimePart labelled = m.firstPart("message/feedback-report");
        if (labelled != null) return labelled;
        boolean text = false;   // the first text leaf is the notice's own
        for (MimePart p : m.reportParts()) {
            if (!p.children().isEmpty() || p == m.root()) continue;
            boolean plain = p.isPlainText();
            if (plain && !text) { text = true; continue; }
            if (!plain && !p.mimeType().equals("application/octet-stream")) continue;
            if (p.opensWithField() && readsAsFeedbackReport(p.text())) return p;
        }
        return null;
    }

    /**
     * A text whose first line is a field ("Name: value") and that has RFC 5965's required Feedback-Type with
     * User-Agent or Version, in any order (reports may open with Original-Envelope-Id); or, without Feedback-Type,
     * User-Agent and Version beside a field only reports write ({@link #REPORT_FIELDS}).
     */
    static boolean readsAsFeedbackReport(String t) {
        String name = TextScan.firstFieldName(t, Integer.MAX_VALUE);
        if (name == null) return false;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) return false;
        }
        if (name.isEmpty()) return false;
        boolean agent = TextScan.fieldLine(t, "user-agent", 0) >= 0;
        boolean version = TextScan.fieldLine(t, "version", 0) >= 0;
        if (TextScan.fieldLine(t, "feedback-type", 0) >= 0) return agent || version;
        // Courier's mailbot writes no Feedback-Type: User-Agent and Version with a report field of RFC 5965 3.2
        if (!agent || !version) return false;
        for (String f : REPORT_FIELDS) if (TextScan.fieldLine(t, f, 0) >= 0) return true;
        return false;
    }

    /** RFC 5965 3.2's optional fields that only a feedback report writes beside User-Agent and Version. */
    private static final List<String> REPORT_FIELDS = List.of("arrival-date", "source-ip", "original-mail-from",
            "original-rcpt-to", "reported-domain", "reported-uri", "incidents");

    private ParseResult feedbackReport(BounceMessage m, MimePart fr) {
        byte[] b = fr.bytes();
        int start = 0;
        while (start < b.length && (b[start] == '\r' || b[start] == '\n' || b[start] == ' ')) start++;
        HeaderBlock h = HeaderBlock.parse(b, start, b.length, limits);
        String type = h.get("feedback-type");
        type = type == null ? "other" : type.trim().toLowerCase(Locale.ROOT);
        String sourceIp = h.get("source-ip");
        String reportingMta = h.get("reporting-mta");
        List<String> addresses = new ArrayList<>();
        for (String v : h.all("original-rcpt-to")) add(addresses, Addresses.first(v));
        String source = "dsn";
        if (addresses.isEmpty()) for (String v : h.all("removal-recipient")) add(addresses, Addresses.first(v));
        if (addresses.isEmpty()) {
            source = "header";
            HeaderBlock orig = originalHeaders(m);
            if (orig != null) add(addresses, Addresses.first(orig.get("to")));
        }
        if (addresses.isEmpty()) addresses.add("");
        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            out.add(RecipientStatus.builder().address(a, a.isEmpty() ? "" : source).feedbackType(type)
                    .sourceIp(sourceIp == null ? "" : sourceIp.trim())
                    .reportingMta(reportingMta == null ? "" : reportingMta.trim()).build());
        }
        String arrival = h.get("arrival-date");
        if (arrival == null) arrival = h.get("received-date");
        return new ParseResult.Decoded(name(), new Report(Report.Kind.COMPLAINT, reportingMta, arrival, "", out, null));
    }

    private ParseResult jmrp(BounceMessage m) {
        HeaderBlock orig = originalHeaders(m);
        if (orig == null) return new ParseResult.Undecodable(name(), "JMRP complaint without the original message");
        String a = Addresses.first(orig.get("x-hmxmroriginalrecipient"));
        String source = "header";
        if (a.isEmpty()) a = Addresses.first(orig.get("to"));
        var r = RecipientStatus.builder().address(a, a.isEmpty() ? "" : source).feedbackType("abuse");
        String ip = orig.get("x-reporter-ip");
        if (ip != null) r.sourceIp(ip.trim());
        return new ParseResult.Decoded(name(), new Report(Report.Kind.COMPLAINT, "", "", "", List.of(r.build()), null));
    }

    private HeaderBlock originalHeaders(BounceMessage m) {
        return Originals.returnedHeaders(m, limits);
    }

    private static void add(List<String> list, String a) {
        if (!a.isEmpty() && !list.contains(a)) list.add(a);
    }
}
