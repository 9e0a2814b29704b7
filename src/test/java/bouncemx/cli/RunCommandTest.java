package bouncemx.cli;

import bouncemx.config.Config;
import bouncemx.testing.MemoryJournal;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunCommandTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final MemoryJournal journal = new MemoryJournal();

    private static Config listeningOn(String listen) {
        Config d = Config.defaults();
        Config.Smtp s = d.smtp();
        return new Config(new Config.Smtp(listen, s.hostname(), s.domains(), s.maxMessageBytes(), s.maxRecipients(),
                s.maxConnections(), s.maxConnectionsPerIp(), s.commandTimeout(), s.tls()), new Config.Http("127.0.0.1:0"),
                d.data(), d.journal(), d.webhooks());
    }

    private RunCommand command(Config config) {
        return new RunCommand(err, Clock.systemUTC(), (file, sets) -> config, (c, clock) -> journal, false);
    }

    @Test
    void runsTheDaemonUntilAskedToStopThenExitsZero() throws Exception {
        RunCommand run = command(listeningOn("127.0.0.1:0"));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return run.call();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        var address = run.awaitListening();
        try (SmtpClient c = new SmtpClient(address)) {
            c.begin("", "bounces@bounce.example.com");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
            c.expect("250 2.0.0");
            run.requestStop();
            assertTrue(c.closedByServer());
        }
        assertEquals(0, exit.get(20, TimeUnit.SECONDS));
        assertEquals(1, journal.records().size());
    }

    @Test
    void anAddressInUseIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = command(listeningOn("127.0.0.1:" + taken.getLocalPort())).call();
            assertEquals(2, code);
            String out = errBytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.startsWith("bouncemx: cannot listen for SMTP on 127.0.0.1:" + taken.getLocalPort()), out);
            assertEquals(1, out.lines().count(), out);
        }
    }

    @Test
    void passesConfigFileAndRepeatedSetsToTheLoader() throws Exception {
        List<Object> seen = new ArrayList<>();
        var run = new RunCommand(err, Clock.systemUTC(), (file, sets) -> {
            seen.add(file);
            seen.add(sets);
            throw new RunCommand.ConfigProblem("test.yml: smtp.listen: bad value");
        }, (c, clock) -> journal, false);
        int code = new CommandLine(run).execute("--config", "test.yml", "--set", "smtp.max_recipients=5",
                "--set", "smtp.domains=[bounce.example.com]");
        assertEquals(2, code);
        assertEquals(List.of(Path.of("test.yml"), List.of("smtp.max_recipients=5", "smtp.domains=[bounce.example.com]")), seen);
        assertEquals("bouncemx: test.yml: smtp.listen: bad value\n", errBytes.toString(StandardCharsets.UTF_8));
    }
}
