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
