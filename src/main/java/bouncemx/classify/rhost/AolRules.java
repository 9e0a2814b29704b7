package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** AOL: the provider's own texts and codes, one entry of {@link Providers}. */
final class AolRules {
    private AolRules() {}

    /** AOL's outbound relay (omr-*.mx.aol.com) writes DNS failures as "X-Outbound-Mail-Relay; ..." (rhost-aol-*). */
    static final RuleSet RULES = new RuleSet("aol", List.of(".mail.aol.com", ".mx.aol.com"), List.of("aol.com", "aim.com"),
            List.of(), null, List.of(
                    text("host or domain name not found", Reason.HOST_UNKNOWN),                      // rhost-aol-01, -05
                    text("type=mx: malformed or unexpected name server reply", Reason.NOT_ACCEPT))); // rhost-aol-06
}
