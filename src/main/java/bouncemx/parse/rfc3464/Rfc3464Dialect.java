package bouncemx.parse.rfc3464;

import bouncemx.parse.Addresses;
import bouncemx.parse.AutoReplyMarks;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;
import bouncemx.parse.dialect.ReplyText;

import java.util.ArrayList;
import java.util.List;

/**
 * The generic delivery status notification: RFC 3464 fields in a message/delivery-status part of an
 * RFC 6522 multipart/report, or the RFC 6533 message/global-delivery-status form (UTF-8 fields and
 * addresses). Also reads DSN fields that a broken or non-MIME report pastes into its text (e.g. old
 * sendmail and Post.Office reports whose multipart boundary never appears). A recipient whose
 * Diagnostic-Code is empty gets the paragraph of the human-readable part that names it, and one cut to a multi-line
 * reply's first line gets the whole reply where that part quotes it (sendmail's transcript). Every other
 * dialect falls back to this one. Stateless, thread-safe.
 */
public final class Rfc3464Dialect implements Dialect {
    private final Limits limits;

    public Rfc3464Dialect(Limits limits) {
        this.limits = limits;
    }

    public Rfc3464Dialect() {
        this(Limits.DEFAULT);
    }

    @Override
    public String name() { return "rfc3464"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        if (ds == null || ds.recipients().isEmpty()) {
            DeliveryStatus inline = inline(m);
            if (inline != null) ds = inline;
        }
        if (ds == null) return ParseResult.NOT_MINE;
        List<RecipientStatus> recipients = ds.recipients();
        // an autoresponder's reply framed as a success report is the auto-reply dialect's (AutoReplyMarks#framesAReply)
        if (AutoReplyMarks.framesAReply(m, recipients)) return ParseResult.NOT_MINE;
        if (recipients.isEmpty()) {
            recipients = failedRecipientsHeader(m);
            if (recipients.isEmpty()) return new ParseResult.Undecodable(name(), "delivery-status part without recipients");
        }
        String text = m.mainText();
        List<RecipientStatus> out = new ArrayList<>(recipients.size());
        for (RecipientStatus r : recipients) {
            String para = text.isEmpty() ? "" : TextScan.paragraphNaming(text, r.address());
            if (para.isEmpty() && recipients.size() == 1) para = TextScan.transcript(text);
            if (r.diagnosticText().isEmpty() && !para.isEmpty()) r = r.toBuilder().diagnosticText(para).build();
            // a Diagnostic-Code cut to a multi-line reply's first line, whole where the text quotes the reply
            String whole = text.isEmpty() ? r.diagnosticText() : ReplyText.completed(r.diagnosticText(), text);
            if (!whole.equals(r.diagnosticText())) r = r.toBuilder().diagnosticText(whole).build();
            if (r.command().isEmpty()) {
                // the text may say which command was refused; with one recipient the whole text speaks of it
                String command = SmtpCommands.find(para);
                if (command.isEmpty() && recipients.size() == 1) command = SmtpCommands.find(text);
                if (!command.isEmpty()) r = r.toBuilder().command(command).build();
            }
            out.add(r);
        }
        return new ParseResult.Decoded(name(), new Report(Report.Kind.DELIVERY, ds.reportingMta(),
                ds.arrivalDate(), ds.originalEnvelopeId(), out, null));
    }

    /**
     * DSN fields pasted into a text part (a broken multipart, or a non-MIME report): the main text first
     * (as a mail client's inline quote or forward carried it, see BounceMessage#mainText), then each part.
     */
    private DeliveryStatus inline(BounceMessage m) {
        // the main text differs from its part's text (read in the loop below) when quoted, forwarded or HTML
        if (m.carried() != null || m.firstPart("text/plain") == null) {
            DeliveryStatus main = DeliveryStatus.fromText(m.mainText(), limits);
            if (main != null) return main;
        }
        for (MimePart p : m.reportParts()) {
            if (!p.isPlainText() && !(p.children().isEmpty() && p.mimeType().startsWith("text/"))) continue;
            DeliveryStatus ds = DeliveryStatus.fromText(p.text(), limits);
            if (ds != null) return ds;
        }
        return null;
    }

    private static List<RecipientStatus> failedRecipientsHeader(BounceMessage m) {
        String v = m.headers().get("x-failed-recipients");
        if (v == null) return List.of();
        List<RecipientStatus> out = new ArrayList<>();
        for (String a : v.split(",")) {
            String addr = Addresses.first(a);
            if (!addr.isEmpty()) out.add(RecipientStatus.builder().address(addr, "header").action("failed").build());
        }
        return out;
    }
}
