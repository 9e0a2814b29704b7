package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Apple (iCloud Mail): the provider's own texts and codes, one entry of {@link Providers}. */
final class AppleRules {
    private AppleRules() {}

    /** iCloud Mail, "Postmaster information for iCloud Mail" (support.apple.com/en-us/102322, HT204137). */
    static final RuleSet RULES = new RuleSet("apple",
            List.of(".mail.icloud.com", ".apple.com", ".me.com", "privaterelay.appleid.com"),
            List.of("icloud.com", "me.com", "mac.com", "apple.com", "privaterelay.appleid.com"), List.of(), null, List.of(
                    text("s dmarc policy", Reason.AUTH_FAILURE),                       // "... due to example.org's DMARC policy" (rhost-apple-02)
                    text("blocked for failing both spf and dkim", Reason.AUTH_FAILURE), // [HME1]
                    // "Your email was rejected due to having a domain present in the Spamhaus DBL": the DBL lists
                    // domains found in messages (spamhaus.org/blocklists/domain-blocklist/), so it is the
                    // message's links that are refused, as Cox's URLBL codes and the phrase table's "spamhaus dbl"
                    text("rejected due to having a domain present in the spamhaus", Reason.SPAM_DETECTED),
                    text("rejected due to listing in spamhaus", Reason.BLOCKED),
                    text("support.proofpoint.com/dnsbl-lookup", Reason.BLOCKED),      // "550 5.7.0 Blocked - see https://support.proofpoint.com/..."
                    text("not accepting connections", Reason.BLOCKED),
                    text("recipient no longer on server", Reason.HAS_MOVED),          // 5.1.6 (rhost-apple-01)
                    text("user is over quota", Reason.MAILBOX_FULL),
                    text("host/domain does not accept mail", Reason.NOT_ACCEPT),
                    text("due to local policy", Reason.POLICY_VIOLATION),              // "[CS01] Message rejected due to local policy"
                    text("due to excessive volume", Reason.SPEEDING),                  // "421 4.7.1 Messages to ... deferred due to excessive volume"
                    text("inactive email address", Reason.USER_UNKNOWN),              // 5.1.1 (rhost-apple-04)
                    text("unknown or illegal alias", Reason.USER_UNKNOWN)));
}
