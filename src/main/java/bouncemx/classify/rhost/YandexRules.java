package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Yandex: the provider's own texts, one entry of {@link Providers}. */
final class YandexRules {
    private YandexRules() {}

    /**
     * Yandex Mail's help pages on its non-delivery reports ("bounces/yandex/..."): "Policy rejection on the
     * target address" means the recipient's account is blocked for breaking the user agreement (the owner can
     * unblock it: {@code suspend}, not {@code policyviolation}); "Message rejected under suspicion of SPAM" is
     * the content; "Blocked by spam statistics" is the sending mailbox or host, blocked for 24 hours.
     */
    static final RuleSet RULES = new RuleSet("yandex", List.of(".yandex.ru", ".yandex.net", ".yandex.com"),
            List.of("yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua", "narod.ru"),
            List.of(), null, List.of(
                    text("policy rejection on the target address", Reason.SUSPEND),
                    text("message rejected under suspicion of spam", Reason.SPAM_DETECTED),
                    text("blocked by spam statistics", Reason.BLOCKED)));
}
