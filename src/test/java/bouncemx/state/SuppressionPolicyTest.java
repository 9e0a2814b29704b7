package bouncemx.state;

import bouncemx.config.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The escalation rules as tables: each row is a sequence of events for one address (a tiny language: "soft" =
 * a counted soft bounce of a new message on the next day, "soft@D" on day D, "soft:REASON", "soft#MSGID",
 * "grey" = greylisting, "hard", "complaint:TYPE", "success", "add", "lift", "active" = reported activity), and
 * the expected end: suppressed or not, cause, soft bounces counting at the last event, and the causes of the
 * changes in order.
 */
class SuppressionPolicyTest {
    private static final Instant DAY0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final SuppressionPolicy POLICY = new SuppressionPolicy(Config.Suppression.DEFAULT);

    record Row(String why, String events, boolean suppressed, String cause, int count, String changes) {
        @Override
        public String toString() {
            return why;
        }
    }

    static String times(int n, String e) {
        return String.join(" ", java.util.Collections.nCopies(n, e));
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("a hard bounce suppresses at once", "hard", true, "hard_bounce", 0, "hard_bounce"),
                new Row("six soft bounces do not suppress", times(6, "soft"), false, null, 6, ""),
                new Row("the seventh soft bounce suppresses", times(7, "soft"), true, "soft_bounces", 7, "soft_bounces"),
                new Row("later soft bounces change nothing more", times(9, "soft"), true, "soft_bounces", 9, "soft_bounces"),
                new Row("an active subscriber gets fifteen: fourteen do not suppress", "active " + times(14, "soft"), false, null, 14, ""),
                new Row("an active subscriber gets fifteen", "active " + times(15, "soft"), true, "soft_bounces", 15, "soft_bounces"),
                new Row("activity older than the activity window no longer counts", "active@0 " + "soft@200 ".repeat(6) + "soft@201", true, "soft_bounces", 7, "soft_bounces"),
                new Row("soft bounces older than the soft window stop counting", "soft@1 soft@2 soft@3 soft@4 soft@5 soft@6 soft@190", false, null, 1, ""),
                new Row("a delivery success resets the count", times(6, "soft") + " success " + times(6, "soft"), false, null, 6, ""),
                new Row("a delivery success lifts a soft-bounce suppression", times(7, "soft") + " success", false, "delivery_success", 0, "soft_bounces delivery_success"),
                new Row("a delivery success lifts a hard-bounce suppression", "hard success", false, "delivery_success", 0, "hard_bounce delivery_success"),
                new Row("a delivery success never lifts a complaint", "complaint:abuse success", true, "complaint", 0, "complaint"),
                new Row("the same original message counts once", "soft#m1 soft#m1 soft#<M1> " + times(5, "soft"), false, null, 6, ""),
                new Row("sender-side reasons never count", times(10, "soft:blocked") + " " + times(10, "soft:badreputation") + " " + times(5, "soft:spamdetected"), false, null, 0, ""),
                new Row("greylisting never counts", times(10, "grey"), false, null, 0, ""),
                new Row("delayed and auto replies are not signals; a non-counted reason mixed in", times(6, "soft") + " soft:ratelimitedish", false, null, 6, ""),
                new Row("an abuse complaint suppresses", "complaint:abuse", true, "complaint", 0, "complaint"),
                new Row("fraud and virus complaints suppress", "complaint:fraud", true, "complaint", 0, "complaint"),
                new Row("a not-spam report never suppresses", "complaint:not-spam complaint:other", false, null, 0, ""),
                new Row("a manual add suppresses", "add", true, "manual", 0, "manual"),
                new Row("a manual lift lifts and resets the count", times(7, "soft") + " lift", false, "manual_lift", 0, "soft_bounces manual_lift"),
                new Row("after a lift seven more are needed", times(7, "soft") + " lift " + times(6, "soft"), false, "manual_lift", 6, "soft_bounces manual_lift"),
                new Row("a hard bounce after a lift suppresses again", "hard lift hard", true, "hard_bounce", 0, "hard_bounce manual_lift hard_bounce"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void escalation(Row row) {
        AddressState s = AddressState.unknown("jane@example.org");
        List<String> changes = new ArrayList<>();
        int day = 0;
        int n = 0;
        Instant last = DAY0;
        for (String word : row.events().split(" ")) {
            n++;
            String kind = word;
            String msg = "msg-" + n;
            int at = word.indexOf('@');
            if (at >= 0) {
                day = Integer.parseInt(word.substring(at + 1));
                kind = word.substring(0, at);
            } else {
                day++;
            }
            int hash = kind.indexOf('#');
            if (hash >= 0) {
                msg = kind.substring(hash + 1);
                kind = kind.substring(0, hash);
            }
            Instant t = DAY0.plus(Duration.ofDays(day));
            last = t;
            String a = s.address();
            Signal signal = switch (kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind) {
                case "soft" -> new Signal.Soft(a, "e" + n, t, kind.contains(":") ? kind.substring(5) : "mailboxfull", "status", msg);
                case "grey" -> new Signal.Soft(a, "e" + n, t, "blocked", "greylisting:try again later", msg);
                case "hard" -> new Signal.Hard(a, "e" + n, t);
                case "complaint" -> new Signal.Complaint(a, "e" + n, t, kind.substring(10));
                case "success" -> new Signal.Success(a, "e" + n, t);
                case "add" -> new Signal.Manual(a, "e" + n, t, true);
                case "lift" -> new Signal.Manual(a, "e" + n, t, false);
                case "active" -> new Signal.Activity(a, "e" + n, t);
                default -> throw new IllegalArgumentException(word);
            };
            var o = POLICY.apply(s, signal);
            s = o.after();
            if (o.change() != null) changes.add(o.change().cause());
        }
        assertEquals(row.suppressed(), s.suppressed(), "suppressed");
        assertEquals(row.cause(), s.cause(), "cause");
        assertEquals(row.count(), POLICY.count(s, last), "soft bounces counting");
        assertEquals(row.changes(), String.join(" ", changes), "changes");
    }
}
