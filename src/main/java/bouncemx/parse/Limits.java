package bouncemx.parse;

/**
 * Hard caps on the work spent reading one message. Anything beyond a cap is ignored (and the message
 * marked truncated), never an exception. Immutable.
 *
 * @param maxHeaders      header fields kept per header block; further fields are skipped
 * @param maxValueChars   characters kept of one (unfolded) header value
 * @param maxMimeDepth    nesting depth of multipart and message/rfc822 parts that is walked
 * @param maxParts        MIME parts created per message, all levels together
 * @param maxInspectBytes bytes of the message that are looked at; the rest is not read
 * @param maxTextChars    characters of one decoded text part handed to dialects
 */
public record Limits(int maxHeaders, int maxValueChars, int maxMimeDepth, int maxParts, int maxInspectBytes,
                     int maxTextChars) {

    /** The defaults: generous for any real bounce, small enough that a hostile message costs little. */
    public static final Limits DEFAULT = new Limits(500, 16 * 1024, 12, 256, 4 * 1024 * 1024, 512 * 1024);

    public Limits {
        if (maxHeaders < 1 || maxValueChars < 64 || maxMimeDepth < 1 || maxParts < 1
                || maxInspectBytes < 1024 || maxTextChars < 1024) {
            throw new IllegalArgumentException("limits too small: " + this);
        }
    }
}
