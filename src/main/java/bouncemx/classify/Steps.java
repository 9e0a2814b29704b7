package bouncemx.classify;

import bouncemx.classify.rhost.RemoteHostRules;
import bouncemx.parse.RecipientStatus;
import bouncemx.reason.EnhancedStatus;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How {@link Classifier} decides a reason, as data: an ordered list of named {@link Step}s, each of which
 * looks at the {@link Facts} of one recipient and either decides (a {@link Decision}: a reason and the rule
 * that {@code classification.rule} records) or passes (null); the first that decides wins. Then every
 * {@link Correction}, in order, may amend the decision. To see why a recipient got its reason, read the
 * list top to bottom; to change the order, move a row. Each step's comment says why it sits where it is.
 * Stateless; thread-safe.
 */
final class Steps {
    private Steps() {}

    /**
     * What is known about one recipient before a reason is chosen; computed once by {@link Classifier}. The
     * three table matches (phrase, provider rules, greylisting) are computed when a step first asks for them
     * and then kept: a decision made early (a success, the dialect's reading, a provider's row) does not pay
     * for the tables that no step after it looks at (issue 13: the phrase automaton alone was a fifth of the
     * classifier's time). The tables are pure, so when they run does not change what they answer. One
     * recipient's, on one thread.
     */
    static final class Facts {
        private final RecipientStatus recipient;
        private final String lower;
        private final String replyCode;
        private final EnhancedStatus status;
        private final String command;
        private final StatusTable.Row row;
        private final Reason hint;
        private final Supplier<RemoteHostRules.Match> hostRules;
        private PhraseTable.Match phrase;
        private boolean phraseRead;
        private RemoteHostRules.Match host;
        private boolean hostRead;
        private String greylisting;
        private boolean greylistingRead;

        /** @param hostRules the provider rules' answer for this recipient, asked at most once */
        Facts(RecipientStatus recipient, String lower, String replyCode, EnhancedStatus status, String command,
              StatusTable.Row row, Reason hint, Supplier<RemoteHostRules.Match> hostRules) {
            this.recipient = recipient;
            this.lower = lower;
            this.replyCode = replyCode;
            this.status = status;
            this.command = command;
            this.row = row;
            this.hint = hint;
            this.hostRules = hostRules;
        }

        RecipientStatus recipient() { return recipient; }
        /** The cleaned diagnostic text, lowercased. */
        String lower() { return lower; }
        String replyCode() { return replyCode; }
        EnhancedStatus status() { return status; }
        String command() { return command; }
        StatusTable.Row row() { return row; }
        /** The reason the dialect read from its own template, or null. */
        Reason hint() { return hint; }
        String action() { return recipient.action(); }

        /** {@link PhraseTable#match} over the text, its mail addresses left out ({@link DiagnosticText#withoutAddresses}). */
        PhraseTable.Match phrase() {
            if (!phraseRead) {
                phrase = PhraseTable.match(DiagnosticText.withoutAddresses(lower));
                phraseRead = true;
            }
            return phrase;
        }

        /** The provider rules' row for this recipient, or null. */
        RemoteHostRules.Match host() {
            if (!hostRead) {
                host = hostRules.get();
                hostRead = true;
            }
            return host;
        }

        /** {@link Greylisting#match} over the text. */
        String greylisting() {
            if (!greylistingRead) {
                greylisting = Greylisting.match(lower);
                greylistingRead = true;
            }
            return greylisting;
        }
    }

    /** A reason and the rule that chose it (as {@code classification.rule} records it). */
    record Decision(Reason reason, String rule) {}

    /** One step: decides, or passes with null. */
    interface Rule {
        Decision decide(Facts f);
    }

    /** A named step of the decision list. */
    record Step(String name, Rule rule) {}

    /** An amendment applied after a step decided: returns the decision, changed or not. */
    interface Amend {
        Decision amend(Facts f, Decision d);
    }

    /** A named correction. */
    record Correction(String name, Amend amend) {}

