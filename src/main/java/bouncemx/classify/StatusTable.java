package bouncemx.classify;

import bouncemx.reason.EnhancedStatus;
import bouncemx.reason.Reason;
import java.util.HashMap;
import java.util.Map;

/**
 * Enhanced status code (RFC 3463, RFC 7372, RFC 7505, the IANA "SMTP Enhanced Status Codes" registry)
 * to reason. Codes apply to both 4.x.x and 5.x.x. A row is <em>specific</em> when the code alone names
 * the reason (5.1.1 is an unknown mailbox whatever the text says); the classifier lets such rows decide
 * before the phrase table. A <em>generic</em> row (5.7.1 "delivery not authorized") is used only when no
 * phrase matched, since providers put very different refusals under it.
 *
 * <p>The class matters for the codes that say the address is unusable: RFC 3463 section 3.2 calls X.1.1,
 * X.1.2, X.1.3 and X.1.6 "only useful for permanent failures", so a 4.x.x code with one of those subjects
 * (or with X.1.0, X.1.4, X.4.4, X.7.17, X.7.18) proves nothing about the address by itself: {@link #lookup}
 * reads such a code in class 4 by {@code TRANSIENT} instead, and only the server's own text can still say
 * that the address is dead (see {@link Classifier}). Immutable; thread-safe.
 */
public final class StatusTable {

    /** One code's meaning. */
    public record Row(Reason reason, boolean specific) {}

    private static final Map<String, Row> ROWS = new HashMap<>();

    private static void specific(String code, Reason r) { ROWS.put(code, new Row(r, true)); }

    private static void generic(String code, Reason r) { ROWS.put(code, new Row(r, false)); }

