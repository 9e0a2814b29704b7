package bouncemx.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A send/expect SMTP client over a raw socket for loopback tests. {@link #expect} reads one (possibly
 * multi-line) reply, checks its code prefix, and, unless the reply is a greeting, an EHLO/HELO answer or a
 * 3xx, that its last line carries an RFC 3463 enhanced status code. Every read times out after 10 s, so a
 * test never hangs. Not thread-safe.
 */
public final class SmtpClient implements AutoCloseable {
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -][245]\\.\\d{1,3}\\.\\d{1,3}( .*)?$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public SmtpClient(InetSocketAddress server) throws IOException {
        this(connect(server));
    }

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 5000);
        return s;
    }

    /** After "220" to STARTTLS: the TLS handshake; the client to go on with (over TLS). */
    public SmtpClient upgrade(javax.net.ssl.SSLSocketFactory tls) throws IOException {
        var s = (javax.net.ssl.SSLSocket) tls.createSocket(socket, "localhost", socket.getPort(), true);
        s.setUseClientMode(true);
        s.startHandshake();
        return new SmtpClient(s);
    }

    public Socket socket() {
        return socket;
    }

    public SmtpClient send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    public SmtpClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public SmtpClient sendRaw(String text) throws IOException {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One reply's lines; null when the server closed the connection first. */
    public List<String> readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) return lines.isEmpty() ? null : lines;
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') return lines;
        }
    }

    /** Reads one reply, asserts it starts with {@code prefix} and carries an enhanced code; returns its last line. */
    public String expect(String prefix) throws IOException {
        List<String> r = readReply();
        if (r == null) throw new AssertionError("connection closed, expected " + prefix);
        String last = r.get(r.size() - 1);
        if (!last.startsWith(prefix)) throw new AssertionError("expected " + prefix + ", got " + r);
        if (!last.startsWith("3") && !ENHANCED.matcher(last).matches()) {
            throw new AssertionError("no enhanced status code in " + last);
        }
        return last;
    }

    /** Reads the greeting or an EHLO/HELO reply (no enhanced code there, RFC 2034); returns all lines. */
    public List<String> expectPlain(String prefix) throws IOException {
        List<String> r = readReply();
        if (r == null || !r.get(r.size() - 1).startsWith(prefix)) throw new AssertionError("expected " + prefix + ", got " + r);
        return r;
    }

    /** True when the server has closed the connection (reads end), after any remaining replies. */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) return true;
            }
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Greeting, EHLO, then MAIL/RCPT accepted. */
    public SmtpClient begin(String from, String... rcpts) throws IOException {
        expectPlain("220");
        send("EHLO client.example");
        expectPlain("250");
        send("MAIL FROM:<" + from + ">");
        expect("250");
        for (String r : rcpts) {
            send("RCPT TO:<" + r + ">");
            expect("250");
        }
        return this;
    }

    /** The DATA text for {@code message}: dot-stuffed, CRLF line ends, ending with CRLF.CRLF. */
    public static byte[] dataOf(byte[] message) {
        var b = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte c = message[i];
            if (lineStart && c == '.') b.write('.');
            if (c == '\n' && (i == 0 || message[i - 1] != '\r')) b.write('\r');
            b.write(c);
            lineStart = c == '\n';
        }
        if (!lineStart) b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** {@code message} with CRLF line ends (what the server stores after un-stuffing {@link #dataOf}). */
    public static byte[] crlf(byte[] message) {
        var b = new ByteArrayOutputStream(message.length + 64);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) b.write('\r');
            b.write(message[i]);
        }
        if (message.length > 0 && message[message.length - 1] != '\n') b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private String readLine() throws IOException {
        var b = new ByteArrayOutputStream(128);
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (SocketException reset) {
                c = -1;
            }
            if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
