package bouncemx.state;

import bouncemx.config.Config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The suppression rule (README "Suppression"), one signal at a time: a hard bounce suppresses at once; a complaint
 * of an abuse, fraud or virus Feedback-Type suppresses (never {@code not-spam}); a soft bounce counts when its
 * reason is in {@code count_reasons} and it is not greylisting (rule {@code greylisting:...}), once per original
 * Message-ID, and suppresses when the soft bounces of the last {@code soft_window} reach the threshold
 * ({@code soft_threshold}, or {@code soft_threshold_active} while the sender's reported activity is within
 * {@code activity_window}); a delivery success clears the count and lifts a bounce suppression (never a complaint
 * or manual one); manual add and lift do what they say and a lift clears the count. Pure and thread-safe: state
 * in, state and at most one {@link Change} out.
 */
public final class SuppressionPolicy {
    /** ARF Feedback-Types (RFC 5965 7.3) that mean the recipient does not want this mail. */
    static final Set<String> SUPPRESSING_FEEDBACK = Set.of("abuse", "fraud", "virus");
    static final String GREYLISTING_RULE = "greylisting:";

    private final int threshold;
    private final int thresholdActive;
    private final Duration softWindow;
    private final Duration activityWindow;
    private final Set<String> countReasons;

    public SuppressionPolicy(Config.Suppression s) {
        this(s.softThreshold(), s.softThresholdActive(), s.softWindow(), s.activityWindow(), s.countReasons());
    }

    public SuppressionPolicy(int threshold, int thresholdActive, Duration softWindow, Duration activityWindow,
                             List<String> countReasons) {
        this.threshold = threshold;
        this.thresholdActive = thresholdActive;
        this.softWindow = softWindow;
        this.activityWindow = activityWindow;
        this.countReasons = Set.copyOf(countReasons);
    }

    /** The state after {@code signal}, and the change it made (null: no change of suppression). */
    public record Outcome(AddressState after, Change change) {}

    public Outcome apply(AddressState s, Signal signal) {
        Instant at = signal.at();
        return switch (signal) {
            case Signal.Hard h -> s.suppressed() ? same(s)
                    : suppress(s, Change.HARD_BOUNCE, h.eventId(), at);
            case Signal.Complaint c -> s.suppressed() || !SUPPRESSING_FEEDBACK.contains(c.feedbackType().toLowerCase(Locale.ROOT))
                    ? same(s) : suppress(s, Change.COMPLAINT, c.eventId(), at);
            case Signal.Soft b -> soft(s, b);
            case Signal.Success ok -> {
                AddressState cleared = s.withoutSoftBounces();
                boolean bounceCause = Change.HARD_BOUNCE.equals(s.cause()) || Change.SOFT_BOUNCES.equals(s.cause());
                if (!s.suppressed() || !bounceCause) yield new Outcome(cleared, null);
                AddressState after = cleared.withSuppression(false, Change.DELIVERY_SUCCESS, at);
                yield new Outcome(after, new Change(s.address(), false, Change.DELIVERY_SUCCESS, 0, thresholdAt(s, at), ok.eventId(), at));
            }
            case Signal.Manual m -> {
                if (m.suppressed()) {
                    AddressState after = s.withSuppression(true, Change.MANUAL, at);
                    yield new Outcome(after, new Change(s.address(), true, Change.MANUAL, count(s, at), thresholdAt(s, at), null, at));
                }
                AddressState after = s.withoutSoftBounces().withSuppression(false, Change.MANUAL_LIFT, at);
                yield new Outcome(after, new Change(s.address(), false, Change.MANUAL_LIFT, 0, thresholdAt(s, at), null, at));
            }
            case Signal.Activity a -> new Outcome(s.withActiveUntil(at.plus(activityWindow)), null);
            case Signal.Recorded r -> same(s);
        };
    }

    private Outcome soft(AddressState s, Signal.Soft b) {
        if (b.rule().startsWith(GREYLISTING_RULE) || !countReasons.contains(b.reason())) return same(s);
        String key = b.messageId().isEmpty() ? "" : messageKey(b.messageId());
        if (!key.isEmpty()) {
            for (AddressState.Soft old : s.softBounces()) if (old.messageKey().equals(key)) return same(s);
        }
        AddressState after = s.withSoft(new AddressState.Soft(b.at(), key));
        if (after.suppressed()) return new Outcome(after, null);
        int n = count(after, b.at());
        int t = thresholdAt(after, b.at());
        if (n < t) return new Outcome(after, null);
        return new Outcome(after.withSuppression(true, Change.SOFT_BOUNCES, b.at()),
                new Change(s.address(), true, Change.SOFT_BOUNCES, n, t, b.eventId(), b.at()));
    }

    private Outcome suppress(AddressState s, String cause, String eventId, Instant at) {
        return new Outcome(s.withSuppression(true, cause, at),
                new Change(s.address(), true, cause, count(s, at), thresholdAt(s, at), eventId, at));
    }

    private static Outcome same(AddressState s) {
        return new Outcome(s, null);
    }

    /** Soft bounces that count at {@code at}: those of the last soft_window. */
    public int count(AddressState s, Instant at) {
        return s.softCount(at.minus(softWindow));
    }

    /** The threshold in force for {@code s} at {@code at}. */
    public int thresholdAt(AddressState s, Instant at) {
        return s.activeAt(at) ? thresholdActive : threshold;
    }

    /** A short stable key for an original Message-ID (angle brackets and case ignored). */
    static String messageKey(String messageId) {
        String m = messageId.strip().toLowerCase(Locale.ROOT);
        if (m.startsWith("<") && m.endsWith(">")) m = m.substring(1, m.length() - 1);
        byte[] h = SHA256.get().digest(m.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 8);
    }

    /** One digest per thread: {@code MessageDigest.getInstance} per soft bounce was a visible part of a rebuild. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    });
}
