/// What a storage engine implements for ``Store``: the reads, the catalog's small writes,
/// the transactions an ingest runs in, and the sandboxed console of `mstore sql`.
///
/// Everything that is the same for every engine — reading and checking files, the
/// bitemporal placing rules (``Placement``), grouping update sources, revisions from
/// versions, the sentences of an empty answer — lives outside the engines and is written
/// once, in ``Store`` and `Ingest/`. An engine answers questions in its own query language
/// and keeps its own connections, locks and limits (no process-wide state). SQLite's is
/// ``SQLiteEngine`` in `Store/SQLite/`; a new engine goes in a folder of its own beside it
/// (see `docs/ARCHITECTURE.md`).
protocol StoreEngine: Sendable {
    /// Migration identifiers recorded in the store, in the order they were applied.
    func appliedMigrations() throws -> [String]

    // MARK: Catalog

    /// The catalog in key order, spans as known on `asOf`; only `key` (a stored key) when given.
    func catalog(asOf: Day?, key: String?) throws -> [SeriesInfo]
    /// The key as stored (matched case-insensitively); `notFound` with close keys otherwise.
    func canonicalKey(_ key: String) throws -> String
    /// Whether a series with this key exists (matched case-insensitively).
    func hasSeries(_ key: String) -> Bool
    /// The tags of a series, by name.
    func tags(key: String) throws -> [(name: String, value: String)]
    /// Sets (or replaces) tags on a series and removes the named ones, in one transaction.
    func setTags(key: String, set: [(String, String)], remove: [String]) throws
    /// Keys of the series that carry every one of `tags`, sorted.
    func keys(withTags tags: [(String, String)]) throws -> [String]
    /// Every series with a tag `name`, with its value, by value then key.
    func tagged(_ name: String) throws -> [(key: String, value: String)]
    /// The ingest runs that stored values of a series, oldest first.
    func ingestHistory(key: String) throws -> [IngestRun]
    /// Every series with a remembered source (see ``StoredFetchSource``), by source, then
    /// all-vintages, then key.
    func fetchSources() throws -> [StoredFetchSource]

    // MARK: Observations

    /// Observations of `key` dated in [since, until], current or as known on `asOf`.
    func observations(key: String, since: Day?, until: Day?, asOf: Day?) throws -> [Observation]
    /// For each date, the values of every series tagged `tag=value` on it, as known on `asOf`.
    func crossSection(tag: String, value: String, since: Day?, until: Day?, asOf: Day?) throws -> CrossSection
    /// Every version of a series' observations dated in [since, until] and known by `asOf`,
    /// by date, then vintage, then run.
    func versions(key: String, since: Day?, until: Day?, asOf: Day?) throws -> [(date: Day, value: Double, vintage: Day)]
    /// Every revision of every series dated in [since, until] and known by `asOf` (a version
    /// against the one before it for the same date), by key, date and vintage.
    func allRevisions(since: Day?, until: Day?, asOf: Day?) throws -> [(key: String, unit: String?, revision: Revision)]
    /// Revisions that became known on or after `since`, across all series.
    func revisionsArrived(since: Day) throws -> [(key: String, revision: Revision)]
    /// The first vintage of any observation of `keys` (stored keys; all when empty) and the
    /// first and last dates known on `asOf`.
    func observedSpan(keys: [String], asOf: Day?) throws -> (firstVintage: Day?, first: Day?, last: Day?)

    // MARK: Ingest

    /// Whether any run read a file of exactly `size` bytes (only such a file can be a repeat).
    func hasRun(ofSize size: Int) throws -> Bool
    /// The first run of the content `sha256` (whose file name ends with `nameEnding`, a
    /// workbook's `[sheet]`, when given).
    func previousRun(sha256: String, nameEnding: String?) throws -> PreviousRun?
    /// Records the same content seen again at a later vintage (a `confirmed` run and the
    /// earlier run's coverage at this vintage); `false`, nothing written, when not later.
    func confirmAgain(run: PreviousRun, sha256: String, name: String, size: Int, vintage: Day) throws -> Bool
    /// Runs `body` in one write transaction, taken at once (a second writer waits): committed
    /// when `body` returns, rolled back when it throws. `file` names the input in errors.
    func inWriteTransaction<T>(file: String, _ body: (any IngestCatalog) throws -> T) throws -> T
    /// Runs `body` in a read transaction (a dry run): no lock that makes a writer wait.
    func inReadTransaction<T>(file: String, _ body: (any IngestCatalog) throws -> T) throws -> T

    // MARK: Copy

    /// Calls `body` on every row of every table, in ``StoreTable`` order and each table in
    /// its primary key's order, as text (``Cell/copyText``, columns as
    /// ``StoreTable/columns``), all read in one snapshot and never held whole in memory.
    func scan(_ body: (StoreTable, [String?]) throws -> Void) throws
    /// Loads rows into this empty store in one write transaction: `fill` is given the
    /// function that stores one row of a table (tables in ``StoreTable`` order); before it
    /// commits, `verify` is given a function that walks every version's series id and value
    /// as stored, in primary-key order, and a throw from either rolls everything back.
    func load(fill: ((StoreTable, [String?]) throws -> Void) throws -> Void, verify: (((Int64, Double) throws -> Void) throws -> Void) throws -> Void) throws

    // MARK: Console

    /// Runs one read-only statement under `limits`, on a connection of its own.
    func query(sql: String, limits: SQLLimits) throws -> ResultTable
}

/// A run found by its content's hash.
struct PreviousRun {
    var id: Int64
    var layout: String
}

/// One series' remembered source, as an engine stores it.
struct StoredFetchSource {
    var key: String
    /// The source's text (`fred:WRESBAL`, a URL).
    var source: String
    var allVintages: Bool
    /// Ingest flags for a URL, as a JSON array.
    var flags: String?
    var lastFetched: Day?
    /// The latest current observation of the series.
    var lastObservation: Day?
}
