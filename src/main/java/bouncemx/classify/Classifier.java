package bouncemx.classify;

import bouncemx.parse.Codes;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;

import java.util.Locale;
import java.util.Set;

/**
 * Gives each recipient of a decoded report a {@link Classification}. Decision order (first that decides
 * wins; the rule is recorded in {@code classification.rule}):
 * <ol>
 *   <li>the report kind: complaint is {@code feedback}, auto-reply is {@code vacation};</li>
 *   <li>success: Action delivered/relayed/expanded, or a 2.x.x status, is {@code delivered};</li>
 *   <li>a greylisting deferral, however worded ({@link Greylisting}): {@link Greylisting#REASON}, rule
 *       "greylisting:..." (the server's words name the cause; a queue that ran out on it is the consequence);</li>
 *   <li>a reason the dialect read from the report's own template ({@code reasonHint});</li>
 *   <li>{@link RemoteHostRules} for the remote host (a row on the status code alone only as the status
 *       table allows, see below);</li>
 *   <li>a local delivery program's failure (Diagnostic-Code type x-unix) is {@code mailererror}, unless
 *       the text names a resource limit (a full mailbox is still {@code mailboxfull});</li>
 *   <li>a <em>specific</em> enhanced status code ({@link StatusTable}), unless the text says something
 *       that overrides it ({@code STATUS_OVERRIDES}): relaying, a block, a full mailbox, a moved or
 *       refused address over an "unknown user" code (servers put 5.1.1 on those too), a failed lookup
 *       over an "unable to route" code;</li>
 *   <li>reply code 521 or 556 (RFC 7504: the host or domain accepts no mail) is {@code notaccept},
 *       unless a precise text names another cause;</li>
 *   <li>a refused HELO/EHLO, or a permanent (5xx) refusal in the greeting (command CONN with a reply;
 *       RFC 5321 3.1: "554 No SMTP service here"), is {@code blocked}: nothing but the connecting host is
 *       known at that point, so it is the host that is refused; unless the text names a more precise host
 *       refusal (no PTR, reputation, rate);</li>
 *   <li>the {@link PhraseTable} over the diagnostic text; in answer to MAIL FROM, texts that would mean
 *       an unknown or refused recipient are about the sender: {@code rejected};</li>
 *   <li>the failed SMTP command: a refusal of MAIL FROM is {@code rejected};</li>
 *   <li>a <em>generic</em> status code, then the weak texts when nothing follows them ("Recipient address
 *       rejected." alone is a refused address; "...rejected: On hold" names a cause we cannot place), then
 *       a 50x reply code ({@code syntaxerror});</li>
 *   <li>else {@code onhold} when the report has a text or code we could not place, {@code undefined} when
 *       it has neither.</li>
 * </ol>
 * Two corrections follow: an "unknown user" text that was not the answer to RCPT TO (it came after DATA,
 * or the report does not say) and carries no address status code (5.1.x) is a content filter speaking,
 * {@code filtered} (an address that does not exist is refused at RCPT; Sisimai reads it the same way); and an unknown host with a temporary (4.x.x)
 * status is a DNS problem, {@code networkerror}. A delay notice that names no cause is {@code expired}.
 *
 * <p>The status: the code the remote server gave (the last one in the diagnostic text that is not an
 * x.0.0 or a queue-expiry x.4.7 written by the reporting MTA itself), else the DSN Status field. When
 * there is none it is derived: class from the reply code (else 5 for Action failed, 4 for delayed),
 * subject and detail from {@link StatusTable#canonicalDetail(Reason)}; {@code statusDerived} says so.
 * Sisimai's pseudo codes (x.0.9xx) are not used.
 *
 * <p><b>The invariant</b> between {@code hard}, {@code permanent}, the status class and the Action:
 * <ul>
 *   <li>{@code permanent} is the failure's class: the status's class when there is a status (5 is
 *       permanent), else the reply code's (5xx), else Action failed with a reason other than expired;</li>
 *   <li>{@code hard} (the address itself is unusable) needs a hard reason (userunknown, hostunknown,
 *       hasmoved; notaccept only when permanent) and a final report: never with Action delayed, whose
 *       MTA is still trying (RFC 3464 2.3.3), and never for greylisting;</li>
 *   <li>when the failure is not permanent (a 4.x.x status or a 4xx reply), {@code hard} is true only where
 *       the server's own text says the address does not exist (a phrase, a provider's text or the
 *       dialect's reading of its template); a status code never does it on its own: the status table
 *       reads a 4.x.x "bad mailbox" code as proving nothing (RFC 3463 3.2: those codes are "only useful
 *       for permanent failures"), a provider row on a status code alone is skipped for it, and an unknown
 *       host by any rule becomes a network error;</li>
 *   <li>the category follows: delivered is success, Action delayed is delayed, else hard or soft by
 *       {@code hard}.</li>
 * </ul>
 * {@code ClassificationInvariantTest} checks this over every event of the corpus and of our fixtures.
 * Pure; thread-safe.
 */
