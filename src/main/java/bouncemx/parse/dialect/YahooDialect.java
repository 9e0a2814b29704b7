package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Yahoo's "Failure Notice" (Yahoo! Mail, Yahoo! JAPAN, AOL/Verizon Media "sonic" servers 2014-2018; the
 * same software also sends Amazon SES's plain notices), subject "Failure Notice":
 * <pre>
 * Sorry, we were unable to deliver your message to the following address.
 *
 * &lt;user@example.jp&gt;:
 * Remote host said: 550 5.1.1 &lt;user@example.jp&gt;... User Unknown [RCPT_TO]
 *
 * --- Below this line is a copy of the message.
 * </pre>
 * The reply may sit on the next lines, without "Remote host said:" ("550: 5.1.1 ... User Unknown"), or
 * be Yahoo's own words ("Unable to deliver message after multiple retries, giving up."). The bracketed
 * tag names the SMTP command ([RCPT_TO], [MAIL_FROM], [DATA]) and is removed from the diagnostic; without a
 * tag, a reply that names the recipient ("&lt;a@b&gt;") answered RCPT.
 * Several "&lt;address&gt;:" blocks are read in order. Returns NOT_MINE without the opening sentence,
 * Undecodable when no address block follows it. Stateless, thread-safe.
 */
public final class YahooDialect implements Dialect {
    private static final String LEAD = "Sorry, we were unable to deliver your message to the following address";
    private static final String[] ENDS = {"--- Below this line is a copy of the message.", "--- Below this line is a copy"};
    private static final Pattern ADDRESS_LINE = Pattern.compile("^<([^<>\\s]+@[^<>\\s]+)>:\\s*$");
    private static final Pattern TAG = Pattern.compile("\\s*\\[(RCPT_TO|MAIL_FROM|DATA|CONNECT|EHLO|HELO|MESSAGE)]\\s*");
    private static final String SAID = "Remote host said:";

    @Override
    public String name() { return "yahoo"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // its Subject, or its opening sentence under another Subject in a notice from a mail system
        if (!m.subjectLower().contains("failure notice") && !Senders.mayBeNotice(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        String body = ProviderText.section(text, LEAD, ENDS);
        if (body.isEmpty()) return ParseResult.NOT_MINE;
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        StringBuilder diag = new StringBuilder();
        for (String line : body.split("\n", 500)) {
            Matcher am = ADDRESS_LINE.matcher(line.trim());
            if (am.matches()) {
                if (address != null) out.add(recipient(address, diag.toString()));
                address = Addresses.normalize(am.group(1));
                diag.setLength(0);
            } else if (address != null && !line.isBlank()) {
                diag.append(line).append(' ');
            }
        }
        if (address != null) out.add(recipient(address, diag.toString()));
        out.removeIf(r -> r.address().isEmpty());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no <address>: block in the Failure Notice");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus recipient(String address, String raw) {
        String text = TextScan.fold(raw);
        if (text.startsWith(SAID)) text = text.substring(SAID.length()).trim();
        String command = "";
        Matcher t = TAG.matcher(text);
        if (t.find()) {
            command = ProviderText.command("[" + t.group(1) + "]");
            text = TAG.matcher(text).replaceAll(" ").trim();
        } else if (text.matches(".*<[^<>\\s]+@[^<>\\s]+>.*")) {
            command = "RCPT";   // no tag, but the remote reply names the recipient: it answered RCPT TO
        }
        var b = RecipientStatus.builder().address(address, "text").action("failed")
                .diagnostic(text.isEmpty() ? "" : "smtp", text).command(command);
        return ProviderText.codes(b, text).build();
    }
}
