/// What one ingest asks of the store's engine, inside the engine's write transaction (or,
/// for a dry run, a read transaction): the run's provenance row, the catalog's series and
/// tags, the packed current values, and a sink for the observations. The ingest itself —
/// reading, checking, placing (``Placement``) — is the same for every engine; SQLite's
/// implementation is ``SQLiteIngestCatalog``.
protocol IngestCatalog {
    /// Opens the run's `ingest_run` row (outcome `running`); its id.
    func beginRun(file: String, sha256: String, size: Int, layout: String, vintage: Day) throws -> Int64
    /// Closes it with the counts and its outcome (`ok`, `partial`).
    func finishRun(_ runID: Int64, rows: Int, inserted: Int, revised: Int, unchanged: Int, rejected: Int, outcome: String) throws
    /// The content's SHA-256, known only once the whole file was read.
    func setDigest(_ runID: Int64, sha256: String) throws
    /// A fetched payload's URL and, for each series, the source `update` refreshes it from.
    func recordFetch(_ runID: Int64, fetched: FetchRecord, seriesIDs: [Int64]) throws
    /// The span of dates the run gave a series at its vintage (series_coverage).
    func recordCoverage(seriesID: Int64, runID: Int64, vintage: Day, first: Day, last: Day) throws

    /// The series stored under `key` (matched as keys are): its id, its key as first
    /// written, and whether it holds observations.
    func series(key: String) throws -> (id: Int64, key: String, hasData: Bool)?
    /// Fills what the catalog lacks from the file (`unit`, `source`, `meta`), and overrides
    /// with the flags (`unitFlag`, `sourceFlag`).
    func updateSeries(_ id: Int64, unitFlag: String?, unit: String?, sourceFlag: String?, source: String?, meta: SeriesMeta) throws
    /// A new series; its id.
    func insertSeries(key: String, unit: String?, source: String?, meta: SeriesMeta) throws -> Int64
    func setTag(seriesID: Int64, name: String, value: String) throws
    func setFrequency(seriesID: Int64, code: String) throws
    /// A series written with `%` signs is in percent unless the catalog says otherwise.
    func markPercent(seriesID: Int64) throws

    /// Stores a series' current values, packed, with the catalog's first, last and count.
    func storeSnapshot(_ snapshot: Snapshot, seriesID: Int64) throws
    /// Reads a series' current values back and stores them packed; its current dates (at
    /// least the 60 latest: the frequency is inferred from them).
    func rebuildSnapshot(seriesID: Int64) throws -> [Int32]

    /// Where the run's observations go.
    func observationSink(runID: Int64, vintage: Day, fileName: String, dryRun: Bool, rowByRow: Bool) throws -> any ObservationSink
}

/// The hot path of an ingest: each value placed in its (series, date) timeline.
protocol ObservationSink: AnyObject {
    /// Records `value` for `series` on `date`, read from `line`; `vintage` is the value's
    /// own (ALFRED columns, FRED's real-time rows), else the run's.
    func write(series: SeriesSlot, date: Day, value: Double, line: Int, vintage: Day?) throws -> WriteOutcome
    /// Writes what is still pending.
    func flush() throws
    /// The file has moved on from a long stretch of `series`.
    func letGo(of series: SeriesSlot)
}

/// What writing one observation did.
enum WriteOutcome {
    case inserted, unchanged
    /// The value replaced the one known before (`old`).
    case revised(old: Double)

    var isInserted: Bool {
        if case .inserted = self { return true }
        return false
    }
}
