package bouncemx.parse;

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
        ParseResult own = decodeOwn(m);
        if (own instanceof ParseResult.Decoded) return own; // a bounce that returns a report as its original stays itself
        BounceMessage attached = forwardedReport(m);
        if (attached != null) {
            ParseResult r = decodeOwn(attached);
            if (r instanceof ParseResult.Decoded) return r;
        }
        return own;
    }

    /**
     * A delivery report forwarded as an attachment: a message that is not itself a report (RFC 6522
     * multipart/report) but carries, as a message/rfc822 part of its own (not inside a returned original),
     * a message that is one with report-type delivery-status, read as a message of its own; null otherwise.
     * A mail client's "Forward as attachment" (RFC 2046 section 5.2.1) wraps the report this way, inside
     * multipart/mixed, and the outer message's text is the forwarder's, not the MTA's (issue 13, list 1).
     * An attached original that is an ordinary message is not a report and changes nothing; it is only
     * looked for when no dialect decodes the message itself.
     */
    private BounceMessage forwardedReport(BounceMessage m) {
        if (m.root().contentType().is("multipart/report")) return null;
        for (MimePart p : m.reportParts()) {
            if (p == m.root() || !p.contentType().is("message/rfc822")) continue;
            MimePart inner = p.embedded();
            if (inner == null || !inner.contentType().is("multipart/report")) continue;
            String type = inner.contentType().reportType();
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("delivery-status")) continue;
            return BounceMessage.parse(p.bytes(), limits);
        }
        return null;
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
