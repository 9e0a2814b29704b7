package bouncemx.reason;

import java.util.HashMap;
import java.util.Map;

/**
 * Why delivery failed (or what else a report says), in Sisimai v5's vocabulary: each constant has one
 * wire name, used in events and tables. {@link #hardByNature()} marks the reasons that say the address
 * itself is unusable.
 *
 * <p>A leaf package (it imports nothing of the project), so that dialects in {@code parse/}, the
 * classifier's tables and the config loader all name a reason as a constant ({@code Reason.EXPIRED}):
 * a misspelt reason does not compile. Text tables read at start-up go through {@link #ofWire(String)},
 * which fails loudly on an unknown name.
 */
public enum Reason {
    USER_UNKNOWN("userunknown", true),
    HOST_UNKNOWN("hostunknown", true),
    HAS_MOVED("hasmoved", true),
    NOT_ACCEPT("notaccept", false), // hard only when permanent, see Classifier
    MAILBOX_FULL("mailboxfull", false),
    FILTERED("filtered", false),
    EXPIRED("expired", false),
    REJECTED("rejected", false),
    BLOCKED("blocked", false),
    FEEDBACK("feedback", false),
    AUTH_FAILURE("authfailure", false),
    SUSPEND("suspend", false),
    NETWORK_ERROR("networkerror", false),
    REQUIRE_PTR("requireptr", false),
    POLICY_VIOLATION("policyviolation", false),
    SYSTEM_ERROR("systemerror", false),
    MAILER_ERROR("mailererror", false),
    SPAM_DETECTED("spamdetected", false),
    SECURITY_ERROR("securityerror", false),
    ON_HOLD("onhold", false),
    EXCEED_LIMIT("exceedlimit", false),
    NO_RELAYING("norelaying", false),
    NOT_COMPLIANT_RFC("notcompliantrfc", false),
    TOO_MANY_CONN("toomanyconn", false),
    VACATION("vacation", false),
    BAD_REPUTATION("badreputation", false),
    CONTENT_ERROR("contenterror", false),
    DELIVERED("delivered", false),
    MESG_TOO_BIG("mesgtoobig", false),
    SYNTAX_ERROR("syntaxerror", false),
    SPEEDING("speeding", false),
    SYSTEM_FULL("systemfull", false),
    UNDEFINED("undefined", false),
    FAILED_STARTTLS("failedstarttls", false),
    VIRUS_DETECTED("virusdetected", false);

    private static final Map<String, Reason> BY_WIRE = new HashMap<>();
    static {
        for (Reason r : values()) BY_WIRE.put(r.wire, r);
    }

    private final String wire;
    private final boolean hardByNature;

    Reason(String wire, boolean hardByNature) {
        this.wire = wire;
        this.hardByNature = hardByNature;
    }

    public String wireName() { return wire; }

    /** True for the reasons that make the address unusable whatever the status class. */
    public boolean hardByNature() { return hardByNature; }

    /** The reason with this wire name, or null. */
    public static Reason fromWire(String wire) {
        return BY_WIRE.get(wire);
    }

    /** The reason with this wire name; an unknown name is a bug in a table, so it throws. */
    public static Reason ofWire(String wire) {
        Reason r = BY_WIRE.get(wire);
        if (r == null) throw new IllegalArgumentException("unknown reason name '" + wire + "'");
        return r;
    }
}
