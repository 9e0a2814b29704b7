package bouncemx.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A listen address "host:port" as the configuration writes it (smtp.listen, http.listen): host is a DNS
 * name, an IPv4 address or an IPv6 address in brackets ("[::1]:25"); port is 0-65535 (0 = any free port).
 * {@link #parse} throws IllegalArgumentException with a one-line reason and never looks up a name.
 * Immutable, thread-safe.
 */
public record ListenAddress(String host, int port) {

    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public ListenAddress {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is not in 0-65535");
        if (host.isEmpty()) throw new IllegalArgumentException("empty host");
    }

    /** Parses "host:port", "1.2.3.4:25" or "[::1]:25". */
    public static ListenAddress parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw bad(text, "has an unclosed [IPv6] host");
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.startsWith(":")) throw bad(text, "has no port");
            port = rest.substring(1);
            if (!IPV6_CHARS.matcher(host).matches() || !host.contains(":")) throw bad(text, "has an invalid IPv6 address in brackets");
            try {
                // a bracketed literal is parsed, never looked up (InetAddress.getAllByName)
                InetAddress.getByName("[" + host + "]");
            } catch (UnknownHostException e) {
                throw bad(text, "has an invalid IPv6 address in brackets");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) throw bad(text, "has no port");
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) throw bad(text, "has an IPv6 address without brackets");
            if (host.isEmpty()) throw bad(text, "has no host (\"0.0.0.0:" + port + "\" listens on all addresses)");
            if (IPV4_LIKE.matcher(host).matches()) {
                if (!IPV4.matcher(host).matches()) throw bad(text, "has an invalid IPv4 address");
            } else if (!Hostnames.valid(host)) {
                throw bad(text, "has an invalid host name");
            }
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            throw bad(text, port.isEmpty() ? "has an empty port" : "has port \"" + port + "\", not a number from 0 to 65535");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("\"" + text + "\" " + why + " (expected host:port, port 0-65535, IPv6 as \"[::1]:25\")");
    }

    /** The socket address to bind; a host name is resolved now. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
