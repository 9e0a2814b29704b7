package bouncemx.parse;

import java.util.Map;

/**
 * The headers of the returned original message that senders correlate on. Strings are "" when absent.
 *
 * @param extra the configured extra headers that were present, lowercased name to decoded value
 */
public record OriginalMessage(String messageId, String subject, String from, String to, String listId,
                              String feedbackId, Map<String, String> extra) {
    public static final OriginalMessage NONE = new OriginalMessage("", "", "", "", "", "", Map.of());

    public OriginalMessage {
        messageId = messageId == null ? "" : messageId;
        subject = subject == null ? "" : subject;
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        listId = listId == null ? "" : listId;
        feedbackId = feedbackId == null ? "" : feedbackId;
        extra = Map.copyOf(extra);
    }

    public boolean isEmpty() {
        return messageId.isEmpty() && subject.isEmpty() && from.isEmpty() && to.isEmpty();
    }
}
