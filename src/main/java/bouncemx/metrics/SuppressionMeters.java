package bouncemx.metrics;

import bouncemx.state.Change;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Suppression changes applied by the state consumer, counted by cause (the fixed set of {@link Change}'s
 * causes; anything else, which the policy never produces, as "other"). Counters resolved at construction.
 * Thread-safe.
 */
public final class SuppressionMeters {
    static final List<String> CAUSES = List.of(Change.HARD_BOUNCE, Change.COMPLAINT, Change.SOFT_BOUNCES, Change.MANUAL,
            Change.MANUAL_LIFT, Change.DELIVERY_SUCCESS);

    private final Map<String, Counter> byCause;
    private final Counter other;

    public SuppressionMeters(MeterRegistry registry) {
        byCause = CAUSES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), c -> counter(registry, c)));
        other = counter(registry, "other");
    }

    private static Counter counter(MeterRegistry registry, String cause) {
        return Counter.builder(MeterNames.SUPPRESSION_CHANGES).description("suppression changes applied, by cause")
                .tag(MeterNames.TAG_CAUSE, cause).register(registry);
    }

    /** One change applied. */
    public void changed(Change change) {
        byCause.getOrDefault(change.cause(), other).increment();
    }
}
