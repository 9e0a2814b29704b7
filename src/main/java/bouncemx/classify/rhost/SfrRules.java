package bouncemx.classify.rhost;

import bouncemx.classify.rhost.RemoteHostRules.RuleSet;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.regex.Pattern;

import static bouncemx.classify.rhost.RemoteHostRules.code;

/** SFR (sfr.fr, neuf.fr and the other SFR Grand Public domains): one entry of {@link Providers}. */
final class SfrRules {
    private SfrRules() {}

    /**
     * SFR Grand Public's inbound servers (smtp-in.sfr.fr, one infrastructure for all its domains) refuse a
     * sending IP for two hours with "450 4.7.1 SFR_IN_101 Service refused due to bad behavior - Too many spam
     * messages": the first digit is internal, the last two name the behaviour (postmastery.com, "All about
     * ISP: SFR and SMTP error codes SFR_IN_XXX"; bentonow.com/smtp-errors/sfr): 01 too many spam messages,
     * 02 viruses, 03 SMTP errors, 04 unknown users, all a block of the sending IP (blocked, although the
     * words say "spam" or "virus"); 05 a volume limit (speeding).
     */
    static final RuleSet RULES = new RuleSet("sfr", List.of(".sfr.fr"),
            List.of("sfr.fr", "neuf.fr", "club-internet.fr", "cegetel.net", "numericable.fr", "numericable.com",
                    "noos.fr", "9online.fr", "9business.fr", "club.fr", "sfr.net"),
            List.of(), Pattern.compile("sfr_in_[0-9]([0-9]{2})\\b"), List.of(
                    code("01", Reason.BLOCKED),
                    code("02", Reason.BLOCKED),
                    code("03", Reason.BLOCKED),
                    code("04", Reason.BLOCKED),
                    code("05", Reason.SPEEDING)));
}
