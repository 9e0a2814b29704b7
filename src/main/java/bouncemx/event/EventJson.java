package bouncemx.event;

import bouncemx.classify.Classification;
import bouncemx.parse.OriginalMessage;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes events as JSON in the DESIGN.md section 3 format, with Jackson's streaming generator (no object
 * tree). Field order is fixed; empty optional sections are left out, required fields are always present
 * ("" when unknown). The diagnostic text is capped at {@link #MAX_DIAGNOSTIC_CHARS}. Thread-safe.
 */
public final class EventJson {
    public static final int MAX_DIAGNOSTIC_CHARS = 1024;

    private final JsonFactory factory = new JsonFactory();

    /** One event as one line of JSON (no trailing newline); {@code source} adds a top-level "source". */
    public byte[] toJson(Event e, String source) {
        var out = new ByteArrayOutputStream(1024);
        write(e, source, out);
        return out.toByteArray();
    }

    public void write(Event e, String source, OutputStream out) {
        try (Lines lines = lines(out)) {
            lines.write(e, source);
        }
    }

    /** A writer of one event per line onto {@code out}, reusing one generator (not thread-safe). */
    public Lines lines(OutputStream out) {
        try {
            JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            return new Lines(g);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Events as JSON lines on one stream; {@link #close()} flushes (the stream itself stays open). */
    public static final class Lines implements AutoCloseable {
        private final JsonGenerator g;

        private Lines(JsonGenerator g) { this.g = g; }

        /** One event, then a newline when {@code newline}. */
        public void write(Event e, String source, boolean newline) {
            try {
                EventJson.write(e, source, g);
                if (newline) g.writeRaw('\n');
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }

        public void write(Event e, String source) { write(e, source, false); }

        @Override
        public void close() {
            try {
                g.close();
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
    }

    private static void write(Event e, String source, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", e.type());
        String timestamp = InstantText.of(e.timestamp());
        g.writeStringField("timestamp", timestamp);
        if (source != null) g.writeStringField("source", source);
        g.writeObjectFieldStart("data");
        g.writeStringField("id", e.id());
        if (e.journalSeq() != null) g.writeNumberField("journal_seq", e.journalSeq());
        // offline (classify) both are the same instant: formatted once (~1% of classify's CPU each)
        g.writeStringField("received_at", e.receivedAt().equals(e.timestamp()) ? timestamp : InstantText.of(e.receivedAt()));

        RecipientStatus r = e.recipient();
        g.writeObjectFieldStart("recipient");
        g.writeStringField("address", e.recipientAddress());
        g.writeStringField("source", e.recipientSource());
        if (r != null && !r.address().equals(e.recipientAddress()) && !r.address().isEmpty()) {
            g.writeStringField("reported", r.address());
        }
        if (r != null && !r.originalRecipient().isEmpty()) g.writeStringField("original", r.originalRecipient());
        g.writeEndObject();

        Classification c = e.classification();
        g.writeObjectFieldStart("classification");
        g.writeStringField("category", e.category().wireName());
        g.writeStringField("reason", (c == null ? Reason.UNDEFINED : c.reason()).wireName());
        g.writeBooleanField("hard", c != null && c.hard());
        g.writeBooleanField("permanent", c != null && c.permanent());
        g.writeStringField("rule", c == null ? "none" : c.rule());
        g.writeEndObject();

        g.writeObjectFieldStart("diagnostics");
        g.writeStringField("action", r == null ? "" : r.action());
        g.writeStringField("status", c == null ? "" : c.status());
        if (c != null && c.statusDerived()) g.writeBooleanField("status_derived", true);
        g.writeStringField("reply_code", c == null ? "" : c.replyCode());
        String text = r == null ? "" : r.diagnosticText();
        if (text.length() > MAX_DIAGNOSTIC_CHARS) text = text.substring(0, MAX_DIAGNOSTIC_CHARS);
        g.writeStringField("diagnostic_text", text);
        if (r != null && !r.diagnosticType().isEmpty()) g.writeStringField("diagnostic_type", r.diagnosticType());
        g.writeStringField("remote_mta", r == null ? "" : r.remoteMta());
        Report rep = e.report();
        String reporting = r != null && !r.reportingMta().isEmpty() ? r.reportingMta() : rep == null ? "" : rep.reportingMta();
        g.writeStringField("reporting_mta", reporting);
        if (r != null) {
            optional(g, "smtp_command", r.command());
            optional(g, "last_attempt_date", r.lastAttemptDate());
            optional(g, "will_retry_until", r.willRetryUntil());
            optional(g, "feedback_type", r.feedbackType());
            optional(g, "source_ip", r.sourceIp());
        }
        if (rep != null) {
            optional(g, "arrival_date", rep.arrivalDate());
            optional(g, "original_envelope_id", rep.originalEnvelopeId());
        }
        g.writeEndObject();

        OriginalMessage o = e.original();
        if (o != null && !o.isEmpty()) {
            g.writeObjectFieldStart("original");
            g.writeStringField("message_id", o.messageId());
            g.writeStringField("subject", o.subject());
            optional(g, "from", o.from());
            optional(g, "to", o.to());
            optional(g, "list_id", o.listId());
            optional(g, "feedback_id", o.feedbackId());
            if (!o.extra().isEmpty()) {
                g.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> h : o.extra().entrySet()) g.writeStringField(h.getKey(), h.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
        }

        if (e.verp() != null) {
            g.writeObjectFieldStart("verp");
            g.writeStringField("address", e.verp().address());
            g.writeStringField("prefix", e.verp().prefix());
            g.writeStringField("recipient", e.verp().recipient());
            var check = e.verp().signature();
            var parts = check == null ? bouncemx.verp.SignedVerp.parse(e.verp().address())
                    : switch (check) {
                        case bouncemx.verp.VerpCheck.Valid v -> v.parts();
                        case bouncemx.verp.VerpCheck.Invalid i -> i.parts();
                    };
            g.writeStringField("signature", parts == null ? "none" : check == null ? "unchecked" : check.valid() ? "valid" : "invalid");
            if (check != null) g.writeBooleanField("valid", check.valid());
            if (parts != null) {
                g.writeStringField("key_id", parts.keyId());
                g.writeStringField("ref", parts.ref());
                g.writeStringField("issued", parts.issued().toString());
            }
            if (check instanceof bouncemx.verp.VerpCheck.Invalid i) g.writeStringField("problem", i.problem());
            g.writeEndObject();
        }

        g.writeObjectFieldStart("parser");
        g.writeStringField("decoded_by", e.decodedBy());
        if (e.truncated()) g.writeBooleanField("truncated", true);
        optional(g, "error", e.parserError());
        g.writeEndObject();

        if (e.envelope() != null) {
            Envelope env = e.envelope();
            g.writeObjectFieldStart("envelope");
            g.writeStringField("mail_from", env.mailFrom());
            g.writeArrayFieldStart("rcpt_to");
            for (String rcpt : env.rcptTo()) g.writeString(rcpt);
            g.writeEndArray();
            g.writeStringField("client_ip", env.clientIp());
            g.writeStringField("helo", env.helo());
            g.writeEndObject();
        }

        g.writeObjectFieldStart("raw");
        g.writeStringField("sha256", e.rawSha256());
        g.writeNumberField("size_bytes", e.rawSizeBytes());
        g.writeEndObject();

        g.writeEndObject(); // data
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) g.writeStringField(name, value);
    }
}
