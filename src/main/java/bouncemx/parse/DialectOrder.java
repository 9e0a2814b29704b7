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
    private final Map<String, Dialect> byName;
    /**
     * The hint table as arrays, row by row (its field, its texts, its dialect resolved): {@link #candidates}
     * runs per message and under C1 (classify) a List's iterator and the name lookup cost more than the test.
     */
    private final Field[] hintField;
    private final Dialect[] hintDialect;
    private final Dialect[] specific;
    /**
     * Per field, the texts of its hint rows, one group per row (group {@code hintGroup[i]} of
     * {@code hintTexts[hintField[i]]}): one pass over the Subject finds every row it matches, where a
     * {@code contains} per text cost ~3% of decoding (most under C1, whose indexOf is a plain loop).
     */
    private final PhraseAutomaton[] hintTexts = new PhraseAutomaton[Field.values().length];
    private final int[] hintGroup;

    /**
     * @param dialects  the specific dialects, in their default order
     * @param fallbacks tried after every specific dialect, in this order
     * @param hints     the signal table; every named dialect must be among {@code dialects}
     */
    public DialectOrder(List<Dialect> dialects, List<Dialect> fallbacks, List<Hint> hints) {
        this.dialects = List.copyOf(dialects);
        this.fallbacks = List.copyOf(fallbacks);
        this.byName = this.dialects.stream().collect(Collectors.toUnmodifiableMap(Dialect::name, Function.identity()));
        int n = hints.size();
        hintField = new Field[n];
        hintDialect = new Dialect[n];
        hintGroup = new int[n];
        List<List<List<String>>> byField = new ArrayList<>();
        for (Field f : Field.values()) byField.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            Hint h = hints.get(i);
            if (!byName.containsKey(h.dialect())) throw new IllegalArgumentException("hint names unknown dialect " + h.dialect());
            hintField[i] = h.field();
            hintDialect[i] = byName.get(h.dialect());
            List<List<String>> groups = byField.get(h.field().ordinal());
            hintGroup[i] = groups.size();
            groups.add(h.texts());
        }
        for (Field f : Field.values()) {
            if (byField.get(f.ordinal()).size() > 64) throw new IllegalArgumentException("more than 64 hints on " + f);
            hintTexts[f.ordinal()] = new PhraseAutomaton(byField.get(f.ordinal()));
        }
        specific = this.dialects.toArray(Dialect[]::new);
        List<Dialect> plain = new ArrayList<>(this.dialects);
        plain.addAll(this.fallbacks);
        unhinted = List.copyOf(plain);
    }

    /** The order when no hint matches (most messages): every dialect in order, then the fallbacks; made once. */
    private final List<Dialect> unhinted;

    /** Every dialect once, in the order to try them for {@code m}. */
    public List<Dialect> candidates(BounceMessage m) {
        // hinted dialects first (usually none or one), then the rest in order: no set, no hashing. The list is
        // made only once a hint matches; without one, the order made once is the answer (unmodifiable).
        List<Dialect> out = null;
        long[] matched = new long[hintTexts.length];
        boolean[] read = new boolean[hintTexts.length];
        for (int i = 0; i < hintField.length; i++) {
            int f = hintField[i].ordinal();
            if (!read[f]) {
                read[f] = true;
                String value = switch (hintField[i]) {
                    case SUBJECT -> m.subjectLower();
                    case FROM -> m.fromLower();
                    case X_MAILER -> {
                        String v = m.headers().get("x-mailer");
                        yield v == null ? "" : v.toLowerCase(java.util.Locale.ROOT);
                    }
                };
                matched[f] = hintTexts[f].groupsIn(value);
            }
            if ((matched[f] >>> hintGroup[i] & 1L) != 0) {
                Dialect d = hintDialect[i];
                if (out == null) out = new ArrayList<>(dialects.size() + fallbacks.size());
                if (!holds(out, out.size(), d)) out.add(d);
            }
        }
        if (out == null) return unhinted;
        int hinted = out.size();
        for (Dialect d : specific) if (hinted == 0 || !holds(out, hinted, d)) out.add(d);
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
