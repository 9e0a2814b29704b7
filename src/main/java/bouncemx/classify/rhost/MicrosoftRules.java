package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.Row;
import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;
import static bouncemx.classify.rhost.RemoteHostRules.status;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Microsoft: the provider's own texts and codes, one entry of {@link Providers}. */
final class MicrosoftRules {
    private MicrosoftRules() {}

    /**
     * Microsoft: Exchange Online and Outlook.com. "Email non-delivery reports and SMTP errors in Exchange Online"
     * (learn.microsoft.com), the Exchange Server 2019 NDR list, and the Outlook.com postmaster troubleshooting page
     * (codes RP-, SC-, DY-, OU-). "RESOLVER.ADR." is Exchange's own token, so it marks the set even without a
     * Remote-MTA (rhost-microsoft-03).
     */
    static final RuleSet RULES = new RuleSet("microsoft",
            List.of(".outlook.com", ".office365.com", ".onmicrosoft.com", ".exchangelabs.com", ".hotmail.com",
                    ".live.com", ".msn.com"),
            List.of("outlook.com", "hotmail.com", "live.com", "msn.com"),
            List.of("resolver.adr.", "postmaster.live.com", ".prod.outlook.com", ".protection.outlook.com"),
            Pattern.compile("\\b((?:rp|sc|dy|ou)-00[0-9])\\b"), List.of(
                    code("rp-001", Reason.BAD_REPUTATION).onReply("421"), // rate limit for IP/domain reputation
                    code("rp-002", Reason.BAD_REPUTATION).onReply("421"),
                    code("rp-003", Reason.BAD_REPUTATION).onReply("421"),
                    code("sc-001", Reason.BAD_REPUTATION).onReply("550"), // spam-like content or IP/domain reputation
                    code("sc-002", Reason.POLICY_VIOLATION).onReply("550"), // namespace mining
                    code("sc-003", Reason.BLOCKED).onReply("550"),        // open proxy/relay
                    code("sc-004", Reason.BLOCKED).onReply("550"),        // complaints about the IP
                    code("dy-001", Reason.BLOCKED).onReply("550"),        // dynamic IP (Spamhaus)
                    code("dy-002", Reason.VIRUS_DETECTED).onReply("550"), // compromised or virus infected sender
                    code("ou-001", Reason.BLOCKED).onReply("550"),        // Spamhaus listing
                    code("ou-002", Reason.BAD_REPUTATION).onReply("550"),
                    // unknown recipients
                    Row.status("X.1.10", Reason.USER_UNKNOWN),            // RESOLVER.ADR.RecipientNotFound
                    text("resolver.adr.recipientnotfound", Reason.USER_UNKNOWN),
                    text("resolver.adr.exrecipnotfound", Reason.USER_UNKNOWN),
                    text("recipient address rejected: access denied", Reason.USER_UNKNOWN).onStatus("X.4.1"),
                    text("requested action not taken: mailbox unavailable", Reason.USER_UNKNOWN), // rhost-outlook-08
                    text("access denied, banned recipient", Reason.SUSPEND),                      // 5.7.505
                    // sender authentication
                    text("does not pass dmarc verification", Reason.AUTH_FAILURE),                // 5.7.509 (rhost-microsoft-04)
                    text("doesn't meet the required authentication level", Reason.AUTH_FAILURE),  // 5.7.515
                    text("must pass either spf or dkim validation", Reason.AUTH_FAILURE),         // 4.7.26 over IPv6
                    text("sender policy framework violation", Reason.AUTH_FAILURE),               // 5.7.23
                    // the sending host
                    text("access denied, banned sending ip", Reason.BLOCKED),                     // 5.7.606-649
                    text("access denied, banned sender", Reason.BLOCKED),                         // 5.7.511
                    text("using customer block list", Reason.BLOCKED),                            // 5.7.513
                    text("access denied, bad helo", Reason.BLOCKED),                              // 5.7.506
                    text("part of their network is on our block list", Reason.BLOCKED),           // S3150
                    text("does not accept email over ipv6", Reason.BLOCKED),                      // 5.7.510: the sending host's address family
                    text("access denied, please try again later", Reason.BLOCKED),                // 4.7.500-699, 4.7.850-899: IP restricted for evaluation
                    text("mismatches client ip", Reason.REQUIRE_PTR),                             // Hotmail (rhost-outlook-09)
                    text("must have a reverse dns record", Reason.REQUIRE_PTR),                   // 5.7.25 over IPv6
                    // the sending account or tenant
                    text("access denied, spam abuse detected", Reason.REJECTED),                  // 5.7.501-503
                    text("client blocked from sending from unregistered domains", Reason.REJECTED), // 5.7.750
                    text("access denied, bad outbound sender", Reason.REJECTED),                  // 5.1.8
                    // limits
                    text("submission quota exceeded", Reason.SPEEDING),                          // 5.2.2 is the sender's quota here
                    text("reached your daily limit for message recipients", Reason.SPEEDING),     // 5.1.90
                    text("per hour message receive limit", Reason.SPEEDING),                      // 5.2.121, 5.2.122
                    text("has exceeded permitted limits within", Reason.SPEEDING),                // 5.7.508
                    text("recipient thread limit exceeded", Reason.SPEEDING),                     // 4.3.2 STOREDRV.Deliver
                    text("tenant has exceeded threshold", Reason.SPEEDING),                       // 5.7.700-749
                    // other
                    text("the domain is not reachable", Reason.HOST_UNKNOWN),                     // Outlook.com (rhost-outlook-03)
                    text("hosted tenant which has no mail-enabled subscriptions", Reason.NOT_ACCEPT), // 4.4.4
                    text("content filter agent quarantined this message", Reason.SPAM_DETECTED), // 5.2.1
                    text("client was not authenticated to send anonymous mail", Reason.SECURITY_ERROR), // 5.7.57
                    text("failed mta-sts validation", Reason.FAILED_STARTTLS),                    // 4.4.8/5.4.8, 5.7.5
                    text("starttls-not-supported:", Reason.FAILED_STARTTLS),                      // 5.7.321
                    text("certificate-expired:", Reason.FAILED_STARTTLS),                         // 5.7.322
                    text("tlsa-invalid:", Reason.FAILED_STARTTLS),                                // 5.7.323
                    text("dnssec-invalid:", Reason.FAILED_STARTTLS),                              // 5.7.324
                    text("certificate-host-mismatch:", Reason.FAILED_STARTTLS),                   // 5.7.325
                    text("too many related errors", Reason.CONTENT_ERROR),                        // 5.3.0: malformed, moved to the poison queue
                    text("server busy. please try again later from", Reason.SYSTEM_ERROR),        // 4.7.500 (AS761)
                    text("pfa agent busy", Reason.SYSTEM_ERROR)));                                // 4.7.700
}
