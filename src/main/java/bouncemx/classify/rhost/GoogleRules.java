package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.status;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Google: the provider's own texts and codes, one entry of {@link Providers}. */
final class GoogleRules {
    private GoogleRules() {}

    /** Gmail's inbound servers, "Gmail SMTP errors and codes" (support.google.com/a/answer/3726730). */
    static final RuleSet RULES = new RuleSet("google", List.of(".google.com", ".gmail.com"),
            List.of("gmail.com", "googlemail.com"), List.of(), null, List.of(
                    text("is over quota", Reason.MAILBOX_FULL),          // 4.2.2/5.2.2 "account that you tried to reach is over quota"
                    text("out of storage space", Reason.MAILBOX_FULL),
                    text("receiving mail too quickly", Reason.SPEEDING), // 4.2.1 "The user you are trying to contact is receiving mail too quickly"
                    text("receiving mail at a rate that", Reason.SPEEDING),
                    text("very low reputation of the sending", Reason.BAD_REPUTATION), // 4.7.0/5.7.1 (IP or domain)
                    text("likely unsolicited mail", Reason.SPAM_DETECTED),  // 4.7.0/5.7.1 "this message is likely unsolicited mail"
                    text("exceeded google's message size limits", Reason.EXCEED_LIMIT).onStatus("X.2.3"),
                    text("exceeded google's message size limits", Reason.MESG_TOO_BIG),
                    text("bytes per individual header size", Reason.EXCEED_LIMIT),
                    text("exceeds google's limit of", Reason.EXCEED_LIMIT),   // attachments, header size
                    text("the email account that you tried to reach does not exist", Reason.USER_UNKNOWN),
                    text("the email account that you tried to reach is disabled", Reason.SUSPEND),
                    // connection-level refusals and limits
                    text("ip not in whitelist for rcpt domain", Reason.BLOCKED),
                    text("try again later, closing connection", Reason.BLOCKED),   // DoS protection at HELO
                    text("helo/ehlo argument", Reason.BLOCKED),                   // "is invalid", "empty ... not allowed"
                    text("unusual rate of", Reason.BLOCKED),                      // 4.7.28 / 5.7.28 / 5.7.1
                    text("connection expired", Reason.EXPIRED),
                    text("timeout - closing connection", Reason.EXPIRED),
                    text("tls required for rcpt domain", Reason.FAILED_STARTTLS),
                    text("to use tls/ssl for smtp", Reason.FAILED_STARTTLS),      // 4.7.29 / 5.7.29
                    text("exceeded 50 hops", Reason.NETWORK_ERROR),
                    text("mail relay denied", Reason.NO_RELAYING),
                    // Gmail's own meanings of the newer X.7.2x/X.7.3x/X.7.4x codes (bulk sender rules), which
                    // differ from the IANA registry's (X.7.28 mail flood, X.7.29 ARC, X.7.30 REQUIRETLS)
                    status("X.7.27", Reason.AUTH_FAILURE),   // SPF did not pass
                    status("X.7.28", Reason.BLOCKED),        // unusual rate of (unsolicited) mail
                    status("X.7.29", Reason.FAILED_STARTTLS),// not sent over TLS
                    status("X.7.30", Reason.AUTH_FAILURE),   // DKIM did not pass
                    status("X.7.32", Reason.AUTH_FAILURE),   // From: not aligned with SPF or DKIM
                    status("X.7.40", Reason.AUTH_FAILURE))); // no DMARC record

    /**
     * Gmail and Google Workspace as the sending side: the report is written by "googlemail.com" in Google's
     * words (rhost-gsuite-*). The delay notice "did not accept our requests to connect" means the message waits
     * in Gmail's queue until its lifetime ends (rhost-gsuite-06, Status 4.4.1).
     */
    static final RuleSet GSUITE = new RuleSet("gsuite", List.of("googlemail.com"), List.of(), List.of(), null, List.of(
            text("because the address couldn't be found", Reason.USER_UNKNOWN),   // rhost-gsuite-02
            text("did not accept our requests to connect", Reason.EXPIRED)));
}
