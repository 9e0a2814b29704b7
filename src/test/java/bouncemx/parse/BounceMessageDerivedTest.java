package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link BounceMessage#derived}: computed once per equal key and message, null remembered too. */
class BounceMessageDerivedTest {

    private static BounceMessage message() {
        return BounceMessage.parse("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private record Key(String name) {}

    @Test
    void eachKeyIsComputedOncePerMessage() {
        BounceMessage m = message();
        AtomicInteger calls = new AtomicInteger();
        String a = m.derived(new Key("a"), x -> "a" + calls.incrementAndGet());
        assertSame(a, m.derived(new Key("a"), x -> "a" + calls.incrementAndGet()));
        assertEquals(1, calls.get());
        // more keys than the first arrays hold: each computed once, all still there
        for (int i = 0; i < 9; i++) {
            String k = "k" + i;
            assertEquals(k, m.derived(new Key(k), x -> { calls.incrementAndGet(); return k; }));
        }
        for (int i = 0; i < 9; i++) assertEquals("k" + i, m.derived(new Key("k" + i), x -> "recomputed"));
        assertEquals(10, calls.get());
        assertSame(a, m.derived(new Key("a"), x -> "again"));
        // another message computes its own
        assertEquals("a11", message().derived(new Key("a"), x -> "a" + calls.incrementAndGet()));
    }

    @Test
    void nullIsRemembered() {
        BounceMessage m = message();
        AtomicInteger calls = new AtomicInteger();
        assertNull(m.derived("none", x -> { calls.incrementAndGet(); return null; }));
        assertNull(m.derived("none", x -> { calls.incrementAndGet(); return null; }));
        assertEquals(1, calls.get());
    }
}
