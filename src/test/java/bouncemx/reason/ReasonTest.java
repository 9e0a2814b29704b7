package bouncemx.reason;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReasonTest {

    @Test
    void everyReasonHasOneLowercaseWireNameThatReadsBackToIt() {
        Set<String> seen = new HashSet<>();
        for (Reason r : Reason.values()) {
            assertTrue(r.wireName().matches("[a-z]+"), r.wireName());
            assertTrue(seen.add(r.wireName()), "wire name used twice: " + r.wireName());
            assertEquals(r, Reason.ofWire(r.wireName()));
            assertEquals(r, Reason.fromWire(r.wireName()));
        }
    }

    @Test
    void anUnknownNameInATableFailsLoudly() {
        var e = assertThrows(IllegalArgumentException.class, () -> Reason.ofWire("mailboxful"));
        assertTrue(e.getMessage().contains("mailboxful"), e.getMessage());
        assertNull(Reason.fromWire("mailboxful"));
    }
}