    static {
        // X.1: addressing (RFC 3463 section 3.2)
        specific("X.1.1", Reason.USER_UNKNOWN);     // bad destination mailbox address
        specific("X.1.2", Reason.HOST_UNKNOWN);     // bad destination system address
        specific("X.1.3", Reason.USER_UNKNOWN);     // bad destination mailbox address syntax
        specific("X.1.4", Reason.USER_UNKNOWN);     // destination mailbox address ambiguous
        specific("X.1.6", Reason.HAS_MOVED);        // destination mailbox has moved, no forwarding address
        specific("X.1.7", Reason.REJECTED);         // bad sender's mailbox address syntax
        specific("X.1.8", Reason.REJECTED);         // bad sender's system address
        generic("X.1.10", Reason.NOT_ACCEPT);       // null MX (RFC 7505); Microsoft uses it for "recipient not found"
        generic("X.1.0", Reason.USER_UNKNOWN);      // other address status
        // X.2: mailbox (section 3.3)
        // other or undefined mailbox status: "The mailbox exists, but something about the destination mailbox
        // has caused the sending of this DSN" (RFC 3463 3.3), so never an unknown user. Of the mailbox reasons
        // (disabled, full, too long, list) it names none; what is left is the recipient side refusing for its
        // own reasons, which is filtered (the corpus labels 4 of its 7 X.2.0 rows so, the others by their text)
        generic("X.2.0", Reason.FILTERED);
        generic("X.2.1", Reason.SUSPEND);           // mailbox disabled: servers also put "user unknown" and rate limits under it
        specific("X.2.2", Reason.MAILBOX_FULL);     // mailbox full
        specific("X.2.3", Reason.EXCEED_LIMIT);     // message length exceeds administrative limit
        generic("X.2.4", Reason.SYSTEM_ERROR);      // mailing list expansion problem
        // X.3: mail system (section 3.4)
        specific("X.3.1", Reason.SYSTEM_FULL);      // mail system full
        generic("X.3.2", Reason.NOT_ACCEPT);        // system not accepting network messages
        generic("X.3.3", Reason.SYSTEM_ERROR);      // system not capable of selected features
        specific("X.3.4", Reason.MESG_TOO_BIG);     // message too big for system
        generic("X.3.5", Reason.SYSTEM_ERROR);      // system incorrectly configured
        // X.4: network and routing (section 3.5)
        generic("X.4.0", Reason.NETWORK_ERROR);
        generic("X.4.1", Reason.NETWORK_ERROR);     // no answer from host
        generic("X.4.2", Reason.NETWORK_ERROR);     // bad connection
        generic("X.4.3", Reason.NETWORK_ERROR);     // directory server (DNS) failure
        generic("X.4.4", Reason.HOST_UNKNOWN);      // unable to route
        generic("X.4.5", Reason.NETWORK_ERROR);     // mail system congestion
        generic("X.4.6", Reason.NETWORK_ERROR);     // routing loop detected
        specific("X.4.7", Reason.EXPIRED);          // delivery time expired
        // X.5: mail delivery protocol (section 3.6)
        generic("X.5.0", Reason.SYNTAX_ERROR);
        generic("X.5.1", Reason.SYNTAX_ERROR);      // invalid command
        generic("X.5.2", Reason.SYNTAX_ERROR);      // syntax error
        generic("X.5.4", Reason.SYNTAX_ERROR);      // invalid command arguments
        generic("X.5.5", Reason.SYNTAX_ERROR);      // wrong protocol version
        generic("X.5.6", Reason.SYNTAX_ERROR);      // authentication exchange line too long (RFC 4954)
        // X.6: content (section 3.7, RFC 6531/6533 for 6.7-6.10)
        for (int d = 0; d <= 10; d++) generic("X.6." + d, Reason.CONTENT_ERROR);
        // X.7: security and policy (section 3.8, RFC 4954, RFC 7372)
        generic("X.7.0", Reason.SECURITY_ERROR);
        generic("X.7.1", Reason.BLOCKED);           // delivery not authorized, message refused
        generic("X.7.2", Reason.SECURITY_ERROR);
        generic("X.7.3", Reason.SECURITY_ERROR);
        generic("X.7.4", Reason.SECURITY_ERROR);
        generic("X.7.5", Reason.SECURITY_ERROR);
        generic("X.7.6", Reason.SECURITY_ERROR);
        generic("X.7.7", Reason.SECURITY_ERROR);
        generic("X.7.8", Reason.SECURITY_ERROR);    // authentication credentials invalid
        generic("X.7.9", Reason.SECURITY_ERROR);
        generic("X.7.10", Reason.FAILED_STARTTLS);  // encryption needed
        generic("X.7.11", Reason.FAILED_STARTTLS);  // encryption required for requested authentication mechanism
        generic("X.7.12", Reason.SECURITY_ERROR);
        specific("X.7.13", Reason.SUSPEND);         // user account disabled (RFC 4954)
        generic("X.7.14", Reason.SECURITY_ERROR);
        specific("X.7.16", Reason.MESG_TOO_BIG);    // message too big for specified priority (RFC 6710)
        specific("X.7.17", Reason.HAS_MOVED);       // mailbox owner has changed (RFC 7293)
        specific("X.7.18", Reason.HAS_MOVED);       // domain owner has changed (RFC 7293)
        specific("X.7.20", Reason.AUTH_FAILURE);    // no passing DKIM signature found (RFC 7372)
        specific("X.7.21", Reason.AUTH_FAILURE);    // no acceptable DKIM signature found
        specific("X.7.22", Reason.AUTH_FAILURE);    // no valid author-matched DKIM signature
        specific("X.7.23", Reason.AUTH_FAILURE);    // SPF validation failed
        specific("X.7.24", Reason.AUTH_FAILURE);    // SPF validation error
        specific("X.7.25", Reason.REQUIRE_PTR);     // reverse DNS validation failed
        specific("X.7.26", Reason.AUTH_FAILURE);    // multiple authentication checks failed (DMARC)
        generic("X.7.27", Reason.REJECTED);         // sender address has null MX (RFC 7505)
        specific("X.7.28", Reason.SPAM_DETECTED);   // mail flood detected
        specific("X.7.29", Reason.AUTH_FAILURE);    // ARC validation failure (RFC 8617)
        specific("X.7.30", Reason.FAILED_STARTTLS); // REQUIRETLS support required (RFC 8689)
    }

