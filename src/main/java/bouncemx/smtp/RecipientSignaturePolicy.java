package bouncemx.smtp;

import bouncemx.verp.VerpCheck;
import bouncemx.verp.VerpVerifier;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The signed-VERP check at RCPT ({@code verp.require_signature}): when required, a recipient on a bounce domain
 * (every domain {@code smtp.domains} accepts is one) must be a signed VERP address with a valid, unexpired
 * signature ({@link VerpVerifier}), else 550 5.7.1, so a forged bounce cannot reach the suppression state.
 * {@code postmaster} (bare or at any domain) is always accepted (RFC 5321 4.5.1). Each refusal is logged at INFO
 * without the address (the address is at DEBUG) and reported to {@code refused} with the problem (one of the
 * fixed {@link VerpCheck} problem names, fit for a metric tag). Immutable, thread-safe.
 */
public final class RecipientSignaturePolicy {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecipientSignaturePolicy.class);

    /** Nothing required: every recipient passes. */
    public static final RecipientSignaturePolicy NONE = new RecipientSignaturePolicy(null, p -> {});

    private final VerpVerifier verifier; // null: no check
    private final Consumer<String> refused;

    /** @param verifier the keys and max age, or null for no check (verp.require_signature false) */
    public RecipientSignaturePolicy(VerpVerifier verifier, Consumer<String> refused) {
        this.verifier = verifier;
        this.refused = refused;
    }

    /** Null when {@code address} (on an accepted domain) may be used, else the refusal. */
    SmtpReply check(String address) {
        if (verifier == null) return null;
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        if (local.toLowerCase(Locale.ROOT).equals("postmaster")) return null;
        VerpCheck check = verifier.check(address);
        return switch (check) {
            case VerpCheck.Valid v -> null;
            case VerpCheck.Invalid i -> {
                log.info("refused a recipient: signed VERP {}", i.problem());
                log.debug("refused recipient {}: signed VERP {}", address, i.problem());
                refused.accept(i.problem());
                yield SmtpReply.UNSIGNED_RECIPIENT;
            }
        };
    }
}
