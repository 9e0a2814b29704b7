package bouncemx.parse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CodesAndAddressesTest {

    @ParameterizedTest(name = "status in \"{0}\" is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "550 5.1.1 <a@b>: user unknown | 5.1.1",
            "#550 5.1.10 RESOLVER.ADR.RecipientNotFound | 5.1.10",
            "host 192.0.2.5 said: 550 no | ''",
            "version 4.4.1.2 | ''",
            "Status: 4.7.0 (try later) | 4.7.0",
            "5.2.2. Mailbox full | 5.2.2",
            "reached 5.1.1a | ''",
            // a multi-line reply joined onto one line (OpenSMTPD): the status after "550-" is the reply's
            "rcpt: 550-5.1.1 The mailbox does not exist 550 5.1.1 See help | 5.1.1",
            "ref ID-5.1.1 and 2026-5.1.3 | ''",
            "code x550-5.1.1 | ''"})
    void findsEnhancedStatusCodesButNotAddressesOrVersions(String text, String expected) {
        assertEquals(expected, Codes.status(text));
    }

    @ParameterizedTest(name = "reply code in \"{0}\" is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "550 5.1.1 user unknown | 550",
            "550-5.7.1 blocked | 550",
            "said: 452 4.2.2 full | 452",
            "port 2525 closed | ''",
            "error 550. | ''",
            "retry in 500-1000 seconds | ''"})
    void findsStandAloneReplyCodes(String text, String expected) {
        assertEquals(expected, Codes.replyCode(text));
    }

    @ParameterizedTest(name = "failure reply code in \"{0}\" is \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "220-mx.example.org 421 4.2.1 Service refused, try later | 421",
            "250 2.1.0 Ok; then 554 5.7.1 rejected after DATA | 554",
            "550 5.1.1 user unknown | 550",
            "250 2.0.0 Ok: queued | ''",
            "354 go ahead, then the connection was lost | ''"})
    void aFailuresReplyCodeIsTheFirstFourOrFiveHundredCode(String text, String expected) {
        assertEquals(expected, Codes.failureReplyCode(text));
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "rfc822; <Alice@Example.COM> | alice@example.com",
            "RFC822; bob@example.org. | bob@example.org",
            "utf-8; j\\x{00F6}rg@example.de | jörg@example.de",
            "rfc822; not an address | ''"})
    void normalisesTypedRecipientFields(String field, String expected) {
        assertEquals(expected, Addresses.fromTypedField(field));
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "Carol <carol@example.net> | carol@example.net",
            "'dave@example.net' is not a user | dave@example.net",
            "no address here | ''",
            // words of another script written without a blank before or after an ASCII address (Chinese,
            // Japanese and Arabic notices) are not part of it; punctuation of any script ends it
            "您好wang.li@shop-cn.example您好 | wang.li@shop-cn.example",
            "收件人：zhou.min@corp-cn.example。 | zhou.min@corp-cn.example",
            "ito.ren@isp-jp.exampleへのメールは送信できませんでした | ito.ren@isp-jp.example",
            "مرحبًا samir@souk.example، | samir@souk.example",
            "“ada.byrne@quotes.example” | ada.byrne@quotes.example",
            "olaf@nbsp.example failed | olaf@nbsp.example",
            "rita@ellipsis.example…  | rita@ellipsis.example",
            // addresses of those scripts (RFC 6531, IDNA) stay whole, Latin letters with diacritics too
            "用户@例子.广告 | 用户@例子.广告",
            "info@abc中文.example | info@abc中文.example",
            "müller@bücher.example | müller@bücher.example",
            "почта@пример.рф | почта@пример.рф",
            // a link's scheme is no part of the address (Exchange's "a@b<mailto:a@b>"); a quoted local part keeps
            // its quotes (RFC 5321 4.1.2), written alone or in a text
            "bob@corp.example<mailto:bob@corp.example> | bob@corp.example",
            "<MAILTO:Bob@Corp.Example> | bob@corp.example",
            // a quote after a non-letter opens a quoted text; between letters it is the local part's (RFC 5322 atext)
            "5.1.0 - Unknown address error 550-'joe@far.example... No such user' | joe@far.example",
            "o'brien@dublin.example is unknown | o'brien@dublin.example",
            "'\"ann..lee\"@dots.example' | '\"ann..lee\"@dots.example'",
            "Delivery to \"ann..lee\"@dots.example failed | '\"ann..lee\"@dots.example'",
            // a domain's labels are never empty: dots run on into the text after it (MDaemon's logged reply)
            "<-- 250 2.1.0 news@bounces.example....Sender OK | news@bounces.example",
            "joe@far.example... User unknown | joe@far.example"})
    void findsTheFirstAddressInText(String text, String expected) {
        assertEquals(expected, Addresses.first(text));
    }

    /** Exchange's encapsulated addresses: the SMTP address inside "IMCEASMTP-...", none for other types. */
    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "IMCEASMTP-bob+40partner+2Eexample@corp.example     | bob@partner.example",
            "imceasmtp-a+2Eb+40x+2Eexample@corp.example         | a.b@x.example",
            "IMCEAEX-_O=CORP_OU=FIRST_CN=RECIPIENTS_CN=BOB@corp.example | ''",
            "bob@partner.example                                 | ''",
            "IMCEASMTP-no+2Eat+2Esign@corp.example              | ''"})
    void unwrapsExchangeEncapsulatedSmtpAddresses(String address, String expected) {
        assertEquals(expected, Addresses.unencapsulated(address));
    }
}
