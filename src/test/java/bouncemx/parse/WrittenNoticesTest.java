package bouncemx.parse;

import bouncemx.testing.ExpectedEvents;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * Notices written for the purpose in the wording of products the shared corpus does not hold (security gateways,
 * webmail and ISPs in their languages, smaller and older servers, and the replies, complaints and receipts that
 * also reach a bounce address): {@code written-notices/README.md}. Each fixture's expected events, one line each
 * in {@code expected.tsv}, were checked by hand.
 */
class WrittenNoticesTest {

    private static final String DIR = "written-notices/";

    @TestFactory
    Stream<DynamicTest> eachNoticeGivesItsEvents() {
        return ExpectedEvents.eachFixture(DIR);
    }

    @Test
    void everyFixtureHasItsExpectedEvents() {
        ExpectedEvents.assertEveryFixtureListed(DIR);
    }
}
