package bouncemx.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's jcmd against a daemon the bench drivers started (Soak, SuppressionHttpLoad): each call has a deadline. */
final class Jcmd {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Jcmd() {}

    /** The jcmd beside the java running this driver. */
    private static String command() {
        return Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd").toString();
    }

    /** Runs {@code jcmd PID COMMAND} for at most {@code limit}; its output, or null when it failed or ran out of time. */
    static String run(long pid, String command, Duration limit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(), Long.toString(pid), command).redirectErrorStream(true).start();
        var out = new ByteArrayOutputStream();
        Thread copy = Thread.ofPlatform().daemon().start(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return null;
        }
        copy.join(5_000);
        return p.exitValue() == 0 ? out.toString(StandardCharsets.UTF_8) : null;
    }

    /**
     * A full GC of the process, then its heap used (the sum of the "used" figures above Metaspace in GC.heap_info),
     * in MB; -1 when jcmd failed or printed no such figure. Each jcmd call has {@code limit}.
     */
    static double heapAfterGcMb(long pid, Duration limit) throws IOException, InterruptedException {
        if (run(pid, "GC.run", limit) == null) return -1;
        String info = run(pid, "GC.heap_info", limit);
        if (info == null) return -1;
        double usedKb = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            if (line.contains("Metaspace")) break;
            Matcher m = USED.matcher(line);
            if (m.find()) {
                usedKb += Double.parseDouble(m.group(1));
                found = true;
            }
        }
        return found ? usedKb / 1024 : -1;
    }
}
