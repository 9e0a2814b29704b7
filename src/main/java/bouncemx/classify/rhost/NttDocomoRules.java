package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.Row;
import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.status;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** NTT docomo: the provider's own texts and codes, one entry of {@link Providers}. */
final class NttDocomoRules {
    private NttDocomoRules() {}

    /**
     * NTT docomo (mfsmax.docomo.ne.jp) answers "550 Unknown user" both for a missing mailbox (at RCPT) and,
     * after DATA, for a sender the recipient's reception settings refuse; Status 5.2.0 marks the latter too
     * (rhost-nttdocomo-*).
     */
    static final RuleSet RULES = new RuleSet("nttdocomo", List.of(".docomo.ne.jp"), List.of("docomo.ne.jp"),
            List.of(), null, List.of(
                    text("552 too much mail data", Reason.MAILBOX_FULL),
                    text("552 too many recipients", Reason.TOO_MANY_CONN),
                    text("503 bad sequence of commands", Reason.SYNTAX_ERROR),
                    text("504 command parameter not implemented", Reason.SYNTAX_ERROR),
                    Row.status("X.2.0", Reason.FILTERED),
                    text("unknown user", Reason.REJECTED).onCommand("DATA"),
                    text("unknown user", Reason.USER_UNKNOWN).onCommand("RCPT")));
}
