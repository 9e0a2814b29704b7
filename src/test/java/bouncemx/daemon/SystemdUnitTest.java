package bouncemx.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * systemd/bouncemx.service: {@code systemd-analyze verify} accepts it (no unknown key, no bad value) where the tool
 * exists, on a copy whose java and jar paths point at the JDK running the tests and the built jar (verify checks
 * that the commands exist); and it keeps what operators rely on: reload by SIGHUP, a graceful SIGTERM, the port-25
 * capability and the hardening of issue 12.
 */
class SystemdUnitTest {
    private static final Path UNIT = Path.of("systemd/bouncemx.service");
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
    /** What verify prints about a unit it finds wrong (an unknown key, a bad value, a missing command). */
    private static final Pattern PROBLEM = Pattern.compile("(?i)unknown|ignoring|invalid|error|fail|not executable|missing");

    @TempDir
    Path dir;

    private record Result(int exit, List<String> lines) {}

    private Result verify(String unitText) throws IOException, InterruptedException {
        Path copy = dir.resolve("bouncemx.service");
        Files.writeString(copy, unitText);
        Process p = new ProcessBuilder(ANALYZE.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish in 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.exitValue(), out.lines().filter(l -> !l.isBlank()).toList());
    }

    private static String runnable(String unit) {
        String java = ProcessHandle.current().info().command().orElse("/usr/bin/java");
        String jar = Path.of(System.getProperty("bouncemx.jar", "target/bouncemx.jar")).toAbsolutePath().toString();
        return unit.replace("/usr/bin/java", java).replace("/opt/bouncemx/bouncemx.jar", jar);
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit() throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed here (Debian package systemd)");
        String unit = runnable(Files.readString(UNIT));
        Result r = verify(unit);
        assertEquals(List.of(), r.lines().stream().filter(l -> PROBLEM.matcher(l).find()).toList());
        assertEquals(0, r.exit(), String.join("\n", r.lines()));

        // the check can fail: a misspelt key is reported
        Result bad = verify(unit.replace("ProtectClock=", "ProtectClok="));
        assertFalse(bad.lines().stream().filter(l -> PROBLEM.matcher(l).find()).toList().isEmpty(), "verify missed a bad key");
    }

    @Test
    void theUnitReloadsStopsGracefullyAndIsHardened() throws Exception {
        List<String> lines = Files.readString(UNIT).replace("\\\n", " ").lines().map(String::strip)
                .filter(l -> !l.startsWith("#") && l.contains("=")).toList();
        for (String expected : List.of("ExecReload=/bin/kill -HUP $MAINPID", "KillSignal=SIGTERM", "SuccessExitStatus=143",
                "TimeoutStopSec=60", "StateDirectory=bouncemx", "ConfigurationDirectory=bouncemx",
                "AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                "NoNewPrivileges=true", "ProtectSystem=strict", "ProtectHome=true", "PrivateTmp=true", "PrivateDevices=true",
                "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
                "SystemCallArchitectures=native", "ProtectKernelTunables=true", "ProtectKernelModules=true",
                "ProtectControlGroups=true", "RestrictNamespaces=true", "LockPersonality=true", "RestrictRealtime=true",
                "LimitNOFILE=65536", "RestartPreventExitStatus=2")) {
            assertTrue(lines.contains(expected), "missing: " + expected);
        }
        // the JIT needs writable+executable memory (the unit's comment says why)
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("MemoryDenyWriteExecute=")), "MemoryDenyWriteExecute breaks the JIT");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ExecStart=") && l.contains(" run --config ")), "ExecStart runs the daemon");
    }
}
