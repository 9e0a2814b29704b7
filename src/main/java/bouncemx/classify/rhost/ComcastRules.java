package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;

/** Comcast: the provider's own codes, one entry of {@link Providers}. */
final class ComcastRules {
    private ComcastRules() {}

    /**
     * Comcast's published "mail delivery error codes" (postmaster.comcast.net): its refusals name a code in a
     * link to smtp-error-codes.php ("554 resimta-... comcast 192.0.2.9 Comcast block for spam. Please see
     * http://postmaster.comcast.net/smtp-error-codes.php#BL000000"). The ES and BL codes are refusals of the
     * sending host (dynamic or residential space; sending patterns characteristic of spam; Spamhaus ZEN):
     * {@code blocked}, although the words say "spam".
     */
    static final RuleSet RULES = new RuleSet("comcast", List.of(".comcast.net"), List.of("comcast.net"),
            List.of("postmaster.comcast.net/smtp-error-codes"), Pattern.compile("smtp-error-codes\\.php#([a-z]{2}[0-9]{6})"),
            List.of(
                    code("es*", Reason.BLOCKED),   // ES000001/ES000010: sent from dynamic or residential address space
                    code("bl*", Reason.BLOCKED))); // BL000000: spam-like sending patterns; BL000001: on Spamhaus ZEN
}
