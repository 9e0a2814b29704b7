package bouncemx.parse;

import java.util.List;

/**
 * What one decoded message reports: its kind, the per-message fields and one entry per recipient in the
 * order the message lists them. Immutable.
 */
public record Report(Kind kind, String reportingMta, String arrivalDate, String originalEnvelopeId,
                     List<RecipientStatus> recipients, OriginalMessage original) {

    /** The kind of report: a delivery report (bounce, delay or success), an ARF complaint, an auto-reply. */
    public enum Kind { DELIVERY, COMPLAINT, AUTO_REPLY }

    public Report {
        reportingMta = reportingMta == null ? "" : reportingMta;
        arrivalDate = arrivalDate == null ? "" : arrivalDate;
        originalEnvelopeId = originalEnvelopeId == null ? "" : originalEnvelopeId;
        recipients = List.copyOf(recipients);
        if (original == null) original = OriginalMessage.NONE;
    }

    public static Report delivery(List<RecipientStatus> recipients) {
        return new Report(Kind.DELIVERY, "", "", "", recipients, OriginalMessage.NONE);
    }

    public Report withOriginal(OriginalMessage o) {
        return new Report(kind, reportingMta, arrivalDate, originalEnvelopeId, recipients, o);
    }

    public Report withRecipients(List<RecipientStatus> r) {
        return new Report(kind, reportingMta, arrivalDate, originalEnvelopeId, r, original);
    }
}
