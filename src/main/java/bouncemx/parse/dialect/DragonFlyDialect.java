package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.parse.ReasonTexts.row;

/**
 * DragonFly Mail Agent (dma, DragonFly BSD's and Debian's small MTA; texts of v0.11 to v0.14, mail.c
 * bounce() and net.c). A dma bounce is one plain-text message per failed recipient, Subject "Mail delivery
 * failed", body:
 * <pre>
 * This is the DragonFly Mail Agent v0.13 at host.example.
 *
 * There was an error delivering your mail to &lt;rcpt@example.org&gt;.
 *
 * mx.example.org [192.0.2.25] did not like our RCPT TO:
 * 550 5.1.1 &lt;rcpt@example.org&gt;: Recipient address rejected: User unknown
 *
 * Message headers follow.        (or "Original message follows.")
 * </pre>
 * The error paragraph is either "HOST [IP] did not like our COMMAND:" followed by the server's (possibly
 * multi-line) reply, or one of dma's own texts ("DNS lookup failure: host ... not found", "Could not
 * deliver for the last N seconds. Giving up." — the queue lifetime notice, reason {@code expired}; the
 * DNS text, sent at once only for a permanent lookup failure, is {@code hostunknown}).
 * Multi-line replies are joined into one "550 5.7.26 text ..." with the continuation prefixes removed. A dma bounce
 * without a recipient line is {@code Undecodable}; anything else is NOT_MINE. Stateless; thread-safe.
 */
public final class DragonFlyDialect implements Dialect {
    private static final String BANNER = "This is the DragonFly Mail Agent";
    private static final Pattern RCPT = Pattern.compile("There was an error delivering your mail to <([^>\\s]+)>");
    /** net.c: "%s [%s] did not like our %s:\n%s" (host, address, command, server reply). */
    private static final Pattern DID_NOT_LIKE = Pattern.compile("^(\\S+) \\[([^\\]]*)\\] did not like our ([^:\\n]+):\\s*$",
            Pattern.MULTILINE);
    /** "550-5.7.26 " / "550 " at the start of a reply line. */
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\d{3}[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?");

    /**
     * dma's own error texts that say the reason. net.c writes "DNS lookup failure: host %s not found" for
     * any MX lookup error but bounces at once only on a permanent one (NXDOMAIN, no host); a temporary one
     * is retried until the queue lifetime notice (mail.c) replaces it.
     */
    private static final ReasonTexts OWN_TEXTS = ReasonTexts.of(
            row(Reason.EXPIRED, "Could not deliver for the last"),
            row(Reason.HOST_UNKNOWN, "DNS lookup failure: host"));

    @Override
    public String name() { return "dragonfly"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // its Subject (Exim's too), or its banner line in a notice from a mail system under another Subject
        if (!m.subjectLower().contains("mail delivery failed") && !Senders.mayBeNotice(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int banner = TextScan.lineStarting(text, BANNER, 0);
        if (banner < 0) return ParseResult.NOT_MINE;
        Matcher rm = RCPT.matcher(text);
        if (!rm.find(banner)) return new ParseResult.Undecodable(name(), "no 'error delivering your mail to' line");
        String address = Addresses.normalize(rm.group(1));
        if (address.isEmpty()) return new ParseResult.Undecodable(name(), "recipient is not an address");

        int start = text.indexOf('\n', rm.end());
        start = start < 0 ? text.length() : start + 1;
        int end = boundary(text, start);
        String error = text.substring(start, end).strip();

        RecipientStatus.Builder b;
        Matcher dm = DID_NOT_LIKE.matcher(error);
        if (dm.find()) {
            String reply = joinReply(error.substring(dm.end()).strip());
            b = GatewayText.recipient(address, reply).remoteMta(dm.group(1))
                    .command(GatewayText.command(dm.group(3)));
        } else {
            b = GatewayText.recipient(address, error);
            b.diagnosticType("");
            b.reasonHint(OWN_TEXTS.in(error));
        }
        return new ParseResult.Decoded(name(), Report.delivery(List.of(b.build())));
    }

    /** Where the error paragraph ends: the "... follow(s)." line that introduces the original, else the end. */
    private static int boundary(String text, int from) {
        int a = TextScan.lineStarting(text, "Original message follows.", from);
        int b = TextScan.lineStarting(text, "Message headers follow", from);
        int end = text.length();
        if (a >= 0) end = Math.min(end, a);
        if (b >= 0) end = Math.min(end, b);
        return end;
    }

    /** One line from a multi-line SMTP reply: the codes of the first line once, the continuation prefixes dropped. */
    static String joinReply(String reply) {
        String[] lines = GatewayText.lines(reply, 64);
        if (lines.length == 1) return reply;
        String first = lines[0].strip();
        // "550-5.7.26 text" continues on the next lines: written once as "550 5.7.26 text ..."
        if (first.length() > 4 && first.charAt(3) == '-' && REPLY_PREFIX.matcher(first).lookingAt()) {
            first = first.substring(0, 3) + ' ' + first.substring(4);
        }
        StringBuilder sb = new StringBuilder(first);
        for (int i = 1; i < lines.length; i++) {
            String l = REPLY_PREFIX.matcher(lines[i].strip()).replaceFirst("");
            if (!l.isEmpty()) sb.append(' ').append(l);
        }
        return sb.toString();
    }
}
