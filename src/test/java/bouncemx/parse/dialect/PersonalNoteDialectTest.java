package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class PersonalNoteDialectTest {
    final PersonalNoteDialect dialect = new PersonalNoteDialect();

    static BounceMessage reply(String from, String subject, String body) {
        String m = "From: " + from + "\nTo: bounce+x1@bounces.example.com\nSubject: " + subject
                + "\nIn-Reply-To: <n1@letters.example.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body;
        return BounceMessage.parse(m.getBytes(StandardCharsets.UTF_8));
    }

    static final String QUOTE = "\nFrom: News <news@letters.example.com>\nSent: 12 March 2024 08:00\n"
            + "To: Lisa Brennan <lisa.brennan@brennan.example>\nSubject: Digest\n\nHello, here is the digest.\n";

    List<RecipientStatus> read(BounceMessage m) {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(m));
        assertEquals(Report.Kind.NOTE, d.report().kind());
        return d.report().recipients();
    }

    @Test
    void anITDesksNoteNamesTheGoneAddressNotItsOwnNorItsSignature() {
        var r = read(reply("IT Desk <it@harwell.example>", "RE: Digest",
                "Hello,\n\nJohn Miller (john.miller@harwell.example) has left and his mailbox has been removed.\n\n"
                        + "Kind regards,\nPriya\nE: it@harwell.example\n" + QUOTE));
        assertEquals(1, r.size());
        assertEquals("john.miller@harwell.example", r.get(0).address());
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
    }

    @Test
    void anAddressOfferedInsteadIsNoRecipient() {
        var r = read(reply("Helen <helen@school.example>", "Re: Digest",
                "Mr Dawson's address (p.dawson@school.example) was closed when he retired; please use office@school.example "
                        + "instead.\n"));
        assertEquals(List.of("p.dawson@school.example"), r.stream().map(RecipientStatus::address).toList());
    }

    @Test
    void aListUnderTheSentenceThatIntroducesItIsRead() {
        var r = read(reply("Postmaster <postmaster@fenwick.example>", "RE: Digest",
                "Good morning,\n\nThe following addresses are no longer valid and the accounts have been deleted:\n\n"
                        + "a.patel@fenwick.example\nj.oconnor@fenwick.example\n\nNote that m.grant@fenwick.example is still "
                        + "valid.\n" + QUOTE));
        assertEquals(List.of("a.patel@fenwick.example", "j.oconnor@fenwick.example"), r.stream().map(RecipientStatus::address).toList());
    }

    @Test
    void aNoticeWithTheNullReversePathIsNoPersonsNote() {
        String m = "Return-Path: <>\nFrom: postmaster@x.example\nTo: bounce+x1@bounces.example.com\nSubject: Re: Digest\n"
                + "In-Reply-To: <n1@letters.example.com>\n\nThe mailbox bob@x.example has been deleted.\n";
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(m.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void withoutAnAddressInItsWordsTheQuotedOriginalsToIsTheOne() {
        var r = read(reply("Andrea <andrea@keller.example>", "RE: Digest",
                "The person you are writing to left the firm years ago and that mailbox does not exist any more.\n" + QUOTE));
        assertEquals("lisa.brennan@brennan.example", r.get(0).address());
    }

    @Test
    void aWritersOwnMailboxWithoutQuoteIsTheWriters() {
        var r = read(reply("Orders <orders@bakery.example>", "Re: Digest", "This mailbox is no longer monitored.\n\nTom\n"));
        assertEquals("orders@bakery.example", r.get(0).address());
        assertEquals(Reason.HAS_MOVED, r.get(0).reasonHint());
    }

    @Test
    void wordsOnlyInTheQuotedNewsletterOrAnUnsubscribeOrAMessageThatIsNoReplyAreNotANote() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(reply("Dave <dave@x.example>", "Re: Digest",
                "Unsubscribe\n\nSent from my iPhone\n" + QUOTE + "Our founder passed away last year; we remember him.\n")));
        String plain = "From: Dave <dave@x.example>\nTo: news@letters.example.com\nSubject: Question\n\n"
                + "My colleague bob@x.example has left the company.\n";
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(plain.getBytes(StandardCharsets.UTF_8))));
        assertSame(ParseResult.NOT_MINE, dialect.parse(reply("Raj <raj@x.example>", "Re: Digest",
                "Is there a PDF version? The link gives a 404.\n" + QUOTE)));
    }

    /** Positions found in the lowercased text are the text's: a Turkish capital İ lowercases to two chars otherwise. */
    @Test
    void aTextThatLowercasesLongerIsReadWhereItStands() {
        var r = read(reply("İnsan Kaynakları <ik@firma.example>", "YNT: Bülten",
                "İYİ GÜNLER. İİİİİİİİİİ İŞTE: ayse.kaya@firma.example has left the company.\n"));
        assertEquals("ayse.kaya@firma.example", r.get(0).address());
    }
}
