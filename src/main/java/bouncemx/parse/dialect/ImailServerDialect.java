package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Ipswitch IMail Server (SMTP32) bounces: Subject "Undeliverable Mail", X-Mailer "&lt;SMTP32 v8.22&gt;",
 * a plain text of one line per failed recipient before "Original message follows.":
 * <pre>
 * Unknown user: user@example.com
 * User mailbox exceeds allowed size: user@example.com
 * Delivery failed 20 attempts: user@example.com
 * undeliverable to user@example.com
 * Body of message generated response:
 * 550-REJECTED - ...
 * 550 ...
 * </pre>
 * A "reason: address" line gives the recipient and IMail's reason; "undeliverable to address" gives the
 * recipient, and the remote server's reply follows "Body of message generated response:" (its lines are
 * joined, continuation codes dropped). IMail's own reason texts name the cause and become a reason hint
 * (table below). Not mine unless the Subject or X-Mailer is IMail's; Undecodable when no recipient line
 * is found. Not mine either when the text has neither "Original message follows." nor the response
 * heading, or the message has a delivery-status part (IMail writes none; content filters reuse its Subject). Stateless, thread-safe.
 */
public final class ImailServerDialect implements Dialect {
    private static final String RESPONSE = "Body of message generated response:";
    private static final String END = "Original message follows.";

    /** IMail's reason texts (SMTP32 queue manager), lowercase prefixes, and the reason each states. */
    private static final ReasonTexts HINTS = ReasonTexts.of(
            row(Reason.USER_UNKNOWN, "unknown user"),
            row(Reason.USER_UNKNOWN, "invalid final delivery userid"),
            row(Reason.HOST_UNKNOWN, "unknown host"),
            row(Reason.MAILBOX_FULL, "user mailbox exceeds allowed size"),
            row(Reason.VIRUS_DETECTED, "requested action not taken: virus detected"),
            row(Reason.EXPIRED, "delivery failed "));

    @Override
    public String name() { return "imailserver"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String mailer = m.headers().get("x-mailer");
        boolean imail = m.subjectLower().strip().startsWith("undeliverable mail")
                || mailer != null && mailer.strip().startsWith("<SMTP32 v");
        if (!imail) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int end = text.indexOf(END);
        // IMail writes no RFC 3464 part; its text has the returned-message marker or the response heading
        if (end < 0 && !text.contains(RESPONSE) || DeliveryStatus.part(m) != null) return ParseResult.NOT_MINE;
        String body = end < 0 ? text : text.substring(0, end);
        List<String[]> found = new ArrayList<>();   // {address, imail reason}
        List<String> response = new ArrayList<>();
        boolean inResponse = false;
        int lines = 0;
        for (String raw : body.split("\n", -1)) {
            if (++lines > 2000) break;
            String line = raw.strip();
            if (line.isEmpty()) { inResponse = false; continue; }
            if (line.startsWith(RESPONSE)) { inResponse = true; continue; }
            if (inResponse) { response.add(line); continue; }
            String lower = line.toLowerCase(Locale.ROOT);
            int colon = line.lastIndexOf(": ");
            if (lower.startsWith("undeliverable to ")) {
                String a = Addresses.first(line.substring(17));
                if (!a.isEmpty()) found.add(new String[] {a, ""});
            } else if (colon > 8 && line.indexOf('@', colon) > 0 && !namesNoRecipient(lower.substring(0, colon))) {
                String a = Addresses.first(line.substring(colon + 2));
                if (!a.isEmpty()) found.add(new String[] {a, line.substring(0, colon).strip()});
            }
        }
        if (found.isEmpty()) {
            return new ParseResult.Undecodable(name(), "IMail report without a recipient line");
        }
        String reply = SendmailTranscript.joinReplies(response);
        List<RecipientStatus> out = new ArrayList<>();
        boolean anyBare = found.stream().anyMatch(f -> f[1].isEmpty());
        for (String[] f : found) {
            // the response belongs to the "undeliverable to" recipients, or to all when every line has a reason
            String own = f[1].isEmpty() || !anyBare ? reply : "";
            String diag = TextScan.fold((f[1] + " " + own).strip());
            var b = RecipientStatus.builder().address(f[0], "text").action("failed").diagnosticText(diag)
                    .replyCode(Codes.leadingReplyCode(own)).status(Codes.status(own));
            if (!own.isEmpty()) b.diagnosticType("smtp");
            String lower = f[1].toLowerCase(Locale.ROOT);
            Reason hint = HINTS.in(lower);
            if (hint != null) b.reasonHint(hint);
            out.add(b.build());
        }
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /**
     * A label whose address is no failed recipient: the sender ("Original sender: &lt;a@b&gt;", "Sender address:") or a
     * message named by its Message-ID ("Reference: message &lt;...&gt;"). IMail's own labels are its reasons.
     */
    private static boolean namesNoRecipient(String label) {
        return label.contains("sender") || label.contains("reference") || label.contains("message-id") || label.contains("message id");
    }
}
