package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, list 2 (H10): whole notices in the layouts MTAs quote a remote reply in, written from each MTA's
 * template (Postfix's bounce(8) text and smtp(8) "host %s said: %s (in reply to %s)", Exim's "SMTP error from
 * remote mail server after ...:" with one line per reply line, Sendmail's transcript and "Deferred:" warning,
 * qmail-send's "Remote host said:", Courier's "&lt;&lt;&lt;" lines, OpenSMTPD's joined reply, Exchange's
 * "#550 5.1.1 ... ##", hMailServer's "Remote server replied:"), with invented hosts and addresses
 * (src/test/resources/replies/). Each row: file | which event | recipient | type | status | reply code.
 */
class ReplyLayoutsTest {

    @ParameterizedTest(name = "{0} #{1}")
    @CsvSource(delimiter = '|', textBlock = """
            # Postfix: a multi-line reply joined and re-wrapped, each line's "550-5.1.1" kept; two recipients, two replies
            postfix-two-recipients-multiline-said.eml      | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            postfix-two-recipients-multiline-said.eml      | 2 | omar@example.com | bounce.soft    | 5.2.2 | 552
            # Exim: one line per reply line under "SMTP error from remote mail server after ...:"; two recipients
            exim-two-recipients-multiline-reply.eml        | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            exim-two-recipients-multiline-reply.eml        | 2 | omar@example.com | bounce.soft    | 5.3.4 | 552
            # Sendmail: the RCPT's refusal, not the greeting before it nor the reply to QUIT after it
            sendmail-transcript-quit-after-refusal.eml     | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # Sendmail's delay warning: "<addr>... Deferred: 451 4.3.0 ..."
            sendmail-deferred-warning.eml                  | 1 | jane@example.org | bounce.delayed | 4.3.0 | 451
            # qmail: "Remote host said:" and the reply's next line at column 0
            qmail-multiline-remote-host-said.eml           | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # Courier: the reply's lines under "<<< "
            courier-transcript-reply.eml                   | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # OpenSMTPD: the reply's lines joined onto the recipient's line
            opensmtpd-multiline-joined.eml                 | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # Exchange 2010's plain NDR: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"
            exchange2010-ndr-hash-reply.eml                | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # hMailServer: "Remote server replied: 550-5.1.1 ..." and the last line at column 0
            hmailserver-remote-server-replied-multiline.eml | 1 | jane@example.org | bounce.hard   | 5.1.1 | 550
            # Sendmail's DSN whose transcript ends with a 4xx reply to QUIT after the refusal (no Status field detail)
            sendmail-dsn-quit-421-after-refusal.eml        | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # Exim after "retry timeout exceeded" (retry.c appends it to the last error): Status 5.0.0 over the last
            # attempt's 451, a reply of another class than the status, which is not reported (Classifier.reportedReplyCode)
            exim-retry-timeout-after-4xx.eml               | 1 | jane@example.org | bounce.soft    | 5.0.0 | 
            # Sendmail giving up after days of "Deferred: 451 ...": the 451 of the last attempt
            plain-notice-deferred-then-failed.eml          | 1 | jane@example.org | bounce.soft    | 4.4.7 | 451
            # a DSN of two recipients, each Diagnostic-Code a multi-line reply folded on its first line and copied
            # at column 0 after it: two replies, two statuses under Status 5.0.0
            dsn-two-recipients-two-replies-half-folded.eml | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            dsn-two-recipients-two-replies-half-folded.eml | 2 | omar@example.com | bounce.soft    | 5.2.2 | 552
            # a gateway's plain notice: "SMTP error 550 5.1.1 ...", then a port, a queue id and "after 450 minutes"
            plain-notice-numbers-around-the-reply.eml      | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # Haraka's outbound.bounce_message: "Intended Recipients: ..." / "Failure Reason: 550 5.1.1 ..."
            haraka-failure-reason.eml                      | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            # Exchange 2003: "<host #5.1.1 smtp;550 5.1.1 ...>" under each recipient, two recipients
            exchange2003-two-recipients-hash-smtp.eml      | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            exchange2003-two-recipients-hash-smtp.eml      | 2 | omar@example.com | bounce.soft    | 5.2.2 | 552
            # MDaemon's transcript: the RCPT's 552 5.2.2, not the 421 4.4.2 answering QUIT after it
            mdaemon-transcript-quit-421-after-refusal.eml  | 1 | jane@example.org | bounce.soft    | 5.2.2 | 552
            # a gateway's delay report: "delayed for 450 minutes" is a count, the connection timed out: no reply
            dsn-delay-450-minutes-no-reply.eml             | 1 | jane@example.org | bounce.delayed | 4.4.7 |
            # a plain notice quoting "Error: 550: 5.1.1 No such user here"
            plain-notice-error-colon-reply.eml             | 1 | jane@example.org | bounce.hard    | 5.1.1 | 550
            """)
    void theRemoteReplyIsReadWhereTheMtaWritesIt(String file, int index, String recipient, String type, String status,
                                                String reply) {
        List<Event> events = Engine.events(bouncemx.testing.Samples.bytes("replies/" + file));
        assertTrue(events.size() >= index, file + ": " + events);
        Event e = events.get(index - 1);
        assertEquals(recipient, e.recipientAddress(), "recipient");
        assertEquals(type, e.type(), "type");
        assertEquals(status, e.classification().status(), "status");
        assertEquals(reply == null ? "" : reply, e.classification().replyCode(), "reply code");
    }
}
