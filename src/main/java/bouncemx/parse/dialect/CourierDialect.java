package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.SmtpCommands;
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
 * Courier MTA delivery status notifications (courier/module.dsn templates, Courier 0.5x and later):
 * Subject "NOTICE: mail delivery status." or "WARNING: delayed mail.", body "This is a delivery status
 * notification from HOST, running the Courier mail server, version ...", a heading "UNDELIVERABLE MAIL"
 * or "DELAYS IN DELIVERING YOUR MESSAGE", then per recipient:
 * <pre>
 * &lt;rcpt@example.com&gt;:
 *     mx.example.com [192.0.2.1]:
 * &gt;&gt;&gt; RCPT TO:&lt;rcpt@example.com&gt;
 * &lt;&lt;&lt; 550 5.1.1 &lt;rcpt@example.com&gt;... User Unknown
 * </pre>
 * (Courier 1.0.16 indents the "&gt;&gt;&gt;" and "&lt;&lt;&lt;" lines by one space, and its delay notices carry the
 * server's reply only there: their delivery-status part has no Diagnostic-Code.)
 * The "&gt;&gt;&gt;" line is the SMTP command that failed and the "&lt;&lt;&lt;" lines are the server's
 * words; an entry with "&lt;&lt;&lt;" and no host is Courier's own verdict (esmtpclient.c: "No such domain.",
 * "This domain's DNS violates RFC 1035.", "DNS lookup failed.") or its local module's ("550 User &lt;x&gt; unknown",
 * or the output of a delivery program that failed, with no reply code: a mailer error), passed on as the reason it
 * names. The
 * delivery-status part (always attached) gives order, Action and Status; a specific code in the server's
 * text beats its vague 5.0.0. Returns NOT_MINE for other messages, Undecodable when no recipient is
 * named. Stateless, thread-safe.
 */
public final class CourierDialect implements Dialect {

    /** Headings of the dsn templates, lowercase. */
    private static final List<String> HEADINGS = List.of("undeliverable mail", "delays in delivering your message");

    private static final Pattern ENTRY = Pattern.compile("^<([^<>\\s]{1,320}@[^<>\\s]{1,255})>:\\s*$");
    private static final Pattern HOST = Pattern.compile("^\\s+(\\S{1,255}) \\[[^\\]]{1,64}\\]:\\s*$");

    /** Courier's own texts for a recipient domain it could not use (module.esmtp/esmtpclient.c). */
    private static final ReasonTexts OWN_TEXTS = ReasonTexts.of(
            row(Reason.HOST_UNKNOWN, "no such domain."),
            row(Reason.SYSTEM_ERROR, "this domain's dns violates rfc 1035."),
            row(Reason.NETWORK_ERROR, "dns lookup failed."));

    /** Courier 1.0.16's local module refusing an address of a local domain that has no mailbox: "550 User &lt;x&gt; unknown". */
    private static final Pattern LOCAL_USER_UNKNOWN = Pattern.compile("5\\d\\d user <[^<>\\s]{1,320}> unknown");

    /** First word(s) of a "&gt;&gt;&gt;" line and the command they are; lowercase. */
    private static final SmtpCommands.Table COMMANDS = SmtpCommands.table(
            "rcpt to", "RCPT", "mail from", "MAIL", "data", "DATA",
            "bdat", "BDAT", "ehlo", "EHLO", "helo", "HELO");

    private final Limits limits;

    public CourierDialect(Limits limits) { this.limits = limits; }

    public CourierDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "courier"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String subject = m.subjectLower();
        String mid = m.headers().get("message-id");
        boolean signal = subject.contains("notice: mail delivery status.") || subject.contains("warning: delayed mail.")
                || m.fromLower().contains("courier mail server at")
                || (mid != null && mid.trim().toLowerCase(Locale.ROOT).startsWith("<courier."));
        if (!signal) return ParseResult.NOT_MINE;
        String text = m.mainText();
        String lower = m.mainTextLower();
        int start = -1;
        for (String h : HEADINGS) {
            int i = lower.indexOf(h);
            if (i >= 0 && (start < 0 || i < start)) start = i;
        }
        // the "running the Courier mail server" sentence is in an editable template: the header signal and
        // the heading are enough
        if (start < 0) return ParseResult.NOT_MINE;

