package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** KDDI (au): the provider's own texts and codes, one entry of {@link Providers}. */
final class KddiRules {
    private KddiRules() {}

    /**
     * au (KDDI): "550 : User unknown" without an address is the recipient's own reception filter, while
     * "550 <address>: User unknown" is a missing mailbox (rhost-gsuite-08, -09, rhost-kddi-02).
     */
    static final RuleSet RULES = new RuleSet("kddi", List.of(".ezweb.ne.jp", ".au.com"), List.of("ezweb.ne.jp", "au.com"),
            List.of(), null, List.of(
                    text("550 : user unknown", Reason.FILTERED),
                    text(">: user unknown", Reason.USER_UNKNOWN)));
}
