package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.Row;
import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;


/** Spectrum: the provider's own texts and codes, one entry of {@link Providers}. */
final class SpectrumRules {
    private SpectrumRules() {}

    /** Spectrum/Charter: "AUP#I-nnnn" (incoming) and "AUP#O-nnnn" codes of spectrum.net "Understanding email error codes". */
    static final RuleSet RULES = new RuleSet("spectrum", List.of(".charter.net", ".spectrum.net"),
            List.of("charter.net", "spectrum.net"),
            List.of("spectrum.net/support/internet/understanding-email-error-codes",
                    "spectrumbusiness.net/support/internet/understanding-email-error-codes"),
            Pattern.compile("aup#[a-z-]*([0-9]{4})"), List.of(
                    Row.codes(1000, 1000, Reason.BLOCKED),          // IP blocked for suspicious activity
                    Row.codes(1010, 1010, Reason.REJECTED),         // sending account blocked
                    Row.codes(1020, 1080, Reason.REJECTED),         // sending account limited
                    Row.codes(1090, 1090, Reason.SYSTEM_ERROR),     // cannot be processed, try later
                    Row.codes(1100, 1150, Reason.REQUIRE_PTR),      // full-circle DNS required
                    Row.codes(1160, 1190, Reason.POLICY_VIOLATION), // against your domain's security policies
                    Row.codes(1200, 1250, Reason.BLOCKED),          // Cloudmark CSI, Spamhaus listings
                    Row.codes(1260, 1260, Reason.NETWORK_ERROR),    // IPv6 not processed
                    Row.codes(1300, 1340, Reason.TOO_MANY_CONN),    // concurrent/total connection limits (rhost-spectrum-01)
                    Row.codes(1350, 1490, Reason.SPEEDING),         // message/recipient volume limits
                    Row.codes(1500, 1520, Reason.REJECTED),         // sending as another address/domain
                    Row.codes(1530, 1530, Reason.MESG_TOO_BIG),     // over 20 MB
                    Row.codes(1540, 1550, Reason.SPEEDING),         // too many messages per session / recipients per message
                    Row.codes(1560, 1560, Reason.POLICY_VIOLATION), // too many invalid recipients
                    Row.codes(1580, 1580, Reason.SPEEDING),         // too many recipients in a short time
                    // Charter Postmaster Services (charter.com support article 1953): mail its anti-spam system flags
                    // "should receive an SMTP reply code of '550 Message Rejected'"
                    Row.text("550 message rejected", Reason.SPAM_DETECTED).onReply("550")));
}