    /**
     * Texts that override a specific status code, by the code's reason: a 5.1.1 "bad destination mailbox"
     * whose text names another cause, an X.4.4 / X.1.2 "unable to route" whose text says the lookup
     * failed (a DNS or routing problem, not a domain that does not exist), and an X.3.1 "mail system full"
     * whose text says the sender sent too fast or opened too many connections.
     */
    static final Map<Reason, Set<Reason>> STATUS_OVERRIDES = Map.of(
            Reason.USER_UNKNOWN, Set.of(Reason.NO_RELAYING, Reason.BLOCKED,
                    Reason.MAILBOX_FULL, Reason.HAS_MOVED, Reason.REJECTED, Reason.NOT_ACCEPT, Reason.SUSPEND,
                    Reason.SPEEDING, Reason.TOO_MANY_CONN, Reason.AUTH_FAILURE, Reason.BAD_REPUTATION, Reason.SPAM_DETECTED,
                    Reason.POLICY_VIOLATION, Reason.NOT_COMPLIANT_RFC, Reason.REQUIRE_PTR),
            Reason.HOST_UNKNOWN, Set.of(Reason.NETWORK_ERROR),
            // X.3.1 "mail system full" whose text names the sender's rate or connections (Naver's "421 4.3.1 You
            // send too many messages.")
            Reason.SYSTEM_FULL, Set.of(Reason.SPEEDING, Reason.TOO_MANY_CONN));

    /**
     * The text names a cause that overrides a specific code of this reason ({@link #STATUS_OVERRIDES}). The
     * phrase table is only asked when the reason has overrides (most specific codes have none).
     */
    private static boolean overridden(Reason codeReason, Facts f) {
        Set<Reason> overrides = STATUS_OVERRIDES.getOrDefault(codeReason, Set.of());
        return !overrides.isEmpty() && f.phrase() != null && overrides.contains(f.phrase().reason());
    }

    /** Refusals of the sending host more precise than "blocked", kept when HELO/EHLO was refused. */
    static final Set<Reason> HOST_REFUSALS = Set.of(Reason.REQUIRE_PTR, Reason.BAD_REPUTATION,
            Reason.TOO_MANY_CONN, Reason.SPEEDING, Reason.FAILED_STARTTLS, Reason.NETWORK_ERROR,
            // causes a greeting or HELO refusal can also name (issue 13, list 3: the text's cause wins over the
            // refused command): the sender's SPF/DMARC checked at HELO, a full spool. RFC 5321's 554 "No SMTP
            // service here" greeting stays a refusal of the connecting host.
            Reason.AUTH_FAILURE, Reason.SYSTEM_FULL);

    /** Phrase results that, in answer to MAIL FROM, are about the sender: rejected. */
    static final Set<Reason> SENDER_MISREAD = Set.of(Reason.USER_UNKNOWN, Reason.HOST_UNKNOWN,
            Reason.FILTERED, Reason.SUSPEND);

    /**
     * Exim's verdict for an address no router accepts. Written by the sending Exim in its own notice it is the
     * recipient's domain that could not be routed (no DNS); given by a receiving Exim in answer to RCPT TO it is
     * the answer of {@code verify = recipient} on the domain's own server (the sender found its MX), where no
     * router accepting the local part means the user does not exist there.
     */
    static final String UNROUTEABLE = "unrouteable address";

    /** Resource limits that a local delivery program reports in its own words. */
    static final Set<Reason> LOCAL_RESOURCE = Set.of(Reason.MAILBOX_FULL, Reason.SYSTEM_FULL,
            Reason.MESG_TOO_BIG, Reason.EXCEED_LIMIT);

