package bouncemx.classify;

import bouncemx.reason.Reason;

/**
 * The verdict on one recipient.
 *
 * @param reason        why (Sisimai vocabulary)
 * @param category      the event's coarse category (and so its type)
 * @param hard          the address itself is unusable: userunknown, hostunknown, hasmoved, or a permanent
 *                      notaccept
 * @param permanent     the failure is permanent (5xx class)
 * @param rule          which rule decided, e.g. "status:X.1.1", "phrase:user unknown", "rhost:microsoft:5.1.10"
 * @param status        the enhanced status the message gives, or one derived from reply code and reason
 * @param statusDerived true when {@code status} was derived, not read from the message
 * @param replyCode     the SMTP reply code the message gives, or ""
 */
public record Classification(Reason reason, Category category, boolean hard, boolean permanent, String rule,
                             String status, boolean statusDerived, String replyCode) {}
