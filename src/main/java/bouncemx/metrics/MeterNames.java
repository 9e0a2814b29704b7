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
    /** Counter: RCPT refused with 550 5.7.1 for a missing, wrong or expired signed-VERP signature, by problem. */
    public static final String SMTP_VERP_REFUSED = "bouncemx.smtp.verp.refused";
    /** Tag: a signed-VERP problem (not_signed, unknown_key, bad_signature, expired, issued_in_the_future). */
    public static final String TAG_PROBLEM = "problem";
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

    /** Counter: webhook delivery attempts by endpoint and outcome (ok, retry, dead_letter, gone). */
    public static final String WEBHOOK_DELIVERIES = "bouncemx.webhook.deliveries";
    /** Timer (histogram): one webhook request, from send to the reply (or failure), by endpoint. */
    public static final String WEBHOOK_REQUEST = "bouncemx.webhook.request";
    /** Gauge: journal records not yet acknowledged by the endpoint (the journal's last sequence number minus its cursor). */
    public static final String WEBHOOK_BACKLOG = "bouncemx.webhook.backlog.records";
    /** Gauge (seconds): age of the oldest journal record the endpoint has not acknowledged; 0 when caught up. */
    public static final String WEBHOOK_OLDEST_PENDING_AGE = "bouncemx.webhook.oldest.pending.age";
    /** Gauge: events in the endpoint's dead-letter list. */
    public static final String WEBHOOK_DEAD_LETTERS = "bouncemx.webhook.dead.letters";
    /** Gauge: 1 while the endpoint is disabled (a 410 Gone), else 0. */
    public static final String WEBHOOK_DISABLED = "bouncemx.webhook.disabled";
    /** Gauge: 1 while journal retention is about to delete records the endpoint has not acknowledged, else 0. */
    public static final String WEBHOOK_RETENTION_AT_RISK = "bouncemx.webhook.retention.at.risk";
    /** Tag: the endpoint's configured name. */
    public static final String TAG_ENDPOINT = "endpoint";
    /** Counter: configuration reloads (SIGHUP), tagged {@link #TAG_RELOAD_OUTCOME} = ok | refused. */
    public static final String CONFIG_RELOADS = "bouncemx.config.reloads";
    /** Tag: how a configuration reload ended: ok (applied) or refused (the old configuration stays). */
    public static final String TAG_RELOAD_OUTCOME = "outcome";
}
