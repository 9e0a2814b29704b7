package bouncemx.event;

import bouncemx.classify.Classification;
import bouncemx.classify.Classifier;
import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Decoder;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.verp.Verp;
import bouncemx.verp.VerpVerifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns one raw message into its events: decode, classify every recipient, expand VERP. Always returns at
 * least one event: a message nobody decodes (or whose decoding fails with an unexpected error, which is
 * recorded in {@code parser.error} rather than thrown) yields one {@code message.unclassified}. Event ids
 * are {@code idBase + "-" + n} (n from 1, in the order the message lists recipients); by default the base is
 * derived from the content ({@link #idBase}), so the same message processed again, or sent again by an MTA
 * retrying after a 4xx, gets the same ids. Pure; thread-safe.
 */
public final class EventFactory {
    private final Decoder decoder;
    private final Classifier classifier;
    private final Limits limits;
    private final java.util.function.Supplier<VerpVerifier> verifier; // gives null: signatures are not checked (offline)

    public EventFactory(Decoder decoder, Classifier classifier, Limits limits) {
        this(decoder, classifier, limits, (VerpVerifier) null);
    }

    /**
     * A factory that also checks the signature of a signed-VERP envelope recipient with {@code verifier}, so the
     * events' {@code verp} block says {@code valid: true|false}; null: not checked.
     */
    public EventFactory(Decoder decoder, Classifier classifier, Limits limits, VerpVerifier verifier) {
        this(decoder, classifier, limits, () -> verifier);
    }

    /** Likewise with the verifier in force at each message (the daemon's, whose keys a configuration reload replaces). */
    public EventFactory(Decoder decoder, Classifier classifier, Limits limits,
                        java.util.function.Supplier<VerpVerifier> verifier) {
        this.decoder = decoder;
        this.classifier = classifier;
        this.limits = limits;
        this.verifier = verifier;
    }

    /**
     * @param envelope   the SMTP envelope, or null offline
     * @param journalSeq the journal position, or null offline
     * @param idBase     the stable id of the message the event ids are derived from; null: from the content
     *                   ({@link #idBase(String, Envelope)})
     */
    public List<Event> events(byte[] raw, Envelope envelope, Instant receivedAt, Instant now, Long journalSeq,
                              String idBase) {
        String sha = sha256(raw);
        return events(raw, envelope, receivedAt, now, journalSeq, sha, idBase != null ? idBase : idBase(sha, envelope));
    }

    /**
     * The events of a journaled message for comparing verdicts only ({@code reclassify}): as {@link #events} offline
     * of the journal position, but without the raw bytes' digest, which was ~5% of a re-decoding; their ids and
     * {@code rawSha256} are "" until {@link #identified} gives them the ones {@link #events} would have.
     */
    public List<Event> unidentifiedEvents(byte[] raw, Envelope envelope, Instant receivedAt, Instant now) {
        return events(raw, envelope, receivedAt, now, null, "", "");
    }

    /** {@code events} (from {@link #unidentifiedEvents} of {@code raw}) with the ids and digest {@link #events} gives them. */
    public static List<Event> identified(List<Event> events, byte[] raw, Envelope envelope) {
        String sha = sha256(raw);
        String base = idBase(sha, envelope);
        List<Event> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) out.add(events.get(i).identified(id(base, i), sha));
        return out;
    }

    private static String id(String base, int index) {
        return base + "-" + (index + 1);
    }

    private List<Event> events(byte[] raw, Envelope envelope, Instant receivedAt, Instant now, Long journalSeq,
                               String sha, String base) {
        ParseResult result;
        boolean truncated = false;
        String error = "";
        BounceMessage m = null;
        try {
            m = BounceMessage.parse(raw, limits);
            truncated = m.truncated();
            result = decoder.decode(m);
        } catch (RuntimeException | StackOverflowError e) { // a decoder bug must not lose the message: journal it unclassified
            result = new ParseResult.Undecodable("", "decoder failed: " + e);
            error = String.valueOf(e);
        }
        Verp.Address verp = verpOf(envelope, m);
        var message = new Event.Message(now, journalSeq, receivedAt, envelope, sha, raw.length, truncated);
        List<Event> out = new ArrayList<>();
        switch (result) {
            case ParseResult.Decoded d -> {
                Report report = d.report();
                List<RecipientStatus> rs = report.recipients();
                for (int i = 0; i < rs.size(); i++) {
                    RecipientStatus r = rs.get(i);
                    Classification c = classifier.classify(r, report.kind());
                    String address = r.address();
                    String source = r.addressSource();
                    Verp.Address v = verp;
                    if (verp != null && verp.signed()) {
                        address = verp.recipient(); // the signed recipient is exact, whatever the report says
                        source = "verp";
                    } else if (verp != null && rs.size() == 1) {
                        // the report's address picks the split when ids sit between prefix and recipient
                        Verp.Address exact = Verp.decodeAs(verp.address(), r.address());
                        if (exact != null) {
                            v = new Verp.Address(exact.address(), exact.prefix(), exact.recipient(), exact.bounceDomain(),
                                    verp.signature());
                        }
                        address = v.recipient();
                        source = "verp";
                    }
                    out.add(Event.recipient(message, id(base, i), address, source, r, c, report, v, d.dialect()));
                }
            }
            case ParseResult.Undecodable u -> out.add(Event.unclassified(message, id(base, 0), verp, u.dialect(),
                    error.isEmpty() ? u.why() : error));
            case ParseResult.NotMine n -> out.add(Event.unclassified(message, id(base, 0), verp, "", ""));
        }
        return out;
    }

    /** The VERP address the bounce was sent to: an envelope recipient, else the bounce's own To-like headers. */
    private Verp.Address verpOf(Envelope env, BounceMessage m) {
        if (env != null) {
            for (String rcpt : env.rcptTo()) {
                Verp.Address a = Verp.decodeAny(rcpt);
                if (a != null) {
                    VerpVerifier v = verifier.get();
                    return v == null ? a : a.checkedBy(v);
                }
            }
            return null;
        }
        if (m == null) return null;
        for (String name : VERP_HEADERS) {
            String v = m.headers().get(name);
            if (v == null) continue;
            Verp.Address a = Verp.decodeAny(Addresses.first(v));
            if (a != null) return a;
        }
        return null;
    }

    /** Headers a delivering MTA sets to the envelope recipient, most reliable first, then To. */
    private static final String[] VERP_HEADERS = {"x-original-to", "delivered-to", "envelope-to", "to"};

    /**
     * The base of a message's event ids, derived from its content: offline (no envelope) the first 24 hex
     * digits of the raw message's SHA-256; received over SMTP, the first 24 hex digits of the SHA-256 of that
     * digest and the envelope recipients, so the same bytes to the same recipients get the same ids however
     * often an MTA retries them, and the same report delivered to another recipient gets other ids.
     */
    public static String idBase(String rawSha256Hex, Envelope envelope) {
        if (envelope == null) return rawSha256Hex.substring(0, 24);
        StringBuilder b = new StringBuilder(rawSha256Hex.length() + 64).append(rawSha256Hex);
        for (String r : envelope.rcptTo()) b.append('\n').append(r.toLowerCase(java.util.Locale.ROOT));
        return sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 24);
    }

    /**
     * Lowercase hex SHA-256 of {@code raw}: the JDK's digest, whose compression C2 turns into the CPU's SHA
     * instructions, or {@link C1Sha256} in a JVM that compiles with C1 only, where the JDK's gets no intrinsic:
     * the system's libcrypto (JDK 22+ on Linux, ~10x) or else {@link Sha256} (~25% faster than the JDK's under
     * C1). The launcher's {@code classify} says which: it runs with {@code -XX:TieredStopAtLevel=1} and
     * {@code -D}{@value #JIT_PROPERTY}{@code =c1} (.ci/bouncemx); without that property the JDK's digest is used
     * (the daemon, reclassify, a JVM with C2, where the intrinsic is faster still than libcrypto's call).
     */
    public static String sha256(byte[] raw) {
        if (C1_ONLY) return C1Sha256.hex(raw);
        return HEX.formatHex(SHA256.get().digest(raw)); // digest() resets it for the next message
    }

    /** The system property that tells a JVM compiling with C1 only ({@code c1}); read once. */
    public static final String JIT_PROPERTY = "bouncemx.jit";
    private static final boolean C1_ONLY = "c1".equals(System.getProperty(JIT_PROPERTY));

    private static final HexFormat HEX = HexFormat.of();

    /**
     * One digest per thread: {@code MessageDigest.getInstance} looks the provider up and checks the algorithm
     * constraints each time (~1.5% of {@code classify}'s CPU when called per message).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    });
}
