package bouncemx.smtp;

import java.util.Locale;

/**
 * What an SMTP reply answers, a fixed set (a metric label, so never the client's own words): the commands of
 * RFC 5321 and its extensions that the session knows, {@link #CONNECT} for the greeting (or the refusal
 * before it), {@link #MESSAGE} for the reply after the message content (end of DATA, BDAT LAST),
 * {@link #UNKNOWN} for any other verb and {@link #NONE} for replies that answer no command (a timeout, a
 * line too long, a stop).
 */
public enum SmtpCommand {
    CONNECT, EHLO, HELO, MAIL, RCPT, DATA, MESSAGE, BDAT, RSET, NOOP, QUIT, STARTTLS, HELP, VRFY, EXPN, AUTH,
    UNKNOWN, NONE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value: the lowercase name. */
    public String label() {
        return label;
    }

    /** The command for an (uppercased) verb; {@link #UNKNOWN} for any other. */
    static SmtpCommand of(String verb) {
        return switch (verb) {
            case "EHLO" -> EHLO;
            case "HELO" -> HELO;
            case "MAIL" -> MAIL;
            case "RCPT" -> RCPT;
            case "DATA" -> DATA;
            case "BDAT" -> BDAT;
            case "RSET" -> RSET;
            case "NOOP" -> NOOP;
            case "QUIT" -> QUIT;
            case "STARTTLS" -> STARTTLS;
            case "HELP" -> HELP;
            case "VRFY" -> VRFY;
            case "EXPN" -> EXPN;
            case "AUTH" -> AUTH;
            default -> UNKNOWN;
        };
    }
}
