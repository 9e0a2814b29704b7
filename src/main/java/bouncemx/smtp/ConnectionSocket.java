package bouncemx.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * The socket SubEthaSMTP's session sees: it delegates to the accepted socket (or, after STARTTLS, to the TLS
 * socket) but hands out our streams: input that enforces the command timeout and the whole-session deadline
 * ({@link DeadlineInputStream}), output that is a {@link ReplyStream}. {@link #setSoTimeout} records the
 * command timeout SubEthaSMTP sets, which the deadline stream then applies read by read. Also used, with the
 * plain output, as the transport a TLS socket is layered on, so TLS records are never rewritten. Not
 * thread-safe beyond what the delegate socket is.
 */
final class ConnectionSocket extends Socket {
    private final Socket delegate;
    private final InputStream in;
    private final OutputStream out;
    private final Connection connection;

    ConnectionSocket(Socket delegate, InputStream in, OutputStream out, Connection connection) {
        this.delegate = delegate;
        this.in = in;
        this.out = out;
        this.connection = connection;
    }

    Connection connection() { return connection; }

    Socket delegate() { return delegate; }

    @Override public InputStream getInputStream() { return in; }

    @Override public OutputStream getOutputStream() { return out; }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        connection.commandTimeoutMillis(timeout);
        connection.raw().setSoTimeout(timeout);
    }

    @Override public int getSoTimeout() { return connection.commandTimeoutMillis(); }

    @Override public SocketAddress getRemoteSocketAddress() { return delegate.getRemoteSocketAddress(); }

    @Override public SocketAddress getLocalSocketAddress() { return delegate.getLocalSocketAddress(); }

    @Override public InetAddress getInetAddress() { return delegate.getInetAddress(); }

    @Override public InetAddress getLocalAddress() { return delegate.getLocalAddress(); }

    @Override public int getPort() { return delegate.getPort(); }

    @Override public int getLocalPort() { return delegate.getLocalPort(); }

    @Override public boolean isBound() { return delegate.isBound(); }

    @Override public boolean isConnected() { return delegate.isConnected(); }

    @Override public boolean isClosed() { return delegate.isClosed(); }

    @Override public boolean isInputShutdown() { return delegate.isInputShutdown(); }

    @Override public boolean isOutputShutdown() { return delegate.isOutputShutdown(); }

    @Override public void shutdownInput() throws IOException { delegate.shutdownInput(); }

    @Override public void shutdownOutput() throws IOException { delegate.shutdownOutput(); }

    @Override public void setTcpNoDelay(boolean on) throws SocketException { delegate.setTcpNoDelay(on); }

    @Override public boolean getTcpNoDelay() throws SocketException { return delegate.getTcpNoDelay(); }

    @Override public void setKeepAlive(boolean on) throws SocketException { delegate.setKeepAlive(on); }

    @Override public boolean getKeepAlive() throws SocketException { return delegate.getKeepAlive(); }

    @Override public void setSoLinger(boolean on, int linger) throws SocketException { delegate.setSoLinger(on, linger); }

    @Override public int getSoLinger() throws SocketException { return delegate.getSoLinger(); }

    @Override
    public synchronized void close() throws IOException {
        delegate.close();
        connection.raw().close();
    }

    @Override
    public String toString() {
        return "ConnectionSocket[" + delegate + "]";
    }
}
