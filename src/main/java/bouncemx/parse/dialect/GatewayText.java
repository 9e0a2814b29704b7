package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.TextScan;

import java.util.List;
import java.util.Locale;

/**
 * Small text helpers shared by the dialects of non-standard gateway and carrier reports (DragonFly, m-FILTER,
 * the Japanese carriers, the unnamed X1..X6 templates...): which SMTP command a text names, and a recipient
 * built from one diagnostic text with its codes read as written.
 * Stateless; thread-safe.
 */
final class GatewayText {
    private GatewayText() {}

    /** "If a text contains {@code marker} (upper case), it names SMTP command {@code command}." */
    record CommandMark(String marker, String command) {}

    /**
     * Texts naming the SMTP command, most specific first: "RCPT TO" must win over a "DATA" that a server
     * reply may mention, and "MAIL FROM" over the bare "MAIL" of other words.
     */
    private static final List<CommandMark> COMMANDS = List.of(
            new CommandMark("RCPT TO", "RCPT"), new CommandMark("RCPT", "RCPT"),
            new CommandMark("MAIL FROM", "MAIL"),
            new CommandMark("BDAT", "BDAT"), new CommandMark("DATA", "DATA"),
            new CommandMark("EHLO", "EHLO"), new CommandMark("HELO", "HELO"),
            new CommandMark("CONNECT", "CONN"));

    /** The SMTP command that {@code text} names as a whole word ("RCPT TO:", "final DATA", "DATA SEND"), or "". */
    static String command(String text) {
        if (text == null || text.isEmpty()) return "";
        String upper = text.toUpperCase(Locale.ROOT);
        for (CommandMark c : COMMANDS) {
            int i = upper.indexOf(c.marker());
            while (i >= 0) {
                int end = i + c.marker().length();
                boolean before = i == 0 || !Character.isLetterOrDigit(upper.charAt(i - 1));
                boolean after = end >= upper.length() || !Character.isLetter(upper.charAt(end));
                if (before && after) return c.command();
                i = upper.indexOf(c.marker(), i + 1);
            }
        }
        return "";
    }

    /**
     * A failed recipient whose server reply (or the MTA's own error text) is {@code diagnostic}: blanks
     * folded; status and reply code read from it as written (the reply code only where the text starts
     * with one); source "text".
     */
    static RecipientStatus.Builder recipient(String address, String diagnostic) {
        String diag = TextScan.fold(diagnostic == null ? "" : diagnostic);
        return RecipientStatus.builder().address(address, "text").action("failed")
                .diagnostic(diag.isEmpty() ? "" : "smtp", diag)
                .status(Codes.status(diag)).replyCode(Codes.leadingReplyCode(diag));
    }

    /** True when any top-level Received header contains {@code lowerText}. */
    static boolean receivedContains(BounceMessage m, String lowerText) {
        for (String r : m.headers().all("received")) {
            if (r.toLowerCase(Locale.ROOT).contains(lowerText)) return true;
        }
        return false;
    }

    /** The top-level header {@code lowerName} lowercased, "" when absent. */
    static String headerLower(BounceMessage m, String lowerName) {
        String v = m.headers().get(lowerName);
        return v == null ? "" : v.toLowerCase(Locale.ROOT);
    }

    /** The lines of {@code text} ("\n" breaks), at most {@code max}. */
    static String[] lines(String text, int max) {
        String[] all = text.split("\n", max + 1);
        if (all.length <= max) return all;
        return java.util.Arrays.copyOf(all, max);
    }
}
