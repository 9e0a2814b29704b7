package bouncemx.classify.rhost;

import bouncemx.reason.EnhancedStatus;

import bouncemx.parse.PhraseAutomaton;
import bouncemx.parse.RecipientStatus;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one mail provider means by its own texts and codes. A provider's vocabulary is more precise than the
 * generic tables (Microsoft's 5.1.10 is an unknown recipient, GoDaddy's "IB607" a rate limit written under
 * 5.1.1, Cox's "AUP#CDRBL" a block written as "sender rejected"), so the classifier asks these rules before
 * the status and phrase tables.
 *
 * <p>A {@link RuleSet} is chosen for a recipient by the evidence that the provider wrote or received the
 * refusal, tried in this order (each set at most once; the rows of every chosen set are tried in turn and
 * the first matching row wins):
 * <ol>
 *   <li>the Remote-MTA host name ends with one of the set's host suffixes (the refusing server itself);</li>
 *   <li>the recipient's domain is one of the provider's mail domains (cox.net, charter.net, qq.com: the
 *       Remote-MTA is often missing or is a filtering front end such as cloudfilter.net);</li>
 *   <li>the Reporting-MTA ends with one of the host suffixes (the provider's own outbound relay wrote the
 *       report in its own words: Gmail's "googlemail.com", AOL's "mx.aol.com", MessageLabs);</li>
 *   <li>a mark the provider puts in its replies appears in the diagnostic (its help-page address, such as
 *       "service.mail.qq.com" or "spectrum.net/support", or a product token such as "resolver.adr.").</li>
 * </ol>
 * Rows are: a lowercase text contained in the diagnostic; a provider code (exact, prefix, or numeric
 * range) read from the diagnostic by the set's code pattern; or an enhanced status code alone. A row may
 * also require the status code, the SMTP reply code or the failed SMTP command. Each row cites the
 * provider's documentation or the corpus family that shows it (../shared/corpus/eml/rhost-*).
 * Immutable; thread-safe.
 */
public final class RemoteHostRules {

    /** What the rules look at for one recipient; text is lowercased; status may be null. */
    public record Facts(String remoteMta, String reportingMta, String recipientDomain, EnhancedStatus status,
                        String replyCode, String command, String lowerText) {
        public Facts {
            remoteMta = host(remoteMta);
            reportingMta = host(reportingMta);
            recipientDomain = host(recipientDomain);
            replyCode = replyCode == null ? "" : replyCode;
            command = command == null ? "" : command.toUpperCase(Locale.ROOT);
            lowerText = lowerText == null ? "" : lowerText;
        }

        /** Facts of a decoded recipient, with the status and reply code the classifier settled on. */
        public static Facts of(RecipientStatus r, EnhancedStatus status, String replyCode, String lowerText) {
            String a = r.address();
            int at = a.lastIndexOf('@');
            return new Facts(r.remoteMta(), r.reportingMta(), at < 0 ? "" : a.substring(at + 1), status, replyCode,
                    r.command(), lowerText);
        }

        /** Only a remote host and a text, as the table tests write them. */
        public static Facts of(String remoteMta, String lowerText) {
            return new Facts(remoteMta, "", "", null, "", "", lowerText);
        }

        /** "dns; mx1.example.net. [192.0.2.1]" -> "mx1.example.net". */
        static String host(String h) { return bouncemx.parse.MtaName.key(h); }
    }

    /** How a row tests the diagnostic. */
    public enum Kind {
        /** {@code key} is contained in the lowercased diagnostic. */
        TEXT,
        /** the provider code read by the set's pattern equals {@code key}, or starts with it when key ends in '*'. */
        CODE,
        /** the provider code read by the set's pattern is a number within [low, high]. */
        RANGE,
        /** the enhanced status code, in "X.s.d" form, equals {@code key}; the text is not looked at. */
        STATUS
    }

    /**
     * One row. {@code status} ("X.s.d", any class), {@code reply} (SMTP reply code) and {@code command} are
     * extra conditions, "" when not required.
     */
    public record Row(Reason reason, Kind kind, String key, int low, int high, String status, String reply,
                      String command) {
        public Row {
            if (!key.equals(key.toLowerCase(Locale.ROOT)) && kind != Kind.STATUS) {
                throw new IllegalArgumentException("row key must be lowercase: " + key);
            }
        }

        public static Row text(String text, Reason r) { return new Row(r, Kind.TEXT, text, 0, 0, "", "", ""); }

        public static Row code(String code, Reason r) { return new Row(r, Kind.CODE, code, 0, 0, "", "", ""); }

        public static Row codes(int low, int high, Reason r) {
            return new Row(r, Kind.RANGE, low + "-" + high, low, high, "", "", "");
        }

        public static Row status(String anyClass, Reason r) {
            return new Row(r, Kind.STATUS, anyClass, 0, 0, anyClass, "", "");
        }

        /** This row, only when the enhanced status code is {@code anyClass} ("X.7.515"). */
        public Row onStatus(String anyClass) { return new Row(reason, kind, key, low, high, anyClass, reply, command); }

        /** This row, only when the SMTP reply code is {@code code}. */
        public Row onReply(String code) { return new Row(reason, kind, key, low, high, status, code, command); }

        /** This row, only when the remote server refused this SMTP command (RCPT, DATA, ...). */
        public Row onCommand(String c) { return new Row(reason, kind, key, low, high, status, reply, c); }

        boolean matches(Facts f, String providerCode) {
            return conditionsHold(f) && test(f, providerCode);
        }

        /** The extra conditions: status, reply code and command, as far as the row asks for them. */
        boolean conditionsHold(Facts f) {
            if (!status.isEmpty() && (f.status() == null || !isAnyClass(f.status(), status))) return false;
            if (!reply.isEmpty() && !f.replyCode().equals(reply)) return false;
            return command.isEmpty() || f.command().equals(command);
        }

        /** The row's own test, its conditions aside. */
        boolean test(Facts f, String providerCode) {
            return switch (kind) {
                case TEXT -> f.lowerText().contains(key);
                case CODE -> providerCode != null && (key.endsWith("*")
                        ? providerCode.startsWith(key.substring(0, key.length() - 1)) : providerCode.equals(key));
                case RANGE -> providerCode != null && inRange(providerCode);
                case STATUS -> true;
            };
        }

        /** A CODE row's key (without its trailing '*', for a prefix) appears in {@code lowerText}. */
        boolean keyIn(String lowerText) {
            return key.endsWith("*") ? lowerText.contains(key.substring(0, key.length() - 1)) : lowerText.contains(key);
        }

        /** The row looks at the provider's code (kind CODE or RANGE). */
        boolean readsCode() { return kind == Kind.CODE || kind == Kind.RANGE; }

        /**
         * {@code status.anyClass().equals(anyClass)} without building the string ("X." + subject + "." +
         * detail) for every row that names a status.
         */
        static boolean isAnyClass(EnhancedStatus status, String anyClass) {
            if (!anyClass.startsWith("X.")) return false;
            int dot = anyClass.indexOf('.', 2);
            return dot > 2 && isNumber(anyClass, 2, dot, status.subject())
                    && isNumber(anyClass, dot + 1, anyClass.length(), status.detail());
        }

        /** {@code s[from, to)} is {@code n} written in decimal, without leading zeros (as Integer.toString writes it). */
        private static boolean isNumber(String s, int from, int to, int n) {
            if (to - from < 1 || to - from > 4 || (s.charAt(from) == '0' && to - from > 1)) return false;
            int v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
            }
            return v == n;
        }

        private boolean inRange(String code) {
            if (code.isEmpty() || code.length() > 6) return false;
            for (int i = 0; i < code.length(); i++) if (!Character.isDigit(code.charAt(i))) return false;
            int n = Integer.parseInt(code);
            return n >= low && n <= high;
        }

        /** How the decision is named in classification.rule. */
        String describe() {
            String s = switch (kind) {
                case TEXT -> key;
                case CODE, RANGE -> "code=" + key;
                case STATUS -> "status=" + key;
            };
            if (!status.isEmpty() && kind != Kind.STATUS) s += "@" + status;
            return s;
        }
    }

    /**
     * One provider: host name suffixes (matched against Remote-MTA and Reporting-MTA, each starting with "."
     * or naming a whole host), the provider's mail domains, marks it writes in its replies, an optional
     * pattern whose group 1 reads the provider's own error code from the lowercased diagnostic, and its rows
     * in order.
     */
    public record RuleSet(String name, List<String> hosts, List<String> domains, List<String> marks,
                          Pattern code, List<Row> rows) {
        public RuleSet {
            hosts = List.copyOf(hosts);
            domains = List.copyOf(domains);
            marks = List.copyOf(marks);
            rows = List.copyOf(rows);
        }

        Match first(Facts f) {
            // the provider's code is read (a regular expression over the whole text) only when a row asks for
            // it and that row's other conditions hold: most rows are texts, and code rows often name a reply
            String providerCode = null;
            boolean codeRead = false;
            for (Row r : rows) {
                if (!r.conditionsHold(f)) continue;
                if (r.readsCode()) {
                    // the code is a piece of the text, so a code row whose key is not in the text cannot match:
                    // the pattern (a regular expression tried at every position) is left unread then
                    if (r.kind() == Kind.CODE && !r.keyIn(f.lowerText())) continue;
                    if (!codeRead) {
                        providerCode = providerCode(f.lowerText());
                        codeRead = true;
                    }
                }
                if (r.test(f, providerCode)) return new Match(r.reason(), name, r.describe());
            }
            return null;
        }

        /** The provider's own code in the text (group 1 of {@link #code}), or null. */
        private String providerCode(String lowerText) {
            if (code == null) return null;
            Matcher m = code.matcher(lowerText);
            return m.find() ? m.group(1) : null;
        }
    }

    /** A decision: the set and row that made it. */
    public record Match(Reason reason, String ruleSet, String text) {
        /** True when the row looked at the enhanced status code alone (kind STATUS), not at any text. */
        public boolean byStatusAlone() { return text.startsWith("status="); }
    }

    private final List<RuleSet> sets;
    /** Per host suffix (without its leading "."): the sets that name it, set i as bit 1L << i. */
    private final SuffixTable setsByHost;
    /** Per mail domain: the sets that name it, as bits. */
    private final SuffixTable setsByDomain;
    /** Every set's marks, one group per set: the sets marked in a text in one pass, as bits. */
    private final PhraseAutomaton marks;

    /** @param sets at most 64 (each is one bit of a long while the sets for a recipient are chosen) */
    public RemoteHostRules(List<RuleSet> sets) {
        this.sets = List.copyOf(sets);
        if (sets.size() > 64) throw new IllegalArgumentException(sets.size() + " rule sets: at most 64");
        Map<String, Long> byHost = new HashMap<>();
        Map<String, Long> byDomain = new HashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            for (String h : sets.get(i).hosts()) byHost.merge(h.startsWith(".") ? h.substring(1) : h, 1L << i, (a, b) -> a | b);
            for (String d : sets.get(i).domains()) byDomain.merge(d, 1L << i, (a, b) -> a | b);
        }
        setsByHost = new SuffixTable(byHost);
        setsByDomain = new SuffixTable(byDomain);
        marks = new PhraseAutomaton(this.sets.stream().map(RuleSet::marks).toList());
    }

    public List<RuleSet> sets() { return sets; }

    /** The standard provider rules ({@link Providers#ALL}). */
    public static RemoteHostRules standard() {
        return new RemoteHostRules(Providers.ALL);
    }

    /** The kinds of evidence that choose a set, in the order they are tried (see the class comment). */
    private enum Evidence { REMOTE_MTA, RECIPIENT_DOMAIN, REPORTING_MTA, MARK }

    /**
     * The sets that this evidence names, as bits: a host (or the domain) is named by a set when it is one of
     * the set's host suffixes (domains) or under one, found by one table lookup per label of the name, not a
     * comparison per set and suffix (issue 13: those loops took a sixth of the classifier's time). The marks are
     * found by one automaton pass over the text (1.5% of the classifier's time under C2 against a contains per
     * mark; more under C1, whose {@code indexOf} is a plain loop).
     */
    private long named(Evidence e, Facts f) {
        return switch (e) {
            case REMOTE_MTA -> setsByHost.under(f.remoteMta());
            case RECIPIENT_DOMAIN -> setsByDomain.under(f.recipientDomain());
            case REPORTING_MTA -> setsByHost.under(f.reportingMta());
            case MARK -> f.lowerText().isEmpty() ? 0 : marks.groupsIn(f.lowerText());
        };
    }


    /**
     * Names (host suffixes or domains) to the sets that name them, as bits. {@link #under} looks a name up
     * with each of its parent domains ("a.b.c", "b.c", "c") in one pass from its end and cuts no substring:
     * it runs for three names a recipient, and with substrings and a {@code HashMap} it was 4.6% of the
     * classifier's time (profile); this table took 2% off the classifier's time (A/B on the corpus). Keys hash from their last character to their first ({@code h = 31 * h + c}), so the
     * pass has the hash of every suffix on its way. Open addressing, at most half full. Immutable.
     */
    static final class SuffixTable {
        private final String[] keys;
        private final int[] hashes;
        private final long[] bits;

        SuffixTable(Map<String, Long> byName) {
            int capacity = Integer.highestOneBit(Math.max(4, byName.size() * 2)) * 2;
            keys = new String[capacity];
            hashes = new int[capacity];
            bits = new long[capacity];
            byName.forEach((name, b) -> {
                int h = 0;
                for (int i = name.length() - 1; i >= 0; i--) h = 31 * h + name.charAt(i);
                int slot = h & (capacity - 1);
                while (keys[slot] != null) slot = (slot + 1) & (capacity - 1);
                keys[slot] = name;
                hashes[slot] = h;
                bits[slot] = b;
            });
        }

        /** The bits of {@code name}'s own entry and of every parent domain's: "a.b.c" looks up "a.b.c", "b.c", "c". */
        long under(String name) {
            if (name.isEmpty()) return 0;
            long found = 0;
            int h = 0;
            for (int i = name.length() - 1; i >= -1; i--) {
                if (i < 0 || name.charAt(i) == '.') found |= get(name, i + 1, h);      // h is name[i + 1..]'s
                if (i >= 0) h = 31 * h + name.charAt(i);
            }
            return found;
        }

        /** The bits of the key equal to {@code name} from {@code from} on, whose hash is {@code h}; 0 if none. */
        private long get(String name, int from, int h) {
            int length = name.length() - from;
            for (int slot = h & (keys.length - 1); keys[slot] != null; slot = (slot + 1) & (keys.length - 1)) {
                if (hashes[slot] == h && keys[slot].length() == length && name.regionMatches(from, keys[slot], 0, length)) {
                    return bits[slot];
                }
            }
            return 0;
        }
    }

    /** The sets that serve these facts, in the order of the evidence (see the class comment). */
    public List<RuleSet> chosen(Facts f) {
        List<RuleSet> out = new ArrayList<>(4);
        firstOfChosen(f, s -> {
            out.add(s);
            return null;
        });
        return out;
    }

    /**
     * The first matching row of the chosen sets, or null. The sets are tried as {@link #chosen} orders them,
     * and the marks are only looked for when no set chosen by a host or the domain has decided.
     */
    public Match match(Facts f) {
        if (f.lowerText().isEmpty() && f.status() == null) return null;
        return firstOfChosen(f, s -> s.first(f));
    }

    private static final Evidence[] EVIDENCE = Evidence.values();

    /**
     * Walks the chosen sets in order (each once) until {@code answer} gives a match: the evidence is read kind by
     * kind, so a kind after a match (the marks, an automaton pass) is not read at all.
     */
    private Match firstOfChosen(Facts f, java.util.function.Function<RuleSet, Match> answer) {
        long taken = 0;
        for (Evidence e : EVIDENCE) {
            long bits = named(e, f) & ~taken;
            taken |= bits;
            for (; bits != 0; bits &= bits - 1) {
                Match m = answer.apply(sets.get(Long.numberOfTrailingZeros(bits)));
                if (m != null) return m;
            }
        }
        return null;
    }

    /** As {@link #match(Facts)} for a decoded recipient (the classifier's call). */
    public Match match(RecipientStatus r, EnhancedStatus status, String replyCode, String lowerText) {
        return match(Facts.of(r, status, replyCode, lowerText));
    }

    /** As {@link #match(Facts)} with only a remote host name and the lowercased diagnostic. */
    public Match match(String host, String lowerText) {
        return match(Facts.of(host, lowerText));
    }

    // ------------------------------------------------------------------------------------------------------
    // The provider tables. Within a set, rows are tried in order: provider codes first (a code names one
    // cause, while the text around it is often a generic template: Cox writes "sender rejected" before
    // AUP#CDRBL), then the provider's specific texts, longer before shorter when one contains the other.
    // The tables themselves are one file per provider in this package, listed by Providers.

    static Row text(String t, Reason r) { return Row.text(t, r); }

    static Row code(String c, Reason r) { return Row.code(c, r); }

    static Row status(String anyClass, Reason r) { return Row.status(anyClass, r); }
}
