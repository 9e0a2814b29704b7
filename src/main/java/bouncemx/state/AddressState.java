package bouncemx.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What bouncemx knows about one recipient address (lowercased): whether it is suppressed and why, the soft
 * bounces that still count (newest last, at most {@link #MAX_SOFT} kept), until when the sender reported the
 * subscriber active, and when the state last changed. Immutable; changed copies come from the {@code with...}
 * methods.
 *
 * @param cause       why it is suppressed, or (after a lift) why it was lifted; null when never changed
 * @param activeUntil the end of the activity window of the last reported activity, or null
 * @param updatedAt   the time of the last suppression change (null: never changed)
 */
public record AddressState(String address, boolean suppressed, String cause, List<Soft> softBounces,
                           Instant activeUntil, Instant updatedAt) {
    /** More than the largest threshold anyone configures in practice; older entries are dropped first. */
    public static final int MAX_SOFT = 64;

    /** One counted soft bounce: when bouncemx received it and a hash of the original's Message-ID ("" when none). */
    public record Soft(Instant at, String messageKey) {
        public Soft {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(messageKey, "messageKey");
        }
    }

    public AddressState {
        Objects.requireNonNull(address, "address");
        softBounces = List.copyOf(softBounces.size() > MAX_SOFT
                ? softBounces.subList(softBounces.size() - MAX_SOFT, softBounces.size()) : softBounces);
    }

    /** An address never seen. */
    public static AddressState unknown(String address) {
        return new AddressState(address, false, null, List.of(), null, null);
    }

    /** Soft bounces received after {@code since}. */
    public int softCount(Instant since) {
        int n = 0;
        for (Soft s : softBounces) if (s.at().isAfter(since)) n++;
        return n;
    }

    public boolean activeAt(Instant t) {
        return activeUntil != null && !activeUntil.isBefore(t);
    }

    public AddressState withSoft(Soft s) {
        List<Soft> l = new ArrayList<>(softBounces);
        l.add(s);
        return new AddressState(address, suppressed, cause, l, activeUntil, updatedAt);
    }

    public AddressState withoutSoftBounces() {
        return new AddressState(address, suppressed, cause, List.of(), activeUntil, updatedAt);
    }

    public AddressState withSuppression(boolean suppressed, String cause, Instant at) {
        return new AddressState(address, suppressed, cause, softBounces, activeUntil, at);
    }

    public AddressState withActiveUntil(Instant until) {
        Instant u = activeUntil == null || until.isAfter(activeUntil) ? until : activeUntil;
        return new AddressState(address, suppressed, cause, softBounces, u, updatedAt);
    }
}
