package bouncemx.classify.rhost;

import java.util.List;

/**
 * Every provider's rule set, in one ordered list: a new provider is one new file in this package plus one
 * entry here. Immutable.
 */
public final class Providers {
    private Providers() {}

    /**
     * All sets. The order only matters when two sets are chosen by the same kind of evidence (AOL before
     * Yahoo for an aol.com recipient: AOL's own relay texts first).
     */
    public static final List<RemoteHostRules.RuleSet> ALL = List.of(
            AolRules.RULES, AppleRules.RULES, AttRules.RULES, CloudflareRules.RULES, ComcastRules.RULES, CoxRules.RULES, FacebookRules.RULES,
            FrancePttRules.RULES, GoDaddyRules.RULES, GoogleRules.RULES, GoogleRules.GSUITE, IuaRules.RULES,
            KddiRules.RULES, MessageLabsRules.RULES, MicrosoftRules.RULES, MimecastRules.RULES, NetEaseRules.RULES, NttDocomoRules.RULES, RackspaceRules.RULES,
            SfrRules.RULES, SpectrumRules.RULES, TOnlineRules.RULES, TencentRules.RULES, YahooRules.RULES, YandexRules.RULES, ZohoRules.RULES);
}
