package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;

/**
 * Trustwave (Marshal) MailMarshal SMTP: Subject "Undeliverable Mail: "...", Received "from
 * MailMarshal.Sender", text:
 * <pre>
 * Your message:
 *    From:    sender@example.com
 *    Subject: ...
 *
 * Could not be delivered because of
 *
 * 550 5.1.1 User unknown
 *
 * The following recipients were affected:
 *     user@example.com
 *
 * Additional Information
 * ======================
 * Remote-MTA:   &lt;203.0.113.2&gt;
 * Reporting-MTA: &lt;mm.example.com&gt;
 * </pre>
 * The paragraph after "Could not be delivered because of" is the diagnostic of every affected recipient
 * (the address lines after "affected:", blank lines between them allowed, up to the first other line);
 * Remote-MTA/Reporting-MTA come from the "Additional Information" block. Undecodable without a recipient.
 * Stateless; thread-safe.
 */
public final class MailMarshalDialect implements Dialect {
    private static final String BECAUSE = "Could not be delivered because of";
    private static final String AFFECTED = "The following recipients were affected:";
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "mailmarshal"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!m.subjectLower().startsWith("undeliverable mail:") && !GatewayText.receivedContains(m, "mailmarshal")) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        int because = TextScan.lineStarting(text, BECAUSE, 0);
        int affected = TextScan.lineStarting(text, AFFECTED, 0);
        if (because < 0 || affected < 0) return ParseResult.NOT_MINE;

        String diag = text.substring(because + BECAUSE.length(), affected > because ? affected : text.length()).strip();
        String remote = field(text, "remote-mta");
        String reporting = field(text, "reporting-mta");
        List<RecipientStatus> out = new ArrayList<>();
        for (String raw : GatewayText.lines(text.substring(affected + AFFECTED.length()), MAX_LINES)) {
            String line = raw.strip();
            if (line.isEmpty()) continue;   // a long list may be split by blank lines
            String a = Addresses.first(line);
            if (a.isEmpty() || line.indexOf(' ') >= 0) break;   // "Additional Information" or other text ends it
            out.add(GatewayText.recipient(a, diag).remoteMta(remote).reportingMta(reporting).build());
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no affected recipient");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** The "&lt;value&gt;" of an "Additional Information" line, or "". */
    private static String field(String text, String name) {
        String v = TextScan.fieldValue(text, name);
        if (v.startsWith("<") && v.endsWith(">")) v = v.substring(1, v.length() - 1);
        return v.strip();
    }
}
