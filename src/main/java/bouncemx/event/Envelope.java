package bouncemx.event;

import java.util.List;

/** The SMTP envelope a message arrived with (absent for offline classification). Immutable. */
public record Envelope(String mailFrom, List<String> rcptTo, String clientIp, String helo) {
    public Envelope {
        mailFrom = mailFrom == null ? "" : mailFrom;
        rcptTo = List.copyOf(rcptTo);
        clientIp = clientIp == null ? "" : clientIp;
        helo = helo == null ? "" : helo;
    }
}