public final class Classifier {
    private final RemoteHostRules hostRules;

    /**
     * Texts that override a specific status code, by the code's reason: a 5.1.1 "bad destination mailbox"
     * whose text names another cause, and an X.4.4 / X.1.2 "unable to route" whose text says the lookup
     * failed (a DNS or routing problem, not a domain that does not exist).
     */
    private static final java.util.Map<Reason, Set<Reason>> STATUS_OVERRIDES = java.util.Map.of(
            Reason.USER_UNKNOWN, Set.of(Reason.NO_RELAYING, Reason.BLOCKED,
                    Reason.MAILBOX_FULL, Reason.HAS_MOVED, Reason.REJECTED, Reason.NOT_ACCEPT, Reason.SUSPEND,
                    Reason.SPEEDING, Reason.TOO_MANY_CONN, Reason.AUTH_FAILURE, Reason.BAD_REPUTATION, Reason.SPAM_DETECTED,
                    Reason.POLICY_VIOLATION, Reason.NOT_COMPLIANT_RFC, Reason.REQUIRE_PTR),
            Reason.HOST_UNKNOWN, Set.of(Reason.NETWORK_ERROR));

    /** Refusals of the sending host more precise than "blocked", kept when HELO/EHLO was refused. */
    private static final Set<Reason> HOST_REFUSALS = Set.of(Reason.REQUIRE_PTR, Reason.BAD_REPUTATION,
            Reason.TOO_MANY_CONN, Reason.SPEEDING, Reason.FAILED_STARTTLS, Reason.NETWORK_ERROR);

    /** Phrase results that, in answer to MAIL FROM, are about the sender: rejected. */
    private static final Set<Reason> SENDER_MISREAD = Set.of(Reason.USER_UNKNOWN, Reason.HOST_UNKNOWN,
            Reason.FILTERED, Reason.SUSPEND);

    /** Resource limits that a local delivery program reports in its own words. */
    private static final Set<Reason> LOCAL_RESOURCE = Set.of(Reason.MAILBOX_FULL, Reason.SYSTEM_FULL,
            Reason.MESG_TOO_BIG, Reason.EXCEED_LIMIT);

    public Classifier(RemoteHostRules hostRules) {
        this.hostRules = hostRules;
    }

    public static Classifier standard() {
        return new Classifier(RemoteHostRules.standard());
    }

