package bouncemx.parse;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static bouncemx.parse.ReasonTexts.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReasonTextsTest {

    private static final ReasonTexts TABLE = ReasonTexts.of(
            row(Reason.MAILBOX_FULL, "mailbox is full", "over quota"),
            row(Reason.USER_UNKNOWN, "no such user"),
            row(Reason.REJECTED, "mailbox"));

    @Test
    void theFirstRowWithAMatchingPhraseWinsWhateverItsPlaceInTheText() {
        assertEquals(Reason.USER_UNKNOWN, TABLE.in("550 no such user: the mailbox"));
        assertEquals(Reason.MAILBOX_FULL, TABLE.in("no such user, or user over quota"));
        assertEquals(Reason.REJECTED, TABLE.in("mailbox unavailable"));
    }

    @Test
    void noMatchNoTextOrNullTextGivesNull() {
        assertNull(TABLE.in("host not found"));
        assertNull(TABLE.in(""));
        assertNull(TABLE.in(null));
        assertNull(TABLE.atStart(null));
    }

    @Test
    void phrasesMatchAsWrittenSoLowercaseTablesAreAskedWithLowercaseText() {
        assertNull(TABLE.in("No Such User"));
    }

    @Test
    void matchNamesThePhraseFoundWithItsReason() {
        ReasonTexts.Match m = TABLE.match("550 mailbox full, no such user");
        assertEquals(TABLE.in("550 mailbox full, no such user"), m.reason());
        assertTrue("550 mailbox full, no such user".contains(m.phrase()));
        assertNull(TABLE.match("delivered"));
        assertNull(TABLE.match(""));
    }

    @Test
    void atStartMatchesOnlyAPrefix() {
        assertEquals(Reason.USER_UNKNOWN, TABLE.atStart("no such user here"));
        assertNull(TABLE.atStart("550 no such user"));
    }

    @Test
    void aRowNeedsAReasonAndAPhrase() {
        assertThrows(IllegalArgumentException.class, () -> row(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> row(Reason.EXPIRED));
    }
}
