package bouncemx.health;

import bouncemx.http.HttpServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness verdict, the disk reserve and the real DiskSpace, without a daemon (cli/ReadinessTest has one). */
class ReadinessTest {

    @Test
    void aReserveOfZeroIsOffAndAnUnreadableFigureFailsTheCheckWithoutRefusingMail() {
        var off = new DiskReserve(dir -> 0, Path.of("."), 0);
        off.refresh();
        assertTrue(off.state().ok());
        assertFalse(off.low());

        var broken = new DiskReserve(dir -> {
            throw new IOException("no such file store");
        }, Path.of("/nowhere"), 1_000);
        broken.refresh();
        assertFalse(broken.state().ok());
        assertEquals(-1L, broken.state().details().get("free_bytes"));
        assertTrue(((String) broken.state().details().get("detail")).contains("no such file store"));
        assertFalse(broken.low(), "the journal's own no-space path answers for a disk that is really full");
    }

    @Test
    void theRealFileStoreIsAskedAtMostOncePerSecondAndForAMissingDirectoryItsParent(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        var calls = new AtomicInteger();
        DiskSpace counted = DiskSpace.cached(d -> calls.incrementAndGet(), Duration.ofSeconds(1));
        assertEquals(1, counted.usableBytes(dir));
        assertEquals(1, counted.usableBytes(dir), "cached");
        assertEquals(2, counted.usableBytes(dir.resolve("other")), "another directory is asked");
        long real = DiskSpace.fileStore().usableBytes(dir.resolve("not/yet/created"));
        assertTrue(real > 0, "free space of the nearest existing parent: " + real);
    }

    @Test
    void theVerdictIsKeptBetweenRefreshesAndLoggedOncePerChange() {
        var free = new AtomicLong(2_000);
        var journal = new AtomicBoolean(true);
        var asked = new AtomicInteger();
        var reserve = new DiskReserve(dir -> {
            asked.incrementAndGet();
            return free.get();
        }, Path.of("."), 1_000);
        var logger = (Logger) LoggerFactory.getLogger(Readiness.class);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false); // the expected WARN goes to the list, not to the test output
        try (var r = new Readiness(List.of(new HttpServer.Check("journal", journal::get),
                new HttpServer.Check("disk", reserve::state)), reserve, List.of())) {
            assertFalse(r.ready(), "not ready before the first evaluation");
            assertTrue(r.refresh());
            assertTrue(r.ready());
            assertFalse(r.storageLow());

            free.set(999);
            journal.set(false);
            int asks = asked.get();
            assertTrue(r.ready(), "the edge reads the last verdict: no check and no disk stat per connection");
            assertFalse(r.storageLow());
            assertEquals(asks, asked.get());

            assertFalse(r.refresh());
            assertFalse(r.ready());
            assertTrue(r.storageLow(), "under the reserve: MAIL gets 452 4.3.1");
            assertFalse(r.refresh());

            free.set(1_000); // at the reserve is enough
            journal.set(true);
            assertTrue(r.refresh());
            assertFalse(r.storageLow());
            List<String> lines = appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
            assertEquals(List.of("WARN not ready: journal, disk failing; new SMTP connections get 421 4.3.2 (see /readyz)",
                    "INFO ready again; SMTP greets new connections"), lines);
        } finally {
            logger.setLevel(before);
            logger.setAdditive(true);
            logger.detachAppender(appender);
        }
    }
}