    public Classification classify(RecipientStatus r, Report.Kind kind) {
        switch (kind) {
            case COMPLAINT -> {
                return new Classification(Reason.FEEDBACK, Category.COMPLAINT, false, false, "arf:" + r.feedbackType(),
                        "", false, "");
            }
            case AUTO_REPLY -> {
                return new Classification(Reason.VACATION, Category.AUTO_REPLY, false, false, "rfc3834", "", false, "");
            }
            case DELIVERY -> { }
        }
        String text = DiagnosticText.clean(r.diagnosticText());
        String lower = text.toLowerCase(Locale.ROOT);
        String replyCode = r.replyCode().isEmpty() ? Codes.replyCodeOfDiagnostic(r.diagnosticText()) : r.replyCode();
        EnhancedStatus status = chooseStatus(EnhancedStatus.parse(r.status()), r.diagnosticText(), replyCode);
        String command = r.command();
        // the failure's class, as "permanent" reports it below, before a reason is known
        boolean transientClass = status != null ? status.kind() == 4 : replyCode.startsWith("4");

        Reason reason;
        String rule;
        StatusTable.Row row = StatusTable.lookup(status);
        PhraseTable.Match phrase = PhraseTable.match(lower);
        RemoteHostRules.Match host = hostRules.match(r, status, replyCode, lower);
        if (host != null && host.byStatusAlone() && transientClass && host.reason().hardByNature()) {
            host = null;                             // a code alone cannot prove the address dead (see above)
        }
        Reason hint = r.reasonHint().isEmpty() ? null : Reason.fromWire(r.reasonHint());
        String greylisting = Greylisting.match(lower);
        if (isSuccess(r.action()) || (status != null && status.kind() == 2)) {
            reason = Reason.DELIVERED;
            rule = "action:" + (r.action().isEmpty() ? "status" : r.action());
        } else if (greylisting != null) {
            reason = Greylisting.REASON;
            rule = "greylisting:" + greylisting;
        } else if (hint != null) {
            reason = hint;
            rule = "dialect:" + hint.wireName();
        } else if (host != null) {
            reason = host.reason();
            rule = "rhost:" + host.ruleSet() + ":" + host.text();
        } else if (r.diagnosticType().equals("x-unix") && !(phrase != null && LOCAL_RESOURCE.contains(phrase.reason()))) {
            reason = Reason.MAILER_ERROR;
            rule = "diagnostic-type:x-unix";
        } else if (row != null && row.specific()
                && !(phrase != null && STATUS_OVERRIDES.getOrDefault(row.reason(), Set.of()).contains(phrase.reason()))) {
            reason = row.reason();
            rule = "status:" + status.anyClass();
        } else if ((replyCode.equals("521") || replyCode.equals("556"))
                && !(phrase != null && phrase.reason() != Reason.NOT_ACCEPT && !phrase.vague())) {
            reason = Reason.NOT_ACCEPT;              // RFC 7504: the host (521) or domain (556) takes no mail
            rule = "reply:" + replyCode;
        } else if ((command.equals("HELO") || command.equals("EHLO") || (command.equals("CONN") && replyCode.startsWith("5")))
                && !(phrase != null && HOST_REFUSALS.contains(phrase.reason()))) {
            reason = Reason.BLOCKED;                 // the greeting was refused: the sending host is not wanted
            rule = "command:" + command;
        } else if (phrase != null) {
            reason = phrase.reason();
            rule = "phrase:" + phrase.phrase();
            if (command.equals("MAIL") && (SENDER_MISREAD.contains(reason) || phrase.vague())) {
                reason = Reason.REJECTED;            // "does not exist", "access denied" said of the sender
                rule = rule + ">mail-from";
            } else if (reason == Reason.USER_UNKNOWN && !command.equals("RCPT")
                    && (command.isEmpty() || command.equals("DATA") || command.equals("BDAT"))
                    && !(status != null && status.subject() == 1) && !localDelivery(r, lower)) {
                reason = Reason.FILTERED;
                rule = rule + ">not-rcpt";
            }
        } else if (command.equals("MAIL")) {
            reason = Reason.REJECTED;
            rule = "command:MAIL";
        } else if (row != null) {
            reason = row.reason();
            rule = "status:" + status.anyClass();
        } else if ((phrase = PhraseTable.matchWeak(lower)) != null && saysNothingAfter(lower, phrase.phrase())) {
            reason = phrase.reason();
            rule = "phrase:" + phrase.phrase();
        } else if (replyCode.startsWith("50")) {
            reason = Reason.SYNTAX_ERROR;            // RFC 5321 4.2.2: 500-504 are command and syntax errors
            rule = "reply:" + replyCode;
        } else if (!lower.isEmpty() || status != null || !replyCode.isEmpty()) {
            reason = Reason.ON_HOLD;
            rule = "none";
        } else {
            reason = Reason.UNDEFINED;
            rule = "none";
        }
        // A temporary DNS answer (4.x.x) about the recipient's domain is a lookup problem, not proof that
        // the domain does not exist (Gmail's "DNS Error ... NXDOMAIN" with Status 4.0.0).
        if (reason == Reason.HOST_UNKNOWN && status != null && status.kind() == 4) {
            reason = Reason.NETWORK_ERROR;
            rule = rule + ">temporary";
        }
        // A delay notice that names no cause: the message is waiting in the queue (RFC 3464 Action: delayed).
        if (r.action().equals("delayed") && (rule.equals("none") || (rule.startsWith("status:") && !row.specific()))) {
            reason = Reason.EXPIRED;
            rule = "action:delayed";
        }

        boolean permanent;
        if (status != null) permanent = status.permanent();
        else if (!replyCode.isEmpty()) permanent = replyCode.charAt(0) == '5';
        else permanent = r.action().equals("failed") && reason != Reason.EXPIRED;

        String outStatus;
        boolean derived = false;
        if (status != null) {
            outStatus = status.toString();
        } else {
            derived = true;
            int cls;
            if (reason == Reason.DELIVERED) cls = 2;
            else if (!replyCode.isEmpty() && (replyCode.charAt(0) == '4' || replyCode.charAt(0) == '5')) cls = replyCode.charAt(0) - '0';
            else cls = r.action().equals("delayed") || reason == Reason.EXPIRED ? 4 : 5;
            outStatus = cls + "." + StatusTable.canonicalDetail(reason);
        }

        // RFC 3464 2.3.3: "delayed" means the reporting MTA will keep trying, so it is no verdict on the address
        boolean hard = !r.action().equals("delayed")
                && (reason.hardByNature() || (reason == Reason.NOT_ACCEPT && permanent));
        Category category;
        if (reason == Reason.DELIVERED) category = Category.SUCCESS;
        else if (r.action().equals("delayed")) category = Category.DELAYED;
        else if (hard) category = Category.HARD;
        else category = Category.SOFT;
        return new Classification(reason, category, hard, permanent, rule, outStatus, derived, replyCode);
    }

