internal import GRDB
internal import GRDBSQLite

/// Writes observations of one ingest run, keeping every earlier value.
///
/// The hot path: for a series that had no observations before this run, a value is one
/// `INSERT` through a prepared statement bound with SQLite's C API. For a series that did,
/// the versions of the (series, date) are read first and the new value is placed in its
/// timeline: unchanged, a revision (the version it replaces is closed at the vintage), or
/// a back-filled earlier vintage.
final class ObservationWriter: ObservationSink {
    let runID: Int64
    let fileName: String
    let db: Database
    private let insert: Statement
    private let versions: Statement
    private let close: Statement
    let dateText = UnsafeMutablePointer<UInt8>.allocate(capacity: 10)
    /// The vintage of the value being written, as bound to the insert statement.
    var vintageText: [UInt8]
    /// The run's vintage: the default for values without one of their own.
    private let runVintageText: [UInt8]
    /// New series written with their values' own vintages: the latest date written.
    private var latestOwnVintageDate: [Int64: Int32] = [:]
    /// A value's own vintage is bound instead of the run's.
    private var ownVintageBound = false

    static let insertSQL = """
        INSERT INTO observation (series_id, date, known_from, ingest_id, known_until, value, line)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
        """
    static let versionsSQL = """
        SELECT known_from, ingest_id, known_until, value, line FROM observation
        WHERE series_id = ? AND date = ? ORDER BY known_from, ingest_id
        """
    static let closeSQL = """
        UPDATE observation SET known_until = ?
        WHERE series_id = ? AND date = ? AND known_from = ? AND ingest_id = ?
        """

    /// Rows that cannot collide with anything (new series written date after date, new
    /// versions of a stored series placed by its current view) are inserted `batchRows`
    /// at a time through one statement (SQLite's work per statement — starting, halting,
    /// opening the table — is then paid once per batch).
    static let batchRows = 100
    private var batchInsert: Statement?
    private var pendingSeries: [Int64] = []
    private var pendingDates: [UInt8] = []
    private var pendingValues: [Double] = []
    private var pendingLines: [Int64] = []

    /// `INSERT` of `rows` rows: ?1 the vintage, ?2 the run, then series, date, value and line of each.
    static func batchSQL(rows: Int) -> String {
        let values = (0..<rows).map { i in
            let p = 3 + 4 * i
            return "(?\(p), ?\(p + 1), ?1, ?2, NULL, ?\(p + 2), ?\(p + 3))"
        }
        // OR IGNORE (no constraint can fail here: `flush` checks every row was stored)
        // tells SQLite the statement never has to be undone halfway, so it keeps no
        // statement journal: with one, each batch copied every page it touched to a
        // temporary file (100 pages for 100 series of a file sorted by date: 2.5M rows in
        // 11 s instead of 4).
        return "INSERT OR IGNORE INTO observation (series_id, date, known_from, ingest_id, known_until, value, line) VALUES "
            + values.joined(separator: ", ")
    }

    /// Series that had values before this run, when the run's vintage is on or after every
    /// vintage they hold: what each date holds now is its snapshot's value, so a value is
    /// compared with it instead of reading the date's versions (`nil`: not so, or no
    /// snapshot; the versions are read).
    private var currentViews: [Int64: CurrentView?] = [:]
    private var closeCurrent: Statement?
    /// Values held by current views: at most `viewLimit` (6 MB); past it, series are placed
    /// by reading their versions. A view is let go as soon as the file moves on from a long
    /// stretch of its series (`letGo`).
    static let viewLimit = 500_000
    private var viewValues = 0

    final class CurrentView {
        let dates: [Int32]
        let values: [Double]
        /// The index of the first date not yet passed.
        var cursor = 0
        init(_ snapshot: Snapshot) {
            dates = snapshot.dates
            values = snapshot.values
        }
    }

    /// Works out each outcome without writing (a dry run): values placed by this file are
    /// kept in `placed` instead of the store.
    private let dryRun: Bool
    var placed: [Int64: [Int32: [(vintage: [UInt8], value: Double, line: Int)]]] = [:]

    /// No batched paths: every value is placed by reading its date's versions.
    private let rowByRow: Bool

