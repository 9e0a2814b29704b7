package bouncemx.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of an address's suppression, as the {@code suppression.changed} event of DESIGN.md section 3
 * carries it. {@code causedBy} is the {@code data.id} of the event that triggered it (for soft bounces the one
 * that reached the threshold), null for manual changes. Immutable.
 */
public record Change(String address, boolean suppressed, String cause, int softBounces, int threshold,
                     String causedBy, Instant at) {
    public static final String HARD_BOUNCE = "hard_bounce";
    public static final String COMPLAINT = "complaint";
    public static final String SOFT_BOUNCES = "soft_bounces";
    public static final String MANUAL = "manual";
    public static final String MANUAL_LIFT = "manual_lift";
    public static final String DELIVERY_SUCCESS = "delivery_success";

    public Change {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(at, "at");
    }
}
