package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;

/**
 * Google Groups' refusal to accept a post, sent by "Mail Delivery Subsystem
 * &lt;mailer-daemon@googlemail.com&gt;" in the poster's language:
 * <pre>
 * X-Failed-Recipients: group@googlegroups.com
 *
 * Hello user@example.jp,
 * We're writing to let you know that the group you tried to contact (group) may not exist, or you may
 * not have permission to post messages to the group. ...
 * ... visit the Help Center at https://groups.google.com/support/.
 * </pre>
 * The text is translated (Japanese, Ukrainian ... in the corpus), so the message is recognised by the
 * sender, the X-Failed-Recipients header (the group address) and the language-independent Help Center
 * link; the diagnostic is the notice up to "----- Original message -----". The template itself gives
 * the reason: the group refused the poster ({@code rejected}, as Sisimai reads it). Returns NOT_MINE for
 * anything else (including Gmail's own "Delivery to the following recipient" notices). Stateless,
 * thread-safe.
 */
public final class GoogleGroupsDialect implements Dialect {
    private static final String MARK = "groups.google.com";
    private static final String END = "----- Original message -----";

    @Override
    public String name() { return "googlegroups"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!ProviderText.fromGoogle(m) || !m.headers().has("x-failed-recipients")) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int end = TextScan.lineStarting(text, END, 0);
        String notice = end < 0 ? text : text.substring(0, end);
        if (!notice.contains(MARK) || notice.contains("Delivery to the following recipient")) return ParseResult.NOT_MINE;
        List<String> addresses = ProviderText.failedRecipients(m);
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "no group address in X-Failed-Recipients");
        String diag = TextScan.fold(notice);
        if (diag.length() > 1024) diag = diag.substring(0, 1024);
        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            out.add(RecipientStatus.builder().address(a, "header").action("failed").diagnosticText(diag)
                    .reasonHint(Reason.REJECTED).build());
        }
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }
}
