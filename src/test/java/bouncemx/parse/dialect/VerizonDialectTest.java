package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** VerizonDialect: the lhost-verizon corpus family, its own fixture, and what it must leave alone. */
class VerizonDialectTest {
    private final VerizonDialect dialect = new VerizonDialect();

    @Test
    void decodesEveryRecipientOfVerizonReports() {
        DialectChecks.corpusFamily("lhost-verizon", "verizon", 0.97);
    }

    @Test
    void takesTheRecipientFromTheMessageDetails() {
        var r = DialectChecks.decode(dialect, "/dialects/verizon/no-such-user.eml");
        assertEquals(1, r.size());
        assertEquals("5550100@vtext.com", r.get(0).address());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("550 - Requested action not taken: no such user here", r.get(0).diagnosticText());
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint(), "the gateway's own summary line: Invalid user address");
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsThePictureMessageGatewaysLayout() {
        var r = DialectChecks.decode(new VerizonDialect(), "/dialects/verizon/vzwpix-no-valid-recipients.eml");
        assertEquals(1, r.size());
        assertEquals("0000000000@vzwpix.com", r.get(0).address());
        assertEquals("No valid recipients for this MM", r.get(0).diagnosticText());
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
    }
}
