package bouncemx.smtp;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageIdsTest {
    @Test
    void idsAre26HexDigitsOfTimeNodeAndCounterAndSortWithinAProcess() {
        var ids = new MessageIds(Clock.fixed(Instant.ofEpochMilli(0x01a2_09be_42bbL), ZoneOffset.UTC));
        String a = ids.next();
        String b = ids.next();
        assertEquals(26, a.length());
        assertTrue(a.matches("[0-9a-f]{26}"), a);
        assertEquals("01a209be42bb", a.substring(0, 12));
        assertEquals(a.substring(12, 20), b.substring(12, 20), "one node per process");
        assertEquals("000000", a.substring(20));
        assertEquals("000001", b.substring(20));
        assertTrue(a.compareTo(b) < 0);
    }
}
