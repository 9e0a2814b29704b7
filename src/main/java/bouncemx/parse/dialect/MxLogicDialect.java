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
 * MX Logic (McAfee SaaS email protection, mxl_mta; Exim-derived bounce texts): From MAILER-DAEMON at a
 * mxlogic host, "X-MX-Bounce: mta/src/queue/bounce", "X-MXL-Hash" or "X-MXL-NoteHash", Message-Id
 * "&lt;mxl~...&gt;"; the text starts at "could not be delivered to one or more" (or Exim's opening sentence):
 * <pre>
 * A message that you have sent could not be delivered to one or more
 * recipients.  This is a permanent error.  The following address failed:
 *
 *   &lt;user@example.co.jp&gt;: 550 5.1.1 &lt;user@example.co.jp&gt;: Recipient address rejected: ...
 *
 * Included is a copy of the message header:
 * </pre>
 * Each "&lt;address&gt;: reply" line (its following lines up to a blank line continue the reply) is a
 * recipient. The Exim form "  address" followed by indented "SMTP error from remote mail server after
 * RCPT TO:...: host ...: reply" lines is read the same way, the command taken from "after COMMAND".
 * Undecodable without a recipient. Stateless; thread-safe.
 */
public final class MxLogicDialect implements Dialect {
    private static final String END = "Included is a copy of the message header";
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "mxlogic"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        boolean mine = m.headers().has("x-mx-bounce") || m.headers().has("x-mxl-hash") || m.headers().has("x-mxl-notehash")
                || GatewayText.headerLower(m, "message-id").startsWith("<mxl~") || m.fromLower().contains("mxlogic.net");
        if (!mine) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int start = text.indexOf("could not be delivered to one or more");
        if (start < 0) start = text.indexOf("This message was created automatically by mail delivery software.");
        if (start < 0) return ParseResult.NOT_MINE;
        int end = TextScan.lineStarting(text, END, start);
        String body = text.substring(start, end < 0 ? text.length() : end);
        String[] lines = GatewayText.lines(body, MAX_LINES);
        List<RecipientStatus> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("  ") || line.startsWith("   ")) continue;
            String s = line.strip();
            String address;
            String first;
            if (s.startsWith("<") && s.indexOf(">:") > 0) {
                address = Addresses.normalize(s.substring(0, s.indexOf(">:") + 1));
                first = s.substring(s.indexOf(">:") + 2);
            } else if (s.indexOf('@') > 0 && s.indexOf(' ') < 0) {
                address = Addresses.normalize(s);
                first = "";
            } else {
                continue;
            }
            if (address.isEmpty()) continue;
            StringBuilder diag = new StringBuilder(first);
            int j = i + 1;
            while (j < lines.length && !lines[j].isBlank() && !(lines[j].startsWith("  ") && !lines[j].startsWith("   ")
                    && lines[j].strip().startsWith("<"))) {
                diag.append(' ').append(lines[j].strip());
                j++;
            }
            i = j - 1;
            out.add(build(address, diag.toString()));
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no failed address");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** Exim's "SMTP error from remote mail server after RCPT TO:&lt;a&gt;: host h [ip]: reply" is split up. */
    private static RecipientStatus build(String address, String diag) {
        String d = diag.strip();
        String command = "";
        String remote = "";
        int after = d.indexOf(" after ");
        int host = d.indexOf(": host ");
        if (d.startsWith("SMTP error from remote") && after > 0 && host > after) {
            command = GatewayText.command(d.substring(after + 7, host));
            int colon = d.indexOf(": ", host + 7);
            String h = d.substring(host + 7, colon < 0 ? d.length() : colon).strip();
            remote = h.indexOf(' ') > 0 ? h.substring(0, h.indexOf(' ')) : h;
            d = colon < 0 ? "" : d.substring(colon + 2);
        }
        return GatewayText.recipient(address, d).command(command).remoteMta(remote).build();
    }
}