    /** The decision list, in order; the first step that decides wins. The Classifier's class comment explains each. */
    static final List<Step> STEPS = List.of(
            // a delivery that succeeded is nothing else, whatever its text says
            new Step("success", f -> isSuccess(f.action()) || (f.status() != null && f.status().kind() == 2)
                    ? new Decision(Reason.DELIVERED, "action:" + (f.action().isEmpty() ? "status" : f.action())) : null),
            // the server's words name the cause; a queue that ran out on it is the consequence
            new Step("greylisting", f -> f.greylisting() != null
                    ? new Decision(Greylisting.REASON, "greylisting:" + f.greylisting()) : null),
            // the dialect read its own template: it knows its writer better than any table
            // (a template's verdict that only says the queue gave up names no cause: the last error's cause wins)
            // (and a template's "the local delivery program failed" yields to the program's own words naming a
            // resource limit, as the x-unix step below does: Postfix's "Command died with status 1: ... Command
            // output: mailbox is full")
            new Step("dialect", f -> f.hint() != null && !lastErrorNamesTheCause(f) && !mailerNamesALimit(f)
                    ? new Decision(f.hint(), "dialect:" + f.hint().wireName()) : null),
            // a provider's own texts and codes (RemoteHostRules), before generic tables
            new Step("rhost", f -> f.host() != null
                    ? new Decision(f.host().reason(), "rhost:" + f.host().ruleSet() + ":" + f.host().text()) : null),
            // a local delivery program failed, unless it or its status code names a resource limit, or the text is
            // the MTA's own reply about the address
            new Step("x-unix", f -> f.recipient().diagnosticType().equals("x-unix") && !localProgramNamesALimit(f)
                    && !mtaRefusedTheLocalAddress(f)
                    ? new Decision(Reason.MAILER_ERROR, "diagnostic-type:x-unix") : null),
            // a specific RFC 3463 code, unless the text overrides it
            new Step("specific-status", f -> f.row() != null && f.row().specific() && !overridden(f.row().reason(), f)
                    ? new Decision(f.row().reason(), "status:" + f.status().anyClass()) : null),
            // RFC 7504: the host (521) or domain (556) takes no mail, unless a precise text names another cause
            new Step("reply-521-556", f -> (f.replyCode().equals("521") || f.replyCode().equals("556"))
                    && !(f.phrase() != null && f.phrase().reason() != Reason.NOT_ACCEPT && !f.phrase().vague())
                    ? new Decision(Reason.NOT_ACCEPT, "reply:" + f.replyCode()) : null),
            // the greeting was refused: only the connecting host is known, so it is the host that is refused
            new Step("greeting-refused", f -> (f.command().equals("HELO") || f.command().equals("EHLO")
                    || (f.command().equals("CONN") && f.replyCode().startsWith("5")))
                    && !(f.phrase() != null && HOST_REFUSALS.contains(f.phrase().reason()))
                    ? new Decision(Reason.BLOCKED, "command:" + f.command()) : null),
            new Step("phrase", Steps::phrase),
            // a refusal of MAIL FROM with no text we can place is about the sender
            new Step("mail-from", f -> f.command().equals("MAIL") ? new Decision(Reason.REJECTED, "command:MAIL") : null),
            // X.1.10 is RFC 7505's null MX, refused with 556 (the reply-521-556 step); Exchange Online writes it with
            // 550 for an address its directory does not hold ("550 5.1.10 RESOLVER.ADR.RecipientNotFound", Microsoft's
            // NDR reference for 5.1.10), and a notice that gives no more than the codes means that
            new Step("recipient-not-found-550", f -> f.row() != null && f.replyCode().equals("550")
                    && f.status().anyClass().equals("X.1.10")
                    ? new Decision(Reason.USER_UNKNOWN, "status:X.1.10>reply:550") : null),
            // a generic status code
            new Step("status", f -> f.row() != null ? new Decision(f.row().reason(), "status:" + f.status().anyClass()) : null),
            // weak texts, only when nothing follows them ("Recipient address rejected." alone)
            new Step("weak-phrase", f -> {
                PhraseTable.Match weak = PhraseTable.matchWeak(f.lower());
                return weak != null && saysNothingAfter(f.lower(), weak.phrase())
                        ? new Decision(weak.reason(), "phrase:" + weak.phrase()) : null;
            }),
            // RFC 5321 4.2.2: 500-504 are command and syntax errors
            new Step("reply-50x", f -> f.replyCode().startsWith("50")
                    ? new Decision(Reason.SYNTAX_ERROR, "reply:" + f.replyCode()) : null),
            // a text or code we could not place
            new Step("on-hold", f -> !f.lower().isEmpty() || f.status() != null || !f.replyCode().isEmpty()
                    ? new Decision(Reason.ON_HOLD, "none") : null),
            new Step("undefined", f -> new Decision(Reason.UNDEFINED, "none")));