    init(db: Database, runID: Int64, vintage: Day, fileName: String, dryRun: Bool = false, rowByRow: Bool = false) throws {
        self.db = db
        self.rowByRow = rowByRow
        self.runID = runID
        self.fileName = fileName
        self.dryRun = dryRun
        insert = try db.makeStatement(sql: Self.insertSQL)
        versions = try db.makeStatement(sql: Self.versionsSQL)
        close = try db.makeStatement(sql: Self.closeSQL)
        vintageText = Array(vintage.description.utf8)
        runVintageText = vintageText
        let s = insert.sqliteStatement
        bindText(s, 3, vintageText)
        sqlite3_bind_int64(s, 4, runID)
        sqlite3_bind_null(s, 5)
    }

    deinit { dateText.deallocate() }

    /// Records `value` for `series` on `date`, read from `line` of the file.
    ///
    /// - Parameter fresh: the series had no observations before this run, so nothing
    ///   can be revised and only duplicates inside this file need checking.
    /// - Parameter vintage: this value's own vintage (ALFRED columns); the run's otherwise.
    func write(series: SeriesSlot, date: Day, value: Double, line: Int, vintage: Day? = nil) throws -> WriteOutcome {
        if vintage == nil {
            // What this run gave at its vintage, unchanged values included (series_coverage).
            series.coverFirst = min(series.coverFirst ?? date.ordinal, date.ordinal)
            series.coverLast = max(series.coverLast ?? date.ordinal, date.ordinal)
        }
        if dryRun {
            date.writeISO(to: dateText)
            return try outcome(series: series, date: date, value: value, line: line, vintage: vintage)
        }
        if !rowByRow, series.fresh, vintage == nil, series.latestDate.map({ date.ordinal > $0 }) ?? true {
            // Later than anything this run wrote for a series that had nothing: new for sure.
            series.latestDate = date.ordinal
            try addPending(series.id, date, value, line)
            return .inserted
        }
        if !rowByRow, !series.fresh, vintage == nil, series.latestDate.map({ date.ordinal > $0 }) ?? true, let view = try currentView(of: series) {
            // A later download of a stored series, date after date: compared with what each
            // date holds now.
            series.latestDate = date.ordinal
            while view.cursor < view.dates.count, view.dates[view.cursor] < date.ordinal { view.cursor += 1 }
            let held = view.cursor < view.dates.count && view.dates[view.cursor] == date.ordinal
            if held, view.values[view.cursor] == value { return .unchanged }
            if held { try closeCurrentVersion(series.id, date) }
            try addPending(series.id, date, value, line)
            return held ? .revised(old: view.values[view.cursor]) : .inserted
        }
        // Anything else reads or writes the rows one by one: what is pending goes first.
        try flush()
        series.latestDate = max(series.latestDate ?? date.ordinal, date.ordinal)
        date.writeISO(to: dateText)
        if vintage != nil || ownVintageBound {
            // A value with its own vintage (ALFRED columns, FRED real-time periods), or the
            // first one without after such values: bind the vintage it is known from.
            let text = vintage.map { Array($0.description.utf8) } ?? runVintageText
            ownVintageBound = vintage != nil
            if text != vintageText {
                vintageText = text
                // Binding needs a statement that is not mid-run.
                sqlite3_reset(insert.sqliteStatement)
                bindText(insert.sqliteStatement, 3, text)
            }
        }
        if series.fresh && vintage == nil {
            if try insertRow(series.id, until: nil, value: value, line: line) {
                return .inserted
            }
        }
        if series.fresh, let _ = vintage {
            // Values with their own vintages (FRED real-time periods) come date by date: a
            // date past every date this run wrote for a new series has no version yet.
            let latest = latestOwnVintageDate[series.id]
            latestOwnVintageDate[series.id] = max(latest ?? date.ordinal, date.ordinal)
            if latest.map({ date.ordinal > $0 }) ?? true, try insertRow(series.id, until: nil, value: value, line: line) {
                return .inserted
            }
        }
        return try place(series: series, date: date, value: value, line: line)
    }

    /// The current view of a stored series, when this run's values can be placed by it:
    /// the series has a snapshot and no version known from after the run's vintage.
    private func currentView(of series: SeriesSlot) throws -> CurrentView? {
        if let known = currentViews[series.id] { return known }
        var view: CurrentView?
        // The latest vintage the series is known at: of a version, or of a run that only
        // confirmed its values.
        let latestSQL = """
            SELECT max(m) FROM (SELECT max(known_from) AS m FROM observation WHERE series_id = ?1
                                UNION ALL SELECT max(vintage) FROM series_coverage WHERE series_id = ?1)
            """
        if let latest = try String.fetchOne(db, sql: latestSQL, arguments: [series.id]),
            !runVintageText.lexicographicallyPrecedes(Array(latest.utf8)),
            let snapshot = try Snapshot.read(db, seriesID: series.id), viewValues + snapshot.dates.count <= Self.viewLimit
        {
            view = CurrentView(snapshot)
            viewValues += snapshot.dates.count
        }
        currentViews[series.id] = view
        return view
    }

