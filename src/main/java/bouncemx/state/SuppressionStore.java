package bouncemx.state;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where the suppression state lives: one {@link AddressState} per address and the journal position it reflects,
 * written together so that after a crash state and position agree. Embedded by default ({@link SqliteStore});
 * behind this interface a store shared by several MX hosts can follow. Implementations are thread-safe.
 */
public interface SuppressionStore extends AutoCloseable {

    /** The state of {@code address} (lowercased), or null when it was never seen. */
    AddressState get(String address);

    /**
     * What one commit stores, in one transaction: the changed address states, counts to add to the campaign
     * report, changes to hold back (their change record is not written yet: {@link #held}), ids of held-back changes
     * found in the journal (dropped; an id the store does not hold is ignored), and the journal position (last
     * sequence number applied).
     */
    record Batch(Collection<AddressState> changed, Map<Campaigns.Key, Long> campaignCounts, List<Change> hold,
                 Collection<String> release, long position) {}

    /** One held-back change: its place in the order they were held ({@code key}, increasing), id and change. */
    record Held(long key, String id, Change change) {}

    void commit(Batch batch);

    /** A commit of states and position only. */
    default void commit(Collection<AddressState> changed, long position) {
        commit(new Batch(changed, Map.of(), List.of(), List.of(), position));
    }

    /**
     * Fills an empty store in one transaction (a rebuild, {@link Rebuild}): {@code states} in address order (any
     * order is correct, that one is fast), counts, {@code held} changes in the order they were held, and the position.
     */
    void load(Iterator<AddressState> states, Map<Campaigns.Key, Long> campaignCounts, Iterator<Change> held, long position);

    /** True when some held-back change is stored. */
    boolean holdsChanges();

    /** Up to {@code limit} held-back changes with a key above {@code afterKey}, in the order they were held. */
    List<Held> held(long afterKey, int limit);

    /** Drops the held-back changes with a key up to {@code throughKey} (their records are in the journal now). */
    void release(long throughKey);

    /** The last journal sequence number the stored state reflects (0: none, a new store). */
    long position();

    @Override
    void close();
}
