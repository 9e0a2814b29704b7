package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;

import java.util.Locale;

/**
 * Small text helpers shared by the dialects of non-standard gateway and carrier reports (DragonFly, m-FILTER,
 * the Japanese carriers, the unnamed X1..X6 templates...): which SMTP command a text names, and a recipient
 * built from one diagnostic text with its codes read as written.
 * Stateless; thread-safe.
 */
final class GatewayText {
    private GatewayText() {}

    /**
     * Texts naming the SMTP command (upper case, matched as whole words), most specific first: "RCPT TO" must win
     * over a "DATA" that a server reply may mention, and "MAIL FROM" over the bare "MAIL" of other words.
     */
    private static final SmtpCommands.Table COMMANDS = SmtpCommands.table(
            "RCPT TO", "RCPT", "RCPT", "RCPT", "MAIL FROM", "MAIL", "BDAT", "BDAT", "DATA", "DATA",
            "EHLO", "EHLO", "HELO", "HELO", "CONNECT", "CONN");

    /** The SMTP command that {@code text} names as a whole word ("RCPT TO:", "final DATA", "DATA SEND"), or "". */
    static String command(String text) {
        if (text == null || text.isEmpty()) return "";
        return COMMANDS.asWord(text.toUpperCase(Locale.ROOT));
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
        return m.receivedLower().contains(lowerText);
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
