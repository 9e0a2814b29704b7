package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Mimecast: the provider's own texts and codes, one entry of {@link Providers}. */
final class MimecastRules {
    private MimecastRules() {}

    /**
     * Mimecast: "Mimecast SMTP Error Codes" (community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754);
     * each text goes with the reply code the page gives for it.
     */
    static final RuleSet RULES = new RuleSet("mimecast", List.of(".mimecast.com", ".mimecast-offshore.com"), List.of(),
            List.of("community.mimecast.com"), null, List.of(
                    text("spf sender invalid - envelope rejected", Reason.AUTH_FAILURE),
                    text("dkim sender invalid - envelope rejected", Reason.AUTH_FAILURE),
                    text("dmarc sender invalid - envelope rejected", Reason.AUTH_FAILURE),
                    text("local ct ip reputation", Reason.BAD_REPUTATION),
                    // "451 Internal resources are temporarily unavailable" is its greylisting: see Greylisting
                    text("sender address blocked", Reason.BLOCKED).onReply("421"),
                    text("recipient temporarily unavailable", Reason.BLOCKED).onReply("451"),
                    text("ip temporarily blacklisted", Reason.BLOCKED),
                    text("maximum email size exceeded", Reason.MESG_TOO_BIG),
                    text("mail loop detected", Reason.NETWORK_ERROR),
                    text("open relay not allowed", Reason.NO_RELAYING),
                    text("account inbounds disabled", Reason.NOT_ACCEPT),
                    text("anti-spoofing policy", Reason.POLICY_VIOLATION),
                    text("content examination policy", Reason.POLICY_VIOLATION),
                    text("host network not allowed", Reason.POLICY_VIOLATION),   // geographical restriction (rhost-mimecast-01)
                    text("envelope blocked", Reason.REJECTED),                   // blocked senders policy / managed senders
                    text("manually blocked senders", Reason.REJECTED),
                    text("header-based blocked senders", Reason.REJECTED),
                    text("block policy for envelope from address", Reason.REJECTED),
                    text("incorrect authentication data", Reason.SECURITY_ERROR).onReply("535"),
                    // the route's TLS requirements (encryption, version 1.2, high-strength ciphers, a valid certificate)
                    text("this route requires encryption", Reason.FAILED_STARTTLS),
                    text("this route requires tls", Reason.FAILED_STARTTLS),
                    text("this route requires high-strength ciphers", Reason.FAILED_STARTTLS),
                    text("configuration is invalid for this certificate", Reason.FAILED_STARTTLS),
                    text("this route requires", Reason.SECURITY_ERROR),
                    text("open relay is not allowed", Reason.NO_RELAYING),
                    text("incorrect hostname used for inbounds", Reason.NETWORK_ERROR),
                    text("submitter failed to authenticate", Reason.SECURITY_ERROR),
                    text("host network, not allowed", Reason.POLICY_VIOLATION),
                    text("unable to process connection at this time", Reason.SYSTEM_ERROR),
                    text("message ended early", Reason.SYSTEM_ERROR),
                    text("unable to process command", Reason.SYSTEM_ERROR),
                    text("unable to process an email at this time", Reason.SYSTEM_ERROR),
                    text("account service is temporarily unavailable", Reason.TOO_MANY_CONN),
                    text("exceeding outbound thread limit", Reason.TOO_MANY_CONN),
                    text("too many recipients", Reason.TOO_MANY_CONN).onReply("452"),
                    text("invalid address", Reason.USER_UNKNOWN).onReply("501"),
                    text("user unknown", Reason.USER_UNKNOWN).onReply("503"),
                    text("invalid recipient", Reason.USER_UNKNOWN).onReply("550"),
                    text("email rejected due to security policies", Reason.VIRUS_DETECTED)));
}
