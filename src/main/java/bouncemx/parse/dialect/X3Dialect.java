package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;

/**
 * Unknown MTA "X3" (Sisimai's name; not identified): From "Mail Delivery System", Subject "Delivery
 * status notification", a text framed by "=====" rules:
 * <pre>
 *       This is an automatically generated Delivery Status Notification.
 *
 * Delivery to the following recipients failed permanently:
 *    * user@example.com
 *
 *                              Technical details:
 * SMTP:RCPT host 192.0.2.8: 553 5.3.0 &lt;user@example.com&gt;... No such user here
 * </pre>
 * "Delevery [sic] to the following recipients was aborted after N hour(s):" is its queue lifetime notice
 * (reason {@code expired}). The technical details line "SMTP:COMMAND host HOST: reply" gives the command,
 * the remote host and the diagnostic ("Routing: ..." lines are the MTA's own text). The centred banner
 * line and the "   * address" bullets are required, so Gmail's unindented notices with the same banner
 * words are not claimed. Undecodable without a bullet. Stateless; thread-safe.
 */
public final class X3Dialect implements Dialect {
    private static final String BANNER = "This is an automatically generated Delivery Status Notification.";
    private static final String DETAILS = "Technical details:";
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "x3"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!m.subjectLower().startsWith("delivery status notification") || !m.fromLower().contains("mail delivery system")) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        int banner = text.indexOf("      " + BANNER);
        if (banner < 0) return ParseResult.NOT_MINE;
        List<String> addresses = new ArrayList<>();
        Reason hint = null;
        StringBuilder details = new StringBuilder();
        boolean inDetails = false;
        for (String raw : GatewayText.lines(text.substring(banner), MAX_LINES)) {
            String line = raw.strip();
            if (line.startsWith("=====")) { inDetails = false; continue; }
            if (line.equals(DETAILS)) { inDetails = true; continue; }
            if (inDetails) {
                if (!line.isEmpty()) details.append(' ').append(line);
            } else if (line.startsWith("* ")) {
                String a = Addresses.normalize(line.substring(2));
                if (!a.isEmpty()) addresses.add(a);
            } else if (line.contains("to the following recipients was aborted after")) {
                hint = Reason.EXPIRED;
            }
        }
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "no '* address' line");
        String d = details.toString().strip();
        String command = "";
        String remote = "";
        if (d.startsWith("SMTP:")) {
            int space = d.indexOf(' ');
            command = GatewayText.command(d.substring(5, space < 0 ? d.length() : space));
            int host = d.indexOf(" host ");
            int colon = host < 0 ? -1 : d.indexOf(": ", host);
            if (colon > 0) {
                remote = d.substring(host + 6, colon).strip();
                d = d.substring(colon + 2);
            }
        }
        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            out.add(GatewayText.recipient(a, d).command(command).remoteMta(remote).reasonHint(hint).build());
        }
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }
}
