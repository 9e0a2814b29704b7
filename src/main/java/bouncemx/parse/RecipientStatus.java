package bouncemx.parse;

import bouncemx.reason.Reason;

/**
 * What a report says about one recipient, as written (nothing classified yet). Strings are never null:
 * "" means the report does not say; {@code reasonHint} is null when the dialect names no reason.
 *
 * @param address           the failed recipient (lowercase domain, no angle brackets)
 * @param addressSource     how it was found: "dsn", "text" or "header"
 * @param originalRecipient RFC 3464 Original-Recipient, or ""
 * @param action            RFC 3464 Action, lowercased: failed, delayed, delivered, relayed, expanded, or ""
 * @param status            enhanced status code as written (e.g. "5.1.1"), or ""
 * @param replyCode         SMTP reply code as written (e.g. "550"), or ""
 * @param diagnosticType    the Diagnostic-Code type ("smtp", "x-unix"...), or ""
 * @param diagnosticText    the remote server's text, unfolded, or ""
 * @param remoteMta         the remote host, or ""
 * @param reportingMta      the host that wrote the report, or ""
 * @param command           the SMTP command that failed (CONN, HELO, EHLO, MAIL, RCPT, DATA, BDAT), or ""
 * @param lastAttemptDate   Last-Attempt-Date, or ""
 * @param willRetryUntil    Will-Retry-Until, or ""
 * @param reasonHint        a reason the dialect is sure of from the report's own structure
 *                          (e.g. {@code Reason.EXPIRED} for a queue timeout notice), or null: the classifier decides
 * @param feedbackType      ARF Feedback-Type (complaints), or ""
 * @param sourceIp          ARF Source-IP (complaints), or ""
 */
public record RecipientStatus(String address, String addressSource, String originalRecipient, String action,
                              String status, String replyCode, String diagnosticType, String diagnosticText,
                              String remoteMta, String reportingMta, String command, String lastAttemptDate,
                              String willRetryUntil, Reason reasonHint, String feedbackType, String sourceIp) {

    public RecipientStatus {
        address = nz(address);
        addressSource = nz(addressSource);
        originalRecipient = nz(originalRecipient);
        action = nz(action);
        status = nz(status);
        replyCode = nz(replyCode);
        diagnosticType = nz(diagnosticType);
        diagnosticText = nz(diagnosticText);
        remoteMta = nz(remoteMta);
        reportingMta = nz(reportingMta);
        command = nz(command);
        lastAttemptDate = nz(lastAttemptDate);
        willRetryUntil = nz(willRetryUntil);
        feedbackType = nz(feedbackType);
        sourceIp = nz(sourceIp);
    }

    private static String nz(String s) { return s == null ? "" : s; }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.address = address; b.addressSource = addressSource; b.originalRecipient = originalRecipient;
        b.action = action; b.status = status; b.replyCode = replyCode; b.diagnosticType = diagnosticType;
        b.diagnosticText = diagnosticText; b.remoteMta = remoteMta; b.reportingMta = reportingMta;
        b.command = command; b.lastAttemptDate = lastAttemptDate; b.willRetryUntil = willRetryUntil;
        b.reasonHint = reasonHint; b.feedbackType = feedbackType; b.sourceIp = sourceIp;
        return b;
    }

    /**
     * Collects the fields while a dialect reads a report: setters named as the fields, and getters for what
     * has been read so far (a dialect that fills a field only once asks first). Fields are private, so a
     * field is only ever set through its setter. Not thread-safe; use once.
     */
    public static final class Builder {
        private String address = "", addressSource = "", originalRecipient = "", action = "", status = "",
                replyCode = "", diagnosticType = "", diagnosticText = "", remoteMta = "", reportingMta = "",
                command = "", lastAttemptDate = "", willRetryUntil = "", feedbackType = "", sourceIp = "";
        private Reason reasonHint;

        public Builder address(String a, String source) { address = a; addressSource = source; return this; }
        public Builder action(String a) { action = a; return this; }
        public Builder status(String s) { status = s; return this; }
        public Builder replyCode(String c) { replyCode = c; return this; }
        public Builder diagnostic(String type, String text) { diagnosticType = type; diagnosticText = text; return this; }
        public Builder diagnosticText(String text) { diagnosticText = text; return this; }
        public Builder remoteMta(String h) { remoteMta = h; return this; }
        public Builder reportingMta(String h) { reportingMta = h; return this; }
        public Builder command(String c) { command = c; return this; }
        public Builder reasonHint(Reason r) { reasonHint = r; return this; }
        public Builder feedbackType(String f) { feedbackType = f; return this; }
        public Builder sourceIp(String ip) { sourceIp = ip; return this; }
        public Builder originalRecipient(String a) { originalRecipient = a; return this; }
        public Builder diagnosticType(String t) { diagnosticType = t; return this; }
        public Builder lastAttemptDate(String d) { lastAttemptDate = d; return this; }
        public Builder willRetryUntil(String d) { willRetryUntil = d; return this; }

        // what has been read so far, for dialects that fill a field only once
        public String address() { return address; }
        public String addressSource() { return addressSource; }
        public String action() { return action; }
        public String status() { return status; }
        public String replyCode() { return replyCode; }
        public String diagnosticType() { return diagnosticType; }
        public String diagnosticText() { return diagnosticText; }
        public String remoteMta() { return remoteMta; }
        public String reportingMta() { return reportingMta; }
        public String command() { return command; }
        public Reason reasonHint() { return reasonHint; }

        public RecipientStatus build() {
            return new RecipientStatus(address, addressSource, originalRecipient, action, status, replyCode,
                    diagnosticType, diagnosticText, remoteMta, reportingMta, command, lastAttemptDate,
                    willRetryUntil, reasonHint, feedbackType, sourceIp);
        }
    }
}
