package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** GoDaddy: the provider's own texts and codes, one entry of {@link Providers}. */
final class GoDaddyRules {
    private GoDaddyRules() {}

    /** GoDaddy: "IBnnn" codes of godaddy.com/help "What does my email bounceback mean?" (3568, 40685). */
    static final RuleSet RULES = new RuleSet("godaddy", List.of(".secureserver.net"), List.of(),
            List.of("x.co/rlbounce"), Pattern.compile("\\b(ib[0-9]{3})\\b"), List.of(
                    code("ib401", Reason.SECURITY_ERROR),   // authentication not allowed on inbound servers
                    code("ib501", Reason.NOT_COMPLIANT_RFC), code("ib502", Reason.NOT_COMPLIANT_RFC), // blank / IP From:
                    code("ib506", Reason.REJECTED),         // "From: Domain is invalid"
                    code("ib508", Reason.AUTH_FAILURE),     // "Invalid SPF record"
                    code("ib108", Reason.REQUIRE_PTR),      // "Reverse DNS for this IP failed"
                    code("ib212", Reason.SPAM_DETECTED),    // content judged to be spam
                    code("ib705", Reason.VIRUS_DETECTED),   // "Virus infected message rejected"
                    code("ib605", Reason.TOO_MANY_CONN),    // too many recipients in the message
                    code("ib007", Reason.TOO_MANY_CONN),    // too many sessions from this IP
                    code("ib101", Reason.SPEEDING),         // higher than normal volume, try later
                    code("ib504", Reason.SPEEDING),         // too many messages this hour
                    code("ib510", Reason.SPEEDING),         // too many messages per session
                    code("ib607", Reason.SPEEDING),         // too many recipients this hour (rhost-godaddy-03)
                    code("ib110", Reason.BLOCKED), code("ib111", Reason.BLOCKED), // IP blocked: spam
                    code("ib112", Reason.BLOCKED), code("ib113", Reason.BLOCKED), // IP blocked: invalid recipients
                    code("ib103", Reason.BAD_REPUTATION),   // poor reputation on Cloudmark Sender Intelligence
                    code("ib104", Reason.BLOCKED), code("ib105", Reason.BLOCKED), code("ib106", Reason.BLOCKED), // SBL/XBL/PBL
                    text("rbl reject", Reason.BLOCKED),
                    text("has been in the queue too long", Reason.EXPIRED),
                    text("delivery timeout", Reason.EXPIRED),
                    text("account storage limit", Reason.MAILBOX_FULL),
                    text("message rejected for spam or virus content", Reason.SPAM_DETECTED),
                    text("account disabled", Reason.SUSPEND),
                    text("message is looping", Reason.NETWORK_ERROR),
                    text("recipient not found", Reason.USER_UNKNOWN),
                    text("account does not exist", Reason.USER_UNKNOWN)));
}
