package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;

/**
 * Unknown MTA "X1" (Sisimai's name; the product is not identified. Samples come through Japanese ISP relays
 * and carry "Received: By OpenMail Mailer"): From "Mail Deliver System" (sic), Subject "Returned Mail:
 * reason" or, for a delay, "Warning--Could not send mail for past N hours", text:
 * <pre>
 * ---The following addresses had delivery errors---
 *
 * user@example.co.jp [User unknown]
 * </pre>
 * Each "address [text]" line is a recipient with the bracketed text as its diagnostic. The delay Subject
 * ("Could not send mail for past") is this MTA's queue-lifetime notice: reason {@code expired}. Claims
 * only messages from "Mail Deliver(y) System" or with a "Returned Mail: " / "Mail Delivery Failure" Subject,
 * and with the marker line (or another "---...following addresses...---" heading); the list ends at the
 * returned original. Undecodable without a recipient.
 * Stateless; thread-safe.
 */
public final class X1Dialect implements Dialect {
    private static final String MARK = "---The following addresses had delivery errors---";
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "x1"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String subject = m.subjectLower();
        boolean sender = m.fromLower().contains("mail deliver system") || m.fromLower().contains("mail delivery system")
                || subject.startsWith("returned mail: ") || subject.startsWith("mail delivery failure");
        if (!sender) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int mark = TextScan.lineStarting(text, MARK, 0);
        if (mark < 0) mark = otherHeading(text);
        if (mark < 0) return ParseResult.NOT_MINE;
        Reason hint = m.subjectLower().contains("could not send mail for past") ? Reason.EXPIRED : null;
        List<RecipientStatus> out = new ArrayList<>();
        int from = text.indexOf('\n', mark);
        for (String raw : GatewayText.lines(from < 0 ? "" : text.substring(from + 1), MAX_LINES)) {
            String line = raw.strip();
            if (line.startsWith("Content-Type: message/rfc822") || line.startsWith("Received: from ")) break;   // the original
            int open = line.indexOf(" [");
            int close = open < 0 ? -1 : line.indexOf(']', open);
            if (open <= 0 || close < 0) continue;
            String a = Addresses.normalize(line.substring(0, open));
            if (a.isEmpty()) continue;
            String diag = line.substring(open + 2, close);
            RecipientStatus.Builder b = GatewayText.recipient(a, diag).reasonHint(hint);
            b.diagnosticType("");
            out.add(b.build());
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no 'address [reason]' line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** A "---...following addresses...---" heading in other words than {@link #MARK}, or -1. */
    private static int otherHeading(String text) {
        int from = 0;
        for (int n = 0; n < 200; n++) {
            int at = TextScan.lineStarting(text, "---", from);
            if (at < 0) return -1;
            int eol = text.indexOf('\n', at);
            String line = text.substring(at, eol < 0 ? text.length() : eol).strip();
            // X1 writes its dashes against the words ("---The following ...---"); sendmail's "----- The
            // following addresses had permanent fatal errors -----" (spaced) is not X1's
            boolean tight = line.length() > 3 && Character.isLetter(line.charAt(3));
            if (tight && line.endsWith("---") && line.toLowerCase(java.util.Locale.ROOT).contains("following address")) return at;
            if (eol < 0) return -1;
            from = eol + 1;
        }
        return -1;
    }
}
