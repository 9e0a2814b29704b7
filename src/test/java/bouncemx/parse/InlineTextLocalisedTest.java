package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notice forwarded or quoted by a mail client in French, German, Spanish, Italian, Dutch or Portuguese is
 * read as the English one is (issue 13, H13). Thunderbird's strings are its language packs' (mime.properties,
 * composeMsgs.properties); Outlook's and Gmail's as those clients write them.
 */
class InlineTextLocalisedTest {
    static final String NOTICE = "This is the mail system.\n\n<kim@far.example>: user unknown\n";

    static InlineText.Carried forward(String block) {
        return InlineText.find("FYI\n\n" + block + "\n" + NOTICE, true);
    }

    static void assertNotice(InlineText.Carried c, String what) {
        assertNotNull(c, what);
        assertEquals("From: Mail Delivery System <MAILER-DAEMON@mx.example>\nDate: D\nTo: ann@sender.example\n"
                + "Subject: Undelivered Mail Returned to Sender\n", c.headers(), what);
        assertEquals(NOTICE, c.text(), what);
    }

    @Test
    void outlooksLocalisedBlockGivesTheEnglishHeaderLines() {
        String[][] langs = {
                {"-----Message d'origine-----", "De :", "Envoyé :", "À :", "Objet :"},
                {"-----Ursprüngliche Nachricht-----", "Von:", "Gesendet:", "An:", "Betreff:"},
                {"-----Mensaje original-----", "De:", "Enviado el:", "Para:", "Asunto:"},
                {"-----Messaggio originale-----", "Da:", "Inviato:", "A:", "Oggetto:"},
                {"-----Oorspronkelijk bericht-----", "Van:", "Verzonden:", "Aan:", "Onderwerp:"},
                {"-----Mensagem original-----", "De:", "Enviado:", "Para:", "Assunto:"}};
        for (String[] l : langs) {
            String block = l[1] + " Mail Delivery System <MAILER-DAEMON@mx.example>\n" + l[2] + " D\n" + l[3] + " ann@sender.example\n"
                    + l[4] + " Undelivered Mail Returned to Sender\n";
            assertNotice(forward(l[0] + "\n" + block), l[0]);
            // newer Outlook: a rule of underscores, or nothing, above the block
            assertNotice(forward("________________________________\n" + block), l[1] + " under a rule");
            assertNotice(forward(block), l[1] + " alone");
        }
    }

    @Test
    void thunderbirdsAndGmailsLocalisedForwardsGiveTheEnglishHeaderLines() {
        String[][] langs = {
                {"-------- Message transféré --------", "Sujet :", "Date :", "De :", "Pour :"},
                {"-------- Weitergeleitete Nachricht --------", "Betreff:", "Datum:", "Von:", "An:"},
                {"-------- Mensaje reenviado --------", "Asunto:", "Fecha:", "De:", "Para:"},
                {"-------- Messaggio Inoltrato --------", "Oggetto:", "Data:", "Mittente:", "A:"},
                {"-------- Doorgestuurd bericht --------", "Onderwerp:", "Datum:", "Van:", "Aan:"},
                {"-------- Mensagem reencaminhada --------", "Assunto:", "Data:", "De:", "Para:"}};
        for (String[] l : langs) {
            // Thunderbird: Subject, Date, From, To, a blank and a tab after each name
            InlineText.Carried c = forward(l[0] + "\n" + l[1] + " \tUndelivered Mail Returned to Sender\n" + l[2] + " \tD\n"
                    + l[3] + " \tMail Delivery System <MAILER-DAEMON@mx.example>\n" + l[4] + " \tann@sender.example\n");
            assertNotNull(c, l[0]);
            assertTrue(c.headers().contains("From: Mail Delivery System <MAILER-DAEMON@mx.example>\n"), l[0] + ": " + c.headers());
            assertTrue(c.headers().contains("Subject: Undelivered Mail Returned to Sender\n"), l[0]);
            assertEquals(NOTICE, c.text(), l[0]);
        }
        // Gmail writes only From in the reader's language
        for (String[] g : new String[][] {{"---------- Message transféré ---------", "De :"}, {"---------- Weitergeleitete Nachricht ---------", "Von:"},
                {"---------- Mensaje reenviado ---------", "De:"}, {"---------- Messaggio inoltrato ---------", "Da:"},
                {"---------- Doorgestuurd bericht ---------", "Van:"}, {"---------- Mensagem encaminhada ---------", "De:"}}) {
            assertNotice(forward(g[0] + "\n" + g[1] + " Mail Delivery System <MAILER-DAEMON@mx.example>\nDate: D\nTo: ann@sender.example\n"
                    + "Subject: Undelivered Mail Returned to Sender\n"), g[0]);
        }
    }

