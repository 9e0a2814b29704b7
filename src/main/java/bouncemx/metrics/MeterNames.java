package bouncemx.metrics;

/**
 * Every metric name, once (STYLE.md habit 12): lowercase, dotted, one prefix. Tags come from small fixed
 * sets (outcome, reason, dialect, code), never addresses, domains or ids. Prometheus sees them with
 * dots turned into underscores, the base unit appended and counters ending in {@code _total}
 * (bouncemx_smtp_messages_total, bouncemx_journal_append_seconds, bouncemx_smtp_message_size_bytes).
 * README.md "Metrics" lists each with its labels; conf/grafana-dashboard.json and conf/prometheus-alerts.yml
 * use them (MetricsIT checks that every name they use is exported).
 */
public final class MeterNames {
    private MeterNames() {}

    // ---- SMTP edge

    /** Counter: SMTP transactions by outcome (accepted, busy, journal_error, no_space, failed). */
    public static final String SMTP_MESSAGES = "bouncemx.smtp.messages";
    /** Counter (bytes): size of the messages stored (outcome accepted). */
    public static final String SMTP_RECEIVED_BYTES = "bouncemx.smtp.received";
    /** Distribution (bytes): size of every message handed to the pipeline, whatever its outcome. */
    public static final String SMTP_MESSAGE_SIZE = "bouncemx.smtp.message.size";
    /** Counter: SMTP replies by command ({@link #TAG_COMMAND}) and class ({@link #TAG_CLASS}). */
    public static final String SMTP_REPLIES = "bouncemx.smtp.replies";
    /** Gauge: open SMTP sessions. */
    public static final String SMTP_SESSIONS = "bouncemx.smtp.sessions";
    /** Counter: SMTP connections admitted (greeted with 220). */
    public static final String SMTP_CONNECTIONS = "bouncemx.smtp.connections";
    /** Counter: SMTP connections refused before the greeting, by {@link #TAG_CAUSE} (limit, per_ip, not_ready). */
    public static final String SMTP_CONNECTIONS_REFUSED = "bouncemx.smtp.connections.refused";
    /** Counter: RCPT refused, by {@link #TAG_CAUSE} (relay, limit, signature, syntax). */
    public static final String SMTP_RECIPIENTS_REFUSED = "bouncemx.smtp.recipients.refused";
    /** Counter: RCPT refused with 550 5.7.1 for a missing, wrong or expired signed-VERP signature, by problem. */
    public static final String SMTP_VERP_REFUSED = "bouncemx.smtp.verp.refused";
    /** Tag: a signed-VERP problem (not_signed, unknown_key, bad_signature, expired, issued_in_the_future). */
    public static final String TAG_PROBLEM = "problem";
    /** Tag: the SMTP command a reply answers (a fixed set: {@code smtp.SmtpCommand}). */
    public static final String TAG_COMMAND = "command";
    /** Tag: a reply's class: 2xx, 3xx, 4xx, 5xx. */
    public static final String TAG_CLASS = "class";
    /** Tag: why something was refused or changed, from a fixed set per metric. */
    public static final String TAG_CAUSE = "cause";
    /** Tag: an outcome, from a fixed set per metric. */
    public static final String TAG_OUTCOME = "outcome";

    // ---- pipeline and events

    /** Gauge: messages waiting in the pipeline's hand-off queue. */
    public static final String PIPELINE_QUEUE_DEPTH = "bouncemx.pipeline.queue.depth";
    /** Timer (histogram): parse and classify of one message. */
    public static final String PIPELINE_DECODE = "bouncemx.pipeline.decode";
    /** Timer (histogram): one message from hand-off to durable acknowledgement (queue, decode, journal). */
    public static final String PIPELINE_ACK = "bouncemx.pipeline.ack";
    /** Counter: events stored, by type, category and reason (the event format's fixed vocabularies). */
    public static final String EVENTS = "bouncemx.events";
    /**
     * Counter: events stored that nothing classified (category unknown or reason undefined; message.unclassified
     * included). Over {@link #EVENTS} it is the unclassified share.
     */
    public static final String EVENTS_UNCLASSIFIED = "bouncemx.events.unclassified";
    /** Tag: an event type (DESIGN.md section 3). */
    public static final String TAG_TYPE = "type";
    /** Tag: an event's classification category. */
    public static final String TAG_CATEGORY = "category";
    /** Tag: an event's reason (the wire names of {@code reason.Reason}). */
    public static final String TAG_REASON = "reason";

    // ---- journal

    /** Timer (histogram): one journal append, from the call to durable (queue, write, fsync). */
    public static final String JOURNAL_APPEND = "bouncemx.journal.append";
    /** Counter: journal appends that failed, by {@link #TAG_CAUSE} (no_space, io, busy, expired, closed). */
    public static final String JOURNAL_ERRORS = "bouncemx.journal.errors";
    /** Distribution (records): records made durable by one write+fsync (group commit). */
    public static final String JOURNAL_FSYNC_BATCH = "bouncemx.journal.fsync.batch";
    /** Timer (histogram): one write+fsync of a batch. */
    public static final String JOURNAL_FSYNC = "bouncemx.journal.fsync";
    /** Gauge (bytes): size of the journal's segment files. */
    public static final String JOURNAL_SIZE = "bouncemx.journal.size";
    /** Gauge: journal segment files. */
    public static final String JOURNAL_SEGMENTS = "bouncemx.journal.segments";
    /** Gauge: 1 while the journal can append, 0 otherwise. */
    public static final String JOURNAL_HEALTHY = "bouncemx.journal.healthy";

    // ---- disk, build

    /** Gauge (bytes): usable space of the file store holding data.dir. */
    public static final String DATA_FREE = "bouncemx.data.free";
    /** Gauge (bytes): the reserve below which SMTP refuses mail (data.min_free_bytes). */
    public static final String DATA_MIN_FREE = "bouncemx.data.min.free";
    /** Gauge: 1, tagged with the version and the JDK that runs it. */
    public static final String BUILD_INFO = "bouncemx.build.info";

    // ---- consumers

    /** Gauge: journal records a consumer has not applied yet, by {@link #TAG_CONSUMER}. */
    public static final String CONSUMER_LAG = "bouncemx.consumer.lag.records";
    /** Tag: a journal consumer: a webhook endpoint's configured name, or "suppression". */
    public static final String TAG_CONSUMER = "consumer";
    /** The {@link #TAG_CONSUMER} value of the suppression state. */
    public static final String CONSUMER_SUPPRESSION = "suppression";

    // ---- suppression

    /** Counter: suppression changes applied, by {@link #TAG_CAUSE} (hard_bounce, complaint, soft_bounces, manual, manual_lift, delivery_success). */
    public static final String SUPPRESSION_CHANGES = "bouncemx.suppression.changes";

    // ---- webhooks

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
