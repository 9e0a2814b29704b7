package bouncemx.classify;

import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Greylisting deferrals as the greylisting implementations and receiving providers word them, written
 * for this test (none from the corpus), each with the text {@link Greylisting} must find; and deferrals
 * that only look alike ("try again later" with a cause) that it must leave to the other tables. Each row
 * is remote host | status field | the remote server's reply | the matched text ("-" when not greylisting).
 */
class GreylistingTest {
    private final Classifier classifier = Classifier.standard();

    private Classification failed(String remote, String status, String reply) {
        return classifier.classify(RecipientStatus.builder().address("jane@example.org", "dsn").action("failed")
                .status(status).diagnostic("smtp", reply).remoteMta("dns; " + remote).command("RCPT").build(),
                Report.Kind.DELIVERY);
    }

    @ParameterizedTest(name = "{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // postgrey behind Postfix (check_policy_service): its default greylist_text, and the older one
            "mx.example.org | 4.2.0 | 450 4.2.0 <jane@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html | greylist",
            "mx.example.org | 4.7.1 | 450 4.7.1 <jane@example.org>: Recipient address rejected: Greylisted for 300 seconds (see http://isg.ee.ethz.ch/tools/postgrey/help/example.org.html) | greylist",
            // other Postfix policy servers (sqlgrey, gld, a defer_if_permit policy naming itself)
            "mx.example.org | 4.7.1 | 450 4.7.1 <jane@example.org>: Recipient address rejected: Greylisted for 5 minutes | greylist",
            "mx.example.org | 4.7.1 | 450 4.7.1 <jane@example.org>: Recipient address rejected: Service temporarily unavailable - greylisted | greylist",
            // milter-greylist (Sendmail or Postfix milter)
            "mx.example.org | 4.7.1 | 451 4.7.1 Greylisting in action, please come back in 00:05:00 | greylist",
            // Exim: greylistd's ACL, and an ACL of the Exim wiki's kind
            "mx.example.org | 4.0.0 | 451 192.0.2.1 is not yet authorized to deliver mail from <news@sender.example> to <jane@example.org>. Please try later. | is not yet authorized to deliver mail from",
            "mx.example.org | 4.0.0 | 451 Greylisted: please try again later | greylist",
            "mx.example.org | 4.7.1 | 451-4.7.1 Temporary rejection (greylisting), please retry in 5 minutes | greylist",
            // rspamd's greylist module: its default message alone
            "mx.example.org | 4.7.1 | 451 4.7.1 Try again later | try again later",
            "mx.example.org | 4.7.1 | 451 4.7.1 <jane@example.org>: Try again later. | try again later",
            // the American spelling and the split forms
            "mx.example.org | 4.7.1 | 450 4.7.1 Graylisted, please try again in 5 minutes | graylist",
            "mx.example.org | 4.7.0 | 421 4.7.0 Grey-listed: try again later | grey-list",
            "mx.example.org | 4.7.1 | 450 4.7.1 Your message was gray listed, please retry | gray list",
            // receiving providers and gateways
            "mx.zoho.com | 4.7.1 | 451 4.7.1 Greylisted, try again after some time | greylist",
            "mta7.am0.yahoodns.net | 4.7.0 | 421 4.7.0 [GL01] Message from (192.0.2.1) temporarily deferred - 4.16.50. Please refer to https://senders.yahooinc.com/smtp-error-codes | [gl01]",
            "eu-smtp-inbound-1.mimecast.com | 4.0.0 | 451 Internal resources are temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451 [aBcDeFg] | internal resources are temporarily unavailable",
            "mx1.ess.barracudanetworks.com | 4.7.1 | 450 4.7.1 <jane@example.org>: Recipient address rejected: Greylisted by the Barracuda Email Security Service, retry later | greylist",
            "mx0a-001.pphosted.com | 4.7.1 | 451 4.7.1 Greylisting in effect, please try again later | greylist",
            "mail.example.org | 4.7.1 | 451 4.7.1 Greylisted, please try again later | greylist",
            // look alike, but name another cause: the other tables decide
            "mx.example.org | 4.7.0 | 421 4.7.0 Rate limit exceeded, try again later | -",
            "mx.example.org | 4.3.0 | 451 4.3.0 Temporary system failure. Please try again later. | -",
            "mx.example.org | 4.7.1 | 450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1] | -",
            "mta7.am0.yahoodns.net | 4.7.0 | 421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints | -",
            "x.mail.protection.outlook.com | 4.7.500 | 451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77714) | -"})
    void findsGreylistingWhereverItIsWorded(String remote, String status, String reply, String text) {
        Classification c = failed(remote, status, reply);
        assertFalse(c.hard(), c.toString());
        assertFalse(c.permanent(), c.toString());
        if (text.equals("-")) {
            assertNull(Greylisting.match(reply.toLowerCase(java.util.Locale.ROOT)));
            assertFalse(c.rule().startsWith("greylisting:"), c.toString());
        } else {
            assertEquals("greylisting:" + text, c.rule());
            assertEquals(Greylisting.REASON, c.reason());
            assertEquals(Category.SOFT, c.category());
        }
    }

    @Test
    void greylistingIsSenderSideAndTemporaryNeverHard() {
        assertEquals(Reason.BLOCKED, Greylisting.REASON);
        assertFalse(Greylisting.REASON.hardByNature());
    }

    @Test
    void aGreylistedMessageStillWaitingIsADelay() {
        var r = RecipientStatus.builder().address("jane@example.org", "dsn").action("delayed").status("4.2.0")
                .diagnostic("smtp", "450 4.2.0 <jane@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html")
                .build();
        Classification c = classifier.classify(r, Report.Kind.DELIVERY);
        assertEquals(Category.DELAYED, c.category());
        assertEquals("greylisting:greylist", c.rule());
        assertFalse(c.hard());
    }

    @Test
    void greylistingNamesTheCauseWhenTheQueueRanOutOnIt() {
        // Exim's bounce after its retry rules gave up on a greylisting server
        var r = RecipientStatus.builder().address("jane@example.org", "text").action("failed")
                .diagnostic("smtp", "451 4.7.1 Greylisted: retry timeout exceeded").replyCode("451")
                .reasonHint(Reason.EXPIRED).command("RCPT").build();
        Classification c = classifier.classify(r, Report.Kind.DELIVERY);
        assertEquals("greylisting:greylist", c.rule());
        assertNotEquals(Category.HARD, c.category());
    }
}
