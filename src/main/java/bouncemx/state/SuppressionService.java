package bouncemx.state;

import bouncemx.journal.Journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * What the API and the command line do with the suppression state: look an address up (as DESIGN.md section 6
 * shows it), add or lift a suppression and report activity. Writes go through the journal: the record is durable
 * before the call returns, the consumer applies it from there (and webhooks send it), and the call waits up to
 * {@link #APPLY_WAIT} for the consumer to have applied it. Throws {@link IllegalStateException} when the journal
 * cannot append. Thread-safe.
 */
public final class SuppressionService {
    static final Duration APPLY_WAIT = Duration.ofSeconds(5);
    private static final Duration APPEND_WAIT = Duration.ofSeconds(30);

    private final SuppressionStore store;
    private final java.util.function.Supplier<SuppressionPolicy> policy; // the one in force (a reload replaces it)
    private final Journal journal;
    private final LongSupplier appliedPosition;
    private final Clock clock;

    /** @param appliedPosition the last journal sequence number the consumer has applied */
    public SuppressionService(SuppressionStore store, SuppressionPolicy policy, Journal journal,
                              LongSupplier appliedPosition, Clock clock) {
        this(store, () -> policy, journal, appliedPosition, clock);
    }

    /** A service that reads the policy from {@code policy} on each request (the daemon's, which a reload replaces). */
    public SuppressionService(SuppressionStore store, java.util.function.Supplier<SuppressionPolicy> policy, Journal journal,
                              LongSupplier appliedPosition, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.journal = journal;
        this.appliedPosition = appliedPosition;
        this.clock = clock;
    }

    /** One address as the API shows it, at {@code now}. */
    public record View(String address, boolean suppressed, String cause, int softBounces, int threshold, boolean active,
                       Instant updatedAt) {
        /** The JSON of DESIGN.md section 6, one shape for the API and the {@code suppression} commands. */
        public com.fasterxml.jackson.databind.node.ObjectNode json() {
            var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            o.put("address", address);
            o.put("suppressed", suppressed);
            o.put("cause", cause);
            o.put("soft_bounces", softBounces);
            o.put("threshold", threshold);
            o.put("active", active);
            o.put("updated_at", updatedAt == null ? null : updatedAt.toString());
            return o;
        }
    }

    public View lookup(String address) {
        String a = normalize(address);
        AddressState s = store.get(a);
        return view(s == null ? AddressState.unknown(a) : s);
    }

    public View view(AddressState s) {
        Instant now = clock.instant();
        SuppressionPolicy p = policy.get();
        return new View(s.address(), s.suppressed(), s.cause(), p.count(s, now), p.thresholdAt(s, now),
                s.activeAt(now), s.updatedAt());
    }

    /** Suppresses {@code address} (cause manual) through the journal; returns the address as it is then. */
    public View add(String address, String note) {
        return manual(normalize(address), true, note);
    }

    /** Lifts the suppression of {@code address} and resets its count (cause manual_lift) through the journal. */
    public View lift(String address) {
        return manual(normalize(address), false, null);
    }

    /** Records that the sender saw {@code address} active at {@code at} (null: now); durable when it returns. */
    public void activity(String address, Instant at) {
        Instant now = clock.instant();
        append(ChangeRecords.activity("act-" + UUID.randomUUID(), normalize(address), at == null ? now : at, now));
    }

    private View manual(String a, boolean suppressed, String note) {
        Instant now = clock.instant();
        AddressState before = store.get(a);
        if (before == null) before = AddressState.unknown(a);
        var outcome = policy.get().apply(before, new Signal.Manual(a, "", now, suppressed));
        long seq = append(ChangeRecords.changed("sm-" + UUID.randomUUID(), outcome.change(), note, now));
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        while (appliedPosition.getAsLong() < seq && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return view(outcome.after());
    }

    private long append(byte[] payload) {
        try {
            return journal.append(payload, System.nanoTime() + APPEND_WAIT.toNanos())
                    .get(APPEND_WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to the journal");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot append to the journal: " + (e.getCause() == null ? e : e.getCause()));
        }
    }

    /** Addresses are compared lowercased; a value that is not an address is an IllegalArgumentException. */
    public static String normalize(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1 || a.length() > 320 || !printable(a)) {
            throw new IllegalArgumentException("not an email address");
        }
        return a;
    }

    /** No space, control character or DEL (a loop: this runs on every lookup). */
    private static boolean printable(String a) {
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c <= ' ' || c == 127) return false;
        }
        return true;
    }
}
