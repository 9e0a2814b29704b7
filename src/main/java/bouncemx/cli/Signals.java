package bouncemx.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The daemon's POSIX signals: SIGTERM and SIGINT ask for a graceful stop, SIGHUP for a configuration reload.
 * Handling SIGTERM ourselves (instead of the JVM's default, which starts the shutdown hooks and ends the process
 * with status 143 whatever they do) lets the stop run on the main thread and end with {@code System.exit(0)}:
 * the exit status README.md promises and systemd reads as a clean stop. The handlers only hand the request on
 * (they run on the JVM's signal thread, which must not block). {@code sun.misc.Signal} is in the
 * {@code jdk.unsupported} module, present and warning-free on JDK 21-25.
 * <p>
 * A signal the JVM does not let us handle (SIGHUP when the process was started with it ignored, e.g. under
 * {@code nohup}; any of them under {@code -Xrs}) keeps its default behaviour and is named in one WARN line.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /** Runs {@code stop} on SIGTERM and SIGINT and {@code reload} on SIGHUP, each on the JVM's signal thread. */
    static void install(Runnable stop, Runnable reload) {
        handle("TERM", stop);
        handle("INT", stop);
        handle("HUP", reload);
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException e) { // in use by the JVM (-Xrs) or ignored by the parent (nohup)
            log.warn("cannot handle SIG{} ({}): it keeps its default behaviour", name, e.getMessage());
        }
    }
}
