package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Yahoo: the provider's own texts and codes, one entry of {@link Providers}. */
final class YahooRules {
    private YahooRules() {}

    /**
     * Yahoo Inc. (Yahoo Mail, AOL Mail): senders.yahooinc.com/smtp-error-codes. "[TSS04] ... temporarily deferred
     * due to unexpected volume or user complaints" is written for poor reputation and unauthenticated senders as
     * much as for volume, so it is the sender's refusal, not a rate (rhost-yahooinc-02). The bracketed code
     * decides when no text row does: Yahoo's page puts every TS/TSS deferral ("[TS01]", "[TS02]", "[TS03] All
     * messages from ... will be permanently deferred", "[TSS04]") under one heading, "Message temporarily
     * deferred (eg: TS* Errors)", for complaints, spam-like content, poor IP reputation and unusual traffic,
     * the sender's refusal like TSS04; Yahoo's help article for TS03 (SLN3436) names "a high volume of
     * messages from your IP address that is a characteristic of unsolicited, bulk emails", the same
     * "Excessive unsolicited messages" section as TSS09/TSS11. BL codes are block lists (Spamhaus), PH codes
     * "Content based blocks (e.g: PH* Errors)": policy. "Unresolvable RFC.5321 or RFC.5322 from domain" is
     * one section of the page: the sender's domain in MAIL FROM or From: does not resolve.
     */
    static final RuleSet RULES = new RuleSet("yahoo", List.of(".yahoodns.net", ".yahoo.com"),
            List.of("yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com"),
            List.of("postmaster.yahooinc.com", "senders.yahooinc.com", "postmaster.verizonmedia.com"),
            Pattern.compile("\\[((?:tss?|bl|ph)[0-9]{2})\\]"), List.of(
                    text("requires all senders to authenticate with either spf or dkim", Reason.AUTH_FAILURE),
                    text("because the ip is in spamhaus's list", Reason.BLOCKED),       // [BL21]
                    text("not accepted from ip addresses on spamhaus", Reason.BLOCKED),  // [BL23]
                    text("relaying denied for", Reason.NO_RELAYING),
                    text("headers are not rfc compliant", Reason.NOT_COMPLIANT_RFC),
                    text("not accepted for policy reasons", Reason.POLICY_VIOLATION),    // [PH01], 5.7.9 (rhost-yahooinc-01)
                    text("temporarily deferred due to unexpected volume or user complaints", Reason.REJECTED), // [TSS04]
                    text("due to unresolvable rfc.5321", Reason.REJECTED),
                    text("unresolvable rfc.5322", Reason.REJECTED),
                    text("will be permanently deferred", Reason.REJECTED),              // [TSS09], [TSS11]
                    text("user is receiving mail too quickly", Reason.SPEEDING),
                    text("max message per connection reached", Reason.TOO_MANY_CONN),
                    text("this mailbox is disabled", Reason.SUSPEND),                   // "(554.30)"
                    text(" is no longer valid.", Reason.SUSPEND),
                    text("dd this user doesn't have a ", Reason.USER_UNKNOWN),
                    text("mailbox not found", Reason.USER_UNKNOWN),
                    code("ts*", Reason.REJECTED),                                         // [TS01]-[TS03], [TSS..]
                    code("bl*", Reason.BLOCKED),
                    code("ph*", Reason.POLICY_VIOLATION)));
}
