package bouncemx.event;

import bouncemx.classify.Category;
import bouncemx.classify.Classification;
import bouncemx.parse.OriginalMessage;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.verp.Verp;

import java.time.Instant;

/**
 * One event as DESIGN.md section 3 defines it: the envelope type and timestamp, and the data of one
 * recipient of one message. Fields that do not apply are null ({@code report}, {@code classification}
 * and {@code recipient} for message.unclassified; {@code envelope} and {@code journalSeq} offline).
 * Immutable.
 *
 * @param recipientAddress the address reported (after VERP), "" when none is known
 * @param recipientSource  verp, dsn, header or text; "" when none is known
 * @param parserError      why the message could not be decoded, or ""
 */
public record Event(String type, Instant timestamp, String id, Long journalSeq, Instant receivedAt,
                    String recipientAddress, String recipientSource, RecipientStatus recipient,
                    Classification classification, Report report, OriginalMessage original, Verp.Address verp,
                    String decodedBy, boolean truncated, String parserError, Envelope envelope,
                    String rawSha256, long rawSizeBytes) {

    public Category category() {
        return classification == null ? Category.UNKNOWN : classification.category();
    }
}
