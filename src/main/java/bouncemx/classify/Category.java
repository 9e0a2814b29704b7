package bouncemx.classify;

/** The coarse outcome an event reports (DESIGN.md section 3), each with its wire name and event type. */
public enum Category {
    HARD("hard", "bounce.hard"),
    SOFT("soft", "bounce.soft"),
    DELAYED("delayed", "bounce.delayed"),
    COMPLAINT("complaint", "complaint"),
    AUTO_REPLY("auto_reply", "auto_reply"),
    SUCCESS("success", "delivery.success"),
    UNKNOWN("unknown", "message.unclassified");

    private final String wire;
    private final String eventType;

    Category(String wire, String eventType) {
        this.wire = wire;
        this.eventType = eventType;
    }

    public String wireName() { return wire; }

    public String eventType() { return eventType; }
}
