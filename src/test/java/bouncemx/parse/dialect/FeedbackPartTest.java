package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes an unlabelled text a feedback report (RFC 5965 3.1's required fields), whatever its first field. */
class FeedbackPartTest {

    @Test
    void requiredFieldsInAnyOrder() {
        assertTrue(ArfDialect.readsAsFeedbackReport("Feedback-Type: abuse\nUser-Agent: fbl/1.0\nVersion: 1\n"));
        assertTrue(ArfDialect.readsAsFeedbackReport("\nOriginal-Envelope-Id: 77-A\nFeedback-Type: abuse\nVersion: 1\n"));
        assertTrue(ArfDialect.readsAsFeedbackReport("Version : 1\nfeedback-type: fraud\n"));
        // Courier's mailbot: no Feedback-Type, but User-Agent and Version beside Arrival-Date
        assertTrue(ArfDialect.readsAsFeedbackReport("Arrival-Date: Thu, 03 Dec 2026 18:24:15 +0000\nUser-Agent: mailbot\nVersion: 1\n"));
    }

    @Test
    void proseOrAHeaderWithoutTheFieldsIsNone() {
        assertFalse(ArfDialect.readsAsFeedbackReport("This is an abuse report. Feedback-Type: abuse\nVersion: 1\n"));
        assertFalse(ArfDialect.readsAsFeedbackReport("Feedback-Type: abuse\nSource-IP: 192.0.2.1\n"));   // no User-Agent or Version
        assertFalse(ArfDialect.readsAsFeedbackReport("From: a@b.test\nSubject: Version: 1 Feedback-Type: x\n"));
        assertFalse(ArfDialect.readsAsFeedbackReport("User-Agent: Thunderbird\nVersion: 2\nSubject: release notes\n"));
    }
}
