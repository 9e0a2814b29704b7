package bouncemx.parse.dialect;

import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class FmlDialectTest {
    private final FmlDialect dialect = new FmlDialect();

    @Test
    void decodesEveryRecipientOfFmlReports() {
        DialectChecks.corpusFamily("lhost-fml-", "fml", 0.97);
    }

    @Test
    void passesOnTheReasonFmlsVerdictNames() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("dialects/fml/not-member.eml")));
        RecipientStatus r = d.report().recipients().get(0);
        assertEquals(1, d.report().recipients().size());
        assertEquals("cats@lists-test.example", r.address());
        assertEquals(Reason.REJECTED, r.reasonHint());
        assertEquals("You are not a member of this mailing list <cats@lists-test.example>.", r.diagnosticText());
    }

    @Test
    void leavesOtherMessagesToOtherDialects() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/not-a-bounce.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/dsn-two-recipients-delayed.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("dialects/apachejames/bounce.eml")));
    }

    @Test
    void theLinesRightUnderAnAddressLineAreItsVerdict() {
        // a neutral Subject: the reason can only come from the line under the address
        String raw = "From: cats-admin@lists-test.example\nSubject: notice\nX-MLServer: fml [fml 4.0.3]\n"
                + "Message-Id: <1.FMLAAA2.cats@lists-test.example>\n\n"
                + "Your mail from <dan@receiver-test.example> was not distributed:\nDuplicated Message-ID, already seen.\n\n"
                + "Original mail as follows:\n";
        var r = DialectChecks.decodeText(new FmlDialect(), raw);
        assertEquals(1, r.size());
        assertEquals("dan@receiver-test.example", r.get(0).address());
        assertEquals(Reason.SYSTEM_ERROR, r.get(0).reasonHint());
    }
}
