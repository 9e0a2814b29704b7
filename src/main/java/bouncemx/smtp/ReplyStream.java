package bouncemx.smtp;

import org.subethamail.smtp.server.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The stream SubEthaSMTP's {@link Session} writes replies to. It closes three gaps of SubEthaSMTP 7.2 that
 * no setting reaches (so we wrap the socket stream instead):
 * <ol>
 *   <li>Replies SubEthaSMTP writes itself (unknown command "500 Error: command not implemented", the 501s
 *       for bare CR/LF, over-long lines and bad UTF-8, "421 Timeout ...") carry no enhanced status code: a
 *       4xx/5xx line without one gets one from {@link #ENHANCED} (RFC 2034; 2xx and 3xx lines are ours or
 *       the greeting, which RFC 2034 leaves without one).</li>
 *   <li>SubEthaSMTP has no limit on bad commands: every reply 500-504 or 555 counts, and the one past
 *       {@code maxBadCommands} is replaced by 421 4.7.0 and the connection is closed.</li>
 *   <li>SubEthaSMTP flushes after every reply; with PIPELINING (RFC 2920 section 3.2) replies are held
 *       while more pipelined commands are already waiting in the session's input, and flushed together.</li>
 * </ol>
 * Bytes are held until {@link #flush()} (SubEthaSMTP flushes after each reply); replies are ASCII.
 * Thread-safe: the session thread writes, and a graceful stop may {@link #writeAndClose} from another thread.
 */
final class ReplyStream extends OutputStream {
    /** Enhanced status for a reply code SubEthaSMTP writes without one (RFC 3463). */
    private static final java.util.Map<Integer, String> ENHANCED = java.util.Map.of(
            421, "4.3.0", 500, "5.5.2", 501, "5.5.2", 502, "5.5.1", 503, "5.5.1", 504, "5.5.4", 554, "5.3.0");
    private static final Pattern HAS_ENHANCED = Pattern.compile("^\\d{3}[ -][245]\\.\\d{1,3}\\.\\d{1,3}(?: |$).*");
    private static final Pattern REPLY = Pattern.compile("^([45])(\\d\\d)([ -])(.*)$");

    private final OutputStream out;
    private final Connection connection;
    private final int maxBadCommands;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
    private final StringBuilder ready = new StringBuilder(256); // replies held back while pipelined input waits
    private boolean closed;

    ReplyStream(OutputStream out, Connection connection, int maxBadCommands) {
        this.out = out;
        this.connection = connection;
        this.maxBadCommands = maxBadCommands;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        flush(false);
    }

    /** Sends everything written so far now, even when more pipelined commands are waiting (STARTTLS). */
    synchronized void flushNow() throws IOException {
        flush(true);
    }

    private void flush(boolean now) throws IOException {
        if (closed) {
            pending.reset();
            return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        boolean closeAfter = false;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            if (end < 0) end = text.length();
            String line = text.substring(start, end);
            start = Math.min(text.length(), end + 2);
            if (isBadCommandReply(line) && connection.badCommand() > maxBadCommands) {
                ready.append(SmtpReply.TOO_MANY_ERRORS).append("\r\n");
                closeAfter = true;
                break;
            }
            ready.append(withEnhancedStatus(line)).append("\r\n");
        }
        if (closeAfter || now || !morePipelinedInput()) {
            out.write(ready.toString().getBytes(StandardCharsets.UTF_8));
            ready.setLength(0);
            out.flush();
        }
        if (closeAfter) {
            closed = true;
            connection.closeQuietly();
        }
    }

    /** Writes {@code reply}, flushes and closes the connection (graceful stop; any thread). */
    synchronized void writeAndClose(SmtpReply reply) {
        if (closed) return;
        closed = true;
        try {
            ready.append(reply).append("\r\n");
            out.write(ready.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the peer went away: nothing more to tell it
        }
        connection.closeQuietly();
    }

    @Override
    public synchronized void close() throws IOException {
        flush(true);
        out.close();
    }

    private boolean morePipelinedInput() {
        Session s = connection.session();
        if (s == null) return false;
        InputStream in = s.getRawInput();
        try {
            return in != null && in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isBadCommandReply(String line) {
        if (line.length() < 4 || line.charAt(3) == '-') return false; // count each reply once, at its last line
        return line.startsWith("500") || line.startsWith("501") || line.startsWith("502") || line.startsWith("503")
                || line.startsWith("504") || line.startsWith("555");
    }

    /** The line as it goes out: a 4xx/5xx line without an enhanced code gets one. */
    static String withEnhancedStatus(String line) {
        if (HAS_ENHANCED.matcher(line).matches()) return line;
        var m = REPLY.matcher(line);
        if (!m.matches()) return line;
        int code = Integer.parseInt(m.group(1) + m.group(2));
        String rest = m.group(4);
        String status;
        if (code == 421 && rest.startsWith("Timeout")) status = "4.4.2";
        else status = ENHANCED.getOrDefault(code, m.group(1) + ".0.0");
        return code + m.group(3) + status + " " + rest;
    }
}
