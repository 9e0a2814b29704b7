package bouncemx.parse;

import java.util.List;
import java.util.Locale;

/**
 * Finds, in a report's human-readable text, which SMTP command the remote server refused, from the
 * phrasings MTAs use around a quoted reply: Postfix "(in reply to RCPT TO command)", Exim "after RCPT
 * TO:<...>" / "after end of data", "... sent: RCPT TO:<...>", and sendmail transcripts, where the last "&gt;&gt;&gt; COMMAND" line before
 * the refusal names it. Returns CONN, HELO, EHLO, MAIL, RCPT, DATA or BDAT, or "" when the text does not
 * say. Stateless, thread-safe.
 */
public final class SmtpCommands {
    private SmtpCommands() {}

    /** A phrase (lowercase) that names a command; ordered longest first where one contains another. */
    private record Mark(String text, String command) {}

    private static final List<Mark> PHRASES = List.of(
            new Mark("in reply to rcpt to command", "RCPT"), new Mark("in reply to mail from command", "MAIL"),
            new Mark("in reply to end of data command", "DATA"), new Mark("in reply to data command", "DATA"),
            new Mark("in reply to bdat command", "BDAT"), new Mark("in reply to ehlo command", "EHLO"),
            new Mark("in reply to lhlo command", "EHLO"), new Mark("in reply to helo command", "HELO"),
            new Mark("in reply to initial greeting", "CONN"),
            new Mark("after rcpt to", "RCPT"), new Mark("after mail from", "MAIL"), new Mark("after end of data", "DATA"),
            new Mark("after data", "DATA"), new Mark("after ehlo", "EHLO"), new Mark("after helo", "HELO"),
            new Mark("after initial connection", "CONN"),
            // the sending server's own line above the reply (hMailServer "hMailServer sent: RCPT TO:<a@b>")
            new Mark("sent: rcpt to", "RCPT"), new Mark("sent: mail from", "MAIL"), new Mark("sent: data", "DATA"),
            new Mark("sent: ehlo", "EHLO"), new Mark("sent: helo", "HELO"));

    /** Sendmail transcript lines, as written (">>> RCPT To:<a@b>"). */
    private static final List<Mark> TRANSCRIPT = List.of(
            new Mark(">>> rcpt", "RCPT"), new Mark(">>> mail", "MAIL"), new Mark(">>> data", "DATA"),
            new Mark(">>> .", "DATA"), new Mark(">>> ehlo", "EHLO"), new Mark(">>> helo", "HELO"),
            new Mark(">>> bdat", "BDAT"));

    public static String find(String text) {
        if (text == null || text.isEmpty()) return "";
        String lower = text.toLowerCase(Locale.ROOT);
        for (Mark m : PHRASES) if (lower.contains(m.text())) return m.command();
        if (lower.indexOf(">>>") < 0) return "";   // no transcript
        String last = "";
        int lastAt = -1;
        for (Mark m : TRANSCRIPT) {
            int i = lower.lastIndexOf(m.text());
            if (i > lastAt) { lastAt = i; last = m.command(); }
        }
        return last;
    }
}