    @Test
    void thunderbirdsLocalisedAttributionsIntroduceAQuote() {
        // mailnews.reply_header_ondateauthorwrote: the author after the verb in German and Dutch, the time first in pt-PT
        String[] attributions = {"Le 01/01/2026 à 10:00, Mail Delivery System a écrit :", "Am 01.01.26 um 10:00 schrieb Mail Delivery System:",
                "El 1/1/26 a las 10:00, Mail Delivery System escribió:", "Il 01/01/26 10:00, Mail Delivery System ha scritto:",
                "Op 01-01-2026 om 10:00 schreef Mail Delivery System:", "Em 01/01/2026 10:00, Mail Delivery System escreveu:",
                "Às 10:00 de 01/01/2026, Mail Delivery System escreveu:",
                "Le jeu. 1 janv. 2026 à 10:00, Mail Delivery System <MAILER-DAEMON@mx.example> a écrit\u202f:"};
        for (String a : attributions) {
            InlineText.Carried c = InlineText.find("Voir ci-dessous.\n\n" + a + "\n> " + NOTICE.strip().replace("\n", "\n> ") + "\n", false);
            assertNotNull(c, a);
            assertEquals(NOTICE, c.text(), a);
        }
        // "Am ..." that ends in a colon but names no writer is no attribution
        assertNull(InlineText.find("Am Montag um 10:00:\n> a quoted line\n", false));
    }

    @Test
    void theNoticesOwnOriginalUnderABannerIsNoSecondForward() {
        // the forward unwrapped, the notice's "----- Original message -----" is its returned original (Gmail,
        // Exchange), not a forward of a forward: only a carried Subject that is itself a forward goes deeper
        String notice = "Delivery to the following recipient failed permanently:\n\n     kim@far.example\n\n"
                + "----- Original message -----\n\nFrom: ann@sender.example\nTo: kim@far.example\nSubject: offers\n\nHello\n";
        InlineText.Carried c = InlineText.find("FYI\n\n-----Ursprüngliche Nachricht-----\nVon: Mail Delivery Subsystem <mailer-daemon@mx.example>\n"
                + "Gesendet: Donnerstag, 1. Januar 2026 10:00\nAn: ann@sender.example\nBetreff: Delivery Status Notification (Failure)\n\n" + notice, true);
        assertNotNull(c);
        assertEquals(notice, c.text());
        // a forward of a forward is still unwrapped twice
        InlineText.Carried twice = InlineText.find("FYI\n\n-----Original Message-----\nFrom: Lee <lee@sender.example>\nSent: D\n"
                + "Subject: WG: Undelivered\n\n-------- Weitergeleitete Nachricht --------\nBetreff: \tUndelivered\nVon: \tMAILER-DAEMON@mx.example\n\n"
                + NOTICE, true);
        assertNotNull(twice);
        assertEquals(NOTICE, twice.text());
    }

    @Test
    void localisedForwardAndReplySubjectsArePersons() {
        assertTrue(InlineText.isForwardSubject("enc: undelivered mail"));
        assertTrue(InlineText.isReplyOrForwardSubject("wg: complaint about message from 192.0.2.1"));
        assertTrue(InlineText.isReplyOrForwardSubject("aw: complaint about message from 192.0.2.1"));
        assertFalse(InlineText.isReplyOrForwardSubject("complaint about message from 192.0.2.1"));
    }

    @Test
    void aLocalisedBlockInAForwardIsDecodedAsTheNotice() {
        String m = "From: Pat <pat@example.net>\nTo: helpdesk@example.org\nSubject: WG: Undelivered Mail Returned to Sender\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nFYI\n\n-----Ursprüngliche Nachricht-----\n"
                + "Von: Mail Delivery System <MAILER-DAEMON@mx.example>\nGesendet: Donnerstag, 1. Januar 2026 10:00\n"
                + "An: ann@sender.example\nBetreff: Undelivered Mail Returned to Sender\n\n" + NOTICE;
        BounceMessage b = BounceMessage.parse(m.getBytes(StandardCharsets.UTF_8));
        assertNotNull(b.carried());
        assertTrue(b.carried().headers().startsWith("From: Mail Delivery System <MAILER-DAEMON@mx.example>\n"), b.carried().headers());
        assertEquals(NOTICE, b.mainText());
    }
}
