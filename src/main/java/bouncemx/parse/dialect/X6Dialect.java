package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unknown MTA "X6" (Sisimai's name; not identified): From "mailer-daemon", Subject "There was an error
 * sending your mail", text:
 * <pre>
 * We had trouble delivering your message. Full details follow:
 * ...
 * 1 error(s):
 *
 * SMTP Server &lt;mx.example.org&gt; rejected recipient &lt;rcpt@example.org&gt; (Error following RCPT command).
 *   It responded as follows: [550 5.1.1 User unknown]
 * </pre>
 * Each "rejected recipient" sentence gives the remote server, the recipient, the command and (in square
 * brackets) the server's reply. NOT_MINE without the opening sentence; Undecodable without a recipient
 * sentence. Stateless; thread-safe.
 */
public final class X6Dialect implements Dialect {
    private static final String OPENING = "We had trouble delivering your message. Full details follow:";
    private static final Pattern REJECTED = Pattern.compile(
            "SMTP Server <([^>]*)> rejected recipient <([^>]+)> \\(Error following (\\S+) command\\)\\.?"
                    + "\\s*It responded as follows:\\s*\\[([^\\]]*)\\]");

    @Override
    public String name() { return "x6"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!m.subjectLower().contains("there was an error sending your mail") && !m.fromLower().contains("mailer-daemon")) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        if (!text.contains(OPENING)) return ParseResult.NOT_MINE;
        List<RecipientStatus> out = new ArrayList<>();
        Matcher r = REJECTED.matcher(text);
        while (r.find() && out.size() < 1000) {
            String a = Addresses.normalize(r.group(2));
            if (a.isEmpty()) continue;
            out.add(GatewayText.recipient(a, r.group(4)).remoteMta(r.group(1))
                    .command(GatewayText.command(r.group(3))).build());
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no 'rejected recipient' sentence");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }
}
