package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;

/**
 * 1&amp;1 / IONOS bounces ("Mail Delivery System" &lt;mailer-daemon@kundenserver.de&gt;, also
 * mailer-daemon@1and1 and ionos domains, or any "Mail Delivery System" sender whose text carries the
 * template's closing line), written by the same United Internet MTA as GMX's:
 * <pre>
 * This message was created automatically by mail delivery software.
 * ... This is a permanent error. The following address(es)
 * failed:
 *
 * user@example.fr:
 * SMTP error from remote server for TEXT command, host: smtp-in.example.fr (192.0.2.65) reason: 550 5.2.0 ...
 *
 * --- The header of the original message is following. ---
 * </pre>
 * "TEXT command" is the message content (DATA). Decoded by {@link GmxDialect#blocks}. Returns NOT_MINE
 * for other senders. Stateless, thread-safe.
 */
public final class EinsUndEinsDialect implements Dialect {
    /** Sender domains, matched anywhere in From (mailer-daemon@mout.kundenserver.de, @smtp.1and1.com). */
    private static final String[] SENDERS = {"kundenserver.de", "1and1.", "ionos.", "online.de"};
    /** The template's last line, which Exim (same opening sentence) never writes. */
    private static final String END = "--- The header of the original message is following";

    @Override
    public String name() { return "einsundeins"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        boolean daemon = from.contains("mailer-daemon") || from.contains("mail delivery system");
        if (!daemon || GmxDialect.fromGmx(from)) return ParseResult.NOT_MINE;   // GMX's own reports are GmxDialect's
        boolean ours = false;
        for (String s : SENDERS) ours |= from.contains(s);
        // another host name of the same MTA: its template's own closing line says so
        if (!ours && !m.mainText().contains(END)) return ParseResult.NOT_MINE;
        return GmxDialect.blocks(m.mainText(), name());
    }
}
