package bouncemx.parse;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * What one decoded message reports: its kind, the per-message fields and one entry per recipient in the
 * order the message lists them (an entry the message repeats field for field is kept once). Immutable.
 */
public record Report(Kind kind, String reportingMta, String arrivalDate, String originalEnvelopeId,
                     List<RecipientStatus> recipients, OriginalMessage original) {

    /**
     * The kind of report: a delivery report (bounce, delay or success), an ARF complaint, an auto-reply, a
     * person's own note that an address is gone ({@code PersonalNoteDialect}).
     */
    public enum Kind { DELIVERY, COMPLAINT, AUTO_REPLY, NOTE }

    public Report {
        reportingMta = reportingMta == null ? "" : reportingMta;
        arrivalDate = arrivalDate == null ? "" : arrivalDate;
        originalEnvelopeId = originalEnvelopeId == null ? "" : originalEnvelopeId;
        // a notice written twice (Mail.Ru's Russian text above its English one) lists each recipient twice, field
        // for field: one entry each
        recipients = recipients.size() < 2 ? List.copyOf(recipients) : List.copyOf(new LinkedHashSet<>(recipients));
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
