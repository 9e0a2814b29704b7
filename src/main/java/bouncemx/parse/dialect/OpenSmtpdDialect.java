package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.parse.ReasonTexts.row;

/**
 * OpenSMTPD bounce notices (smtpd/bounce.c, OpenSMTPD 5.4 to 7.x): Subject "Delivery status
 * notification: error|failed|warning|delayed|...", or From "Mailer Daemon &lt;...&gt;", or a Received "(OpenSMTPD)
 * with" header; body opening "Hi! This is the MAILER-DAEMON, please DO
 * NOT REPLY to this e-mail." then one of the notices "An error has occurred while attempting to deliver a
 * message for the following list of recipients:" (failed), "A message is delayed for more than ... for
 * the following list of recipients:" (delayed), "Your message was successfully delivered to these
 * recipients." or "Your message was relayed to these recipients.", then one line per recipient
 * "rcpt@example.com: 550 5.1.1 ... server text" and "Below is a copy of the original message:". Newer
 * releases add a delivery-status part with vague Status fields (5.0.0); its order and Action are kept
 * and the text line gives the server's words and codes. OpenSMTPD's own verdicts (mta.c, queue.c:
 * "Envelope expired", "No MX found for domain", "Temporary failure in MX lookup", ...; table below) are
 * passed on as the reason they name. Returns NOT_MINE for other messages, Undecodable
 * when the notice names no recipient. Stateless, thread-safe.
 */
public final class OpenSmtpdDialect implements Dialect {

    /** NOTICE_INTRO of bounce.c ("e-mail" in older releases, "email" in newer), lowercase. */
    private static final String INTRO = "this is the mailer-daemon, please do not reply to this";

    /** The notices of bounce.c and the Action each means; lowercase; first match wins. */
    private static final List<String[]> NOTICES = List.of(
            new String[] {"an error has occurred while attempting to deliver a message", "failed"},
            new String[] {"a message is delayed for more than", "delayed"},
            new String[] {"your message was successfully delivered to these recipients", "delivered"},
            new String[] {"your message was relayed to these recipients", "relayed"});

    /** The line that ends the recipient list (before the original message). */
    private static final String BELOW = "below is a copy of the original message";

    private static final Pattern LINE = Pattern.compile("^([^\\s:@]{1,256}@[^\\s:]{1,255}): ?(.*)$");

    /**
     * OpenSMTPD's own verdicts (not a remote server's words) and the reason each names, lowercase:
     * smtpd/queue.c expires an envelope after its queue lifetime; smtpd/mta.c reports an NXDOMAIN
     * recipient domain and the failure of every MX of the destination.
     */
    private static final ReasonTexts OWN_TEXTS = ReasonTexts.of(
            row(Reason.EXPIRED, "envelope expired"),
            row(Reason.HOST_UNKNOWN, "domain does not exist"),
            row(Reason.HOST_UNKNOWN, "invalid domain name"),
            row(Reason.NOT_ACCEPT, "no mx found for domain"),
            row(Reason.NOT_ACCEPT, "no mx found for destination"),
            row(Reason.NOT_ACCEPT, "destination seem to reject all mails"),
            row(Reason.SECURITY_ERROR, "could not retrieve credentials"),
            row(Reason.NETWORK_ERROR, "network error on destination mxs"),
            row(Reason.NETWORK_ERROR, "temporary failure in mx lookup"),
            row(Reason.NETWORK_ERROR, "loop detected"),
            row(Reason.NETWORK_ERROR, "no valid route to remote mx"),
            row(Reason.NETWORK_ERROR, "no valid route to destination"),
            row(Reason.NETWORK_ERROR, "all routes to destination blocked"),
            row(Reason.NETWORK_ERROR, "address family mismatch on destination mxs"),
            row(Reason.NETWORK_ERROR, "bad dns lookup error code"),
            row(Reason.NETWORK_ERROR, "could not retrieve source address"));

    private final Limits limits;

    public OpenSmtpdDialect(Limits limits) { this.limits = limits; }

    public OpenSmtpdDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "opensmtpd"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        boolean mine = m.subjectLower().contains("delivery status notification")
                || m.fromLower().contains("mailer daemon <") || GatewayText.receivedContains(m, " (opensmtpd) with ")
                || Senders.mayBeNotice(m);   // its intro below, under another Subject, from a mail system
        if (!mine) return ParseResult.NOT_MINE;
        String text = m.mainText();
        String lower = m.mainTextLower();
        int intro = lower.indexOf(INTRO);
        if (intro < 0) return ParseResult.NOT_MINE;
        String action = "";
        int start = -1;
        for (String[] n : NOTICES) {
            int i = lower.indexOf(n[0], intro);
            if (i >= 0) {
                action = n[1];
                start = i;
                break;
            }
        }
        if (start < 0) return ParseResult.NOT_MINE;
        int end = lower.indexOf(BELOW, start);
        if (end < 0) end = text.length();

        List<RecipientStatus> lines = new ArrayList<>();
        for (String line : text.substring(start, end).split("\n")) {
            Matcher x = LINE.matcher(line);
            if (!x.matches()) continue;
            String address = DsnFields.address(x.group(1));
            if (address.isEmpty()) continue;
            String diag = TextScan.fold(x.group(2));
            var b = RecipientStatus.builder().address(address, "text").action(action).diagnosticText(diag)
                    .replyCode(Codes.leadingReplyCode(diag)).status(Codes.status(diag));
            String d = diag.toLowerCase(Locale.ROOT);
            Reason own = OWN_TEXTS.in(d);
            b.reasonHint(own);
            // queue.c drops an envelope whose lifetime ran out, yet 6.x words that notice as a delay (Subject
            // "delayed", "only a temporary failure report", Action: delayed): the message is gone, so it failed
            if (own == Reason.EXPIRED) b.action("failed");
            lines.add(b.build());
        }

        DeliveryStatus ds = DsnFields.find(m, "", limits);
        List<RecipientStatus> out = new ArrayList<>();
        if (ds != null && !ds.recipients().isEmpty()) {
            for (RecipientStatus r : ds.recipients()) {
                RecipientStatus t = null;
                for (RecipientStatus l : lines) if (DsnFields.same(l.address(), r.address())) t = l;
                out.add(t == null ? r : merge(r, t));
            }
        } else {
            out.addAll(lines);
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "OpenSMTPD notice without a recipient line");
        Report report = ds == null ? Report.delivery(out)
                : new Report(Report.Kind.DELIVERY, ds.reportingMta(), ds.arrivalDate(), ds.originalEnvelopeId(), out, null);
        return new ParseResult.Decoded(name(), report);
    }

    private static RecipientStatus merge(RecipientStatus field, RecipientStatus line) {
        var b = field.toBuilder();
        if (field.diagnosticText().isEmpty()) b.diagnosticText(line.diagnosticText());
        if (field.replyCode().isEmpty()) b.replyCode(line.replyCode());
        b.status(DsnFields.refine(field.status(), line.status()));
        if (field.action().isEmpty() || line.reasonHint() == Reason.EXPIRED) b.action(line.action());
        b.reasonHint(line.reasonHint());
        return b.build();
    }
}
