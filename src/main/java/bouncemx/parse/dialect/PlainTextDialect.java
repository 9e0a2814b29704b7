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
 * "Message undeliverable: ...", ...; the phrase may follow a prefix), with plain text that names the failed
 * address. Each line of the report text that names an address (other than the bounce's own From and To,
 * and other than header lines of the quoted original) gives a recipient; its diagnostic text is that line
 * and the lines right under it that name no other address, up to a blank line (hMailServer, Kerio and
 * many appliances put "Remote server replied: 550 ..." under the address). The quoted original (a run of
 * header lines) ends the search. Both conditions are needed, so a message that merely mentions an address is never
 * claimed. Not mine otherwise; Undecodable when no address is named. Stateless, thread-safe.
 */
public final class PlainTextDialect implements Dialect {

    /** Subjects mail systems give bounces (lowercase prefixes). */
    private static final List<String> SUBJECTS = List.of("returned mail", "undeliverable", "undelivered mail",
            "delivery failure", "delivery status notification (failure)", "mail delivery failed", "failure notice",
            "non-delivery", "nondeliverable", "delivery failed", "mail system error", "could not send message");

    /**
     * Subjects of delay warnings (lowercase): the message is still queued, so every recipient is Action
     * delayed (RFC 3464 2.3.3). Postfix's bounce.cf delay template "Delayed Mail (still being retried)",
     * Sendmail's "Warning: could not send message for past ..." (savemail.c), Exim's "Warning: message ...
     * delayed ..." (its warn_message default), "Delivery Status Notification (Delay)" of Gmail and
     * Exchange, and the plain "delivery delayed" / "message delayed" wording of gateways.
     */
    private static final List<String> DELAY_SUBJECTS = List.of("delayed mail", "warning: could not send message",
            "delivery status notification (delay)", "delivery delayed", "message delayed", "delivery delay",
            "message delivery delayed", "warning: message delivery delayed");

    private static final List<String> DAEMONS = List.of("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon");

    /** Header-like line starts of a quoted original (lowercase). */
    private static final List<String> HEADER_LINES = List.of("to:", "from:", "cc:", "subject:", "reply-to:", "date:",
            "return-path:", "message-id:", "received:", "sender:", "delivered-to:", "x-");

    private static final int MAX_RECIPIENTS = 50;

    /** Lines under an address line that still belong to its entry. */
    private static final int MAX_ENTRY_LINES = 8;

