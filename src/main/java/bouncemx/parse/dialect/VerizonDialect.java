package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Verizon Wireless' email-to-SMS gateway (post_master@vtext.com, 2013), and its picture-message gateway
 * (sysadmin@...vzwpix.com: "Message could not be delivered to mobile", "Error: No valid recipients for this
 * MM", then "Original Message:" and the original's "To:" line, which names the recipient):
 * <pre>
 * Error: Invalid user address
 * Error message below:
 * 550 - Requested action not taken: no such user here
 * Message details:
 *   Subject: ...
 *   MAIL FROM: sender@example.org
 *   RCPT TO: user@vtext.com
 * </pre>
 * The recipient is the "RCPT TO:" line of the message details, the diagnostic the lines under "Error
 * message below:" (else the "Error:" line). The "Error:" line is the gateway's own summary of the
 * failure; "Invalid user address" says the recipient does not exist. Returns NOT_MINE unless sent from vtext.com with that
 * template, Undecodable without a RCPT TO line. Stateless, thread-safe.
 */
public final class VerizonDialect implements Dialect {
    private static final Pattern RCPT = Pattern.compile("^\\s*RCPT TO:\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern ERROR = Pattern.compile("^Error:\\s*(.+)$", Pattern.MULTILINE);
    /** The gateway's summary line (lowercase) to the reason it states. */
    private static final ReasonTexts SUMMARIES = ReasonTexts.of(row(Reason.USER_UNKNOWN, "invalid user address"),
            row(Reason.USER_UNKNOWN, "no valid recipients"));
    /** The picture-message gateway's layout: the original's headers follow this line. */
    private static final String ORIGINAL = "Original Message:";
    private static final Pattern TO = Pattern.compile("^To:\\s*(.+)$", Pattern.MULTILINE);

    @Override
    public String name() { return "verizon"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        boolean sms = from.contains("@vtext.com");
        boolean mms = from.contains("sysadmin@") && from.contains(".vzwpix.com");
        if (!sms && !mms) return ParseResult.NOT_MINE;
        String text = m.mainText();
        boolean details = text.contains("Message details:");
        int original = text.indexOf(ORIGINAL);
        if ((!details && original < 0) || !text.contains("Error")) return ParseResult.NOT_MINE;
        Matcher r = RCPT.matcher(text);
        String a = r.find() ? Addresses.normalize(r.group(1)) : "";
        if (a.isEmpty() && original >= 0) {
            // "Original Message:" then the original's own "To: 0000000000@vzwpix.com"
            Matcher t = TO.matcher(text);
            if (t.find(original)) a = Addresses.first(t.group(1));
        }
        if (a.isEmpty()) return new ParseResult.Undecodable(name(), "no RCPT TO line in the message details");
        String diag = TextScan.fold(ProviderText.section(text, "Error message below:", "Message details:"));
        if (diag.isEmpty()) {
            Matcher e = ERROR.matcher(text);
            if (e.find()) diag = e.group(1).trim();
        }
        var b = RecipientStatus.builder().address(a, "text").action("failed").diagnostic("smtp", diag);
        Matcher e = ERROR.matcher(text);
        if (e.find()) {
            String summary = e.group(1).trim().toLowerCase(java.util.Locale.ROOT);
            Reason own = SUMMARIES.in(summary);
            if (own != null) b.reasonHint(own);
        }
        return new ParseResult.Decoded(name(), Report.delivery(List.of(ProviderText.codes(b, diag).build())));
    }
}
