package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Rackspace Email (emailsrvr.com): one entry of {@link Providers}. */
final class RackspaceRules {
    private RackspaceRules() {}

    /**
     * Rackspace's inbound servers (mx1.emailsrvr.com) end each refusal with a code in parentheses; its
     * postmaster page, as smtp.codes/rackspace lists it, and docs.rackspace.com/docs/common-email-bounces.
     * "450 4.2.1 &lt;a&gt;: Mailbox received too much email in a short period of time (G30)" is a rate limit on
     * the mailbox, not the disabled mailbox its 4.2.1 would say; a new or untrusted IP that sends too much
     * (G28) is a rate too.
     */
    static final RuleSet RULES = new RuleSet("rackspace", List.of(".emailsrvr.com"), List.of(), List.of(), null, List.of(
            text("mailbox received too much email in a short period of time", Reason.SPEEDING),    // (G30)
            text("received too many messages from a new or untrusted ip", Reason.SPEEDING)));     // (G28)
}