    /**
     * The remote server's own code when the text has one: the last code in the text that is neither an
     * "other" x.0.0 nor the x.4.7 "delivery time expired" a reporting MTA writes around the server's
     * reply; otherwise the Status field; otherwise any code in the text.
     */
    static EnhancedStatus chooseStatus(EnhancedStatus field, String text, String replyCode) {
        EnhancedStatus best = null;
        EnhancedStatus any = null;
        for (String s : Codes.statuses(text, 16)) {
            EnhancedStatus e = EnhancedStatus.parse(s);
            if (e == null) continue;
            if (any == null) any = e;
            if (!(e.subject() == 0 && e.detail() == 0) && !(e.subject() == 4 && e.detail() == 7)) best = e;
        }
        if (best != null && (field == null || field.kind() == best.kind() || field.subject() == 4 && field.detail() == 7
                || (!replyCode.isEmpty() && replyCode.charAt(0) - '0' == best.kind()))) return best;
        if (field != null) return field;
        return any;
    }

    /**
     * The failure was reported by the local delivery program (BSD mail.local, or a DSN of type x-unix), not
     * by a remote SMTP server: its "unknown user" means the mailbox does not exist there.
     */
    private static boolean localDelivery(RecipientStatus r, String lower) {
        return r.diagnosticType().equals("x-unix") || lower.contains("mail.local:");
    }

    /** True when only punctuation and blanks follow the last occurrence of {@code phrase} in {@code lower}. */
    private static boolean saysNothingAfter(String lower, String phrase) {
        int i = lower.lastIndexOf(phrase);
        for (int k = i + phrase.length(); k < lower.length(); k++) {
            if (Character.isLetterOrDigit(lower.charAt(k))) return false;
        }
        return true;
    }

    private static boolean isSuccess(String action) {
        return action.equals("delivered") || action.equals("relayed") || action.equals("expanded");
    }
}
