package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Deutsche Telekom (t-online.de, magenta.de): one entry of {@link Providers}. */
final class TOnlineRules {
    private TOnlineRules() {}

    /**
     * T-Online's inbound servers refuse a sending IP at the greeting with "554 IP=192.0.2.9 - A problem
     * occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)": the last
     * parenthesis names the cause; "(BL)" is the IP on T-Online's own block list, a refusal of the sending
     * host whatever the command the report names (postmaster.t-online.de, 4.7 "Why was the establishment of
     * an SMTP connection rejected"). "(NOWL)" and "none/bad reputation" say reputation in words, which the
     * phrase table reads.
     */
    static final RuleSet RULES = new RuleSet("t-online", List.of(".t-online.de"), List.of("t-online.de", "magenta.de"),
            List.of("rx.t-online.de"), null, List.of(
                    text("clarify.) (bl)", Reason.BLOCKED)));
}
