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
 * m-FILTER (Digital Arts' mail gateway, Japan; also rebranded, e.g. X-Mailer "local-mailhub"): Subject
 * "failure notice", a Japanese explanation ("以下のメールアドレスへの送信に失敗しました。") followed by the
 * failed addresses one per line, then dashed sections:
 * <pre>
 * user@example.com
 *
 * -------server message
 * 550 5.1.1 &lt;user@example.com&gt;: Recipient address rejected: User unknown
 *
 * -------SMTP command
 * DATA
 *
 * -------original message       (or "-------original mail info")
 * </pre>
 * The server message is the diagnostic of every address listed; the SMTP command section gives the
 * command. Claims a message only when X-Mailer says m-FILTER or the Subject is "failure notice", and its
 * text has the "-------server message" section; Undecodable when no address precedes it. Stateless;
 * thread-safe.
 */
public final class MFilterDialect implements Dialect {
    private static final String SERVER = "-------server message";
    private static final String COMMAND = "-------SMTP command";
    private static final int MAX_LINES = 200;

    @Override
    public String name() { return "mfilter"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!GatewayText.headerLower(m, "x-mailer").contains("m-filter") && !m.subjectLower().startsWith("failure notice")) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        int server = TextScan.lineStarting(text, SERVER, 0);
        if (server < 0) return ParseResult.NOT_MINE;

        List<String> addresses = new ArrayList<>();
        for (String raw : GatewayText.lines(text.substring(0, server), MAX_LINES)) {
            String line = raw.strip();
            if (line.indexOf('@') <= 0 || line.indexOf(' ') >= 0) continue;
            String a = Addresses.normalize(line);
            if (!a.isEmpty() && !addresses.contains(a)) addresses.add(a);
        }
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "no address before the server message");

        String diag = section(text, server);
        int cmd = TextScan.lineStarting(text, COMMAND, server);
        String command = cmd < 0 ? "" : GatewayText.command(section(text, cmd));
        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) out.add(GatewayText.recipient(a, diag).command(command).build());
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** The lines after the "-------name" line at {@code at}, up to the next "-------" section or blank line. */
    private static String section(String text, int at) {
        int start = text.indexOf('\n', at);
        if (start < 0) return "";
        start++;
        int end = text.indexOf("\n\n", start);
        int next = TextScan.lineStarting(text, "-------", start);
        if (end < 0) end = text.length();
        if (next >= 0 && next < end) end = next;
        return text.substring(start, Math.max(start, end)).strip();
    }
}
