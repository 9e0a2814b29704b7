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
 * only messages from "Mail Deliver System" with the marker line; Undecodable without a recipient.
 * Stateless; thread-safe.
 */
public final class X1Dialect implements Dialect {
    private static final String MARK = "---The following addresses had delivery errors---";
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "x1"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!m.fromLower().contains("mail deliver system")) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int mark = TextScan.lineStarting(text, MARK, 0);
        if (mark < 0) return ParseResult.NOT_MINE;
        String hint = m.subjectLower().contains("could not send mail for past") ? "expired" : "";
        List<RecipientStatus> out = new ArrayList<>();
        for (String raw : GatewayText.lines(text.substring(mark + MARK.length()), MAX_LINES)) {
            String line = raw.strip();
            int open = line.indexOf(" [");
            if (open <= 0 || !line.endsWith("]")) continue;
            String a = Addresses.normalize(line.substring(0, open));
            if (a.isEmpty()) continue;
            String diag = line.substring(open + 2, line.length() - 1);
            RecipientStatus.Builder b = GatewayText.recipient(a, diag).reasonHint(hint);
            b.diagnosticType = "";
            out.add(b.build());
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no 'address [reason]' line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }
}
