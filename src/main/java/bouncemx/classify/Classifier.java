package bouncemx.classify;

import bouncemx.parse.Codes;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;

import java.util.Locale;

/**
 * Gives each recipient of a decoded report a {@link Classification}. Decision order (first that decides
 * wins; the rule is recorded):
 * <ol>
 *   <li>the report kind: complaint is {@code feedback}, auto-reply is {@code vacation};</li>
 *   <li>success: Action delivered/relayed/expanded, or a 2.x.x status, is {@code delivered};</li>
 *   <li>a reason the dialect read from the report's structure ({@code reasonHint});</li>
 *   <li>{@link RemoteHostRules} for the remote host;</li>
 *   <li>a <em>specific</em> enhanced status code ({@link StatusTable});</li>
 *   <li>the {@link PhraseTable} over the diagnostic text;</li>
 *   <li>the failed SMTP command: a refusal of MAIL FROM is {@code rejected};</li>
 *   <li>a <em>generic</em> status code;</li>
 *   <li>else {@code onhold} when the report has a text or code we could not place, {@code undefined} when
 *       it has neither.</li>
 * </ol>
 * The status: the one the message gives (Status field, else a code in the diagnostic text). When there is
 * none it is derived: class from the reply code (else 5 for Action failed, 4 for delayed), subject and
 * detail from {@link StatusTable#canonicalDetail(Reason)}; {@code statusDerived} says so. Sisimai's
 * pseudo codes (x.0.9xx) are not used. Pure; thread-safe.
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
                return new Classification(Reason.VACATION, Category.AUTO_REPLY, false, false, "rfc3834", "", false, "");
            }
            case DELIVERY -> { }
        }
        String lower = r.diagnosticText().toLowerCase(Locale.ROOT);
        String statusText = r.status();
        EnhancedStatus given = EnhancedStatus.parse(statusText);
        EnhancedStatus inText = EnhancedStatus.parse(Codes.status(r.diagnosticText()));
        // A report's Status field is often vaguer than the code the server gave (5.0.0 vs 5.1.1): prefer the
        // server's own code when it has the same class and the field is an "other" code.
        EnhancedStatus status = given;
        if (status == null || (inText != null && inText.kind() == status.kind() && status.detail() == 0
                && (status.subject() == 0 || status.subject() == inText.subject()))) {
            if (inText != null) status = inText;
        }
        String replyCode = r.replyCode().isEmpty() ? Codes.leadingReplyCode(r.diagnosticText()) : r.replyCode();

        Reason reason;
        String rule;
        StatusTable.Row row = StatusTable.lookup(status);
        PhraseTable.Match phrase;
        RemoteHostRules.Match host;
        Reason hint = r.reasonHint().isEmpty() ? null : Reason.fromWire(r.reasonHint());
        if (isSuccess(r.action()) || (status != null && status.kind() == 2)) {
            reason = Reason.DELIVERED;
            rule = "action:" + (r.action().isEmpty() ? "status" : r.action());
        } else if (hint != null) {
            reason = hint;
            rule = "dialect:" + hint.wireName();
        } else if ((host = hostRules.match(r, status, replyCode, lower)) != null) {
            reason = host.reason();
            rule = "rhost:" + host.ruleSet() + ":" + host.text();
        } else if (row != null && row.specific()) {
            reason = row.reason();
            rule = "status:" + status.anyClass();
        } else if ((phrase = PhraseTable.match(lower)) != null) {
            reason = phrase.reason();
            rule = "phrase:" + phrase.phrase();
        } else if (r.command().equals("MAIL")) {
            reason = Reason.REJECTED;
            rule = "command:MAIL";
        } else if (row != null) {
            reason = row.reason();
            rule = "status:" + status.anyClass();
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
        if (r.action().equals("delayed") && (rule.startsWith("status:") && !row.specific() || rule.equals("none"))) {
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
            else if (!replyCode.isEmpty() && replyCode.charAt(0) != '2' && replyCode.charAt(0) != '3') cls = replyCode.charAt(0) - '0';
            else cls = r.action().equals("delayed") || reason == Reason.EXPIRED ? 4 : 5;
            outStatus = cls + "." + StatusTable.canonicalDetail(reason);
        }

        boolean hard = reason.hardByNature() || (reason == Reason.NOT_ACCEPT && permanent);
        Category category;
        if (reason == Reason.DELIVERED) category = Category.SUCCESS;
        else if (r.action().equals("delayed")) category = Category.DELAYED;
        else if (hard) category = Category.HARD;
        else category = Category.SOFT;
        return new Classification(reason, category, hard, permanent, rule, outStatus, derived, replyCode);
    }

    private static boolean isSuccess(String action) {
        return action.equals("delivered") || action.equals("relayed") || action.equals("expanded");
    }
}
