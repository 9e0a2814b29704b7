package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small text operations that the provider dialects (Gmail, Yahoo, Amazon SES, mail.ru, GMX, ...) share:
 * cutting a section between template markers, naming the SMTP command a text mentions, reading the
 * X-Failed-Recipients header, and filling status and reply code from a server reply. Stateless.
 */
final class ProviderText {

    /** The senders of the bounces Google's own systems write (Gmail, Google Groups, Google Workspace). */
    private static final String[] GOOGLE_SENDERS = {"mailer-daemon@googlemail.com", "mailer-daemon@google.com"};

    /** True when the bounce comes from one of Google's own bounce senders. */
    static boolean fromGoogle(bouncemx.parse.BounceMessage m) {
        String from = m.fromLower();
        for (String s : GOOGLE_SENDERS) if (from.contains(s)) return true;
        return false;
    }
    private ProviderText() {}

    /**
     * How bounce texts name the SMTP command that failed, lowercase. The earliest mention in the text
     * wins; at one position the longer phrase is listed first. Sources: Exim ("after RCPT TO:", "after
     * end of data"), Yahoo ("[RCPT_TO]", "[MAIL_FROM]"), GMX/1&1 ("after RCPT command", "for TEXT
     * command").
     */
    private static final SmtpCommands.Table COMMANDS = SmtpCommands.table(
            "rcpt to", "RCPT", "[rcpt_to]", "RCPT", "rcpt command", "RCPT",
            "mail from", "MAIL", "[mail_from]", "MAIL", "mail command", "MAIL",
            "end of data", "DATA", "[data]", "DATA", "data command", "DATA",
            "text command", "DATA", "[message]", "DATA",
            "ehlo command", "EHLO", "helo command", "HELO", "[ehlo]", "EHLO",
            "[helo]", "HELO", "[connect]", "CONN", "after initial connection", "CONN");

    /** The SMTP command the text says failed, or "". */
    static String command(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return COMMANDS.earliest(lower);
    }

    /**
     * The text after the line that starts with {@code marker} (from the next line on) up to the first line
     * starting (after blanks) with one of {@code ends}; "" when the marker is absent.
     */
    static String section(String text, String marker, String... ends) {
        int at = TextScan.lineStarting(text, marker, 0);
        if (at < 0) return "";
        int from = text.indexOf('\n', at);
        if (from < 0) return "";
        from++;
        int to = text.length();
        for (String e : ends) {
            // an end rule may be indented ("   ----- Original message -----")
            int i = TextScan.lineOpening(text, e, from);
            if (i >= 0 && i < to) to = i;
        }
        return text.substring(from, to);
    }

    /** Addresses of the X-Failed-Recipients header(s), in order, without duplicates. */
    static List<String> failedRecipients(BounceMessage m) {
        List<String> out = new ArrayList<>();
        for (String v : m.headers().all("x-failed-recipients")) {
            for (String a : v.split(",")) {
                String addr = Addresses.first(a);
                if (!addr.isEmpty() && !out.contains(addr)) out.add(addr);
            }
        }
        return out;
    }

    /** A reply code followed by a colon at the start ("550: : User unknown", Yahoo 2018). */
    private static final Pattern CODE_COLON = Pattern.compile("^\\s*([245]\\d\\d):");

    /** Sets status and reply code from a server reply as written ("550 5.1.1 ...", "550-5.1.1 ..."). */
    static RecipientStatus.Builder codes(RecipientStatus.Builder b, String reply) {
        b.status(Codes.status(reply));
        String rc = Codes.leadingReplyCode(reply);
        if (rc.isEmpty()) {
            Matcher colon = CODE_COLON.matcher(reply);
            rc = colon.find() ? colon.group(1) : Codes.replyCode(reply);
        }
        b.replyCode(rc);
        return b;
    }
}
