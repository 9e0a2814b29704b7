package bouncemx.config;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ListenAddressTest {

    @Test
    void parsesNamesIpv4AndBracketedIpv6() {
        assertEquals(new ListenAddress("127.0.0.1", 2525), ListenAddress.parse("127.0.0.1:2525"));
        assertEquals(new ListenAddress("::1", 25), ListenAddress.parse("[::1]:25"));
        assertEquals(new ListenAddress("localhost", 0), ListenAddress.parse("localhost:0"));
        assertEquals("[::1]:25", ListenAddress.parse("[::1]:25").toString());
        assertEquals(new InetSocketAddress("127.0.0.1", 9025), ListenAddress.parse("127.0.0.1:9025").socketAddress());
    }

    @Test
    void refusesMalformedAddresses() {
        for (String s : List.of("", ":25", "127.0.0.1", "127.0.0.1:", "127.0.0.1:-1", "127.0.0.1:65536", "1.2.3:25",
                "256.1.1.1:25", "::1:25", "[::1]", "[::1:25", "[]:25", "[1.2.3.4]:25", "[::1]x:25", "host_name:25", "a b:25")) {
            assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(s), s);
        }
    }
}
