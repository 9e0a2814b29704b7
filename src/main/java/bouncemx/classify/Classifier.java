package bouncemx.classify;

import bouncemx.classify.rhost.RemoteHostRules;
import bouncemx.parse.Codes;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.EnhancedStatus;
import bouncemx.reason.Reason;

import java.util.List;
import java.util.Locale;

/**
 * Gives each recipient of a decoded report a {@link Classification}. The decision order is data: the
 * named steps of {@link Steps#STEPS}, then {@link Steps#CORRECTIONS}; this method computes the facts once
 * (cleaned text, reply code, chosen status, table matches) and derives status, permanence, hardness and
 * category from the decision. Decision order (first that decides wins; the rule is recorded in
 * {@code classification.rule}):
 * <ol>
 *   <li>the report kind: complaint is {@code feedback}, auto-reply is {@code vacation};</li>
 *   <li>success: Action delivered/relayed/expanded, or a 2.x.x status, is {@code delivered};</li>
 *   <li>a greylisting deferral, however worded ({@link Greylisting}): {@link Greylisting#REASON}, rule
 *       "greylisting:..." (the server's words name the cause; a queue that ran out on it is the consequence);</li>
 *   <li>a reason the dialect read from the report's own template ({@code reasonHint});</li>
 *   <li>{@link RemoteHostRules} for the remote host (a row on the status code alone only as the status
 *       table allows, see below);</li>
 *   <li>a local delivery program's failure (Diagnostic-Code type x-unix) is {@code mailererror}, unless
 *       the text or a specific status code names a resource limit (a full mailbox is still {@code mailboxfull});</li>
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
                Classification gone = mailboxGone(r.diagnosticText());
                return gone != null ? gone
                        : new Classification(Reason.VACATION, Category.AUTO_REPLY, false, false, "rfc3834", "", false, "");
            }
            case NOTE -> {
                // a person wrote that the address is gone: their words are the verdict, as an auto-reply's are
                var p = bouncemx.parse.dialect.PersonalNoteDialect.PHRASES.match(r.diagnosticText().toLowerCase(Locale.ROOT));
                Reason reason = r.reasonHint() != null ? r.reasonHint() : Reason.USER_UNKNOWN;
                return new Classification(reason, Category.HARD, true, true, "note>phrase:" + (p == null ? "" : p.phrase()),
                        "5." + StatusTable.canonicalDetail(reason), true, "");
            }
            case DELIVERY -> { }
        }
        String text = DiagnosticText.clean(r.diagnosticText());
        String lower = DiagnosticText.withoutRelayWords(text.toLowerCase(Locale.ROOT));
        String replyCode = r.replyCode().isEmpty() ? Codes.replyCodeOfDiagnostic(r.diagnosticText()) : r.replyCode();
        boolean failure = reportsAFailure(r);
        if (!replyCode.isEmpty() && replyCode.charAt(0) < '4' && failure) {
            // a failure's code is 4xx or 5xx: a greeting or "250 ok" quoted first is an earlier reply
            replyCode = Codes.failureReplyCode(r.diagnosticText());
        }
        // a code further into the text (a transcript's "554 <addr>... Service unavailable") is reported, not decisive
        String reported = replyCode.isEmpty() && failure ? Codes.failureReplyCode(text) : replyCode;
        EnhancedStatus status = chooseStatus(EnhancedStatus.parse(r.status()), r.diagnosticText(), replyCode, reported);
        String command = r.command();
        // the failure's class, as "permanent" reports it below, before a reason is known
        boolean transientClass = status != null ? status.kind() == 4 : replyCode.startsWith("4");

        StatusTable.Row row = StatusTable.lookup(status);
        String code = replyCode;
        var facts = new Steps.Facts(r, lower, replyCode, status, command, row, r.reasonHint(), () -> {
            RemoteHostRules.Match host = hostRules.match(r, status, code, lower);
            // a code alone cannot prove the address dead (see above)
            return host != null && host.byStatusAlone() && transientClass && host.reason().hardByNature() ? null : host;
        });
        Steps.Decision decision = Steps.decide(facts);
        Reason reason = decision.reason();
        String rule = decision.rule();

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
        // the reply that carries the status chosen from the text reports its own code ("400 4.4.7 Message delayed
        // 451 4.4.0 ... responded with: \"421 4.3.0 Temporary System Problem\"": 4.3.0 is 421's, not 400's)
        if (status != null) {
            String paired = replyCodeBefore(r.diagnosticText(), outStatus);
            if (Codes.isDefinedReplyCode(paired)) reported = paired;
        }
        return new Classification(reason, category, hard, permanent, rule, outStatus, derived, reportedReplyCode(reported, outStatus));
    }

    /** The reply code written right before the last {@code status} in {@code text} ("421 4.3.0", "550-5.1.1"), or "". */
    static String replyCodeBefore(String text, String status) {
        int i = text.lastIndexOf(status);
        while (i >= 4) {
            char sep = text.charAt(i - 1);
            boolean ends = i + status.length() == text.length() || !Character.isDigit(text.charAt(i + status.length()))
                    && text.charAt(i + status.length()) != '.';
            if (ends && (sep == ' ' || sep == '-') && Character.isDigit(text.charAt(i - 2)) && Character.isDigit(text.charAt(i - 3))
                    && Character.isDigit(text.charAt(i - 4)) && (i == 4 || !Character.isLetterOrDigit(text.charAt(i - 5)))) {
                return text.substring(i - 4, i - 1);
            }
            i = text.lastIndexOf(status, i - 1);
        }
        return "";
    }

    /**
     * The reply code an event reports: one RFC 5321 or its extensions define, of the same class as the status
     * ("550" quoted in a report whose status is 4.4.1 is an earlier reply, not the one that decided this
     * outcome); "" otherwise. The code still counts in the decision above: only the reported field is held back.
     * Also a 4xx under a 5.x.x status (Exim's last attempt before "retry timeout exceeded") and a code under a
     * status derived here: of the 480 labelled rows of the shared corpus none pairs a reply code with a status of
     * another class, so a pair of two classes would be wrong in one field or the other (H10 had let those two
     * through; kept out at the merge).
     */
    private static String reportedReplyCode(String replyCode, String status) {
        if (replyCode.isEmpty() || !Codes.isDefinedReplyCode(replyCode)) return "";
        return status.isEmpty() || status.charAt(0) == replyCode.charAt(0) ? replyCode : "";
    }

    /** The report says this recipient failed or is delayed: "failed", "delayed", or no action and no 2.x.x status. */
    private static boolean reportsAFailure(RecipientStatus r) {
        String a = r.action();
        return a.equals("failed") || a.equals("delayed") || (a.isEmpty() && !r.status().startsWith("2"));
    }

    /** "An automatic reply containing {@code phrase} (lowercase) announces {@code reason}." */
    record GonePhrase(String phrase, Reason reason) {}

    /**
     * Automatic replies that announce the mailbox is gone rather than its owner away (issue 13, list 3): the
     * reply's own words are the verdict. Only sentences about the address or the person's departure, never
     * about a date ("no longer available until Monday" is a vacation). First match wins.
     */
    static final List<GonePhrase> GONE = List.of(
            new GonePhrase("address is no longer in use", Reason.USER_UNKNOWN),
            new GonePhrase("mailbox is no longer in use", Reason.USER_UNKNOWN),
            new GonePhrase("account is no longer in use", Reason.USER_UNKNOWN),
            new GonePhrase("address is no longer active", Reason.USER_UNKNOWN),
            new GonePhrase("mailbox is no longer active", Reason.USER_UNKNOWN),
            new GonePhrase("account has been closed", Reason.USER_UNKNOWN),
            new GonePhrase("mailbox has been closed", Reason.USER_UNKNOWN),
            new GonePhrase("address has been deactivated", Reason.USER_UNKNOWN),
            new GonePhrase("mailbox has been deactivated", Reason.USER_UNKNOWN),
            new GonePhrase("address does not exist", Reason.USER_UNKNOWN),
            new GonePhrase("no longer with the company", Reason.HAS_MOVED),
            new GonePhrase("no longer employed", Reason.HAS_MOVED),
            new GonePhrase("has left the company", Reason.HAS_MOVED),
            new GonePhrase("email address has changed", Reason.HAS_MOVED),
            new GonePhrase("address has changed", Reason.HAS_MOVED),
            new GonePhrase("address is no longer valid", Reason.USER_UNKNOWN),
            new GonePhrase("account has been deleted", Reason.USER_UNKNOWN),
            new GonePhrase("mailbox has been deleted", Reason.USER_UNKNOWN),
            new GonePhrase("address no longer exists", Reason.USER_UNKNOWN),
            new GonePhrase("mailbox no longer exists", Reason.USER_UNKNOWN),
            new GonePhrase("n'est plus en service", Reason.USER_UNKNOWN),
            // the same in German, French, Spanish, Italian and Dutch replies ("Diese E-Mail-Adresse ist nicht
            // mehr gültig", "Cette adresse n'est plus valide", "Esta dirección ya no está en uso")
            new GonePhrase("adresse ist nicht mehr gültig", Reason.USER_UNKNOWN),
            new GonePhrase("adresse wird nicht mehr verwendet", Reason.USER_UNKNOWN),
            new GonePhrase("adresse ist nicht mehr aktiv", Reason.USER_UNKNOWN),
            new GonePhrase("postfach existiert nicht mehr", Reason.USER_UNKNOWN),
            new GonePhrase("adresse n'est plus valide", Reason.USER_UNKNOWN),
            new GonePhrase("adresse n'est plus utilisée", Reason.USER_UNKNOWN),
            new GonePhrase("adresse n'est plus active", Reason.USER_UNKNOWN),
            new GonePhrase("ya no está en uso", Reason.USER_UNKNOWN),
            new GonePhrase("ya no es válida", Reason.USER_UNKNOWN),
            new GonePhrase("non è più attivo", Reason.USER_UNKNOWN),
            new GonePhrase("non è più valido", Reason.USER_UNKNOWN),
            new GonePhrase("is niet meer in gebruik", Reason.USER_UNKNOWN),
            new GonePhrase("is niet meer geldig", Reason.USER_UNKNOWN),
            // the person left: the address may still take mail, but nobody reads it for them
            new GonePhrase("is no longer with ", Reason.HAS_MOVED),
            new GonePhrase("no longer work at ", Reason.HAS_MOVED),
            new GonePhrase("no longer works at ", Reason.HAS_MOVED),
            new GonePhrase("no longer work for ", Reason.HAS_MOVED),
            new GonePhrase("no longer works for ", Reason.HAS_MOVED),
            new GonePhrase("has left the organi", Reason.HAS_MOVED),
            new GonePhrase("has left the firm", Reason.HAS_MOVED),
            new GonePhrase("has left our company", Reason.HAS_MOVED),
            new GonePhrase("mailbox is no longer monitored", Reason.HAS_MOVED),
            new GonePhrase("address is no longer monitored", Reason.HAS_MOVED),
            new GonePhrase("inbox is no longer monitored", Reason.HAS_MOVED),
            new GonePhrase("nicht mehr im unternehmen", Reason.HAS_MOVED),
            new GonePhrase("nicht mehr bei uns", Reason.HAS_MOVED),
            new GonePhrase("ne fait plus partie", Reason.HAS_MOVED),
            new GonePhrase("ya no trabaja", Reason.HAS_MOVED));

    /** The verdict of an automatic reply that says the mailbox is gone, or null. */
    static Classification mailboxGone(String text) {
        if (text.isEmpty()) return null;
        String lower = text.toLowerCase(Locale.ROOT);
        for (GonePhrase g : GONE) {
            if (!lower.contains(g.phrase())) continue;
            Reason reason = g.reason();
            String status = "5." + StatusTable.canonicalDetail(reason);
            return new Classification(reason, Category.HARD, true, true, "rfc3834>phrase:" + g.phrase(), status, true, "");
        }
        return null;
    }

    /**
     * The remote server's own code when the text has one: the last code in the text that is neither an
     * "other" x.0.0 nor the x.4.7 "delivery time expired" a reporting MTA writes around the server's
     * reply; otherwise the Status field, unless it is an "other" x.0.0 and the text has that x.4.7 (a gateway
     * that gave up on its queue writes "554 5.4.7 [internal] exceeded max time without delivery" under a
     * Status 5.0.0: the expiry is all it knows, H9); otherwise any code in the text.
     */
    static EnhancedStatus chooseStatus(EnhancedStatus field, String text, String replyCode, String quotedReply) {
        EnhancedStatus best = null;
        EnhancedStatus any = null;
        EnhancedStatus expiry = null;
        EnhancedStatus best4 = null, best5 = null;   // the last such code of class 4 and of class 5
        for (String s : Codes.statuses(text, 16)) {
            EnhancedStatus e = EnhancedStatus.parse(s);
            if (e == null) continue;
            if (any == null) any = e;
            boolean expired = e.subject() == 4 && e.detail() == 7;
            if (expired && expiry == null) expiry = e;
            if (!(e.subject() == 0 && e.detail() == 0) && !expired) {
                best = e;
                if (e.kind() == 4) best4 = e;
                else if (e.kind() == 5) best5 = e;
            }
        }
        // H10: the failure's class, the Status field's or else the quoted reply's: a later code of the other class
        // is another reply (a transcript's "<<< 421 4.4.2 ... timeout" answering QUIT after the RCPT's 550 5.1.1)
        int kind = field != null ? field.kind() : quotedReply.isEmpty() ? 0 : quotedReply.charAt(0) - '0';
        EnhancedStatus ofKind = kind == 4 ? best4 : kind == 5 ? best5 : null;
        boolean fieldExpired = field != null && field.subject() == 4 && field.detail() == 7;
        if (best != null && ofKind != null && ofKind != best && !fieldExpired
                && (replyCode.isEmpty() || replyCode.charAt(0) - '0' == kind)) return ofKind;
        if (best != null && (field == null || field.kind() == best.kind() || fieldExpired
                || (!replyCode.isEmpty() && replyCode.charAt(0) - '0' == best.kind()))) return best;
        if (field != null && expiry != null && field.subject() == 0 && field.detail() == 0 && field.kind() == expiry.kind()) {
            return expiry;
        }
        if (field != null) return field;
        return any;
    }

}
