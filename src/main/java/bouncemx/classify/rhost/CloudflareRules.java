package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;

import static bouncemx.classify.rhost.RemoteHostRules.text;

/** Cloudflare: the provider's own texts and codes, one entry of {@link Providers}. */
final class CloudflareRules {
    private CloudflareRules() {}

    /** Cloudflare Email Routing (developers.cloudflare.com/email-routing/postmaster). */
    static final RuleSet RULES = new RuleSet("cloudflare", List.of(".mx.cloudflare.net"), List.of(),
            List.of("developers.cloudflare.com/email-routing"), null, List.of(
                    text("found on one or more rbls", Reason.BLOCKED),   // "554 <IP> found on one or more RBLs (abusixip)"
                    text("found on one or more dnsbls", Reason.BLOCKED),
                    text("upstream error", Reason.SYSTEM_ERROR)));      // "421 4.3.0 Upstream error" (rhost-cloudflare-01)
}
