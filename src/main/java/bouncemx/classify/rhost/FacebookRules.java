package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;

/** Facebook: the provider's own texts and codes, one entry of {@link Providers}. */
final class FacebookRules {
    private FacebookRules() {}

    /** Facebook, postmaster.facebook.com/response_codes: a class-letter-digit code such as "RCP-P1". */
    static final RuleSet RULES = new RuleSet("facebook", List.of(".facebook.com"), List.of("facebook.com"),
            List.of("postmaster.facebook.com/response_codes"),
            Pattern.compile("\\b((?:pol|msg|rcp|dns|con|int)-[pt][0-9])\\b"), List.of(
                    code("pol-p1", Reason.BLOCKED),  code("pol-p2", Reason.BLOCKED), code("pol-p3", Reason.BLOCKED),
                    code("pol-p4", Reason.BLOCKED),  code("pol-t1", Reason.BLOCKED), code("pol-t2", Reason.BLOCKED),
                    code("pol-t3", Reason.BLOCKED),              // IP on the Spamhaus PBL / not accepted for hours
                    code("pol-p5", Reason.VIRUS_DETECTED),       // the message contains a virus
                    code("pol-p6", Reason.SPAM_DETECTED),        // a URL blocked by Facebook
                    code("pol-p7", Reason.AUTH_FAILURE),         // fails Facebook's domain authentication requirements
                    code("msg-p1", Reason.MESG_TOO_BIG), code("int-p2", Reason.MESG_TOO_BIG),
                    code("msg-p2", Reason.CONTENT_ERROR),        // an attachment type Facebook does not accept
                    code("msg-p3", Reason.NOT_COMPLIANT_RFC),    // a header that may occur once occurs several times
                    code("msg-t1", Reason.TOO_MANY_CONN),
                    code("dns-p1", Reason.REJECTED), code("dns-p2", Reason.REJECTED), code("dns-t1", Reason.REJECTED),
                    code("dns-p3", Reason.REQUIRE_PTR), code("dns-t2", Reason.REQUIRE_PTR),
                    code("con-t1", Reason.TOO_MANY_CONN), code("con-t2", Reason.TOO_MANY_CONN),
                    code("con-t3", Reason.TOO_MANY_CONN), code("con-t4", Reason.TOO_MANY_CONN),
                    code("rcp-p2", Reason.FILTERED), code("rcp-p3", Reason.FILTERED), // recipient's preferences/privacy
                    code("rcp-t4", Reason.SUSPEND),              // recipient address currently deactivated
                    code("rcp-t1", Reason.SYSTEM_ERROR),         // internal system issue, temporary
                    code("rcp-p1", Reason.USER_UNKNOWN), code("int-p1", Reason.USER_UNKNOWN), // (rhost-facebook-04)
                    code("int-p3", Reason.USER_UNKNOWN), code("int-p4", Reason.USER_UNKNOWN)));
}
