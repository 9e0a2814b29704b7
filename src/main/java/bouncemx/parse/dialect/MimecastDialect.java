package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Mimecast's own delivery failure notice (Subject "[Postmaster] Email Delivery Failure", X-Mimecast-* and
 * X-MC-System headers), one message per failed recipient:
 * <pre>
 * An email that you attempted to send to the following address could not be delivered:
 * -- rcpt@example.org
 *
 * The problem appears to be :
 * -- Recipient email address is possibly incorrect
 *
 * Additional information follows :
 * -- 5.4.1 Recipient address rejected: Access denied. [...]
 * </pre>
 * "Additional information" is the next hop's answer (the diagnostic); "The problem appears to be" is
 * Mimecast's own verdict, read as {@code reasonHint} through the table below. Every entry is a line
 * starting "-- ": a single word with an "@" is a recipient, anything else text, so reworded or wrapped
 * headings do not matter. Claims only messages with a Mimecast header, Subject or ".mimecast.lan"
 * Message-ID and such entries; Undecodable without an address. Stateless; thread-safe.
 */
public final class MimecastDialect implements Dialect {
    private static final String RCPT = "An email that you attempted to send to the following address could not be delivered";
    private static final String PROBLEM = "The problem appears to be";
    private static final String INFO = "Additional information follows";
    private static final int MAX_LINES = 200;

    /** Mimecast's verdict lines and the reason they state. */
    private static final ReasonTexts VERDICTS = ReasonTexts.of(
            row(Reason.USER_UNKNOWN, "Recipient email address is possibly incorrect"));

    @Override
    public String name() { return "mimecast"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String mid = m.headers().get("message-id");
        boolean header = m.headers().has("x-mimecast-originator") || m.headers().has("x-mc-system")
                || m.subjectLower().contains("email delivery failure")
                || (mid != null && mid.trim().endsWith(".mimecast.lan>"));
        if (!header) return ParseResult.NOT_MINE;
        String text = m.mainText();
        List<String> addresses = new ArrayList<>();
        String problem = "";
        StringBuilder info = new StringBuilder();
        boolean entries = false;
        int section = 0; // 2 problem, 3 additional information; 0 before either
        int continuing = 0; // the section of the text entry that a wrapped line continues, 0 for none
        for (String raw : GatewayText.lines(text, MAX_LINES)) {
            String line = raw.strip();
            if (line.startsWith(PROBLEM)) { section = 2; continue; }
            if (line.startsWith(INFO)) { section = 3; continue; }
            if (line.isEmpty()) {
                if (section == 3 && info.length() > 0) break;
                continuing = 0;
                continue;
            }
            // every entry of the notice is a "-- " line, whatever the headings above it say: one word with
            // an "@" is a recipient, anything else is the notice's text (its wrapped lines follow it)
            if (!line.startsWith("-- ")) {
                if (continuing == 2) problem = problem + " " + line;
                else if (continuing == 3) info.append(' ').append(line);
                continue;
            }
            entries = true;
            String v = line.substring(3).strip();
            continuing = 0;
            if (v.indexOf(' ') < 0 && v.indexOf('@') > 0) {
                String a = Addresses.first(v);
                if (!a.isEmpty() && !addresses.contains(a)) addresses.add(a);
            } else if (section == 2) {
                problem = problem.isEmpty() ? v : problem + " " + v;
                continuing = 2;
            } else {
                info.append(' ').append(v);
                continuing = 3;
            }
        }
        if (!entries && text.indexOf(RCPT) < 0) return ParseResult.NOT_MINE;
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "no address after the notice");
        String diag = info.length() > 0 ? info.toString() : problem;
        Reason hint = VERDICTS.in(problem);
        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) out.add(GatewayText.recipient(a, diag).reasonHint(hint).build());
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }
}