    /** The corrections, in order, after the decision. */
    static final List<Correction> CORRECTIONS = List.of(
            // a temporary DNS answer (4.x.x) about the recipient's domain is a lookup problem, not proof that
            // the domain does not exist (Gmail's "DNS Error ... NXDOMAIN" with Status 4.0.0)
            new Correction("temporary-host-unknown", (f, d) -> d.reason() == Reason.HOST_UNKNOWN && f.status() != null
                    && f.status().kind() == 4 ? new Decision(Reason.NETWORK_ERROR, d.rule() + ">temporary") : d),
            // a delay notice that names no cause: the message is waiting in the queue (RFC 3464 Action: delayed)
            new Correction("delayed-without-cause", (f, d) -> f.action().equals("delayed")
                    && (d.rule().equals("none") || (d.rule().startsWith("status:") && !f.row().specific()))
                    ? new Decision(Reason.EXPIRED, "action:delayed") : d));

    /** The first decision of {@link #STEPS}, amended by every {@link #CORRECTIONS} entry. */
    static Decision decide(Facts f) {
        Decision d = null;
        for (Step s : STEPS) {
            d = s.rule().decide(f);
            if (d != null) break;
        }
        if (d == null) throw new IllegalStateException("the last step always decides");
        for (Correction c : CORRECTIONS) d = c.amend().amend(f, d);
        return d;
    }

    /**
     * The phrase table over the diagnostic text; in answer to MAIL FROM, texts that would mean an unknown
     * or refused recipient are about the sender ({@code rejected}); Exim's "Unrouteable address" in answer to
     * RCPT TO is an unknown user ({@link #UNROUTEABLE}); an "unknown user" text that was not the
     * answer to RCPT TO and carries no address status code (5.1.x) is a content filter speaking
     * ({@code filtered}; an address that does not exist is refused at RCPT).
     */
    private static Decision phrase(Facts f) {
        PhraseTable.Match p = f.phrase();
        if (p == null) return null;
        Reason reason = p.reason();
        String rule = "phrase:" + p.phrase();
        String command = f.command();
        if (command.equals("MAIL") && (SENDER_MISREAD.contains(reason) || p.vague())) {
            return new Decision(Reason.REJECTED, rule + ">mail-from");
        }
        if (reason == Reason.HOST_UNKNOWN && command.equals("RCPT") && p.phrase().equals(UNROUTEABLE)) {
            return new Decision(Reason.USER_UNKNOWN, rule + ">rcpt");
        }
        if (reason == Reason.USER_UNKNOWN && !command.equals("RCPT")
                && (command.isEmpty() || command.equals("DATA") || command.equals("BDAT"))
                && !(f.status() != null && f.status().subject() == 1) && !localDelivery(f.recipient(), f.lower())) {
            return new Decision(Reason.FILTERED, rule + ">not-rcpt");
        }
        return new Decision(reason, rule);
    }

    /**
     * The failure was reported by the local delivery program (BSD mail.local, or a DSN of type x-unix), not
     * by a remote SMTP server: its "unknown user" means the mailbox does not exist there.
     */
    private static boolean localDelivery(RecipientStatus r, String lower) {
        return r.diagnosticType().equals("x-unix") || lower.contains("mail.local:") || namesItsOwnUser(r, lower);
    }

    /**
     * A delivery agent's own lookup of the recipient's local part: Postfix's local(8) writes {@code unknown user:
     * "name"} (local/unknown.c) for a name that is no account and no alias, with no SMTP command and, before
     * Postfix 2.0's DSNs, no status code.
     */
    private static boolean namesItsOwnUser(RecipientStatus r, String lower) {
        int at = r.address().indexOf('@');
        return at > 0 && lower.contains("unknown user: \"" + r.address().substring(0, at).toLowerCase(Locale.ROOT) + "\"");
    }

