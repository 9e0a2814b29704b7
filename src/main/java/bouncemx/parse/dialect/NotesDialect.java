package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Lotus Notes SMTP MTA (R4/R5 era) non-delivery reports: Subject "Undeliverable message" and a plain text
 * <pre>
 * ------- Failure Reasons  --------
 * User not listed in public Name &amp; Address Book
 * user@example.com
 * ------- Returned Message --------
 * </pre>
 * The reason lines come before the address they concern; a line that is only an address is a recipient,
 * and takes the reason lines read since the previous recipient (or, when none were, the previous
 * recipient's reason). When no address line is there, the To: of the returned message is the recipient.
 * Notes' own fixed reason sentences that name the cause become a reason hint. No status or reply code is
 * written. Not mine otherwise; Undecodable when no recipient can be read. Stateless, thread-safe.
 */
public final class NotesDialect implements Dialect {
    private static final String START = "------- Failure Reasons";
    private static final String END = "------- Returned Message --------";

    /** Notes' own reason sentences, lowercase, and the reason each states. */
    private static final ReasonTexts HINTS = ReasonTexts.of(
            row(Reason.USER_UNKNOWN, "not listed in public name & address book"),
            row(Reason.USER_UNKNOWN, "ディレクトリのリストにありません"),   // Japanese Notes: "not in the directory list"
            row(Reason.NETWORK_ERROR, "message has exceeded maximum hop count"));

    @Override
    public String name() { return "notes"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // its own Subject, or its "Failure Reasons" section in a notice from a mail system under another Subject
        if (!m.subjectLower().startsWith("undeliverable message") && !Senders.mayBeNotice(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int at = text.indexOf(START);
        if (at < 0) return ParseResult.NOT_MINE;
        int end = text.indexOf(END, at);
        int start = text.indexOf('\n', at);
        String section = start < 0 ? "" : text.substring(start + 1, end < 0 ? text.length() : end);
        List<RecipientStatus> out = new ArrayList<>();
        StringBuilder reason = new StringBuilder();
        String last = "";
        int lines = 0;
        for (String raw : section.split("\n", -1)) {
            if (++lines > 1000) break;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("-")) continue;
            if (line.indexOf('@') > 0 && line.indexOf(' ') < 0) {
                String address = Addresses.first(line);
                if (address.isEmpty()) continue;
                String diag = reason.length() > 0 ? TextScan.fold(reason.toString()) : last;
                out.add(recipient(address, "text", diag));
                last = diag;
                reason.setLength(0);
            } else {
                reason.append(' ').append(line);
            }
        }
        if (out.isEmpty() && end >= 0) {
            int to = bouncemx.parse.TextScan.lineStarting(text, "To: ", end);
            String address = to < 0 ? "" : Addresses.first(text.substring(to + 4, lineEnd(text, to)));
            if (!address.isEmpty()) out.add(recipient(address, "header", TextScan.fold(reason.toString())));
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "Notes report without a recipient");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus recipient(String address, String source, String diag) {
        var b = RecipientStatus.builder().address(address, source).action("failed").diagnosticText(diag);
        String lower = diag.toLowerCase(Locale.ROOT).replace("  ", " ");
        Reason own = HINTS.in(lower);
        if (own != null) b.reasonHint(own);
        return b.build();
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }
}