    @Override
    public String name() { return "text"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        boolean delay = delaySubject(m.subjectLower());
        if (!(delay || bounceSubject(m.subjectLower())) || !fromMailSystem(m)) return ParseResult.NOT_MINE;
        String own1 = Addresses.first(m.header("from"));
        String own2 = Addresses.first(m.header("to"));
        List<RecipientStatus> out = new ArrayList<>();
        List<RecipientStatus> roles = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int headerRun = 0;
        String[] lines = m.mainText().split("\n", 2000);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            String lower = t.toLowerCase(Locale.ROOT);
            if (isHeaderLine(lower)) {
                if (++headerRun >= 3) break;   // the quoted original begins
                continue;
            }
            headerRun = 0;
            String a = Addresses.first(t);
            if (a.isEmpty() || a.equals(own1) || a.equals(own2) || seen.contains(a)) continue;
            if (notARecipientLine(lower)) continue;
            seen.add(a);
            String entry = entry(lines, i, a);
            String code = quotedReplyCode(entry);
            if (code.isEmpty()) code = replyLineCode(entry);
            var r = RecipientStatus.builder().address(a, "text").action(delay ? "delayed" : "failed").diagnosticText(TextScan.fold(entry))
                    .replyCode(code).command(SmtpCommands.find(entry)).build();
            (isRole(a) ? roles : out).add(r);
            if (out.size() >= MAX_RECIPIENTS) break;
        }
        if (out.isEmpty()) out = roles; // a role mailbox is the failed recipient only when nothing else is named
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "bounce text names no address");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /**
     * Lines that name an address that is not a failed recipient (issue 13, list 4): help and contact
     * sentences of the notice's own template ("please contact postmaster@...", "for example jane@...",
     * "our help desk at ..."), and the "for &lt;address&gt;" clause of a Received field of the quoted original
     * whose continuation lines lost their indentation (RFC 5321 section 4.4: "by ... with ... id ... for").
     */
    private static final List<String> NOT_RECIPIENT_PHRASES = List.of("please contact", "contact your", "contact the",
            "contact our", "for example", "e.g.", "such as", "help desk", "helpdesk at", "for assistance", "for help",
            "if you need help", "please send", "write to");

    private static boolean notARecipientLine(String lower) {
        for (String p : NOT_RECIPIENT_PHRASES) if (lower.contains(p)) return true;
        return (lower.startsWith("by ") || lower.startsWith("for ") || lower.startsWith("id ") || lower.startsWith("with "))
                && lower.contains("for <") && lower.indexOf(';') > lower.indexOf("for <");
    }

    /**
     * Role mailboxes of RFC 2142 (and the mailer daemon), which notices name as contacts; a failed
     * recipient only when the notice names no other address.
     */
    private static final List<String> ROLES = List.of("postmaster", "mailer-daemon", "abuse", "hostmaster", "webmaster",
            "noc", "security");

    private static boolean isRole(String address) {
        int at = address.indexOf('@');
        return at > 0 && ROLES.contains(address.substring(0, at));
    }

    /** The reply code that starts one of the entry's lines under the address ("550 5.1.1 ..."), or "". */
    static String replyLineCode(String entry) {
        int nl = entry.indexOf('\n');
        while (nl >= 0) {
            String code = bouncemx.parse.Codes.leadingReplyCode(entry.substring(nl + 1, Math.min(entry.length(), nl + 6)));
            if (!code.isEmpty()) return code;
            nl = entry.indexOf('\n', nl + 1);
        }
        return "";
    }

    /** Words after which a report quotes the remote server ("Remote server replied: 550 ..."). */
    private static final List<String> QUOTE_MARKERS = List.of("replied:", "said:", "returned:", "reply:", "response:",
            "responded:", "answered:");

    /** The reply code the entry quotes after one of {@link #QUOTE_MARKERS}, or "". */
    static String quotedReplyCode(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        for (String marker : QUOTE_MARKERS) {
            int i = lower.indexOf(marker);
            if (i < 0) continue;
            String code = bouncemx.parse.Codes.leadingReplyCode(entry.substring(i + marker.length()));
            if (!code.isEmpty()) return code;
        }
        return "";
    }

    /** The address line and the non-blank lines under it that name no other address. */
    private static String entry(String[] lines, int at, String address) {
        StringBuilder b = new StringBuilder(lines[at].strip());
        for (int j = at + 1; j < lines.length && j <= at + MAX_ENTRY_LINES; j++) {
            String t = lines[j].strip();
            if (t.isEmpty() || isHeaderLine(t.toLowerCase(Locale.ROOT))) break;
            String other = Addresses.first(t);
            if (!other.isEmpty() && !other.equals(address)) break;
            b.append('\n').append(t);
        }
        return b.toString();
    }

    /** A delay warning's subject: one of {@link #DELAY_SUBJECTS} at the start, or after "Warning: " or a short prefix. */
    private static boolean delaySubject(String s) {
        String t = s.strip();
        for (String p : DELAY_SUBJECTS) {
            int i = t.indexOf(p);
            if (i < 0 || i > 12) continue;
            int colon = t.indexOf(':');
            if (colon < 0 || colon > i || t.startsWith("warning:")) return true;
        }
        return false;
    }

    /** A bounce subject: one of the phrases at the start, or after a short prefix ("Message undeliverable: "). */
    private static boolean bounceSubject(String s) {
        String t = s.strip();
        for (String p : SUBJECTS) {
            int i = t.indexOf(p);
            if (i < 0 || i > 12) continue;
            int colon = t.indexOf(':');
            if (colon < 0 || colon > i) return true;   // not inside a quoted subject ("Re: undeliverable ...")
        }
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