    /// The file has moved on from a long stretch of `series`: its current view is let go
    /// (and read again if the series comes back).
    func letGo(of series: SeriesSlot) {
        if let view = currentViews.removeValue(forKey: series.id), let view { viewValues -= view.dates.count }
    }

    /// Closes the version of `date` known until now at the run's vintage.
    private func closeCurrentVersion(_ seriesID: Int64, _ date: Day) throws {
        let statement = try closeCurrent ?? db.makeStatement(sql: "UPDATE observation SET known_until = ?1 WHERE series_id = ?2 AND date = ?3 AND known_until IS NULL")
        closeCurrent = statement
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        bindText(s, 1, runVintageText)
        sqlite3_bind_int64(s, 2, seriesID)
        date.writeISO(to: dateText)
        sqlite3_bind_text(s, 3, UnsafeRawPointer(dateText).assumingMemoryBound(to: CChar.self), 10, nil)
        let rc = sqlite3_step(s)
        guard rc == SQLITE_DONE else { throw sqliteError(rc) }
        guard sqlite3_changes(db.sqliteConnection) == 1 else {
            throw MStoreError.io(path: fileName, message: "internal conflict: no current version of a stored value on \(date)")
        }
    }

    /// Queues a row for the next batch (inserted when the batch is full).
    private func addPending(_ seriesID: Int64, _ date: Day, _ value: Double, _ line: Int) throws {
        pendingSeries.append(seriesID)
        date.appendISO(to: &pendingDates)
        pendingValues.append(value)
        pendingLines.append(Int64(line))
        if pendingSeries.count == Self.batchRows { try flush() }
    }

    /// Inserts the pending rows.
    func flush() throws {
        let n = pendingSeries.count
        guard n > 0 else { return }
        let statement: Statement
        if n == Self.batchRows, let batchInsert {
            statement = batchInsert
        } else {
            statement = try db.cachedStatement(sql: Self.batchSQL(rows: n))
            if n == Self.batchRows { batchInsert = statement }
        }
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        bindText(s, 1, runVintageText)
        sqlite3_bind_int64(s, 2, runID)
        try pendingDates.withUnsafeBufferPointer { dates in
            try dates.withMemoryRebound(to: CChar.self) { text in
                for i in 0..<n {
                    let p = Int32(3 + 4 * i)
                    sqlite3_bind_int64(s, p, pendingSeries[i])
                    sqlite3_bind_text(s, p + 1, text.baseAddress! + 10 * i, 10, nil)
                    sqlite3_bind_double(s, p + 2, pendingValues[i])
                    sqlite3_bind_int64(s, p + 3, pendingLines[i])
                }
                let rc = sqlite3_step(s)
                guard rc == SQLITE_DONE else { throw sqliteError(rc) }
                // The dates are bound in place: unbind them before the buffer changes.
                sqlite3_reset(s)
                sqlite3_clear_bindings(s)
            }
        }
        guard sqlite3_changes(db.sqliteConnection) == Int32(n) else {
            throw MStoreError.io(path: fileName, message: "internal conflict: \(n) new values, \(sqlite3_changes(db.sqliteConnection)) stored")
        }
        pendingSeries.removeAll(keepingCapacity: true)
        pendingDates.removeAll(keepingCapacity: true)
        pendingValues.removeAll(keepingCapacity: true)
        pendingLines.removeAll(keepingCapacity: true)
    }

