package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;

/** i.ua: the provider's own texts and codes, one entry of {@link Providers}. */
final class IuaRules {
    private IuaRules() {}

    /** i.ua: replies name a help page mail.i.ua/err/N/ (rhost-iua-01). */
    static final RuleSet RULES = new RuleSet("iua", List.of(".email.ua"), List.of("i.ua", "email.ua"), List.of(".i.ua/err/"),
            Pattern.compile("\\.i\\.ua/err/([0-9]{1,2})/"), List.of(
                    code("1", Reason.NO_RELAYING),   // use of SMTP as a mail gate is forbidden
                    code("2", Reason.USER_UNKNOWN),  // user is not found
                    code("3", Reason.SUSPEND),       // mailbox not used for more than 3 months ("Mailbox is frozen")
                    code("4", Reason.MAILBOX_FULL),
                    code("5", Reason.TOO_MANY_CONN), // letter sending limit exceeded (per connection)
                    code("6", Reason.NO_RELAYING),   // use the SMTP server of your provider
                    code("7", Reason.BLOCKED),       // wrong HELO/EHLO parameter
                    code("8", Reason.REJECTED),      // could not check the sender address
                    code("9", Reason.BLOCKED),       // sender IP blacklisted
                    code("10", Reason.FILTERED)));   // not in the recipient's list of allowed addresses
}
