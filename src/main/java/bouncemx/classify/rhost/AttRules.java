package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** AT&amp;T (att.net, sbcglobal.net, bellsouth.net and the other former Bell domains): one entry of {@link Providers}. */
final class AttRules {
    private AttRules() {}

    /**
     * AT&amp;T's "Error Message Summary" for senders (rbl.att.net/block_enduser.html): "421-failure in DNS
     * look-up" is the reverse DNS lookup of the sending IP, which must have a valid entry (not a failed
     * lookup of the recipient's domain, as "dns lookup" means in the generic table); "550 unauthorized
     * interface for &lt;ip&gt;" a sending system "not recognized as a valid source of e-mail". Its MX hosts
     * are under prodigy.net (ff-ip4-mx-vip1.prodigy.net); its block notices name abuse-att.net.
     */
    static final RuleSet RULES = new RuleSet("att", List.of(".prodigy.net", ".att.net", ".bellsouth.net"),
            List.of("att.net", "sbcglobal.net", "bellsouth.net", "prodigy.net", "pacbell.net", "swbell.net",
                    "ameritech.net", "flash.net", "nvbell.net", "snet.net", "wans.net"),
            List.of("rbl.att.net", "abuse-att.net"), null, List.of(
                    text("failure in dns look-up", Reason.REQUIRE_PTR),
                    text("unauthorized interface for", Reason.BLOCKED)));
}
