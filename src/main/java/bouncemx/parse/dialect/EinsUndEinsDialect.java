package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;

/**
 * 1&amp;1 / IONOS bounces ("Mail Delivery System" &lt;mailer-daemon@kundenserver.de&gt;, also
 * mailer-daemon@1and1 and ionos domains), written by the same United Internet MTA as GMX's:
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
    private static final String[] SENDERS = {"@kundenserver.de", "@1and1.", "@ionos.", "@online.de"};

    @Override
    public String name() { return "einsundeins"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        if (!from.contains("mailer-daemon")) return ParseResult.NOT_MINE;
        boolean ours = false;
        for (String s : SENDERS) ours |= from.contains(s);
        if (!ours) return ParseResult.NOT_MINE;
        return GmxDialect.blocks(m.mainText(), name());
    }
}
