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
 * <p>Built by the named factories: {@link #recipient} for each recipient of a decoded report (its type
 * follows the classification: bounce.*, complaint, auto_reply, delivery.success) and {@link #unclassified}
 * for a message nothing could decode. What all events of one message share (when, which journal record,
 * the envelope, the raw bytes' digest and size) travels as one {@link Message}.
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

    /**
     * What every event of one message shares.
     *
     * @param timestamp   when the event was made
     * @param journalSeq  the journal position, or null offline
     * @param receivedAt  when the message arrived
     * @param envelope    the SMTP envelope, or null offline
     * @param rawSha256   SHA-256 of the raw bytes, hex
     * @param rawSizeBytes the raw message's size
     * @param truncated   the message was cut at a parse limit
     */
    public record Message(Instant timestamp, Long journalSeq, Instant receivedAt, Envelope envelope,
                          String rawSha256, long rawSizeBytes, boolean truncated) {}

    /**
     * The event of one recipient of a decoded report: its type is the classification's category's.
     *
     * @param address   the recipient as reported (or as the VERP address names it)
     * @param source    how the address was found: verp, dsn, header or text
     * @param decodedBy the dialect that decoded the report
     */
    public static Event recipient(Message m, String id, String address, String source, RecipientStatus recipient,
                                  Classification classification, Report report, Verp.Address verp, String decodedBy) {
        return new Event(classification.category().eventType(), m.timestamp(), id, m.journalSeq(), m.receivedAt(),
                address, source, recipient, classification, report, report.original(), verp, decodedBy,
                m.truncated(), "", m.envelope(), m.rawSha256(), m.rawSizeBytes());
    }

    /**
     * A message.unclassified event: no report, classification or recipient status; the recipient is the
     * VERP address's when there is one.
     *
     * @param decodedBy the dialect that recognised the message but could not decode it, or ""
     * @param why       why it could not be decoded, or "" (not a bounce)
     */
    public static Event unclassified(Message m, String id, Verp.Address verp, String decodedBy, String why) {
        return new Event(Category.UNKNOWN.eventType(), m.timestamp(), id, m.journalSeq(), m.receivedAt(),
                verp == null ? "" : verp.recipient(), verp == null ? "" : "verp", null, null, null,
                OriginalMessage.NONE, verp, decodedBy, m.truncated(), why, m.envelope(), m.rawSha256(), m.rawSizeBytes());
    }

    /** This event with another id and raw digest (what {@link EventFactory#identified} gives). */
    Event identified(String newId, String newRawSha256) {
        return new Event(type, timestamp, newId, journalSeq, receivedAt, recipientAddress, recipientSource, recipient,
                classification, report, original, verp, decodedBy, truncated, parserError, envelope, newRawSha256,
                rawSizeBytes);
    }

    public Category category() {
        return classification == null ? Category.UNKNOWN : classification.category();
    }
}
