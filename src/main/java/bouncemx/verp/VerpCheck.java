package bouncemx.verp;

/** The verdict on one address's signed-VERP signature ({@link VerpVerifier#check}). */
public sealed interface VerpCheck {
    /** Signed with a configured key, and not older than {@code verp.max_age}. */
    record Valid(SignedVerp.Parts parts) implements VerpCheck {}

    /**
     * Not acceptable: {@code parts} is null when the address is not a signed VERP address at all; {@code problem} is
     * one of {@link #NOT_SIGNED}, {@link #UNKNOWN_KEY}, {@link #BAD_SIGNATURE}, {@link #EXPIRED}, {@link #FUTURE}.
     */
    record Invalid(SignedVerp.Parts parts, String problem) implements VerpCheck {}

    String NOT_SIGNED = "not_signed";
    String UNKNOWN_KEY = "unknown_key";
    String BAD_SIGNATURE = "bad_signature";
    String EXPIRED = "expired";
    String FUTURE = "issued_in_the_future";

    default boolean valid() {
        return this instanceof Valid;
    }
}
