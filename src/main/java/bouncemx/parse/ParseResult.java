package bouncemx.parse;

/** Outcome of one dialect looking at one message. */
public sealed interface ParseResult {

    /** The dialect recognised and decoded the message. */
    record Decoded(String dialect, Report report) implements ParseResult {
        public Decoded {
            if (report.recipients().isEmpty()) throw new IllegalArgumentException("a decoded report has recipients");
        }
    }

    /** Not a report this dialect writes. */
    record NotMine() implements ParseResult {}

    /** The dialect recognised its report but could not get a recipient out of it. */
    record Undecodable(String dialect, String why) implements ParseResult {}

    ParseResult NOT_MINE = new NotMine();
}
