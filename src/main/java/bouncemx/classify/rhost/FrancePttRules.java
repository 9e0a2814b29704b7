package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;
import static bouncemx.classify.rhost.RemoteHostRules.text;

/** La Poste and Orange (France PTT): the provider's own texts and codes, one entry of {@link Providers}. */
final class FrancePttRules {
    private FrancePttRules() {}

    /**
     * Orange, Wanadoo and La Poste: a code such as "OFR_416", "OFR006_102", "LPN007_426", "LPN416" whose last
     * three digits name the cause (Orange postmaster code list, as collected by postmastery.com and Sisimai).
     * Codes with no documented meaning fall through to the texts.
     */
    static final RuleSet RULES = new RuleSet("franceptt", List.of(".laposte.net", ".orange.fr", ".wanadoo.fr"),
            List.of("orange.fr", "wanadoo.fr", "laposte.net"), List.of(),
            Pattern.compile("\\b(?:lpnaaa|lpn|ofr|ouk)(?:[0-9]{3})?[-_]?([0-9]{3})\\b"), List.of(
                    code("101", Reason.BLOCKED),          // blocked using Spamhaus
                    code("102", Reason.BLOCKED),          // "Client host blocked for spamming issues" (rhost-franceptt-06)
                    code("103", Reason.BLOCKED),          // "Service refused, please try later" at connection
                    code("104", Reason.TOO_MANY_CONN),    // "Too many connections, slow down"
                    code("305", Reason.SECURITY_ERROR),   // "Code d'authentification invalide"
                    code("401", Reason.AUTH_FAILURE),     // "SPF: ... is not allowed to send mail"
                    code("402", Reason.SECURITY_ERROR),   // "Authentification requise"
                    code("403", Reason.REJECTED), code("405", Reason.REJECTED), code("415", Reason.REJECTED), // "Emetteur invalide"
                    code("416", Reason.USER_UNKNOWN),     // "Invalid recipient" (rhost-franceptt-01, -02)
                    code("418", Reason.USER_UNKNOWN),
                    code("417", Reason.MAILBOX_FULL),     // "Boite du destinataire pleine. Recipient overquota"
                    code("420", Reason.SUSPEND),          // "Boite du destinataire archivee"
                    code("421", Reason.REJECTED),         // "Mail from not owned by user"
                    code("426", Reason.SUSPEND),          // "The recipient account is blocked" (rhost-franceptt-05)
                    code("505", Reason.SYSTEM_ERROR),     // "Service refused" at end of DATA
                    code("506", Reason.SPAM_DETECTED),    // "Mail rejete. Mail rejected"
                    code("510", Reason.BLOCKED),
                    code("514", Reason.MESG_TOO_BIG),     // "Taille limite du message atteinte"
                    code("517", Reason.AUTH_FAILURE),     // "Message refused, DMARC verification Failed"
                    code("630", Reason.POLICY_VIOLATION), // "Client host rejected ... LPN000_630" (rhost-franceptt-12)
                    code("999", Reason.BLOCKED),          // "Service refused, please try later" (rhost-franceptt-07)
                    text("spf/dns de votre nom de domaine", Reason.AUTH_FAILURE),
                    // The connection-time refusal "Service refuse ... Service refused, please try later" under codes
                    // the list leaves open (107, 108: rhost-franceptt-10, -11) means what it means under 103/999.
                    text("service refused, please try later", Reason.BLOCKED),
                    text("service refuse. veuillez essayer plus tard", Reason.BLOCKED)));
}
