package bouncemx.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Input from the accepted socket with two limits: each read waits at most the command timeout (RFC 5321
 * 4.5.3.2: 5 minutes by default), and no read starts or waits past the whole-session deadline. Either one
 * ends in {@link SocketTimeoutException}, which SubEthaSMTP answers with 421 (given 4.4.2 by
 * {@link ReplyStream}) before it closes the connection. Confined to the session's thread.
 */
final class DeadlineInputStream extends InputStream {
    private final InputStream in;
    private final Connection connection;

    DeadlineInputStream(InputStream in, Connection connection) {
        this.in = in;
        this.connection = connection;
    }

    private void arm() throws IOException {
        long leftNanos = connection.deadlineNanos() - System.nanoTime();
        if (leftNanos <= 0) throw new SocketTimeoutException("session deadline passed");
        long leftMillis = Math.max(1, leftNanos / 1_000_000);
        int command = connection.commandTimeoutMillis();
        long timeout = command <= 0 ? leftMillis : Math.min(command, leftMillis);
        connection.raw().setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout));
    }

    @Override
    public int read() throws IOException {
        arm();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
