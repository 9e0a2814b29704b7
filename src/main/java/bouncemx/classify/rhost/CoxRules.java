package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Cox: the provider's own texts and codes, one entry of {@link Providers}. */
final class CoxRules {
    private CoxRules() {}

    /**
     * Cox: "AUP#" codes of www.cox.com/residential/support/email-error-codes.html. The refusing host is often
     * Cloudmark's cloudfilter.net front end, so the set is also chosen by the cox.net recipient (rhost-cox-01).
     */
    static final RuleSet RULES = new RuleSet("cox", List.of(".cox.net"), List.of("cox.net"),
            List.of("cox.com/residential/support/email-error-codes"), Pattern.compile("aup#([0-9a-z]+)"), List.of(
                    code("cxbl", Reason.BLOCKED),          // sending IP blocked for spam-like behaviour
                    code("cdrbl", Reason.BLOCKED),         // IP temporarily blocked (at most 24 h) (rhost-cox-01)
                    code("ipbl*", Reason.BLOCKED),         // IPBLnnnn: IP listed on Spamhaus/Return Path/ivmSIP/CSI lists
                    code("urlbl*", Reason.SPAM_DETECTED),  // URLBLnnn: a URL of the body is on SURBL/DBL/ivmURI
                    code("cxdns", Reason.REQUIRE_PTR),     // reverse DNS lookup of the sending IP fails
                    code("cxsndr", Reason.AUTH_FAILURE),   // message failed SPF/DomainKeys/DKIM of the sending domain
                    code("cxsmtp", Reason.REJECTED),       // SMTP violation: could not verify a legitimate sender
                    code("cxcnct", Reason.TOO_MANY_CONN),  // over the concurrent connections per IP
                    code("cxmxrt", Reason.TOO_MANY_CONN),  // too many recipients or messages in the session, wait before sending more
                    code("cxthrt", Reason.SECURITY_ERROR), // sending limited: suspicious account activity
                    code("cxmj", Reason.SECURITY_ERROR),   // sending blocked: suspicious activity on the primary account
                    text("too many bad commands from", Reason.BLOCKED),
                    text("too many invalid recipients", Reason.BLOCKED),
                    text("dns check failure - try again later", Reason.REQUIRE_PTR),
                    text("rejected - no rdns", Reason.REQUIRE_PTR),
                    text("esmtp no data before greeting", Reason.POLICY_VIOLATION),
                    text("attachment extension is forbidden", Reason.POLICY_VIOLATION),
                    text("esmtp server temporarily not available", Reason.SYSTEM_ERROR),
                    text("too many sessions from", Reason.TOO_MANY_CONN),
                    text("message threshold exceeded", Reason.TOO_MANY_CONN),
                    text("requested action aborted: try again later", Reason.TOO_MANY_CONN),
                    text("recipient rejected", Reason.USER_UNKNOWN),   // not a valid Cox Email account
                    text("sender rejected", Reason.REJECTED)));        // sender domain without MX or A record
}
