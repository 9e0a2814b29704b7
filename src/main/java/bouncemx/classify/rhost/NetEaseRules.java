package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;

/** NetEase (163.com, 126.com, yeah.net): the provider's own codes, one entry of {@link Providers}. */
final class NetEaseRules {
    private NetEaseRules() {}

    /**
     * NetEase Mail's published bounce codes (its help page "退信代码说明", help.163.com/09/1224/17/5RAJ4LMH00753VB8.html,
     * as mirrored on biecuoliao.com/pa/MBRrwEM.html): each refusal names a two-letter group and a three-letter
     * cause after the reply code ("554 DT:SPM 163 mx14,..."). The code alone decides: the text after it is the
     * server name and a transaction id. HL: the sending IP is held (unknown recipients, forged sender domains:
     * blocked; too many concurrent connections; too much mail in a short time); DT: content (spam) and block
     * lists; MI/RP: per-sender, per-connection and per-day limits, the sender's address, SPF and DMARC, open
     * relaying; WM: the IP or the sender is not on the allowed list.
     */
    static final RuleSet RULES = new RuleSet("netease", List.of(".163.com", ".126.com", ".yeah.net", ".netease.com"),
            List.of("163.com", "126.com", "yeah.net", "vip.163.com", "vip.126.com", "188.com"),
            List.of("mail.163.com/help"), Pattern.compile("\\b((?:hl|dt|mi|rp|wm):[a-z]{3})\\b"), List.of(
                    code("hl:rep", Reason.BLOCKED),         // the IP sends to many recipients that do not exist
                    code("hl:mep", Reason.BLOCKED),         // the IP forges many sender domains
                    code("hl:ihu", Reason.BLOCKED),         // the IP is suspended for spam or abnormal connections
                    code("hl:ipb", Reason.BLOCKED),         // the IP is not on the allowed list
                    code("hl:icc", Reason.TOO_MANY_CONN),   // too many concurrent connections from the IP
                    code("hl:ifc", Reason.SPEEDING),        // too much mail from the IP in a short time
                    code("dt:rbl", Reason.BLOCKED),         // the sending IP is on one or more RBLs
                    code("dt:spm", Reason.SPAM_DETECTED),   // the body has the marks of spam
                    code("dt:sum", Reason.REJECTED),        // the envelope sender and the From: header differ
                    code("wm:bli", Reason.BLOCKED),         // the IP is not on NetEase's allowed list
                    code("wm:blu", Reason.REJECTED),        // the sender is not on NetEase's allowed list
                    code("mi:spb", Reason.REJECTED),        // the sender is not on NetEase's allowed list
                    code("mi:nhd", Reason.BLOCKED),         // an empty HELO
                    code("mi:imf", Reason.REJECTED),        // the sender's address is malformed
                    code("mi:spf", Reason.AUTH_FAILURE),    // the IP is not permitted by the sending domain's SPF
                    code("mi:dma", Reason.AUTH_FAILURE),    // the message fails the sending domain's DMARC
                    code("mi:sfq", Reason.SPEEDING),        // the sender sent too much in 15 minutes
                    code("mi:stc", Reason.SPEEDING),        // the sender's messages (or connections) today exceed the limit
                    code("mi:dmc", Reason.TOO_MANY_CONN),   // too many messages in one connection
                    code("rp:drc", Reason.TOO_MANY_CONN),   // too many recipients in one connection
                    code("rp:qrc", Reason.SPEEDING),        // the sender's recipients in a short time exceed the limit
                    code("rp:trc", Reason.SPEEDING),        // the sender's recipients today exceed the limit
                    code("rp:frl", Reason.NO_RELAYING)));   // NetEase is not an open relay
}
