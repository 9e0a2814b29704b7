package bouncemx.daemon;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounces from a real MTA, generated live: a private Postfix instance (Debian's {@code postfix} package,
 * run with its own configuration directory, queue, data directory and log under a temporary directory, no
 * chroot, loopback only, never /etc/postfix's configuration nor port 25) relays one newsletter message per
 * case to a scripted SMTP server written here, which refuses recipients and DATA with the replies real
 * servers write; Postfix's own non-delivery, expiry and delivery-status notices go to a VERP return path
 * whose domain Postfix routes (transport_maps) to the bouncemx daemon started from the packaged jar. For
 * each case the daemon's journal must hold one event with the recipient (read from the VERP address), the
 * reason, the hard flag, the status and the original Message-ID.
 *
 * <p>Greylisting is tried once with {@code maximal_queue_lifetime = 0}, so Postfix returns the message at
 * once ("status=expired, returned to sender") with the server's 4.2.0, as it does after five days in
 * production. Postfix's master must start as root (it switches to {@code mail_owner}); where Postfix is not
 * installed or the test does not run as root, the test is skipped and says why (.ci/run installs the
 * package when it can). Everything it started is stopped when it ends: {@code postfix stop}, then any
 * process left that carries this instance's MAIL_CONFIG, then the daemon.
 */
class PostfixBouncesIT {
    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path SENDMAIL = Path.of("/usr/sbin/sendmail");
    /** The package's own lists of files and map types, copied so that the instance reads nothing in /etc/postfix. */
    private static final Path PACKAGE_META = Path.of("/etc/postfix");
    private static final String BOUNCE_DOMAIN = "bounce.sender-test.example";
    private static final String RCPT_DOMAIN = "customer-test.example";
    private static final Duration DEADLINE = Duration.ofSeconds(45);

    /**
     * One recipient: its local part, the SMTP stage the scripted server refuses at ("" = accept), the reply
     * it gives there (lines joined by \n for a multi-line reply), the sendmail -N notify option, and what the
     * event must say.
     */
    record Case(String local, String stage, String reply, String dsnNotify,
                String type, String reason, boolean hard, String status) {
        String address() { return local + "@" + RCPT_DOMAIN; }
        String verp() { return "news+" + local + "=" + RCPT_DOMAIN + "@" + BOUNCE_DOMAIN; }
        String messageId() { return "<issue-12." + local + "@sender-test.example>"; }
    }

    // The replies as the servers write them: Postfix's virtual table (user unknown), Dovecot's quota
    // (mailbox full), Gmail's disabled account (a multi-line reply), Postfix's reject_rbl_client text
    // (RBL block), amavisd-new's content filter after DATA, postgrey (greylisting), and an accepting server.
    static final List<Case> CASES = List.of(
            new Case("unknown", "RCPT", "550 5.1.1 <unknown@" + RCPT_DOMAIN + ">: Recipient address rejected: User unknown in virtual mailbox table",
                    "failure", "bounce.hard", "userunknown", true, "5.1.1"),
            new Case("full", "RCPT", "552 5.2.2 <full@" + RCPT_DOMAIN + "> Quota exceeded (mailbox for user is full)",
                    "failure", "bounce.soft", "mailboxfull", false, "5.2.2"),
            new Case("disabled", "RCPT", "550-5.2.1 The email account that you tried to reach is disabled. Learn more at\n"
                    + "550 5.2.1  https://support.google.com/mail/?p=DisabledUser a1-20020a170906 - gsmtp",
                    "failure", "bounce.soft", "suspend", false, "5.2.1"),
            new Case("listed", "RCPT", "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; "
                    + "https://www.spamhaus.org/query/ip/127.0.0.1",
                    "failure", "bounce.soft", "blocked", false, "5.7.1"),
            new Case("filtered", "DATA", "554 5.7.0 Reject, id=31416-07 - spam",
                    "failure", "bounce.soft", "spamdetected", false, "5.7.0"),
            new Case("grey", "RCPT", "450 4.2.0 <grey@" + RCPT_DOMAIN + ">: Recipient address rejected: Greylisted, see "
                    + "http://postgrey.schweikert.ch/help/" + RCPT_DOMAIN + ".html",
                    "failure", "bounce.soft", "blocked", false, "4.2.0"),
            new Case("happy", "", "", "success", "delivery.success", "delivered", false, "2.0.0"));

    private Path dir;
    private Path config;
    private bouncemx.testing.DaemonProcess daemon;
    private ScriptedServer remote;

    @BeforeAll
    static void postfixIsAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(POSTFIX) && Files.isExecutable(SENDMAIL),
                "Postfix is not installed (Debian package 'postfix'; .ci/run installs it when run as root with apt-get)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "a private Postfix instance needs root: its master starts as root and switches to user postfix");
        Assumptions.assumeTrue(Files.isRegularFile(PACKAGE_META.resolve("postfix-files")),
                "the postfix package's meta files are missing: " + PACKAGE_META.resolve("postfix-files"));
        try {
            UserPrincipalLookupService users = Path.of("/").getFileSystem().getUserPrincipalLookupService();
            users.lookupPrincipalByName("postfix");
            users.lookupPrincipalByGroupName("postdrop");
        } catch (IOException e) {
            Assumptions.abort("user postfix or group postdrop is missing (the postfix package creates them): " + e);
        }
    }

    @Test
    void postfixsOwnNoticesAreDecodedAndClassifiedForEveryCase() throws Exception {
        dir = Files.createTempDirectory("bouncemx-postfix-it");
        // the postfix user must reach the queue and data directories below
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(dir.resolve("bouncemx"));
        daemon = DaemonCrashIT.start(data);
        remote = new ScriptedServer(CASES);
        config = writeConfig(dir, remote.port(), daemon.smtp().getPort());
        run(List.of(POSTFIX.toString(), "-c", config.toString(), "check"));
        run(List.of(POSTFIX.toString(), "-c", config.toString(), "start"));

        for (Case c : CASES) {
            String msg = "From: Sender News <news@sender-test.example>\r\nTo: " + c.address() + "\r\n"
                    + "Subject: December news\r\nMessage-ID: " + c.messageId() + "\r\n"
                    + "Date: Wed, 02 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello " + c.local() + ", here is the news.\r\n";
            run(List.of(SENDMAIL.toString(), "-C", config.toString(), "-f", c.verp(), "-N", c.dsnNotify(), "-i", c.address()), msg);
        }

        Map<String, JsonNode> byRecipient = awaitEvents(data, CASES.size());
        List<String> wrong = new ArrayList<>();
        for (Case c : CASES) {
            JsonNode e = byRecipient.get(c.address());
            assertNotNull(e, "no event for " + c.address() + "; events: " + byRecipient.keySet() + "\n" + postfixLog());
            JsonNode d = e.get("data");
            System.out.printf("[postfix] %-9s %-16s %-12s hard=%-5s status=%s rule=%s by=%s%n", c.local(), e.get("type").asText(),
                    d.at("/classification/reason").asText(), d.at("/classification/hard").asText(),
                    d.at("/diagnostics/status").asText(), d.at("/classification/rule").asText(), d.at("/parser/decoded_by").asText());
            check(wrong, c, "recipient.source", "verp", d.at("/recipient/source").asText());
            check(wrong, c, "type", c.type(), e.get("type").asText());
            check(wrong, c, "reason", c.reason(), d.at("/classification/reason").asText());
            check(wrong, c, "hard", String.valueOf(c.hard()), d.at("/classification/hard").asText());
            check(wrong, c, "status", c.status(), d.at("/diagnostics/status").asText());
            check(wrong, c, "original.message_id", c.messageId(), d.at("/original/message_id").asText());
            check(wrong, c, "parser.decoded_by", "postfix|rfc3464", d.at("/parser/decoded_by").asText());
            if (c.local().equals("grey")) {
                check(wrong, c, "rule", "greylisting:greylist", d.at("/classification/rule").asText());
                check(wrong, c, "action", "failed", d.at("/diagnostics/action").asText());
                check(wrong, c, "permanent", "false", d.at("/classification/permanent").asText());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong) + "\n" + postfixLog());
        System.out.printf("[postfix] %d cases, all notices decoded by the daemon%n", CASES.size());
    }

    private static void check(List<String> wrong, Case c, String field, String want, String got) {
        boolean ok = want.contains("|") ? List.of(want.split("\\|")).contains(got) : want.equals(got);
        if (!ok) wrong.add(c.address() + ": " + field + " want " + want + " got " + got);
    }

    /** Reads the daemon's journal until it holds {@code n} recipient events, keyed by recipient address. */
    private Map<String, JsonNode> awaitEvents(Path data, int n) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, JsonNode> out = new HashMap<>();
        while (System.nanoTime() < deadline) {
            out.clear();
            if (Files.isDirectory(data.resolve("journal"))) {
                try (var r = new JournalReader(data.resolve("journal"), 1)) {
                    for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                        JournalEntry entry = JournalEntry.decode(rec.get().payload());
                        for (int i = 0; i < entry.events().size(); i++) {
                            JsonNode e = json.readTree(entry.eventJson(i));
                            // the suppression state journals its own suppression.changed records, about an
                            // address, not a message: counting them ended the wait before the last notice came
                            if (e.path("type").asText().startsWith("suppression.")) continue;
                            String rcpt = e.at("/data/recipient/address").asText().toLowerCase(Locale.ROOT);
                            out.put(rcpt, e);
                            capture(rcpt, entry.raw());
                        }
                    }
                }
            }
            if (out.size() >= n) return out;
            Thread.sleep(200);
        }
        return out;
    }

    /**
     * With -Dbouncemx.postfix.capture=DIR, writes each notice as Postfix sent it to DIR/LOCALPART.eml: how
     * the fixtures under src/test/resources/dialects/postfix/live-* were made.
     */
    private static void capture(String recipient, byte[] raw) throws IOException {
        String to = System.getProperty("bouncemx.postfix.capture", "");
        if (to.isEmpty() || recipient.indexOf('@') < 0) return;
        Files.createDirectories(Path.of(to));
        Files.write(Path.of(to, recipient.substring(0, recipient.indexOf('@')) + ".eml"), raw);
    }

    /** main.cf and master.cf of the private instance; returns its configuration directory. */
    private static Path writeConfig(Path dir, int remotePort, int daemonPort) throws IOException {
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Path queue = Files.createDirectory(dir.resolve("queue"));
        Path pfData = Files.createDirectory(dir.resolve("data"));
        Path log = Files.createDirectory(dir.resolve("log"));
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(pfData, users.lookupPrincipalByName("postfix"));       // postfix checks and writes it as mail_owner
        for (String f : List.of("postfix-files", "dynamicmaps.cf")) {
            Files.copy(PACKAGE_META.resolve(f), etc.resolve(f));
        }
        Files.createDirectory(etc.resolve("postfix-files.d"));
        Files.createDirectory(etc.resolve("dynamicmaps.cf.d"));
        Files.writeString(etc.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + pfData,
                "meta_directory = " + etc,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "maillog_file_prefixes = " + log,
                "maillog_file = " + log.resolve("postfix.log"),
                "myhostname = mta.sender-test.example",
                "mydomain = sender-test.example",
                "myorigin = $mydomain",
                "mydestination =",
                "inet_interfaces = loopback-only",
                "inet_protocols = ipv4",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject",
                "alias_maps =",
                "alias_database =",
                "notify_classes =",
                "biff = no",
                // every recipient goes to the scripted server, the notices for the VERP domain to bouncemx
                "relayhost = [127.0.0.1]:" + remotePort,
                "transport_maps = inline:{ " + BOUNCE_DOMAIN + "=smtp:[127.0.0.1]:" + daemonPort + " }",
                "smtp_tls_security_level = none",
                "smtpd_tls_security_level = none",
                "smtp_helo_name = mta.sender-test.example",
                // one attempt: a temporary refusal is returned to the sender at once (postconf(5): "Specify 0
                // when mail delivery should be tried only once")
                "maximal_queue_lifetime = 0",
                "bounce_queue_lifetime = 0",
                "") + "\n");
        // no inet listener: mail comes in by sendmail/postdrop; no chroot (column 5 "n")
        Files.writeString(etc.resolve("master.cf"), String.join("\n",
                "pickup    unix  n       -       n       60      1       pickup",
                "cleanup   unix  n       -       n       -       0       cleanup",
                "qmgr      unix  n       -       n       300     1       qmgr",
                "rewrite   unix  -       -       n       -       -       trivial-rewrite",
                "bounce    unix  -       -       n       -       0       bounce",
                "defer     unix  -       -       n       -       0       bounce",
                "trace     unix  -       -       n       -       0       bounce",
                "verify    unix  -       -       n       -       1       verify",
                "flush     unix  n       -       n       1000?   0       flush",
                "proxymap  unix  -       -       n       -       -       proxymap",
                "smtp      unix  -       -       n       -       -       smtp",
                "relay     unix  -       -       n       -       -       smtp",
                "showq     unix  n       -       n       -       -       showq",
                "error     unix  -       -       n       -       -       error",
                "retry     unix  -       -       n       -       -       error",
                "discard   unix  -       -       n       -       -       discard",
                "anvil     unix  -       -       n       -       1       anvil",
                "scache    unix  -       -       n       -       1       scache",
                "postlog   unix-dgram n  -       n       -       1       postlogd",
                "") + "\n");
        return etc;
    }

    private String postfixLog() {
        try {
            Path log = dir.resolve("log/postfix.log");
            return Files.isRegularFile(log) ? "postfix log:\n" + Files.readString(log) : "(no postfix log)";
        } catch (IOException e) {
            return "(postfix log unreadable: " + e + ")";
        }
    }

    private static void run(List<String> command) throws Exception {
        run(command, null);
    }

    /** Runs a command with a deadline; fails with its output when it fails. */
    private static void run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            }
        } else {
            p.getOutputStream().close();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timed out: " + command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + " failed: " + out);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (config != null) {
            try {
                Process stop = new ProcessBuilder(POSTFIX.toString(), "-c", config.toString(), "stop")
                        .redirectErrorStream(true).start();
                stop.getOutputStream().close();
                stop.waitFor(30, TimeUnit.SECONDS);
            } finally {
                killLeftovers(config);
            }
        }
        if (remote != null) remote.close();
        if (daemon != null) {
            daemon.process().destroy();
            if (!daemon.process().waitFor(30, TimeUnit.SECONDS)) daemon.process().destroyForcibly();
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Kills, by pid, every live process whose environment names this instance's configuration directory
     * (postfix(1) exports MAIL_CONFIG to the master and every service it starts): only what this test started.
     */
    private static void killLeftovers(Path config) throws InterruptedException {
        byte[] mark = ("MAIL_CONFIG=" + config).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<ProcessHandle> left = ProcessHandle.allProcesses().filter(ph -> running(ph.pid()) && carries(ph.pid(), mark)).toList();
            if (left.isEmpty()) return;
            if (System.nanoTime() > deadline) {
                left.forEach(ProcessHandle::destroyForcibly);
                return;
            }
            left.forEach(ProcessHandle::destroy);
            Thread.sleep(200);
        }
    }

    /** True unless the process is gone or a zombie (dead, waiting for a parent that is not ours to reap it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean carries(long pid, byte[] mark) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
            outer:
            for (int i = 0; i + mark.length <= env.length; i++) {
                if (i > 0 && env[i - 1] != 0) continue;
                for (int k = 0; k < mark.length; k++) if (env[i + k] != mark[k]) continue outer;
                return i + mark.length == env.length || env[i + mark.length] == 0;
            }
            return false;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * The remote MX: a line-at-a-time SMTP server (no PIPELINING, no DSN, so Postfix speaks plainly and
     * writes the success notice itself) that answers RCPT or end of DATA from the script for the recipient's
     * local part and accepts everything else. One thread per connection; closed at the end of the test.
     */
    static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Map<String, Case> byLocal = new HashMap<>();
        private final Thread acceptor;

        ScriptedServer(List<Case> cases) throws IOException {
            for (Case c : cases) byLocal.put(c.local(), c);
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofPlatform().daemon().name("scripted-mx").start(this::acceptLoop);
        }

        int port() { return socket.getLocalPort(); }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread.ofPlatform().daemon().name("scripted-mx-session").start(() -> session(s));
                } catch (IOException e) {
                    return;                                      // closed: the test is over
                }
            }
        }

        private void session(Socket s) {
            try (s; var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 var out = s.getOutputStream()) {
                s.setSoTimeout(20_000);
                reply(out, "220 mx." + RCPT_DOMAIN + " ESMTP scripted");
                Case accepted = null;
                for (String line; (line = in.readLine()) != null; ) {
                    String upper = line.toUpperCase(Locale.ROOT);
                    if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                        reply(out, "250-mx." + RCPT_DOMAIN + "\n250 8BITMIME");
                    } else if (upper.startsWith("MAIL FROM:")) {
                        accepted = null;
                        reply(out, "250 2.1.0 Ok");
                    } else if (upper.startsWith("RCPT TO:")) {
                        String local = line.substring(line.indexOf('<') + 1, line.indexOf('@')).toLowerCase(Locale.ROOT);
                        Case c = byLocal.get(local);
                        if (c != null && c.stage().equals("RCPT")) {
                            reply(out, c.reply());
                        } else {
                            accepted = c;
                            reply(out, "250 2.1.5 Ok");
                        }
                    } else if (upper.equals("DATA")) {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        for (String d; (d = in.readLine()) != null && !d.equals("."); ) { /* the message */ }
                        if (accepted != null && accepted.stage().equals("DATA")) reply(out, accepted.reply());
                        else reply(out, "250 2.0.0 Ok: queued as 4F2A9C");
                    } else if (upper.equals("QUIT")) {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                        reply(out, "250 2.0.0 Ok");
                    } else {
                        reply(out, "502 5.5.2 Error: command not recognized");
                    }
                }
            } catch (IOException e) {
                // Postfix closed the session; nothing to keep
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
