package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Tencent: the provider's own texts and codes, one entry of {@link Providers}. */
final class TencentRules {
    private TencentRules() {}

    /** Tencent QQ Mail / Foxmail: help pages service.mail.qq.com/detail/122/N (rhost-tencent-*). */
    static final RuleSet RULES = new RuleSet("tencent", List.of(".qq.com"), List.of("qq.com", "foxmail.com"),
            List.of("service.mail.qq.com"), null, List.of(
                    text("spf check failed", Reason.AUTH_FAILURE),                 // 122/72
                    text("dmarc check failed", Reason.AUTH_FAILURE),
                    text("suspected bounce attacks", Reason.BLOCKED),              // 122/57
                    text("suspected spam ip", Reason.BLOCKED),                     // 122/66
                    text("connection denied", Reason.BLOCKED),                     // 122/170
                    text("message too large", Reason.MESG_TOO_BIG),                // 122/168
                    text("mail is rejected by recipients", Reason.REJECTED),       // 122/92
                    text("suspected spam", Reason.REJECTED),                       // 122/71
                    text("spam is embedded in the email", Reason.SPAM_DETECTED),   // 122/59
                    text("mail content denied", Reason.SPAM_DETECTED),             // 122/171
                    text("is a deactivated mailbox", Reason.SUSPEND),
                    text("bad address syntax", Reason.SYNTAX_ERROR),               // 122/167
                    text("frequency of receiving messages is limited", Reason.SPEEDING),   // 122/1011: the recipient's rate
                    text("frequency limited", Reason.TOO_MANY_CONN),               // ip/domain/sender/connection: 122/172-175
                    // exmail.qq.com help 20022: the recipient is getting much mail in a short time, so mail to it is
                    // paused for a while (a rate, not a disabled account as the generic phrase would read it)
                    text("mailbox unavailable or access denied", Reason.SPEEDING),
                    text("mailbox not found", Reason.USER_UNKNOWN),                // 122/169
                    text("该用户不存在", Reason.USER_UNKNOWN),                      // 122/169: "the user does not exist"
                    text("该用户未开通qq邮箱", Reason.USER_UNKNOWN),                 // "has no QQ Mail mailbox"
                    text("收件人空间不足", Reason.MAILBOX_FULL)));                   // "the recipient's space is short"
}
