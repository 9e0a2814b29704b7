package bouncemx.event;

import bouncemx.classify.Category;
import bouncemx.classify.Classification;
import bouncemx.parse.OriginalMessage;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;
import bouncemx.verp.Verp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class EventTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Event.Message MESSAGE = new Event.Message(NOW, 42L, NOW.minusSeconds(1), null, "ab12", 900, true);

    @Test
    void aRecipientEventTakesItsTypeFromTheClassificationAndTheMessageFactsFromTheMessage() {
        var r = RecipientStatus.builder().address("gone@example.org", "dsn").action("failed").status("5.1.1").build();
        var original = new OriginalMessage("<m@example.com>", "hello", "a@example.com", "gone@example.org", "", "", java.util.Map.of());
        var report = Report.delivery(List.of(r)).withOriginal(original);
        var c = new Classification(Reason.USER_UNKNOWN, Category.HARD, true, true, "status:X.1.1", "5.1.1", false, "");
        Event e = Event.recipient(MESSAGE, "ab12-1", "gone@example.org", "dsn", r, c, report, null, "postfix");
        assertEquals("bounce.hard", e.type());
        assertEquals(Category.HARD, e.category());
        assertEquals("ab12-1", e.id());
        assertEquals(42L, e.journalSeq());
        assertEquals(NOW, e.timestamp());
        assertEquals(NOW.minusSeconds(1), e.receivedAt());
        assertSame(original, e.original());
        assertEquals("postfix", e.decodedBy());
        assertEquals("", e.parserError());
        assertEquals(true, e.truncated());
        assertEquals("ab12", e.rawSha256());
        assertEquals(900, e.rawSizeBytes());
    }

    @Test
    void anUnclassifiedEventNamesTheVerpRecipientWhenThereIsOne() {
        var verp = new Verp.Address("b+x=example.org@bounce.example", "b", "x@example.org", "bounce.example");
        Event e = Event.unclassified(MESSAGE, "ab12-1", verp, "exim", "no recipient");
        assertEquals("message.unclassified", e.type());
        assertEquals(Category.UNKNOWN, e.category());
        assertEquals("x@example.org", e.recipientAddress());
        assertEquals("verp", e.recipientSource());
        assertEquals("no recipient", e.parserError());
        assertNull(e.classification());
        assertNull(e.report());
        assertSame(OriginalMessage.NONE, e.original());

        Event bare = Event.unclassified(MESSAGE, "ab12-1", null, "", "");
        assertEquals("", bare.recipientAddress());
        assertEquals("", bare.recipientSource());
    }
}