        List<RecipientStatus> entries = entries(text.substring(start), start > 0 && lower.startsWith("delays", start));
        DeliveryStatus ds = DsnFields.find(m, "", limits);
        List<RecipientStatus> out = new ArrayList<>();
        if (ds != null && !ds.recipients().isEmpty()) {
            for (RecipientStatus r : ds.recipients()) {
                RecipientStatus t = null;
                for (RecipientStatus e : entries) if (t == null && DsnFields.same(e.address(), r.address())) t = e;
                out.add(t == null ? r : merge(r, t));
            }
        } else {
            out.addAll(entries);
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "Courier notice without a recipient");
        Report report = ds == null ? Report.delivery(out)
                : new Report(Report.Kind.DELIVERY, ds.reportingMta(), ds.arrivalDate(), ds.originalEnvelopeId(), out, null);
        return new ParseResult.Decoded(name(), report);
    }

    private static List<RecipientStatus> entries(String text, boolean delayed) {
        List<RecipientStatus> out = new ArrayList<>();
        RecipientStatus.Builder b = null;
        StringBuilder reply = new StringBuilder();
        String[] lines = text.split("\n", -1);
        int n = Math.min(lines.length, 10_000);
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            Matcher e = ENTRY.matcher(line);
            boolean end = line.startsWith("-----");
            if (e.matches() || end) {
                if (b != null) out.add(finish(b, reply));
                b = null;
                reply.setLength(0);
                if (end && !out.isEmpty()) break;
                if (end) continue;
                b = RecipientStatus.builder().address(DsnFields.address(e.group(1)), "text").action(delayed ? "delayed" : "failed");
                continue;
            }
            if (b == null) continue;
            Matcher h = HOST.matcher(line);
            if (h.matches()) {
                b.remoteMta(h.group(1).toLowerCase(Locale.ROOT));
                continue;
            }
            // Courier 1.0.16 indents the transcript by one space (" >>> RCPT TO:<a@b>", " <<< 550 ...")
            String t = line.stripLeading();
            if (t.startsWith(">>> ")) {
                String c = t.substring(4).trim().toLowerCase(Locale.ROOT);
                String command = COMMANDS.atStart(c);
                if (!command.isEmpty()) b.command(command);
            } else if (t.startsWith("<<< ")) {
                reply.append(' ').append(t.substring(4).trim());
            }
        }
        if (b != null) out.add(finish(b, reply));
        out.removeIf(r -> r.address().isEmpty());
        return out;
    }

    private static RecipientStatus finish(RecipientStatus.Builder b, StringBuilder reply) {
        String diag = TextScan.fold(reply.toString());
        b.diagnosticText(diag).replyCode(Codes.leadingReplyCode(diag)).status(Codes.status(diag));
        if (b.remoteMta().isEmpty() && b.command().isEmpty()) {
            String d = diag.toLowerCase(Locale.ROOT);
            Reason own = OWN_TEXTS.atStart(d);
            // the local module's own refusal of an address it has no mailbox for: "550 User <name> unknown"
            if (own == null && LOCAL_USER_UNKNOWN.matcher(d).lookingAt()) own = Reason.USER_UNKNOWN;
            // no host, no command and no reply: what a local delivery program (a .courier file's "|command") wrote
            // before it failed
            if (own == null && !d.isEmpty() && b.replyCode().isEmpty()) own = Reason.MAILER_ERROR;
            if (own != null) b.reasonHint(own);
        }
        return b.build();
    }

    private static RecipientStatus merge(RecipientStatus field, RecipientStatus entry) {
        var b = field.toBuilder();
        if (!entry.diagnosticText().isEmpty()) b.diagnosticText(entry.diagnosticText());
        if (b.replyCode().isEmpty()) b.replyCode(entry.replyCode());
        b.status(DsnFields.refine(field.status(), entry.status()));
        if (b.remoteMta().isEmpty()) b.remoteMta(entry.remoteMta());
        b.command(entry.command());
        b.reasonHint(entry.reasonHint());
        return b.build();
    }
}
