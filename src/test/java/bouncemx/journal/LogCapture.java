package bouncemx.journal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects what one class logs while open (logback). */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level before;

    LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        before = logger.getLevel();
        logger.setLevel(Level.INFO); // whatever the test logging configuration says, see INFO and up
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted messages logged at {@code level}. */
    List<String> at(Level level) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.setLevel(before);
        logger.detachAppender(appender);
        appender.stop();
    }
}
