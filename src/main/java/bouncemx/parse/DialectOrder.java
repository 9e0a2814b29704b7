package bouncemx.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which dialects look at a message first, from cheap signals (the lowercased Subject and From,
 * and the X-Mailer header). Each {@link Hint} row names a dialect and the texts that suggest it; rows are
 * tried in table order and every matching row moves its dialect forward. Then come all remaining
 * dialects in registration order, and last the fallbacks (RFC 3464, then automatic replies), so that a
 * specific dialect always gets the first look at its own reports and the generic DSN reader sees
 * whatever no dialect claimed. Immutable; thread-safe.
 */
public final class DialectOrder {

    /** Which header a hint looks at. */
    public enum Field { SUBJECT, FROM, X_MAILER }

    /** "If {@code field} contains any of {@code texts} (lowercase), try {@code dialect} early." */
    public record Hint(String dialect, Field field, List<String> texts) {
        public Hint {
            texts = List.copyOf(texts);
        }

        public static Hint subject(String dialect, String... texts) { return new Hint(dialect, Field.SUBJECT, List.of(texts)); }

        public static Hint from(String dialect, String... texts) { return new Hint(dialect, Field.FROM, List.of(texts)); }

        public static Hint xMailer(String dialect, String... texts) { return new Hint(dialect, Field.X_MAILER, List.of(texts)); }
    }

    private final List<Dialect> dialects;
    private final List<Dialect> fallbacks;
    private final List<Hint> hints;
    private final Map<String, Dialect> byName;

    /**
     * @param dialects  the specific dialects, in their default order
     * @param fallbacks tried after every specific dialect, in this order
     * @param hints     the signal table; every named dialect must be among {@code dialects}
     */
    public DialectOrder(List<Dialect> dialects, List<Dialect> fallbacks, List<Hint> hints) {
        this.dialects = List.copyOf(dialects);
        this.fallbacks = List.copyOf(fallbacks);
        this.hints = List.copyOf(hints);
        this.byName = this.dialects.stream().collect(Collectors.toUnmodifiableMap(Dialect::name, Function.identity()));
        for (Hint h : this.hints) {
            if (!byName.containsKey(h.dialect())) throw new IllegalArgumentException("hint names unknown dialect " + h.dialect());
        }
    }

    /** Every dialect once, in the order to try them for {@code m}. */
    public List<Dialect> candidates(BounceMessage m) {
        // hinted dialects first (usually none or one), then the rest in order: no set, no hashing
        List<Dialect> out = new ArrayList<>(dialects.size() + fallbacks.size());
        String xMailer = null;
        for (Hint h : hints) {
            String value = switch (h.field()) {
                case SUBJECT -> m.subjectLower();
                case FROM -> m.fromLower();
                case X_MAILER -> {
                    if (xMailer == null) {
                        String v = m.headers().get("x-mailer");
                        xMailer = v == null ? "" : v.toLowerCase(java.util.Locale.ROOT);
                    }
                    yield xMailer;
                }
            };
            if (value.isEmpty()) continue;
            for (String t : h.texts()) {
                if (value.contains(t)) {
                    Dialect d = byName.get(h.dialect());
                    if (!holds(out, out.size(), d)) out.add(d);
                    break;
                }
            }
        }
        int hinted = out.size();
        for (Dialect d : dialects) if (hinted == 0 || !holds(out, hinted, d)) out.add(d);
        out.addAll(fallbacks);
        return out;
    }

    /** Whether one of the first {@code n} entries is {@code d} (the hinted prefix: a few entries). */
    private static boolean holds(List<Dialect> list, int n, Dialect d) {
        for (int i = 0; i < n; i++) if (list.get(i) == d) return true;
        return false;
    }

    /** All dialects, specific ones then fallbacks. */
    public List<Dialect> all() {
        List<Dialect> out = new ArrayList<>(dialects);
        out.addAll(fallbacks);
        return out;
    }
}
