package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Oracle Communications Messaging Server, Sun Java System / iPlanet Messaging Server and PMDF reports:
 * Subject "Delivery Notification: Delivery has failed" (or "... has been delayed"), MIME boundaries
 * "Boundary_(ID_...)", a text
 * <pre>
 * This report relates to a message you sent with the following header fields:
 *   ...
 * Your message cannot be delivered to the following recipients:
 *   Recipient address: user@example.com
 *   Original address: alias@example.com
 *   Reason: Remote SMTP server has rejected address
 *   Diagnostic code: smtp;550 5.1.1 &lt;user@example.com&gt;... User unknown
 *   Remote system: dns;mx.example.com (TCP|192.0.2.1|47323|192.0.2.2|25) (mx.example.com ESMTP)
 * </pre>
 * and an RFC 3464 part. The recipients are the text's "Recipient address:" lines in order (the
 * "Original address:" under one that is a source route or a bare local name; else the
 * DSN's); the Diagnostic code is the server's words (else the Reason, the server's own summary); the DSN
 * gives the status. The Reason names the refused command when it says "rejected MAIL FROM address"
 * (MAIL); "has rejected address" is its summary for any refused recipient, at RCPT or after DATA, so it
 * names no command. Not mine unless the Subject or boundary is the server's and the text has its
 * first line; Undecodable when no recipient can be read. Stateless, thread-safe.
 */
public final class MessagingServerDialect implements Dialect {
    private static final String FIRST = "This report relates to a message you sent with the following header fields:";

    /** Reason text (lowercase) to the SMTP command it reports refused; first match wins. */
    private static final SmtpCommands.Table COMMANDS = SmtpCommands.table("rejected mail from", "MAIL");

    private final Limits limits;

    public MessagingServerDialect(Limits limits) { this.limits = limits; }

    public MessagingServerDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "messagingserver"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String ct = m.headers().get("content-type");
        if (!m.subjectLower().startsWith("delivery notification:") && (ct == null || !ct.contains("Boundary_(ID_"))) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        int at = text.indexOf(FIRST);
        if (at < 0) return ParseResult.NOT_MINE;
        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        List<RecipientStatus.Builder> blocks = new ArrayList<>();
        String reason = "";
        RecipientStatus.Builder cur = null;
        boolean needOriginal = false;   // the last Recipient address was not a usable address
        int lines = 0;
        for (String raw : text.substring(at).split("\n", -1)) {
            if (++lines > 3000) break;
            String line = raw.strip();
            String lower = line.toLowerCase(Locale.ROOT);
            boolean original = lower.startsWith("original address:");
            if (lower.startsWith("recipient address:") || (original && needOriginal)) {
                // a source route or a local name ("@smtp.example.net:user@server") is no address to report:
                // the Original address line under it is
                String a = Addresses.first(line.substring(original ? 17 : 18));
                int at2 = a.indexOf('@');
                needOriginal = !original && (a.isEmpty() || a.indexOf('.', at2 + 1) < 0);
                if (needOriginal || a.isEmpty()) { if (!original) cur = null; continue; }
                if (cur != null && cur.address().equals(a)) continue;
                RecipientStatus dsn = EmbeddedDsn.recipient(ds, a);
                cur = dsn == null ? RecipientStatus.builder().address(a, "text").action("failed") : dsn.toBuilder();
                cur.diagnosticText("");
                blocks.add(cur);
            } else if (cur == null) {
                continue;
            } else if (lower.startsWith("reason:")) {
                reason = line.substring(7).strip();
                String command = COMMANDS.in(reason.toLowerCase(Locale.ROOT));
                if (!command.isEmpty()) cur.command(command);
                if (cur.diagnosticText().isEmpty()) cur.diagnosticText(reason);
            } else if (lower.startsWith("diagnostic code:")) {
                String d = line.substring(16).strip();
                int semi = d.indexOf(';');
                if (semi > 0 && semi < 20) { cur.diagnosticType(d.substring(0, semi).strip().toLowerCase(Locale.ROOT)); d = d.substring(semi + 1).strip(); }
                cur.diagnosticText(TextScan.fold(d));
            } else if (lower.startsWith("remote system:") && cur.remoteMta().isEmpty()) {
                cur.remoteMta(bouncemx.parse.MtaName.of(line.substring(14)));
            }
        }
        List<RecipientStatus> out = new ArrayList<>();
        for (RecipientStatus.Builder b : blocks) out.add(finish(b));
        if (out.isEmpty() && ds != null) for (RecipientStatus r : ds.recipients()) out.add(finish(r.toBuilder()));
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "Messaging Server report without a recipient");
        return new ParseResult.Decoded(name(), new Report(Report.Kind.DELIVERY, ds == null ? "" : ds.reportingMta(),
                ds == null ? "" : ds.arrivalDate(), ds == null ? "" : ds.originalEnvelopeId(), out, null));
    }

    private static RecipientStatus finish(RecipientStatus.Builder b) {
        if (b.replyCode().isEmpty()) b.replyCode(Codes.leadingReplyCode(b.diagnosticText()));
        if (b.status().isEmpty()) b.status(Codes.status(b.diagnosticText()));
        if (b.action().isEmpty()) b.action("failed");
        return b.build();
    }
}