    /// Inserts a version; `false` when one with the same key exists (same vintage, same run).
    ///
    /// The run and vintage are bound once in `init`; only a back-filled version (`until`)
    /// binds column 5 and puts it back.
    private func insertRow(_ seriesID: Int64, until: [UInt8]?, value: Double, line: Int) throws -> Bool {
        let s = insert.sqliteStatement
        sqlite3_reset(s)
        sqlite3_bind_int64(s, 1, seriesID)
        sqlite3_bind_text(s, 2, UnsafeRawPointer(dateText).assumingMemoryBound(to: CChar.self), 10, nil)
        if let until { bindText(s, 5, until) }
        sqlite3_bind_double(s, 6, value)
        sqlite3_bind_int64(s, 7, Int64(line))
        let rc = sqlite3_step(s)
        if until != nil {
            // Binding needs a reset statement: without it the bound end stayed, and every
            // later value of the run was stored as known only until then.
            sqlite3_reset(s)
            sqlite3_bind_null(s, 5)
        }
        guard rc == SQLITE_DONE else { throw sqliteError(rc) }
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    private func bindText(_ s: OpaquePointer, _ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else {
                sqlite3_bind_text(s, index, "", 0, SQLITE_TRANSIENT_)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: p.count) {
                sqlite3_bind_text(s, index, $0, Int32(p.count), SQLITE_TRANSIENT_)
            }
        }
    }

    typealias Version = Placement.Version

    func loadVersions(_ seriesID: Int64) throws -> [Version] {
        let s = versions.sqliteStatement
        sqlite3_reset(s)
        sqlite3_bind_int64(s, 1, seriesID)
        sqlite3_bind_text(s, 2, UnsafeRawPointer(dateText).assumingMemoryBound(to: CChar.self), 10, nil)
        var result: [Version] = []
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw sqliteError(rc) }
            result.append(
                Version(
                    knownFrom: columnBytes(s, 0) ?? [],
                    ingestID: sqlite3_column_int64(s, 1),
                    knownUntil: columnBytes(s, 2),
                    value: sqlite3_column_double(s, 3),
                    line: Int(sqlite3_column_int64(s, 4))))
        }
        return result
    }

    private func place(series: SeriesSlot, date: Day, value: Double, line: Int) throws -> WriteOutcome {
        let v = vintageText
        switch Placement.decide(try loadVersions(series.id), value: value, vintage: v, runID: runID) {
        case let .twin(twin):
            // The same series and date earlier in this very file.
            return try Placement.twinOutcome(twin, value: value, file: fileName, key: series.key, date: date, line: line)
        case .unchanged:
            return .unchanged
        case let .revise(covering):
            try closeVersion(series.id, covering, at: v)
            // A later run that gave this date without changing it confirmed the covering
            // value at its vintage: this (older) value holds only until then, and the
            // confirmed one is known again from there.
            let confirmed = try confirmingRun(series.id, after: v, before: covering.knownUntil)
            guard try insertRow(series.id, until: confirmed?.vintage ?? covering.knownUntil, value: value, line: line) else {
                throw MStoreError.io(path: fileName, message: "internal conflict placing a revision of \(series.key) on \(date)")
            }
            if let confirmed {
                try db.execute(
                    sql: """
                        INSERT INTO observation (series_id, date, known_from, ingest_id, known_until, value, line)
                        VALUES (?, ?, ?, ?, ?, ?, 0)
                        """,
                    arguments: [
                        series.id, date.description, String(decoding: confirmed.vintage, as: UTF8.self), confirmed.run,
                        covering.knownUntil.map { String(decoding: $0, as: UTF8.self) }, covering.value,
                    ])
            }
            return .revised(old: covering.value)
        case let .backfill(until):
            _ = try insertRow(series.id, until: until, value: value, line: line)
            return .inserted
        }
    }

    private func closeVersion(_ seriesID: Int64, _ version: Version, at day: [UInt8]) throws {
        let s = close.sqliteStatement
        sqlite3_reset(s)
        bindText(s, 1, day)
        sqlite3_bind_int64(s, 2, seriesID)
        sqlite3_bind_text(s, 3, UnsafeRawPointer(dateText).assumingMemoryBound(to: CChar.self), 10, nil)
        bindText(s, 4, version.knownFrom)
        sqlite3_bind_int64(s, 5, version.ingestID)
        let rc = sqlite3_step(s)
        guard rc == SQLITE_DONE else { throw sqliteError(rc) }
    }

    private func columnBytes(_ s: OpaquePointer, _ i: Int32) -> [UInt8]? {
        guard sqlite3_column_type(s, i) != SQLITE_NULL, let p = sqlite3_column_text(s, i) else { return nil }
        return Array(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))))
    }

    private func sqliteError(_ rc: Int32) -> MStoreError {
        .io(path: fileName, message: "writing to the store failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
    }
}

/// SQLite's SQLITE_TRANSIENT destructor (copy the bound bytes).
let SQLITE_TRANSIENT_ = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
