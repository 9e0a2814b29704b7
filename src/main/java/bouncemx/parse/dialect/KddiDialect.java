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

import java.util.ArrayList;
import java.util.List;

import static bouncemx.parse.ReasonTexts.row;

/**
 * au by KDDI's "au one net" (dion.ne.jp, auone-net.jp) mail error notices: From no-reply@...dion.ne.jp,
 * Reply-To no-reply@app.auone-net.jp, a Japanese explanation, then the server's English text:
 * <pre>
 * Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
 *      Could not be delivered to: &lt;rcpt@example.dion.ne.jp&gt;
 *      As their mailbox is full.
 * </pre>
 * ("Your mail attempted to be delivered on:" in some versions). The indented lines after the recipient
 * are the diagnostic; the fixed ones that state a reason ("As their mailbox is full", "Due to the
 * following SMTP relay error", "As the remote domain doesnt exist") become {@code reasonHint}, and
 * "X-SPASIGN: NG" means the recipient's spam setting refused it ({@code filtered}). Looks at the body only
 * when From/Reply-To name the au one net hosts (or a Received line names an ezweb.ne.jp / au.com relay);
 * Undecodable without a recipient line. Stateless; thread-safe.
 */
public final class KddiDialect implements Dialect {
    private static final int MAX_LINES = 400;
    private static final String MARK = "Could not be delivered to:";

    /** The au one net texts that state the reason. */
    private static final ReasonTexts TEMPLATE = ReasonTexts.of(
            row(Reason.MAILBOX_FULL, "As their mailbox is full"),
            row(Reason.NO_RELAYING, "Due to the following SMTP relay error"),
            row(Reason.HOST_UNKNOWN, "As the remote domain doesnt exist"));

    @Override
    public String name() { return "kddi"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        String replyTo = GatewayText.headerLower(m, "reply-to");
        boolean kddi = from.contains(".dion.ne.jp") || from.contains("auone-net.jp") || replyTo.contains("auone-net.jp")
                || GatewayText.receivedContains(m, "ezweb.ne.jp (") || GatewayText.receivedContains(m, ".au.com (");
        if (!kddi) return ParseResult.NOT_MINE;
        String text = m.mainText();
        if (TextScan.lineStarting(text, "Your mail sent on:", 0) < 0
                && TextScan.lineStarting(text, "Your mail attempted to be delivered on:", 0) < 0) {
            return ParseResult.NOT_MINE;
        }
        boolean spam = GatewayText.headerLower(m, "x-spasign").strip().equals("ng");
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        StringBuilder diag = new StringBuilder();
        for (String raw : GatewayText.lines(text, MAX_LINES)) {
            String line = raw.strip();
            int at = line.indexOf(MARK);
            if (at >= 0) {
                if (address != null) out.add(build(address, diag.toString(), spam));
                address = Addresses.first(line.substring(at + MARK.length()));
                diag.setLength(0);
            } else if (address != null) {
                if (line.isEmpty()) continue;   // the explanation may go on after a blank line
                if (!Character.isWhitespace(raw.charAt(0))) {
                    out.add(build(address, diag.toString(), spam));
                    address = null;
                } else {
                    diag.append(' ').append(line);
                }
            }
        }
        if (address != null) out.add(build(address, diag.toString(), spam));
        out.removeIf(r -> r.address().isEmpty());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no 'Could not be delivered to' line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus build(String address, String diag, boolean spam) {
        RecipientStatus.Builder b = GatewayText.recipient(address, diag);
        b.diagnosticType("");
        b.command(GatewayText.command(diag));
        return b.reasonHint(spam ? Reason.FILTERED : TEMPLATE.in(diag)).build();
    }
}
