package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Zoho: the provider's own texts and codes, one entry of {@link Providers}. */
final class ZohoRules {
    private ZohoRules() {}

    /** Zoho Mail: zoho.com/mail/help (spam-reason) and the EmailFailureAlert texts of zoho/zohodesk-oas. */
    static final RuleSet RULES = new RuleSet("zoho", List.of(".zoho.com", ".zoho.eu", ".zoho.in", ".zohomail.com"),
            List.of("zoho.com", "zohomail.com", "zoho.eu"), List.of(), null, List.of(
                    text("email rejected per dmarc policy", Reason.AUTH_FAILURE),
                    // "Greylisted, try again after some time" is decided by Greylisting, before these rows
                    text("reason: email flagged as spam", Reason.REJECTED),          // the sender is refused (rhost-zoho-03)
                    text("mail rejected by destination domain", Reason.REJECTED),    // rhost-zoho-04
                    text("email policy violation detected", Reason.POLICY_VIOLATION),
                    text("mailbox delivery restricted by policy error", Reason.POLICY_VIOLATION),
                    text("temporary system error", Reason.SYSTEM_ERROR),
                    text("detected by zoho mail", Reason.VIRUS_DETECTED),           // "552 5.7.1 virus ... detected by Zoho Mail"
                    text("mailbox delivery failure policy error", Reason.USER_UNKNOWN),
                    text("user does not exist", Reason.USER_UNKNOWN)));              // rhost-zoho-01
}
