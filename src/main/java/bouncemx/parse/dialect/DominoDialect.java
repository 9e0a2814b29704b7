package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
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

import static bouncemx.parse.ReasonTexts.row;

/**
 * IBM (Lotus) Domino server non-delivery reports: Subject "DELIVERY FAILURE: ..." (some versions write
 * "DELIVERY_FAILURE"), a text
 * <pre>
 * Your message
 *   Subject: ...
 * was not delivered to:
 *   user@example.com
 * because:
 *   User some.name (user@example.com) not listed in Domino Directory
 * </pre>
 * (one "was not delivered to:" block per recipient), sometimes with an RFC 3464 part whose X-Notes
 * Diagnostic-Code repeats the reason. The recipients are the text's (else the DSN's); the "because:"
 * lines are the diagnostic text (they are decoded with the text's charset, which the DSN's raw
 * Diagnostic-Code is not); the DSN gives the status. Domino's own fixed reason sentences that name the
 * cause become a reason hint (table below). Not mine otherwise; Undecodable when no recipient can be
 * read. Stateless, thread-safe.
 */
public final class DominoDialect implements Dialect {
    /** Domino's own reason sentences (Domino router), lowercase, and the reason each states. */
    private static final ReasonTexts HINTS = ReasonTexts.of(
            row(Reason.USER_UNKNOWN, "not listed in domino directory"),
            row(Reason.USER_UNKNOWN, "no se encuentra en el directorio de domino"),   // Spanish Domino
            row(Reason.USER_UNKNOWN, "non répertorié dans l'annuaire domino"),       // French Domino
            row(Reason.USER_UNKNOWN, "not listed in public name & address book"),
            row(Reason.FILTERED, "cannot route mail to user"),
            row(Reason.SYSTEM_ERROR, "several matches found in domino directory"));

    private final Limits limits;

    public DominoDialect(Limits limits) { this.limits = limits; }

    public DominoDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "domino"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String subject = m.subjectLower();
        // its Subject, or its "was not delivered to:" block in a notice from a mail system under another Subject
        if (!subject.startsWith("delivery failure:") && !subject.contains("delivery_failure") && !Senders.mayBeNotice(m)) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        if (!text.contains("was not delivered to:")) return ParseResult.NOT_MINE;
        List<String[]> blocks = new ArrayList<>();   // {address, because}
        String state = "";
        String address = null;
        StringBuilder because = new StringBuilder();
        int lines = 0;
        for (String raw : text.split("\n", -1)) {
            if (++lines > 2000) break;
            String line = raw.strip();
            if (line.equals("was not delivered to:")) {
                if (address != null) blocks.add(new String[] {address, TextScan.fold(because.toString())});
                address = "";
                because.setLength(0);
                state = "to";
            } else if (line.equals("because:")) {
                state = "because";
            } else if (line.isEmpty()) {
                if (state.equals("because") && because.length() > 0) state = "";
            } else if (state.equals("to") && address != null && address.isEmpty()) {
                address = Addresses.first(line);
            } else if (state.equals("because")) {
                because.append(' ').append(line);
            }
        }
        if (address != null) blocks.add(new String[] {address, TextScan.fold(because.toString())});

        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        List<RecipientStatus> out = new ArrayList<>();
        for (String[] b : blocks) {
            if (b[0] == null || b[0].isEmpty()) continue;
            RecipientStatus r = EmbeddedDsn.recipient(ds, b[0]);
            RecipientStatus.Builder rb = r == null ? RecipientStatus.builder().address(b[0], "text").action("failed") : r.toBuilder();
            if (!b[1].isEmpty()) rb.diagnosticText(b[1]);
            out.add(finish(rb));
        }
        if (out.isEmpty() && ds != null) for (RecipientStatus r : ds.recipients()) out.add(finish(r.toBuilder()));
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "Domino report without a recipient");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /**
     * Domino R5's "Enhanced Mail System Status Code (RFC1893): .1.2" (IBM technote 1100477, fixed in Domino
     * 6): the status with its class digit left out; the report is a delivery failure, so the class is 5.
     */
    private static final java.util.regex.Pattern RFC1893_CODE = java.util.regex.Pattern.compile(
            "status code \\(rfc ?1893\\):\\s*([245]?)\\.(\\d{1,3})\\.(\\d{1,3})");

    private static RecipientStatus finish(RecipientStatus.Builder b) {
        if (b.action().isEmpty()) b.action("failed");
        String lower = b.diagnosticText().toLowerCase(Locale.ROOT);
        if (b.status().isEmpty()) {
            java.util.regex.Matcher x = RFC1893_CODE.matcher(lower);
            if (x.find()) b.status((x.group(1).isEmpty() ? "5" : x.group(1)) + "." + x.group(2) + "." + x.group(3));
        }
        if (b.replyCode().isEmpty()) b.replyCode(Codes.leadingReplyCode(b.diagnosticText()));
        Reason own = HINTS.in(lower);
        if (own != null) b.reasonHint(own);
        return b.build();
    }
}
