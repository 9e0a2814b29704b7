package bouncemx.parse;

import java.util.List;

/**
 * Reads a message and runs the dialects in the order {@link DialectOrder} gives until one decodes it;
 * the decoded report gets the returned original's headers. A message no dialect decodes comes back as
 * the first {@link ParseResult.Undecodable} seen, else {@link ParseResult#NOT_MINE}. Pure and
 * thread-safe.
 */
public final class Decoder {
    private final DialectOrder order;
    private final Originals originals;
    private final Limits limits;

    public Decoder(DialectOrder order, Originals originals, Limits limits) {
        this.order = order;
        this.originals = originals;
        this.limits = limits;
    }

    public DialectOrder order() { return order; }

    public ParseResult decode(byte[] raw) {
        return decode(BounceMessage.parse(raw, limits));
    }

    public ParseResult decode(BounceMessage m) {
        return decode(m, 0);
    }

    /** How many forwards deep an attached report is looked for (a forward of a forward of a bounce). */
    static final int MAX_FORWARD_DEPTH = 3;

    private ParseResult decode(BounceMessage m, int forwards) {
        if (forwards < MAX_FORWARD_DEPTH && carriesAForwardedMessage(m)) {
            ParseResult r = decode(BounceMessage.parse(InlineText.asMessage(m.carried()), limits), forwards + 1);
            if (r instanceof ParseResult.Decoded) return r;
        }
        if (forwards < MAX_FORWARD_DEPTH) {
            for (BounceMessage report : attachedReports(m)) {
                ParseResult r = decode(report, forwards + 1);
                if (r instanceof ParseResult.Decoded) return r;
            }
        }
        ParseResult own = decodeOwn(m);
        if (own instanceof ParseResult.Decoded) return own; // a bounce that returns a report as its original stays itself
        // the quoted or forwarded text says nothing: a writer's own words above it may (a postmaster's note, or that
        // note quoted in turn by someone's reply)
        for (BounceMessage writers : m.writersTexts()) {
            ParseResult r = decodeOwn(writers);
            if (r instanceof ParseResult.Decoded) return r;
        }
        if (forwards >= MAX_FORWARD_DEPTH) return own;
        for (BounceMessage attached : attachedMessages(m)) {
            ParseResult r = decode(attached, forwards + 1);
            if (r instanceof ParseResult.Decoded) return r;
        }
        return own;
    }

    /**
     * True when the message is a person's inline forward (a forward Subject, "Fwd:", "FW:", ...; in the main
     * text a client's banner, the forwarded message's header lines, its text; {@link InlineText}) and the
     * message holds no report part of its own. That forward is read as the message it carries, as a forward as attachment is, but before the
     * message itself: the forwarder's From and Subject would otherwise stand beside the notice's text.
     * A forward that kept the report's parts (a delivery-status or feedback-report attachment) is read as
     * it is.
     */
    private static boolean carriesAForwardedMessage(BounceMessage m) {
        // the Subject first: it costs nothing, where the carried text needs the main text decoded
        if (!InlineText.isForwardSubject(m.subjectLower())) return false;
        InlineText.Carried c = m.carried();
        return c != null && c.hasHeaders() && !hasReportPart(m);
    }

    /** A delivery-status or feedback-report part of the message's own (not inside an attached message). */
    private static boolean hasReportPart(BounceMessage m) {
        return m.firstPart("message/delivery-status") != null || m.firstPart("message/feedback-report") != null
                || m.firstPart("message/global-delivery-status") != null;
    }

    /**
     * The messages attached to a message that no dialect decodes: each message/rfc822 (or message/global)
     * part of its own (not one inside a returned original), transfer encoding undone, read as a message of
     * its own. A mail client's "Forward as attachment" (RFC 2046 section 5.2.1) wraps a bounce, a report or
     * a plain-text notice alike this way, inside multipart/mixed, and the outer message's text is the
     * forwarder's, not the MTA's (issue 13, list 1). An attached ordinary message is no report and changes
     * nothing; attachments are only looked at when no dialect decodes the message itself, so a bounce that
     * returns a report as its original stays itself.
     */
    private List<BounceMessage> attachedMessages(BounceMessage m) {
        List<BounceMessage> out = List.of();
        for (MimePart p : m.reportParts()) {
            if (p == m.root()) continue;
            boolean message = p.contentType().is("message/rfc822") || p.contentType().is("message/global")
                    // a client or gateway that attaches the message as a file ("forwarded.eml")
                    || Originals.isMessageFile(p, limits);
            if (!message) continue;
            byte[] inner = p.bytes();
            if (inner.length == 0) continue;
            if (out.isEmpty()) out = new java.util.ArrayList<>(2);
            out.add(BounceMessage.parse(inner, limits));
        }
        return out;
    }

    /**
     * The attached messages that are reports of their own (multipart/report: a DSN, a feedback report) sent to
     * the very mailbox the message is sent to, of a message that is no report, read before the message's own
     * text. A gateway that releases a bounce from its quarantine, or a system that re-delivers it, wraps the
     * report in a text of its own, whose words ("held", "released by admin@...") and addresses are its own, and
     * the report is what happened. A report addressed elsewhere is a report someone sent that came back (a
     * notice returning it as its original): the notice is read first. Only message/rfc822 attachments whose
     * own header says multipart/report (identity-encoded, so already parsed) and messages attached as files;
     * others are looked at after the message's own text ({@link #attachedMessages}).
     */
    private List<BounceMessage> attachedReports(BounceMessage m) {
        if (m.root().contentType().is("multipart/report") || hasReportPart(m)) return List.of();
        List<BounceMessage> out = List.of();
        String to = null;
        for (MimePart p : m.reportParts()) {
            if (p == m.root()) continue;
            BounceMessage report;
            if (p.contentType().is("message/rfc822") || p.contentType().is("message/global")) {
                MimePart e = p.embedded();
                if (e == null || !e.contentType().is("multipart/report")) continue;
                report = BounceMessage.parse(p.bytes(), limits);
            } else if (Originals.isMessageFile(p, limits)) { // attached as a file ("released.eml"): parsed to be seen
                report = BounceMessage.parse(p.bytes(), limits);
                if (!report.root().contentType().is("multipart/report")) continue;
            } else {
                continue;
            }
            if (to == null) to = Addresses.first(m.header("to"));
            if (to.isEmpty() || !to.equals(Addresses.first(report.header("to")))) continue;
            if (out.isEmpty()) out = new java.util.ArrayList<>(1);
            out.add(report);
        }
        return out;
    }

    private ParseResult decodeOwn(BounceMessage m) {
        ParseResult.Undecodable firstUndecodable = null;
        for (Dialect d : order.candidates(m)) {
            ParseResult r = d.parse(m);
            switch (r) {
                case ParseResult.Decoded dec -> {
                    OriginalMessage o = originals.find(m);
                    return new ParseResult.Decoded(dec.dialect(), dec.report().withOriginal(o));
                }
                case ParseResult.Undecodable u -> {
                    if (firstUndecodable == null) firstUndecodable = u;
                }
                case ParseResult.NotMine n -> { }
            }
        }
        return firstUndecodable != null ? firstUndecodable : ParseResult.NOT_MINE;
    }
}