    /**
     * The rows by subject and detail ({@code BY_CODE[s][d]} is the row of "X.s.d"), filled from {@link #ROWS}: a
     * lookup runs for every recipient and builds no "X.s.d" string then.
     */
    private static final Row[][] BY_CODE;

    /** The row written for {@code anyClass} ("X.1.1"), or null. */
    static Row rowNamed(String anyClass) { return ROWS.get(anyClass); }

    static {
        int subjects = 0;
        int details = 0;
        for (String code : ROWS.keySet()) {
            String[] parts = code.split("\\.");
            subjects = Math.max(subjects, Integer.parseInt(parts[1]) + 1);
            details = Math.max(details, Integer.parseInt(parts[2]) + 1);
        }
        BY_CODE = new Row[subjects][details];
        ROWS.forEach((code, row) -> {
            String[] parts = code.split("\\.");
            BY_CODE[Integer.parseInt(parts[1])][Integer.parseInt(parts[2])] = row;
        });
    }

    /** The row of "X.s.d" for this status's subject and detail, or null: {@code rowNamed(status.anyClass())}. */
    static Row rowOf(EnhancedStatus status) {
        int s = status.subject();
        int d = status.detail();
        return s < BY_CODE.length && d < BY_CODE[s].length ? BY_CODE[s][d] : null;
    }

    /**
     * How a code whose row says the address is unusable reads in class 4 (a persistent transient failure,
     * RFC 3463 section 2): an unroutable or unknown domain is a lookup that failed for now (Postfix writes
     * "450 4.1.2 ... Domain not found" when the DNS answer was a temporary error); an unknown or moved
     * mailbox has no transient reading at all, so the code decides nothing and the text must. Reasons not
     * listed here read the same in both classes.
     */
    private static final Map<Reason, Row> TRANSIENT = Map.of(
            Reason.HOST_UNKNOWN, new Row(Reason.NETWORK_ERROR, false));

    private StatusTable() {}

    /**
     * The row for {@code status} in its class, or null when the code is unknown, only says "other", or
     * (class 4) would name an unusable address that a transient code cannot prove.
     */
    public static Row lookup(EnhancedStatus status) {
        if (status == null) return null;
        Row row = rowOf(status);
        if (row == null || status.permanent() || !row.reason().hardByNature()) return row;
        return TRANSIENT.get(row.reason());
    }

    /** A typical "subject.detail" for a reason, used to derive a status when a report gives none. */
    public static String canonicalDetail(Reason r) {
        return switch (r) {
            case USER_UNKNOWN -> "1.1";
            case HOST_UNKNOWN -> "1.2";
            case HAS_MOVED -> "1.6";
            case REJECTED -> "1.8";
            case NOT_ACCEPT -> "1.10";
            case SUSPEND -> "2.1";
            case MAILBOX_FULL -> "2.2";
            case EXCEED_LIMIT -> "2.3";
            case SYSTEM_FULL -> "3.1";
            case MESG_TOO_BIG -> "3.4";
            case SYSTEM_ERROR, MAILER_ERROR -> "3.0";
            case NETWORK_ERROR -> "4.0";
            case EXPIRED -> "4.7";
            case SYNTAX_ERROR -> "5.2";
            case CONTENT_ERROR, NOT_COMPLIANT_RFC -> "6.0";
            case BLOCKED, SPAM_DETECTED, POLICY_VIOLATION, FILTERED, BAD_REPUTATION, VIRUS_DETECTED, NO_RELAYING -> "7.1";
            case SECURITY_ERROR -> "7.0";
            case FAILED_STARTTLS -> "7.10";
            case AUTH_FAILURE -> "7.26";
            case REQUIRE_PTR -> "7.25";
            case TOO_MANY_CONN, SPEEDING -> "4.5";
            case DELIVERED -> "0.0";
            case ON_HOLD, UNDEFINED, FEEDBACK, VACATION -> "0.0";
        };
    }
}
