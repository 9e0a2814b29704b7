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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MailFoundry (spam and virus filtering appliance): Subject "Message delivery has failed", relayed by
 * "(MAILFOUNDRY)" hosts, text:
 * <pre>
 * Unable to deliver message to: &lt;user@example.org&gt;
 * Delivery failed for the following reason:
 * Server mx22.example.org[192.0.2.222] failed with: 550 &lt;user@example.org&gt; No such user here
 *
 * This has been a permanent failure.  No further delivery attempts will be made.
 * </pre>
 * The text after "failed with:" (up to a blank line) is the diagnostic and the server before it the
 * remote MTA; without a "Server ... failed with:" line the reason paragraph is the diagnostic. Several
 * "Unable to deliver message to:" blocks give several recipients. Undecodable without one. Stateless;
 * thread-safe.
 */
public final class MailFoundryDialect implements Dialect {
    private static final String RCPT = "Unable to deliver message to:";
    private static final Pattern SERVER = Pattern.compile("^Server (\\S+?)(?:\\[[^\\]]*\\])? failed with:\\s*(.*)$");
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "mailfoundry"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!GatewayText.receivedContains(m, "(mailfoundry)") && !m.subjectLower().equals("message delivery has failed")) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        if (TextScan.lineStarting(text, RCPT, 0) < 0 || !text.contains("Delivery failed for the following reason:")) {
            return ParseResult.NOT_MINE;
        }
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        String remote = "";
        StringBuilder diag = new StringBuilder();
        boolean inReason = false;
        for (String raw : GatewayText.lines(text, MAX_LINES)) {
            String line = raw.strip();
            if (line.startsWith(RCPT)) {
                if (address != null) out.add(build(address, diag, remote));
                address = Addresses.first(line.substring(RCPT.length()));
                diag.setLength(0);
                remote = "";
                inReason = false;
            } else if (address == null) {
                continue;
            } else if (line.startsWith("Delivery failed for the following reason")) {
                inReason = true;
            } else if (inReason && line.isEmpty()) {
                inReason = false;
            } else if (inReason) {
                Matcher s = SERVER.matcher(line);
                if (s.matches()) {
                    remote = s.group(1);
                    diag.setLength(0);
                    diag.append(s.group(2));
                } else {
                    diag.append(' ').append(line);
                }
            }
        }
        if (address != null) out.add(build(address, diag, remote));
        out.removeIf(r -> r.address().isEmpty());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no recipient line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus build(String address, CharSequence diag, String remote) {
        return GatewayText.recipient(address, diag.toString()).remoteMta(remote).build();
    }
}
