package bouncemx.metrics;

/**
 * Every metric name, once (STYLE.md habit 12): lowercase, dotted, one prefix. Tags come from small fixed
 * sets (outcome, reason, dialect, code), never addresses, domains or ids. Prometheus sees them with
 * dots turned into underscores (bouncemx_smtp_messages_total).
 */
public final class MeterNames {
    private MeterNames() {}

    /** Counter: SMTP transactions by outcome (accepted, rejected, busy, journal_error, too_big). */
    public static final String SMTP_MESSAGES = "bouncemx.smtp.messages";
    /** Counter: SMTP replies by code class (2xx, 4xx, 5xx) and enhanced code. */
    public static final String SMTP_REPLIES = "bouncemx.smtp.replies";
    /** Gauge: open SMTP sessions. */
    public static final String SMTP_SESSIONS = "bouncemx.smtp.sessions";
    /** Gauge: messages waiting in the pipeline's hand-off queue. */
    public static final String PIPELINE_QUEUE_DEPTH = "bouncemx.pipeline.queue.depth";
    /** Timer: parse and classify of one message. */
    public static final String PIPELINE_DECODE = "bouncemx.pipeline.decode";
    /** Counter: events by type, reason and dialect. */
    public static final String EVENTS = "bouncemx.events";
    /** Timer: journal append, from hand-off to durable. */
    public static final String JOURNAL_APPEND = "bouncemx.journal.append";
    /** Gauge: 1 while the journal can append, 0 otherwise. */
    public static final String JOURNAL_HEALTHY = "bouncemx.journal.healthy";
}
