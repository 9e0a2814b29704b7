package bouncemx.classify;

import bouncemx.reason.EnhancedStatus;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest {

    @ParameterizedTest(name = "{0} -> {1} specific={2}")
    @CsvSource({"5.1.1,userunknown,true", "4.2.2,mailboxfull,true", "5.7.1,blocked,false", "5.4.7,expired,true",
            "5.7.25,requireptr,true", "5.1.6,hasmoved,true", "5.5.2,syntaxerror,false", "5.6.1,contenterror,false"})
    void statusTableRows(String code, String reason, boolean specific) {
        var row = StatusTable.lookup(EnhancedStatus.parse(code));
        assertEquals(reason, row.reason().wireName());
        assertEquals(specific, row.specific());
    }

    @Test
    void statusTableHasNoRowForOtherOrUndefinedCodes() {
        assertNull(StatusTable.lookup(EnhancedStatus.parse("5.0.0")));
        assertNull(StatusTable.lookup(EnhancedStatus.parse("4.3.0")));
        assertNull(EnhancedStatus.parse("6.1.1"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "recipient address rejected: user unknown in local recipient table | userunknown",
            "client host [192.0.2.1] blocked using bl.spamcop.net            | blocked",
            "message rejected: spam content                                   | spamdetected",
            "user's mailbox is over quota                                     | mailboxfull",
            "this account has been disabled or discontinued                   | suspend",
            "relay access denied                                              | norelaying",
            "sender address rejected: domain not found                        | rejected",
            "connect to mx.example: no route to host                          | networkerror",
            "connect to mx.example: connection timed out                      | expired",
            "you must issue a starttls command first                          | failedstarttls",
            "message contains a virus                                         | virusdetected",
            "503 bad sequence of commands                                     | syntaxerror",
            // issue 13, list 5: smaller systems' own words
            "was blocked by our spam firewall                                 | spamdetected",
            "rejected because it would exceed the quota for the mailbox       | mailboxfull",
            "receiver not found: nils.berg                                    | userunknown",
            "user x not listed in domino directory                            | userunknown",
            "理由: 宛先のドメインは存在しません                                 | hostunknown",
            "理由: 宛先のメールアドレスは存在しません                           | userunknown",
            "<luc@fai.example> : boîte aux lettres pleine                     | mailboxfull",
            "반송 사유 : 받는 사람의 메일 주소가 존재하지 않습니다.            | userunknown"})
    void phraseTableRowsInTheirOrder(String text, String reason) {
        assertEquals(reason, PhraseTable.match(text).reason().wireName());
    }

    @Test
    void theStatusTableIndexGivesTheRowWrittenForEachCode() {
        int found = 0;
        for (int subject = 0; subject <= 999; subject++) {
            for (int detail = 0; detail <= (subject <= 12 ? 999 : 40); detail++) {
                var status = new EnhancedStatus(5, subject, detail);
                StatusTable.Row written = StatusTable.rowNamed(status.anyClass());
                assertEquals(written, StatusTable.rowOf(status), status.toString());
                if (written != null) found++;
            }
        }
        assertTrue(found > 60, "the table's codes were looked up: " + found);
    }

    @Test
    void theAutomatonGivesTheSameAnswerAsScanningEveryPhrase() {
        var texts = new java.util.ArrayList<String>();
        for (var row : PhraseTable.ROWS) for (String p : row.phrases()) {
            texts.add(p);
            texts.add("550 5.0.0 <x@y.example>: " + p + " (in reply to rcpt to command)");
        }
        texts.add("");
        texts.add("nothing here at all \u00e9\u4e2d");
        if (bouncemx.testing.Corpus.available()) {
            for (String f : bouncemx.testing.Corpus.files()) {
                for (var e : bouncemx.testing.Engine.events(bouncemx.testing.Corpus.message(f))) {
                    if (e.recipient() != null) texts.add(e.recipient().diagnosticText().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        for (String t : texts) {
            assertEquals(PhraseTable.matchByScanning(PhraseTable.ROWS, t), PhraseTable.match(t), t);
            assertEquals(PhraseTable.matchByScanning(PhraseTable.WEAK_ROWS, t), PhraseTable.matchWeak(t), t);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "the account doesn't exist | the account does not exist",
            "we couldn\u2019t deliver it | we could not deliver it",
            "i can't and won't | i cannot and will not",
            "hasn't | has not",
            "don't-reply | do not-reply",
            "the e-mail address | the email address",
            "an apostrophe's own | an apostrophe's own",
            "n't alone | n't alone",
            "plain text | plain text"})
    void spellingIsPlainedOnceForBothSides(String text, String plain) {
        assertEquals(plain, PhraseTable.plainSpelling(text));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "\"{0}\" -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // the table writes these with "does not" / "could not" / "email"; servers write them contracted too
            "550 5.1.1 the recipient doesn't exist here | userunknown",
            "550 the email account that you tried to reach doesn\u2019t exist | userunknown",
            "550 5.1.1 the e-mail address could not be found | userunknown",
            "the e-mail address you entered couldn't be found | userunknown",
            "the domain name you entered couldn't be found | hostunknown",
            // and a phrase the table writes contracted matches the long form
            "530 5.7.1 you do not authenticate | securityerror",
            "550 5.7.1 your ip address doesn't resolve to a host name | requireptr",
            // a routing failure is no unknown user, whichever way "could not find" is written
            "routing: couldn't find a gateway for someone@example.org | none"})
    void aPhraseMatchesContractedAndWrittenOutAlike(String text, String reason) {
        var m = PhraseTable.match(text.toLowerCase(java.util.Locale.ROOT));
        assertEquals(reason, m == null ? "none" : m.reason().wireName(), text);
    }

    @Test
    void everyPhraseIsLowercaseAndAppearsOnce() {
        Set<String> seen = new HashSet<>();
        for (var row : PhraseTable.ROWS) {
            for (String p : row.phrases()) {
                assertEquals(p.toLowerCase(java.util.Locale.ROOT), p);
                // as the matcher compares them: "doesn't exist" after "does not exist" could never be the match
                assertTrue(seen.add(PhraseTable.plainSpelling(p)), "phrase listed twice (contractions written out): " + p);
            }
        }
    }

    /**
     * Issue #3: the phrase table covers every reason of the corpus vocabulary. The exceptions are the
     * reasons no refusal text states: feedback and vacation come from report/auto-reply structure,
     * delivered from a positive DSN, onhold and undefined are what is left when no text decides.
     */
    @Test
    void thePhraseTableCoversEveryReasonATextCanState() {
        Set<Reason> notFromText = java.util.EnumSet.of(Reason.FEEDBACK, Reason.VACATION, Reason.DELIVERED,
                Reason.ON_HOLD, Reason.UNDEFINED);
        Set<Reason> covered = java.util.EnumSet.noneOf(Reason.class);
        for (var row : PhraseTable.ROWS) covered.add(row.reason());
        for (Reason r : Reason.values()) {
            if (notFromText.contains(r)) continue;
            assertTrue(covered.contains(r), "no phrase row for " + r.wireName());
        }
    }

    @Test
    void aPairMatchesItsTwoWordsInOrderAndCloseTogether() {
        var pair = new PhraseTable.Pair("mailbox", "full");
        assertTrue(pair.in("552 mailbox of jane is currently full"));
        assertTrue(!pair.in("552 full mailbox"), "order counts");
        assertTrue(!pair.in("mailbox " + "x".repeat(PhraseTable.PAIR_GAP + 1) + " full"), "too far apart");
        // a later occurrence of the first word may still be close enough
        assertTrue(pair.in("mailbox " + "x".repeat(PhraseTable.PAIR_GAP + 1) + " mailbox is full"));
        assertEquals("mailboxfull", PhraseTable.match("552 5.2.2 mailbox is currently full").reason().wireName());
        assertEquals("mailbox...full", PhraseTable.match("552 5.2.2 mailbox is currently full").phrase());
    }
}
