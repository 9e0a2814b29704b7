package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.HeaderBlock;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.Locale;

/**
 * A recipient's mail filter refusing a message after it was accepted: the Sieve "reject" action (RFC 5429
 * section 2.1.1) answers with a message disposition notification (RFC 8098), not a DSN, as Dovecot's
 * Pigeonhole writes it:
 * <pre>
 * Subject: Automatically rejected mail
 * Content-Type: multipart/report; report-type=disposition-notification; ...
 *
 * Your message to &lt;user@example.org&gt; was automatically rejected:
 * (the script's reason)
 *
 * Content-Type: message/disposition-notification
 * Reporting-UA: host; Dovecot Mail Delivery Agent
 * Final-Recipient: rfc822; user@example.org
 * Disposition: automatic-action/MDN-sent-automatically; deleted
 * </pre>
 * Only an <em>automatic</em> action whose disposition type is {@code deleted} is taken (a person's read
 * receipt, "displayed", or a manual deletion is no failure): the recipient's own rule discarded the message,
 * so the reason is {@code filtered}; Dovecot's LDA sends the same notice for a full mailbox when it is set
 * to refuse rather than defer (its quota plugin's "Quota exceeded (mailbox for user is full)"), which is
 * {@code mailboxfull}. The recipient is the part's
 * Final-Recipient (else Original-Recipient). Returns NOT_MINE for every other message. Stateless,
 * thread-safe.
 */
public final class SieveRejectDialect implements Dialect {

    /** The delivery agent's own words for a cause other than the recipient's rule (Dovecot 2.3's quota plugin). */
    private static final ReasonTexts OWN = ReasonTexts.of(
            ReasonTexts.row(Reason.MAILBOX_FULL, "quota exceeded (mailbox for user is full)", "mailbox for user is full"));

    private final Limits limits;

    public SieveRejectDialect(Limits limits) { this.limits = limits; }

    @Override
    public String name() { return "sievereject"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        MimePart mdn = m.firstPart("message/disposition-notification");
        if (mdn == null) return ParseResult.NOT_MINE;
        byte[] b = mdn.bytes();
        int start = 0;
        while (start < b.length && (b[start] == '\r' || b[start] == '\n' || b[start] == ' ')) start++;
        HeaderBlock h = HeaderBlock.parse(b, start, b.length, limits);
        String disposition = h.get("disposition");
        if (disposition == null || !rejectedByRule(disposition.toLowerCase(Locale.ROOT))) return ParseResult.NOT_MINE;
        // Outlook's and Exchange's receipt for a message deleted unread carries the same disposition under its own Subject
        if (TextScan.startsWithAny(m.subjectLower().strip(), NOT_READ)) return ParseResult.NOT_MINE;
        String address = "";
        for (String field : List.of("final-recipient", "original-recipient")) {
            String v = h.get(field);
            if (v != null && address.isEmpty()) address = Addresses.fromTypedField(v);
        }
        if (address.isEmpty()) return new ParseResult.Undecodable(name(), "disposition notification names no recipient");
        String diag = TextScan.fold(m.mainText());
        if (diag.length() > 1024) diag = diag.substring(0, 1024);
        var r = RecipientStatus.builder().address(address, "dsn").action("failed").diagnosticText(diag);
        Reason own = OWN.in(diag.toLowerCase(Locale.ROOT));
        r.reasonHint(own == null ? Reason.FILTERED : own);
        return new ParseResult.Decoded(name(), Report.delivery(List.of(r.build())));
    }

    /** Subjects of a "not read" receipt ("Not read: ...") in Outlook's languages (lowercase). */
    private static final List<String> NOT_READ = List.of("not read:", "non lu :", "non lu:", "nicht gelesen:",
            "no leído:", "no leido:", "non letto:", "niet gelezen:", "não lida:", "nao lida:", "nie przeczytano:");

    /**
     * RFC 8098 section 3.2.6: "automatic-action/MDN-sent-automatically; deleted" is what RFC 5429 requires of
     * a reject; the disposition type follows the ';' (modifiers after a '/' are ignored).
     */
    static boolean rejectedByRule(String disposition) {
        int semi = disposition.indexOf(';');
        if (semi < 0 || !disposition.substring(0, semi).strip().startsWith("automatic-action")) return false;
        String type = disposition.substring(semi + 1).strip();
        int slash = type.indexOf('/');
        if (slash >= 0) type = type.substring(0, slash).strip();
        return type.equals("deleted");
    }
}
