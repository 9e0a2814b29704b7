package bouncemx.smtp;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    private final CountDownLatch acceptLeft = new CountDownLatch(1);
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
            acceptLeft.countDown();
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

    /**
     * Stops taking connections; live ones go on. Returns once the accept thread has left its blocking
     * accept (at most 1 s): until then the kernel still holds the socket open and would queue connections.
     */
    void stopListening() throws IOException {
        listening = false;
        super.close();
        try {
            acceptLeft.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
