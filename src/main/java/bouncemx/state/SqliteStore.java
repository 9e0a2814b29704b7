package bouncemx.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded {@link SuppressionStore}: one SQLite database (xerial sqlite-jdbc) in WAL mode, so another process
 * (the {@code suppression} command) can read it while the daemon writes. Schema:
 * <pre>
 * address(address TEXT PRIMARY KEY, suppressed INTEGER, cause TEXT, soft TEXT, active_until INTEGER,
 *         updated_at INTEGER)                      -- times in epoch milliseconds; WITHOUT ROWID
 *   soft: the counted soft bounces, oldest first, "MILLIS:KEY" joined by ","; KEY is 16 hex digits of the
 *         original Message-ID's SHA-256, or empty
 * index address_updated(updated_at, address)       -- GET /api/v1/suppressions?since=
 * meta(key TEXT PRIMARY KEY, value INTEGER)        -- "position": the last journal sequence number applied
 * campaign(campaign TEXT, day INTEGER, category TEXT, reason TEXT, events INTEGER,
 *          PRIMARY KEY (campaign, day, category, reason))   -- day: epoch millis of a UTC midnight
 * held(key INTEGER PRIMARY KEY, id TEXT UNIQUE, address TEXT, suppressed INTEGER, cause TEXT, soft_bounces INTEGER,
 *      threshold INTEGER, caused_by TEXT, at TEXT)   -- held-back changes (SuppressionState), in the order held
 * </pre>
 * A 64 MiB page cache (SQLite's default is 2 MiB) keeps a rebuild's random reads and writes of the address table
 * in memory for longer; it is outside the Java heap.
 * The state is derived from the journal: a deleted database is rebuilt by reading the journal from the start.
 * Synchronous=NORMAL: a power cut may lose the last commits, never tear one; the journal gives them back. Errors
 * are {@link IllegalStateException} (SQLException inside). Thread-safe: writes and the consumer's bookkeeping on one
 * connection (methods synchronized); {@link #get} on a small pool of reading connections ({@link #LOOKUP_CONNECTIONS},
 * each query its own read transaction: WAL readers run side by side and never hold up the writer or a checkpoint),
 * so API lookups do not queue behind each other or behind a commit.
 */
public final class SqliteStore implements SuppressionStore, SuppressionQueries {
    private final Path file;
    private final Connection db;
    private final PreparedStatement upsert;
    private final PreparedStatement savePosition;
    private final PreparedStatement count;
    private final PreparedStatement hold;
    private final PreparedStatement unhold;
    /**
     * Connections for {@link #get}, each with its prepared SELECT; taken and given back per lookup at the front (the
     * most recently used first): the few connections the event loops keep busy stay hot, and the rest idle. Each
     * connection maps the file on its own and SQLite drops that mapping whenever the WAL has changed, so every
     * connection in turn would fault the pages it touches in again (a queue in turn did: bench/README.md).
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<Lookup> lookups;
    /**
     * One permit per connection in {@link #lookups}, fair: a lookup that waits for a connection gets the next one
     * given back, before a thread that gave one back and asks again at once. Without that order a thread that
     * looked up in a loop took its own connection back every time, and with more lookups at once than connections
     * one of them could wait the whole {@link #LOOKUP_WAIT_MS} and fail (12 threads on 4 connections for 10 s, the
     * longest lookup took 9.1 s; with the permits in turn: bench/README.md).
     */
    private final java.util.concurrent.Semaphore free = new java.util.concurrent.Semaphore(0, true);

    /**
     * Reading connections for lookups: one per core (at least 2; the HTTP server answers lookups on as many event
     * loops) and two more for the other threads that look up (API writes, the command line), so that an event loop
     * seldom waits for one; SQLite reads in WAL mode do not block each other.
     */
    public static final int LOOKUP_CONNECTIONS = Math.max(2, Runtime.getRuntime().availableProcessors()) + 2;
    /**
     * The reading connections map up to this much of the database file (SQLite's mmap_size; pages beyond it are read
     * with pread as without a mapping): a lookup reads the B-tree pages from the OS page cache in
     * place, shared by all of them, instead of a pread(2) into each connection's private 2 MiB cache per page it
     * misses (with a million addresses looked up at random, most pages: ~30% of a lookup's time in SQLite went to
     * pread, bench/README.md). Address space, not heap; pages added to the WAL since the last checkpoint are still read from it.
     */
    static final long LOOKUP_MMAP_BYTES = 2L << 30;
    /** How long a lookup waits for a free reading connection (they are busy for microseconds) before it fails. */
    private static final long LOOKUP_WAIT_MS = 10_000;

    private record Lookup(Connection db, PreparedStatement select) {}

    private volatile boolean closed;

    private SqliteStore(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA cache_size=-65536");
            s.execute("CREATE TABLE IF NOT EXISTS address(address TEXT PRIMARY KEY, suppressed INTEGER NOT NULL,"
                    + " cause TEXT, soft TEXT NOT NULL, active_until INTEGER, updated_at INTEGER) WITHOUT ROWID");
            s.execute("CREATE INDEX IF NOT EXISTS address_updated ON address(updated_at, address)");
            s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS campaign(campaign TEXT NOT NULL, day INTEGER NOT NULL, category TEXT NOT NULL,"
                    + " reason TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (campaign, day, category, reason)) WITHOUT ROWID");
            s.execute("CREATE TABLE IF NOT EXISTS held(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, address TEXT NOT NULL,"
                    + " suppressed INTEGER NOT NULL, cause TEXT NOT NULL, soft_bounces INTEGER NOT NULL, threshold INTEGER NOT NULL,"
                    + " caused_by TEXT, at TEXT NOT NULL)");
        }
        db.setAutoCommit(false);
        upsert = db.prepareStatement("INSERT INTO address(address, suppressed, cause, soft, active_until, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(address) DO UPDATE SET suppressed = excluded.suppressed,"
                + " cause = excluded.cause, soft = excluded.soft, active_until = excluded.active_until,"
                + " updated_at = excluded.updated_at");
        savePosition = db.prepareStatement("INSERT INTO meta(key, value) VALUES ('position', ?)"
                + " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        count = db.prepareStatement("INSERT INTO campaign(campaign, day, category, reason, events) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT(campaign, day, category, reason) DO UPDATE SET events = events + excluded.events");
        hold = db.prepareStatement("INSERT OR IGNORE INTO held(id, address, suppressed, cause, soft_bounces, threshold, caused_by, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        unhold = db.prepareStatement("DELETE FROM held WHERE id = ?");
        db.commit();
        lookups = new java.util.concurrent.ConcurrentLinkedDeque<>();
        try {
            for (int i = 0; i < LOOKUP_CONNECTIONS; i++) {
                Connection c = reader(); // autocommit: each SELECT is its own short read transaction
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA query_only=1");
                    st.execute("PRAGMA mmap_size=" + LOOKUP_MMAP_BYTES);
                }
                lookups.add(new Lookup(c, c.prepareStatement(SELECT)));
                free.release();
            }
        } catch (SQLException e) {
            closeLookups();
            throw e;
        }
    }

    /**
     * A lookup's row as one text column, {@code SUPPRESSED|ACTIVE_UNTIL|UPDATED_AT|SOFT|CAUSE} ({@link #packed}): the JDBC
     * driver asks SQLite for the name of every column of every query it runs (a JNI call that builds a Java string per
     * column) and reads each value in a call of its own, so five columns cost five of each where one costs one
     * (bench/README.md). The integers are decimal or empty (NULL), soft is as stored (digits, ':', ',' and hex: never
     * '|'), and CAUSE, last so that it may hold any character, is empty for NULL or '=' and the cause.
     */
    private static final String SELECT = "SELECT suppressed || '|' || ifnull(active_until, '') || '|' || ifnull(updated_at, '')"
            + " || '|' || soft || '|' || CASE WHEN cause IS NULL THEN '' ELSE '=' || cause END FROM address WHERE address = ?";

    /** Opens (creating it and its directory when missing) the database file {@code file}. */
    public static SqliteStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new SqliteStore(file.toAbsolutePath(), DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the suppression store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where a rebuild of the store of a data directory keeps its temporary files: {@code DIR/state/rebuild-tmp}. */
    public static Path rebuildScratch(Path dataDir) {
        return dataDir.resolve("state").resolve("rebuild-tmp");
    }

    /** The store of a data directory: {@code DIR/state/suppression.db}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("state").resolve("suppression.db");
    }

    /** The committed state of {@code address}: on a reading connection of the pool, not the writer's (no lock shared with commits). */
    @Override
    public AddressState get(String address) {
        try {
            if (!free.tryAcquire(LOOKUP_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("suppression store: no reading connection free within " + LOOKUP_WAIT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("suppression store: interrupted while waiting for a reading connection");
        }
        Lookup l = lookups.pollFirst(); // a permit is a connection in the deque, unless close() has taken them
        if (l == null) {
            free.release();
            throw new IllegalStateException("suppression store: closed");
        }
        try {
            l.select.setString(1, address);
            try (ResultSet r = l.select.executeQuery()) {
                return r.next() ? packed(address, r.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        } finally {
            if (closed) {
                close(l);
            } else {
                lookups.addFirst(l);
                free.release();
            }
        }
    }

    /** What SQLite says a reading connection of the pool maps of the file (PRAGMA mmap_size), for tests. */
    long lookupMmapBytes() {
        if (!free.tryAcquire()) throw new IllegalStateException("no reading connection free");
        Lookup l = lookups.pollFirst();
        try (Statement s = l.db.createStatement(); ResultSet r = s.executeQuery("PRAGMA mmap_size")) {
            return r.next() ? r.getLong(1) : -1;
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        } finally {
            lookups.addFirst(l);
            free.release();
        }
    }

    /** The state of {@code address} from its row as {@link #SELECT} packs it. */
    static AddressState packed(String address, String row) {
        int a = row.indexOf('|');
        int b = row.indexOf('|', a + 1);
        int c = row.indexOf('|', b + 1);
        int d = row.indexOf('|', c + 1);
        if (a < 0 || b < 0 || c < 0 || d < 0) throw new IllegalStateException("suppression store: a row that is not as packed");
        return row(address, !row.substring(0, a).equals("0"), d + 1 == row.length() ? null : row.substring(d + 2),
                row.substring(c + 1, d), decimal(row, a + 1, b), decimal(row, b + 1, c));
    }

    private static Long decimal(String s, int from, int to) {
        return from == to ? null : Long.parseLong(s, from, to, 10);
    }

    static AddressState row(String address, boolean suppressed, String cause, String soft, Long activeUntil, Long updatedAt) {
        return new AddressState(address, suppressed, cause, decodeSoft(soft),
                activeUntil == null ? null : Instant.ofEpochMilli(activeUntil),
                updatedAt == null ? null : Instant.ofEpochMilli(updatedAt));
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    @Override
    public synchronized void commit(Batch batch) {
        try {
            addCounts(batch.campaignCounts());
            for (AddressState s : batch.changed()) {
                bindState(s);
                upsert.addBatch();
            }
            if (!batch.changed().isEmpty()) upsert.executeBatch();
            for (String id : batch.release()) {
                unhold.setString(1, id);
                unhold.addBatch();
            }
            if (!batch.release().isEmpty()) unhold.executeBatch();
            for (Change c : batch.hold()) {
                bindHeld(c);
                hold.addBatch();
            }
            if (!batch.hold().isEmpty()) hold.executeBatch();
            savePosition.setLong(1, batch.position());
            savePosition.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void load(Iterator<AddressState> states, Map<Campaigns.Key, Long> campaignCounts, Iterator<Change> held,
                                  long position) {
        try (Statement st = db.createStatement()) {
            // an index built once at the end costs a sort; kept during the inserts it costs a random write per row
            st.execute("DROP INDEX IF EXISTS address_updated");
            int n = 0;
            while (states.hasNext()) {
                bindState(states.next());
                upsert.addBatch();
                if (++n % 10_000 == 0) upsert.executeBatch();
            }
            upsert.executeBatch();
            n = 0;
            while (held.hasNext()) {
                bindHeld(held.next());
                hold.addBatch();
                if (++n % 10_000 == 0) hold.executeBatch();
            }
            hold.executeBatch();
            addCounts(campaignCounts);
            savePosition.setLong(1, position);
            savePosition.executeUpdate();
            // the index's sort of every row on SQLite's helper threads too (its default is none): 10 M rows took
            // 15 s on one thread, after the load and before the commit, while nothing else runs
            st.execute("PRAGMA threads=" + Math.min(4, Runtime.getRuntime().availableProcessors()));
            st.execute("CREATE INDEX IF NOT EXISTS address_updated ON address(updated_at, address)");
            st.execute("PRAGMA threads=0");
            db.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    private void addCounts(Map<Campaigns.Key, Long> campaignCounts) throws SQLException {
        for (var e : campaignCounts.entrySet()) {
            count.setString(1, e.getKey().campaign());
            count.setLong(2, e.getKey().day().toEpochMilli());
            count.setString(3, e.getKey().category());
            count.setString(4, e.getKey().reason());
            count.setLong(5, e.getValue());
            count.addBatch();
        }
        if (!campaignCounts.isEmpty()) count.executeBatch();
    }

    private void bindState(AddressState s) throws SQLException {
        upsert.setString(1, s.address());
        upsert.setInt(2, s.suppressed() ? 1 : 0);
        upsert.setString(3, s.cause());
        upsert.setString(4, encodeSoft(s.softBounces()));
        if (s.activeUntil() == null) upsert.setNull(5, java.sql.Types.INTEGER); else upsert.setLong(5, s.activeUntil().toEpochMilli());
        if (s.updatedAt() == null) upsert.setNull(6, java.sql.Types.INTEGER); else upsert.setLong(6, s.updatedAt().toEpochMilli());
    }

    private void bindHeld(Change c) throws SQLException {
        hold.setString(1, ChangeRecords.id(c, null));
        hold.setString(2, c.address());
        hold.setInt(3, c.suppressed() ? 1 : 0);
        hold.setString(4, c.cause());
        hold.setInt(5, c.softBounces());
        hold.setInt(6, c.threshold());
        hold.setString(7, c.causedBy());
        hold.setString(8, c.at().toString());
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the failure that led here is what the caller needs to know
        }
    }

    @Override
    public synchronized boolean holdsChanges() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM held LIMIT 1")) {
            boolean any = r.next();
            db.commit();
            return any;
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Held> held(long afterKey, int limit) {
        try (PreparedStatement p = db.prepareStatement("SELECT key, id, address, suppressed, cause, soft_bounces, threshold,"
                + " caused_by, at FROM held WHERE key > ? ORDER BY key LIMIT ?")) {
            p.setLong(1, afterKey);
            p.setInt(2, limit);
            List<Held> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Held(r.getLong(1), r.getString(2), new Change(r.getString(3), r.getInt(4) != 0, r.getString(5),
                            r.getInt(6), r.getInt(7), r.getString(8), Instant.parse(r.getString(9)))));
                }
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void release(long throughKey) {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM held WHERE key <= ?")) {
            p.setLong(1, throughKey);
            p.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AddressState> changedSince(Instant since, Instant afterTime, String afterAddress, int limit) {
        String sql = "SELECT address, suppressed, cause, soft, active_until, updated_at FROM address"
                + " WHERE updated_at IS NOT NULL AND updated_at >= ? AND (updated_at > ? OR (updated_at = ? AND address > ?))"
                + " ORDER BY updated_at, address LIMIT ?";
        long after = afterTime == null ? Long.MIN_VALUE : afterTime.toEpochMilli();
        try (Connection c = reader(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, since.toEpochMilli());
            p.setLong(2, after);
            p.setLong(3, after);
            p.setString(4, afterAddress == null ? "" : afterAddress);
            p.setInt(5, limit);
            List<AddressState> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(row(r));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Campaigns.Row> campaigns(Instant since) {
        String sql = "SELECT campaign, category, reason, SUM(events) FROM campaign WHERE day >= ?"
                + " GROUP BY campaign, category, reason ORDER BY campaign";
        List<Campaigns.Row> out = new ArrayList<>();
        try (Connection c = reader(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, since.truncatedTo(java.time.temporal.ChronoUnit.DAYS).toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                String current = null;
                long events = 0;
                Map<String, Long> byCategory = new java.util.TreeMap<>();
                Map<String, Long> byReason = new java.util.TreeMap<>();
                while (r.next()) {
                    if (current != null && !current.equals(r.getString(1))) {
                        out.add(new Campaigns.Row(current, events, byCategory, byReason));
                        events = 0;
                        byCategory.clear();
                        byReason.clear();
                    }
                    current = r.getString(1);
                    long n = r.getLong(4);
                    events += n;
                    byCategory.merge(r.getString(2), n, Long::sum);
                    if (!r.getString(3).isEmpty()) byReason.merge(r.getString(3), n, Long::sum);
                }
                if (current != null) out.add(new Campaigns.Row(current, events, byCategory, byReason));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    @Override
    public void forEach(Consumer<AddressState> each) {
        try (Connection c = reader(); Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery("SELECT address, suppressed, cause, soft, active_until, updated_at FROM address ORDER BY address")) {
                while (r.next()) each.accept(row(r));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    /** A connection of its own for one long read, so the writer is never held up (WAL: readers do not block it). */
    private Connection reader() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
        }
        return c;
    }

    private static AddressState row(ResultSet r) throws SQLException {
        return row(r.getString(1), r.getInt(2) != 0, r.getString(3), r.getString(4), nullableLong(r, 5), nullableLong(r, 6));
    }

    @Override
    public synchronized long position() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'position'")) {
            long p = r.next() ? r.getLong(1) : 0;
            db.commit();
            return p;
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeLookups();
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("suppression store: " + e.getMessage(), e);
        }
    }

    /** Closes the reading connections that are free (all of them once lookups have ended). */
    private void closeLookups() {
        if (lookups == null) return;
        for (Lookup l; (l = lookups.poll()) != null; ) close(l);
    }

    private static void close(Lookup l) {
        try {
            l.db.close();
        } catch (SQLException ignored) {
            // closing anyway; the writer's close reports a real failure
        }
    }

    static String encodeSoft(List<AddressState.Soft> soft) {
        StringBuilder b = new StringBuilder(soft.size() * 32);
        for (AddressState.Soft s : soft) {
            if (!b.isEmpty()) b.append(',');
            b.append(s.at().toEpochMilli()).append(':').append(s.messageKey());
        }
        return b.toString();
    }

    static List<AddressState.Soft> decodeSoft(String text) {
        List<AddressState.Soft> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        for (String item : text.split(",")) {
            int colon = item.indexOf(':');
            out.add(new AddressState.Soft(Instant.ofEpochMilli(Long.parseLong(item.substring(0, colon))), item.substring(colon + 1)));
        }
        return out;
    }
}
