package bouncemx.classify.rhost;

import bouncemx.reason.EnhancedStatus;

import bouncemx.parse.RecipientStatus;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
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
            if (!status.isEmpty() && (f.status() == null || !f.status().anyClass().equals(status))) return false;
            if (!reply.isEmpty() && !f.replyCode().equals(reply)) return false;
            if (!command.isEmpty() && !f.command().equals(command)) return false;
            return switch (kind) {
                case TEXT -> f.lowerText().contains(key);
                case CODE -> providerCode != null && (key.endsWith("*")
                        ? providerCode.startsWith(key.substring(0, key.length() - 1)) : providerCode.equals(key));
                case RANGE -> providerCode != null && inRange(providerCode);
                case STATUS -> true;
            };
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

        boolean servesHost(String host) {
            if (host.isEmpty()) return false;
            for (String s : hosts) if (isUnder(host, s, s.startsWith(".") ? 1 : 0)) return true;
            return false;
        }

        boolean servesDomain(String domain) {
            if (domain.isEmpty()) return false;
            for (String d : domains) if (isUnder(domain, d, 0)) return true;
            return false;
        }

        /**
         * {@code name} is {@code suffix} from index {@code from} on, or a subdomain of it (no allocation, not
         * even a substring: this runs per recipient and set).
         */
        private static boolean isUnder(String name, String suffix, int from) {
            int length = suffix.length() - from;
            int extra = name.length() - length;
            return extra >= 0 && name.regionMatches(extra, suffix, from, length)
                    && (extra == 0 || name.charAt(extra - 1) == '.');
        }

        boolean markedIn(String lowerText) {
            for (String m : marks) if (lowerText.contains(m)) return true;
            return false;
        }

        Match first(Facts f) {
            String providerCode = null;
            if (code != null) {
                Matcher m = code.matcher(f.lowerText());
                if (m.find()) providerCode = m.group(1);
            }
            for (Row r : rows) {
                if (r.matches(f, providerCode)) return new Match(r.reason(), name, r.describe());
            }
            return null;
        }
    }

    /** A decision: the set and row that made it. */
    public record Match(Reason reason, String ruleSet, String text) {
        /** True when the row looked at the enhanced status code alone (kind STATUS), not at any text. */
        public boolean byStatusAlone() { return text.startsWith("status="); }
    }

    private final List<RuleSet> sets;

    public RemoteHostRules(List<RuleSet> sets) {
        this.sets = List.copyOf(sets);
    }

    public List<RuleSet> sets() { return sets; }

    /** The standard provider rules ({@link Providers#ALL}). */
    public static RemoteHostRules standard() {
        return new RemoteHostRules(Providers.ALL);
    }

    /** The sets that serve these facts, in the order of the evidence (see the class comment). */
    public List<RuleSet> chosen(Facts f) {
        List<RuleSet> out = new ArrayList<>(4);
        for (RuleSet s : sets) if (s.servesHost(f.remoteMta())) out.add(s);
        for (RuleSet s : sets) if (!holds(out, s) && s.servesDomain(f.recipientDomain())) out.add(s);
        for (RuleSet s : sets) if (!holds(out, s) && s.servesHost(f.reportingMta())) out.add(s);
        if (!f.lowerText().isEmpty()) {
            for (RuleSet s : sets) if (!holds(out, s) && s.markedIn(f.lowerText())) out.add(s);
        }
        return out;
    }

    /** Identity, not record equality: the sets are distinct objects and comparing their tables is costly. */
    private static boolean holds(List<RuleSet> list, RuleSet s) {
        for (RuleSet x : list) if (x == s) return true;
        return false;
    }

    /** The first matching row of the chosen sets, or null. */
    public Match match(Facts f) {
        if (f.lowerText().isEmpty() && f.status() == null) return null;
        for (RuleSet s : chosen(f)) {
            Match m = s.first(f);
            if (m != null) return m;
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
