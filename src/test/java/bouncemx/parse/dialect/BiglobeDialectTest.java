package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BiglobeDialect: the lhost-biglobe corpus family, its own fixture, and what it must leave alone. */
class BiglobeDialectTest {
    private final BiglobeDialect dialect = new BiglobeDialect();

    @Test
    void decodesEveryRecipientOfBiglobeReports() {
        DialectChecks.corpusFamily("lhost-biglobe", "biglobe", 0.97);
    }

    @Test
    void readsTheAddressAndTheNonDeliveredInformation() {
        var r = DialectChecks.decode(dialect, "/dialects/biglobe/mailbox-limit.eml");
        assertEquals(1, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("The number of messages in recipient's mailbox exceeded the local limit.", r.get(0).diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
