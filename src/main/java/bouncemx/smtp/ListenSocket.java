package bouncemx.smtp;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;

/**
 * The listening socket handed to SubEthaSMTP. Each accepted connection comes back as a
 * {@link ConnectionSocket} (TCP_NODELAY, our input and reply streams, its own {@link Connection}).
 * <p>
 * It also closes a gap of SubEthaSMTP 7.2, whose {@code stop()} closes the listener and every live session at
 * once: {@link #stopListening()} closes only the listener (new connections are refused by the kernel) while
 * SubEthaSMTP's accept thread waits here quietly, without the error log and retry loop a closed socket would
 * cause in it, until {@code stop()} finally calls {@link #close()}. Thread-safe.
 */
final class ListenSocket extends java.net.ServerSocket {
    /** Makes the per-connection state; called on the accept thread. */
    interface Connections {
        ConnectionSocket open(Socket raw) throws IOException;
    }

    private final Connections connections;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean listening = true;

    ListenSocket(Connections connections) throws IOException {
        this.connections = connections;
    }

    @Override
    public Socket accept() throws IOException {
        Socket raw;
        try {
            raw = super.accept();
        } catch (IOException e) {
            if (listening) throw e;
            try {
                closed.await(); // draining: wait for the final close, then end SubEthaSMTP's accept loop
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new SocketException("listener closed");
        }
        try {
            raw.setTcpNoDelay(true);
            return connections.open(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Stops taking connections; live ones go on. */
    void stopListening() throws IOException {
        listening = false;
        super.close();
    }

    @Override
    public void close() throws IOException {
        listening = false;
        try {
            super.close();
        } finally {
            closed.countDown();
        }
    }
}
