package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The last resort for bounces that no dialect knows and that carry no DSN part: a message from a mail
 * system account (mailer-daemon, postmaster) whose Subject is one of the standard bounce subjects
 * ("Returned mail: ...", "Undeliverable: ...", "Undelivered Mail Returned to Sender", "failure notice",
 * ...), with plain text that names the failed address. Each line of the report text that names an
 * address (other than the bounce's own From and To, and other than header lines of the quoted original)
 * gives a recipient, with that line as its diagnostic text; the quoted original (a run of header lines)
 * ends the search. Both conditions are needed, so a message that merely mentions an address is never
 * claimed. Not mine otherwise; Undecodable when no address is named. Stateless, thread-safe.
 */
public final class PlainTextDialect implements Dialect {

    /** Subjects mail systems give bounces (lowercase prefixes). */
    private static final List<String> SUBJECTS = List.of("returned mail", "undeliverable", "undelivered mail",
            "delivery failure", "delivery status notification (failure)", "mail delivery failed", "failure notice",
            "non-delivery", "nondeliverable", "delivery failed", "mail system error", "could not send message");

    private static final List<String> DAEMONS = List.of("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon");

    /** Header-like line starts of a quoted original (lowercase). */
    private static final List<String> HEADER_LINES = List.of("to:", "from:", "cc:", "subject:", "reply-to:", "date:",
            "return-path:", "message-id:", "received:", "sender:", "delivered-to:", "x-");

    private static final int MAX_RECIPIENTS = 50;

    @Override
    public String name() { return "text"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!bounceSubject(m.subjectLower()) || !fromMailSystem(m)) return ParseResult.NOT_MINE;
        String own1 = Addresses.first(m.header("from"));
        String own2 = Addresses.first(m.header("to"));
        List<RecipientStatus> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int headerRun = 0;
        for (String line : m.mainText().split("\n", 2000)) {
            String t = line.strip();
            String lower = t.toLowerCase(Locale.ROOT);
            if (isHeaderLine(lower)) {
                if (++headerRun >= 3) break;   // the quoted original begins
                continue;
            }
            headerRun = 0;
            String a = Addresses.first(t);
            if (a.isEmpty() || a.equals(own1) || a.equals(own2) || seen.contains(a)) continue;
            seen.add(a);
            out.add(RecipientStatus.builder().address(a, "text").action("failed").diagnosticText(TextScan.fold(t))
                    .command(SmtpCommands.find(t)).build());
            if (out.size() >= MAX_RECIPIENTS) break;
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "bounce text names no address");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static boolean bounceSubject(String s) {
        String t = s.strip();
        for (String p : SUBJECTS) if (t.startsWith(p)) return true;
        return false;
    }

    private static boolean fromMailSystem(BounceMessage m) {
        String from = Addresses.first(m.header("from"));
        int at = from.indexOf('@');
        String local = at > 0 ? from.substring(0, at) : from;
        return DAEMONS.contains(local);
    }

    private static boolean isHeaderLine(String lower) {
        for (String h : HEADER_LINES) if (lower.startsWith(h)) return true;
        return false;
    }
}
