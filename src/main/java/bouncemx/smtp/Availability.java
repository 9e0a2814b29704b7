package bouncemx.smtp;

/**
 * What the SMTP edge asks the rest of the daemon before it takes on work; both answers must be cheap (a
 * volatile read: they are asked for every connection and every MAIL), see cli/RunCommand and
 * http/Readiness, which refresh them on a schedule.
 * <ul>
 *   <li>{@link #ready()} false: a new connection gets {@code 421 4.3.2 <hostname> Service not available, try
 *       later} instead of the greeting and is closed; sessions already open go on;</li>
 *   <li>{@link #storageLow()} true: MAIL FROM gets {@code 452 4.3.1 Insufficient system storage} (as Postfix's
 *       smtpd answers MAIL when its queue file system is under queue_minfree); a transaction already past
 *       MAIL is not cut.</li>
 * </ul>
 * The edge reports the connections it refuses to its {@link SmtpObserver} (metrics). Implementations are thread-safe.
 */
public interface Availability {

    boolean ready();

    boolean storageLow();

    /** Always ready, never short of storage (tests and tools without readiness checks). */
    Availability ALWAYS = new Availability() {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public boolean storageLow() {
            return false;
        }
    };
}
