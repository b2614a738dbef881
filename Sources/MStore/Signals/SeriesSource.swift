/// Where signals read their data: the one seam between the signals and storage.
///
/// ``Store`` (one SQLite file) is a source; so is ``MemorySource`` (series held in memory,
/// for tests and for data that never touches a file). A faster read path or another
/// backend — a shared PostgreSQL, Parquet files — plugs in by implementing these few
/// reads; every signal and named query then works on it unchanged (see
/// `docs/ARCHITECTURE.md`).
///
/// Expressions (`A-B`, `A/B`, `A|B`, `NAME=EXPR`), transforms and exports are built on
/// these reads by extensions of the protocol.
///
/// ```swift
/// let source: any SeriesSource = try Store(path: "mstore.db")
/// let spread = try source.timeSeries("SOFR-IORB", until: nil, asOf: nil)
/// ```
public protocol SeriesSource: Sendable {
    /// One series by key (matched case-insensitively), its observations up to `until` as
    /// known on `asOf` (now when `nil`), with its unit and its key as stored.
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` naming the key, with close keys as
    ///   the hint ("did you mean …?").
    func series(key: String, until: Day?, asOf: Day?) throws -> TimeSeries

    /// Whether the source holds a series with this key (matched case-insensitively).
    func hasSeries(_ key: String) -> Bool

    /// The catalog frequency of a key (`D`, `B`, `W-WED`, `M`, `Q`, `A`), if known.
    func frequency(of key: String) throws -> String?

    /// For each date, the value of every series tagged `tag=value` that has one on it
    /// (point-in-time membership), as known on `asOf`.
    func crossSection(tag: String, value: String, since: Day?, until: Day?, asOf: Day?) throws -> CrossSection

    /// Keys of the series that carry every one of `tags`, sorted.
    func keys(withTags tags: [(String, String)]) throws -> [String]

    /// Every series that has a tag `name`, with its value, sorted by value then key.
    func tagged(_ name: String) throws -> [(key: String, value: String)]

    /// One sentence saying why an answer over `keys` (all series when empty) for the period
    /// is empty: after the last observation, before the first, nothing known yet.
    func emptyAnswerReason(keys: [String], since: Day?, until: Day?, asOf: Day?) -> String
}

extension SeriesSource {
    /// Whether the source holds `key`: by reading it (sources with a cheaper check override this).
    public func hasSeries(_ key: String) -> Bool {
        (try? series(key: key, until: nil, asOf: nil)) != nil
    }
}
