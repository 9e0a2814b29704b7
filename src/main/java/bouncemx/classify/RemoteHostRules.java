package bouncemx.classify;

import java.util.List;
import java.util.Locale;

/**
 * Rules for what one receiving provider means by its own texts and codes, chosen by the remote host name
 * (the Remote-MTA, or a host named in the diagnostic). Each rule set lists (text or code, reason) rows; the
 * first row of the first matching set decides, before the generic tables, because a provider's own
 * vocabulary is more precise than the generic one (Microsoft's 5.1.10 is an unknown recipient; Yahoo's
 * TSS04 is throttling). Immutable; thread-safe.
 */
public final class RemoteHostRules {

    /** A text (lowercase) or an exact status code in the diagnostic, meaning {@code reason}. */
    public record Row(String text, Reason reason) {}

    /** One provider: host name suffixes that identify it and its rows in order. */
    public record RuleSet(String name, List<String> hostSuffixes, List<Row> rows) {
        public RuleSet {
            hostSuffixes = List.copyOf(hostSuffixes);
            rows = List.copyOf(rows);
        }

        boolean serves(String host) {
            for (String s : hostSuffixes) if (host.endsWith(s)) return true;
            return false;
        }
    }

    /** A decision: the set and row that made it. */
    public record Match(Reason reason, String ruleSet, String text) {}

    private final List<RuleSet> sets;

    public RemoteHostRules(List<RuleSet> sets) {
        this.sets = List.copyOf(sets);
    }

    public List<RuleSet> sets() { return sets; }

    /** The standard provider rules. */
    public static RemoteHostRules standard() {
        return new RemoteHostRules(List.of(
                new RuleSet("microsoft", List.of(".outlook.com", ".hotmail.com", ".live.com", ".msn.com",
                        ".protection.outlook.com", ".office365.com"), List.of(
                        // Exchange Online: 5.1.10 RESOLVER.ADR.RecipientNotFound
                        new Row("5.1.10", Reason.USER_UNKNOWN),
                        new Row("recipientnotfound", Reason.USER_UNKNOWN),
                        new Row("5.4.1 recipient address rejected: access denied", Reason.USER_UNKNOWN))),
                new RuleSet("google", List.of(".google.com", ".gmail.com", ".googlemail.com"), List.of(
                        new Row("is over quota", Reason.MAILBOX_FULL),
                        new Row("out of storage space", Reason.MAILBOX_FULL))),
                new RuleSet("yahoo", List.of(".yahoo.com", ".yahoodns.net", ".yahoo.co.jp", ".aol.com"), List.of(
                        new Row("tss04", Reason.SPEEDING),
                        new Row("ts04", Reason.SPEEDING)))));
    }

    /** The first matching row for a host (lowercase, may be ""), over the lowercased diagnostic, or null. */
    public Match match(String host, String lowerText) {
        if (host.isEmpty() || lowerText.isEmpty()) return null;
        String h = "." + host.toLowerCase(Locale.ROOT);
        for (RuleSet s : sets) {
            if (!s.serves(h)) continue;
            for (Row r : s.rows()) {
                if (lowerText.contains(r.text())) return new Match(r.reason(), s.name(), r.text());
            }
        }
        return null;
    }
}
