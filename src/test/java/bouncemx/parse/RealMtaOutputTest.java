package bouncemx.parse;

import bouncemx.testing.ExpectedEvents;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * Notices written by real MTAs, not by hand: Postfix 3.7.11, Exim 4.96, OpenSMTPD 6.8.0p2, Sendmail 8.17.1.9, nullmailer 2.2, Haraka 3.3.4 and
 * the DragonFly Mail Agent 0.13 (Debian 12's packages), and in a second round Courier 1.0.16, chasquid 1.11, Dovecot
 * LMTP 2.3.19 behind Postfix and Exim, and the local delivery agents of Postfix (local, virtual), Exim and Sendmail,
 * and in a third round the auto-replies of real responders (Dovecot Pigeonhole sieve vacation and reject, vacation(1)
 * under Postfix local, Exim's autoreply transport, procmail's formail recipe), relayed (or delivered) our own test messages over loopback to a scripted server
 * ({@code mta-generated/fake-remote.py}) that answered each recipient with a chosen reply (multi-line
 * replies, replies at RCPT and after DATA, 4xx until the queue gave up), and delivered the notices they wrote
 * back to a local mailbox. {@code mta-generated/README.md} says how to make them again. Each fixture's
 * expected events (one line each in {@code expected.tsv}) are what the scripted reply means, checked by hand.
 */
class RealMtaOutputTest {

    private static final String DIR = "mta-generated/";

    @TestFactory
    Stream<DynamicTest> eachNoticeGivesTheEventsItsRepliesMean() {
        return ExpectedEvents.eachFixture(DIR);
    }

    @Test
    void everyFixtureHasItsExpectedEvents() {
        ExpectedEvents.assertEveryFixtureListed(DIR);
    }
}
