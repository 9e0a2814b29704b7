package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Outlook.com (formerly Hotmail / Windows Live Hotmail) delivery status notifications: Subject "Delivery
 * Status Notification (Failure)", a text starting "This is an automatically generated Delivery Status
 * Notification." with one of Hotmail's fixed sentences ("Unable to deliver message to the following
 * recipients, due to being unable to connect successfully to the destination mail server.", "Delivery to
 * the following recipients failed."), the recipients indented below it, and an RFC 3464 part. Hotmail's
 * signals are the X-Message-Delivery and X-Message-Info headers, a From at hotmail.com / outlook.com and
 * Received hops inside hotmail.com; two of these (the Subject counts as one) with the text's first line
 * and a DSN part make the report Hotmail's. Recipients and codes come from the DSN part; a recipient whose
 * Diagnostic-Code is empty gets Hotmail's sentence as its text. Not mine otherwise; Undecodable when the
 * DSN part names no recipient. Stateless, thread-safe.
 */
public final class OutlookDialect implements Dialect {
    static final String FIRST_LINE = "This is an automatically generated Delivery Status Notification";

    private final Limits limits;

    public OutlookDialect(Limits limits) { this.limits = limits; }

    public OutlookDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "outlook"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        int signals = 0;
        if (m.subjectLower().contains("delivery status notification")) signals++;
        if (m.headers().has("x-message-delivery")) signals++;
        if (m.headers().has("x-message-info")) signals++;
        String from = m.fromLower();
        if (from.contains("hotmail.") || from.contains("@outlook.com")) signals++;
        if (m.receivedLower().contains(".hotmail.")) signals++;
        if (signals < 2) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int at = text.indexOf(FIRST_LINE);
        if (at < 0) return ParseResult.NOT_MINE;
        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        if (ds == null) return ParseResult.NOT_MINE;
        if (ds.recipients().isEmpty()) return new ParseResult.Undecodable(name(), "Hotmail DSN without recipients");
        String sentence = sentence(text, at);
        List<RecipientStatus> out = new ArrayList<>();
        for (RecipientStatus r : ds.recipients()) {
            if (r.diagnosticText().isEmpty() && !sentence.isEmpty()) {
                var b = r.toBuilder().diagnosticText(sentence);
                if (b.status().isEmpty()) b.status(Codes.status(sentence));
                r = b.build();
            }
            out.add(r);
        }
        return new ParseResult.Decoded(name(), new Report(Report.Kind.DELIVERY, ds.reportingMta(), ds.arrivalDate(),
                ds.originalEnvelopeId(), out, null));
    }

    /** The paragraph after the first line: Hotmail's sentence about the failure. */
    private static String sentence(String text, int at) {
        int start = text.indexOf("\n\n", at);
        if (start < 0) return "";
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == ' ')) start++;
        int end = text.indexOf("\n\n", start);
        if (end < 0) end = text.length();
        return TextScan.fold(text.substring(start, Math.min(end, start + 1024)));
    }
}
