package bouncemx.parse;

/** Decodes the reports one MTA family (or one standard format) writes. Implementations are stateless and thread-safe. */
public interface Dialect {
    /** Short lowercase name, reported as {@code parser.decoded_by}. */
    String name();

    /** Never throws on any input: unrecognised is {@link ParseResult#NOT_MINE}. */
    ParseResult parse(BounceMessage message);
}
