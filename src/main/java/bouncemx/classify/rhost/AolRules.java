package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** AOL: the provider's own texts and codes, one entry of {@link Providers}. */
final class AolRules {
    private AolRules() {}

    /**
     * AOL's outbound relay (omr-*.mx.aol.com) writes DNS failures as "X-Outbound-Mail-Relay; ..." (rhost-aol-*).
     * AOL's own inbound servers (before Yahoo took over their filtering in 2018) named the block in a code
     * after the reply code, with a link to its page: "554 RTR:BB http://postmaster.info.aol.com/errors/554rtrbb.html",
     * "421 4.7.1 : (DNS:NR) http://postmaster.info.aol.com/errors/421dnsnr.html". AOL's list of errors
     * (postmaster.aol.com/errors/, postmaster.aol.com/Postmaster.Errors.php): RTR blocks refuse the sending IP
     * (dynamic or residential space, a compromised host, an IP not yet allocated); RLY:B1 is a block of the IP
     * when members' complaints pass a threshold; RLY:SN a sender (From or Reply-To) that uses a disallowed AOL
     * screen name; HVU blocks are blocks of URLs in the message (postmaster.aol.com/contact/contactinfo.html: "a
     * HVU* block (url block)"); DNS blocks are a connecting IP without valid reverse DNS (AOL's banner: "AOL may
     * no longer accept connections from IP addresses which do not have reverse-DNS (PTR records) assigned").
     */
    static final RuleSet RULES = new RuleSet("aol", List.of(".mail.aol.com", ".mx.aol.com"), List.of("aol.com", "aim.com"),
            List.of("postmaster.info.aol.com/errors", "postmaster.aol.com/errors"),
            Pattern.compile("\\b((?:rtr|rly|hvu|dns):[a-z0-9]{1,4})\\b"), List.of(
                    text("host or domain name not found", Reason.HOST_UNKNOWN),                      // rhost-aol-01, -05
                    text("type=mx: malformed or unexpected name server reply", Reason.NOT_ACCEPT),   // rhost-aol-06
                    code("rtr:*", Reason.BLOCKED),
                    code("rly:sn", Reason.REJECTED),
                    code("rly:b*", Reason.BLOCKED),
                    code("hvu:*", Reason.SPAM_DETECTED),
                    code("dns:*", Reason.REQUIRE_PTR)));
}