    /**
     * Template verdicts that say what became of the message, not why: an expiry notice ("could not be
     * delivered for 5 days", Exim's "retry timeout exceeded") quotes the last error it met, and that error's
     * cause is the reason (issue 13, list 3).
     */
    static final Set<Reason> CONSEQUENCES = Set.of(Reason.EXPIRED);

    /**
     * Causes about the recipient's mailbox or domain that replace such a verdict. Words about the sending host
     * or the connection ("IP address", "failed to connect") are what an expiry notice's retries met on the way,
     * and the queue running out on them stays {@code expired}.
     */
    static final Set<Reason> RECIPIENT_CAUSES = Set.of(Reason.USER_UNKNOWN, Reason.HOST_UNKNOWN, Reason.MAILBOX_FULL,
            Reason.HAS_MOVED, Reason.SUSPEND, Reason.NOT_ACCEPT);

    /**
     * A local delivery agent's failure (x-unix) that names a resource limit: in its own words, or in a specific status
     * code alone (Postfix's local(8) and virtual(8) write a mailbox over its size limit as Status 5.2.2 with
     * "x-unix; input/output error"). Any other failure stays a mailer error whatever code it carries: a pipe command's
     * exit 67 (EX_NOUSER) is written "user unknown" with 5.1.1, but it is the program that failed.
     */
    private static boolean localProgramNamesALimit(Facts f) {
        return (f.phrase() != null && LOCAL_RESOURCE.contains(f.phrase().reason()))
                || (f.row() != null && f.row().specific() && LOCAL_RESOURCE.contains(f.row().reason()));
    }

    /**
     * An x-unix Diagnostic-Code that is an SMTP reply with an address status (X.1.x) is the MTA's own verdict on a local
     * address, not a program's exit: Sendmail 8.17 writes its own lookup of a local user that does not exist
     * ("550 5.1.1 User unknown") under the local mailer's X-Unix type, where a program that failed gives its exit code
     * ("X-Unix; 67").
     */
    private static boolean mtaRefusedTheLocalAddress(Facts f) {
        return !f.replyCode().isEmpty() && f.status() != null && f.status().subject() == 1
                && f.recipient().diagnosticText().trim().startsWith(f.replyCode());
    }

    /** A local-mailer verdict whose program output names a resource limit ({@link #LOCAL_RESOURCE}). */
    private static boolean mailerNamesALimit(Facts f) {
        return f.hint() == Reason.MAILER_ERROR && f.phrase() != null && LOCAL_RESOURCE.contains(f.phrase().reason());
    }

    /**
     * True when the dialect's verdict is a consequence and the recipient's text or specific code names a
     * cause; or when the verdict comes from the template's generic wording while the recipient's own
     * delivery-status block (a Diagnostic-Code with a specific status) names another mailbox or domain cause.
     */
    private static boolean lastErrorNamesTheCause(Facts f) {
        if (!CONSEQUENCES.contains(f.hint())) {
            return f.recipient().addressSource().equals("dsn") && !f.recipient().diagnosticType().isEmpty()
                    && f.row() != null && f.row().specific() && f.row().reason() != f.hint()
                    && RECIPIENT_CAUSES.contains(f.row().reason())
                    && !(f.phrase() != null && f.phrase().reason() == f.hint());
        }
        // the code first: when it names the cause, the phrase table is not asked
        if (f.row() != null && f.row().specific() && RECIPIENT_CAUSES.contains(f.row().reason())) return true;
        return f.phrase() != null && !f.phrase().vague() && RECIPIENT_CAUSES.contains(f.phrase().reason());
    }

    /** True when only punctuation and blanks follow the last occurrence of {@code phrase} in {@code lower}. */
    private static boolean saysNothingAfter(String lower, String phrase) {
        int i = lower.lastIndexOf(phrase);
        for (int k = i + phrase.length(); k < lower.length(); k++) {
            if (Character.isLetterOrDigit(lower.charAt(k))) return false;
        }
        return true;
    }

    static boolean isSuccess(String action) {
        return action.equals("delivered") || action.equals("relayed") || action.equals("expanded");
    }
}
