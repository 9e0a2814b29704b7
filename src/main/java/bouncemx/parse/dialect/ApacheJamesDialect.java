package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Apache James bounce notices (james 2.x transport/mailets/AbstractNotify and its Bounce/NotifySender
 * mailets): a notice line ("Error: ..."), "Error message below:" followed by the remote server's reply,
 * then "Message details:" with indented "  Subject:", "  Sent date:", "  MAIL FROM:", "  RCPT TO:"
 * lines. Claimed only when one of James's header signals is there too (Subject "[BOUNCE]", a JavaMail
 * Message-ID, a "JAMES SMTP Server" Received line) and the body has "Message details:" with an
 * "RCPT TO:" line; without "Error message below:" (James writes it only when the mail carries an error
 * message) the notice text above the details is the diagnostic. Every
 * address of the "RCPT TO:" line is a recipient and gets the reply text. Returns NOT_MINE otherwise,
 * Undecodable when the details name no recipient. Stateless, thread-safe.
 */
public final class ApacheJamesDialect implements Dialect {

    private static final String ERROR_HEAD = "error message below:";
    private static final String DETAILS = "message details:";
    private static final String RCPT = "  rcpt to: ";

    @Override
    public String name() { return "apachejames"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!jamesHeaders(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        String lower = m.mainTextLower();
        int details = TextScan.lineStarting(lower, DETAILS, 0);
        if (details < 0 || TextScan.lineStarting(lower, RCPT, details) < 0) return ParseResult.NOT_MINE;
        // AbstractNotify writes "Error message below:" only when the mail carries an error message; without
        // it, the notice lines above "Message details:" ("Error: Invalid user address") are the text
        int err = TextScan.lineStarting(lower, ERROR_HEAD, 0);
        String diag = err >= 0 && err < details
                ? TextScan.fold(text.substring(err + ERROR_HEAD.length(), details))
                : TextScan.fold(text.substring(0, details));

        List<RecipientStatus> out = new ArrayList<>();
        int r = TextScan.lineStarting(lower, RCPT, details);
        if (r >= 0) {
            int eol = lower.indexOf('\n', r);
            String list = text.substring(r + RCPT.length(), eol < 0 ? text.length() : eol);
            for (String part : list.split("[,\\s]+")) {
                String a = Addresses.first(part);
                if (a.isEmpty() || out.stream().anyMatch(x -> x.address().equals(a))) continue;
                out.add(RecipientStatus.builder().address(a, "text").action("failed").diagnosticText(diag)
                        .replyCode(Codes.leadingReplyCode(diag)).status(Codes.status(diag)).build());
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "James notice without an RCPT TO line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static boolean jamesHeaders(BounceMessage m) {
        if (m.subjectLower().trim().equals("[bounce]")) return true;
        String mid = m.headers().get("message-id");
        if (mid != null && mid.contains(".JavaMail.")) return true;
        for (String r : m.headers().all("received")) if (r.contains("JAMES SMTP Server")) return true;
        return false;
    }
}
