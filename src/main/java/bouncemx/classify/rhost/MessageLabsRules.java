package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** MessageLabs: the provider's own texts and codes, one entry of {@link Providers}. */
final class MessageLabsRules {
    private MessageLabsRules() {}

    /**
     * Symantec/Broadcom Email Security.cloud (MessageLabs): knowledge.broadcom.com article 169652 "Email error and
     * bounce codes" and the articles cited per row.
     */
    static final RuleSet RULES = new RuleSet("messagelabs", List.of(".messagelabs.com"), List.of(),
            List.of("messagelabs.com/support", "symanteccloud.com/troubleshooting"), null, List.of(
                    text("domain authentication fail", Reason.AUTH_FAILURE),        // "553 DMARC/SPF domain authentication fail" (175407)
                    text("connection rejected by policy", Reason.BAD_REPUTATION),   // 164955
                    text("your ip is in the pbl", Reason.BLOCKED),                  // 165165
                    text("your ip address has been", Reason.BLOCKED),              // "... has been blocked/blacklisted"
                    text("stray linefeeds in message", Reason.CONTENT_ERROR),
                    text("tls/sslv3 connection required", Reason.FAILED_STARTTLS),  // 162152
                    text(" as a relay, ", Reason.NO_RELAYING),                      // 162137
                    text("has detected that this message is not rfc 5322", Reason.NOT_COMPLIANT_RFC),
                    text("sender envelope domain not allowed for sender ip address", Reason.REJECTED),
                    text("your domain has been b", Reason.REJECTED),                // "... blocked" / "... blacklisted" (173082)
                    text("your email address has been b", Reason.REJECTED),
                    text("your envelope sender is in my badmailfrom list", Reason.REJECTED), // 162232
                    text("please turn on smtp authentication", Reason.SECURITY_ERROR),
                    text("filtered by outbound scanning", Reason.SPAM_DETECTED),    // 173867
                    text("message filtered", Reason.SPAM_DETECTED),
                    text("too many recipients received this hour", Reason.TOO_MANY_CONN), // 385809
                    text("too many messages", Reason.TOO_MANY_CONN),                // "460 too many messages (#4.3.0)" (164767)
                    text("mailbox is not allowed", Reason.USER_UNKNOWN),            // "recipient mailbox is not allowed" (175710)
                    text("requested action aborted [4]", Reason.NOT_COMPLIANT_RFC),
                    text("invalid recipient", Reason.USER_UNKNOWN),                 // 165163
                    text("no such user", Reason.USER_UNKNOWN),
                    // 162445: in its own notice (the next hop's refusal, no command named) "550 User unknown" is "the
                    // recipient address isn't one registered on the recipient server", not a content filter's word
                    text("user unknown", Reason.USER_UNKNOWN),
                    text("rejected", Reason.USER_UNKNOWN).onReply("542")));        // "542 <address> Rejected" (rhost-messagelabs-03)
}
