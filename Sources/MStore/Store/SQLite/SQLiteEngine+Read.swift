internal import GRDB
internal import GRDBSQLite
import Foundation

extension SQLiteEngine {
    /// Current spans come from the statistics each ingest keeps (no scan of observations).
    static let catalogSQL = """
        SELECT s.key, s.name, s.unit, s.frequency, s.source, s.notes, s.multiplier, s.currency,
               s.first_date AS first, s.last_date AS last, s.obs_count AS count
        FROM series s
        GROUP BY s.id ORDER BY s.key
        """
    static let catalogAsOfSQL = """
        SELECT s.key, s.name, s.unit, s.frequency, s.source, s.notes, s.multiplier, s.currency,
               min(o.date) AS first, max(o.date) AS last, count(o.date) AS count
        FROM series s
        LEFT JOIN observation o ON o.series_id = s.id
             AND o.known_from <= :asOf AND (o.known_until IS NULL OR o.known_until > :asOf)
        GROUP BY s.id ORDER BY s.key
        """

    /// The series catalog, one entry per series, in key order; spans as known on `asOf`.
    func catalog(asOf: Day? = nil) throws -> [SeriesInfo] {
        try catalog(asOf: asOf, key: nil)
    }

    /// One series' catalog entry, or the whole catalog when `key` is nil.
    func catalog(asOf: Day?, key: String?) throws -> [SeriesInfo] {
        try read { db in
            let rows: [Row]
            var sql = asOf == nil ? Self.catalogSQL : Self.catalogAsOfSQL
            var arguments: [String: (any DatabaseValueConvertible)?] = ["asOf": asOf?.description]
            if let key {
                guard let (id, _) = try Self.seriesRow(db, key: key) else { return [] }
                sql = sql.replacingFirst("GROUP BY", with: "WHERE s.id = :id GROUP BY")
                arguments["id"] = id
            }
            rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            return rows.map { row in
                SeriesInfo(
                    key: row["key"], name: row["name"], unit: row["unit"], frequency: row["frequency"], source: row["source"],
                    notes: row["notes"], multiplier: row["multiplier"], currency: row["currency"], first: Day(iso: row["first"]),
                    last: Day(iso: row["last"]), count: row["count"])
            }
        }
    }

    static let currentSQL = """
        SELECT date, value FROM observation
        WHERE series_id = ? AND date >= ? AND date <= ? AND known_until IS NULL
        ORDER BY date
        """
    static let asOfSQL = """
        SELECT date, value FROM observation
        WHERE series_id = ? AND date >= ? AND date <= ?
          AND known_from <= ? AND (known_until IS NULL OR known_until > ?)
        ORDER BY date
        """

    /// Observations of `key` between `since` and `until` (inclusive), as currently known or,
    /// with `asOf`, as they were known on that day.
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` when the store has no such series.
    func observations(key: String, since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> [Observation] {
        try read { db in
            let id = try Self.seriesID(db, key: key)
            let lower = (since ?? Day.distantPast).description  // 0001-01-01
            let upper = (until ?? Day.distantFuture).description  // 9999-12-31
            // Current values come from the packed snapshot when the store has one.
            if asOf == nil, let snapshot = try Snapshot.read(db, seriesID: id) {
                return snapshot.observations(since: since, until: until)
            }
            // Stepped through SQLite's C API: no Row per observation.
            let statement: Statement
            if let asOf {
                let v = asOf.description
                statement = try db.cachedStatement(sql: Self.asOfSQL)
                try statement.setArguments([id, lower, upper, v, v])
            } else {
                statement = try db.cachedStatement(sql: Self.currentSQL)
                try statement.setArguments([id, lower, upper])
            }
            let s = statement.sqliteStatement
            defer { sqlite3_reset(s) }
            var result: [Observation] = []
            while true {
                let rc = sqlite3_step(s)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else { throw MStoreError.io(path: path, message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
                guard let text = sqlite3_column_text(s, 0),
                    let day = ValueParsing.isoDate(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, 0))))
                else { continue }
                result.append(Observation(date: day, value: sqlite3_column_double(s, 1)))
            }
            return result
        }
    }

    /// The catalog key as stored (keys match case-insensitively).
    func canonicalKey(_ key: String) throws -> String {
        try read { db in
            guard let (_, stored) = try Self.seriesRow(db, key: key) else { throw Self.unknownSeries(db, key: key) }
            return stored
        }
    }

    /// Whether the store has a series with this key (matched case-insensitively).
    func hasSeries(_ key: String) -> Bool {
        ((try? read { db in try Self.seriesRow(db, key: key) }) ?? nil) != nil
    }

    static func seriesID(_ db: Database, key: String) throws -> Int64 {
        guard let (id, _) = try seriesRow(db, key: key) else { throw unknownSeries(db, key: key) }
        return id
    }

    /// The id and stored key of `key`, matched case-insensitively: SQLite's NOCASE folds
    /// ASCII; a key with other letters (`Société Générale`) is compared, Unicode-aware,
    /// with the stored keys that have such letters.
    static func seriesRow(_ db: Database, key: String) throws -> (Int64, String)? {
        if let row = try Row.fetchOne(db, sql: "SELECT id, key FROM series WHERE key = ?", arguments: [key]) {
            return (row[0], row[1])
        }
        guard key.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        let folded = SeriesKey.folded(key)
        for row in try Row.fetchAll(db, sql: "SELECT id, key FROM series WHERE key GLOB '*[^ -~]*'") {
            let stored: String = row[1]
            if SeriesKey.folded(stored) == folded { return (row[0], stored) }
        }
        return nil
    }

    static func unknownSeries(_ db: Database, key: String) -> MStoreError {
        let keys = (try? String.fetchAll(db, sql: "SELECT key FROM series")) ?? []
        let similar = suggestions(for: key, among: keys).map(SeriesKey.quotedIfNeeded)
        var hint = similar.isEmpty ? "see `mstore series` for the keys in the store" : "did you mean \(similar.joined(separator: ", "))?"
        if similar.contains(where: { $0.hasPrefix("\"") }) { hint += " (in an expression, \(SeriesExpression.syntaxHint))" }
        return .notFound(what: "series \(quoted(key))", hint: hint)
    }
}

extension Day {
    /// Parses stored `YYYY-MM-DD` text; `nil` for anything else (including `nil`).
    init?(iso text: String?) {
        guard var text, text.utf8.count == 10 else { return nil }
        guard let day = text.withUTF8({ ValueParsing.isoDate($0) }) else { return nil }
        self = day
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

extension SQLiteEngine {
    /// The first vintage of any observation of `keys` (stored keys; the whole store when
    /// empty), and the first and last dates known on `asOf`.
    func observedSpan(keys: [String], asOf: Day?) throws -> (firstVintage: Day?, first: Day?, last: Day?) {
        let filter = keys.isEmpty ? "" : "WHERE series_id IN (SELECT id FROM series WHERE key IN (\(keys.map { _ in "?" }.joined(separator: ","))))"
        let known = (asOf ?? Day.distantFuture).description
        return try read { db in
            let arguments = StatementArguments(keys)
            let firstVintage = try String.fetchOne(db, sql: "SELECT MIN(known_from) FROM observation \(filter)", arguments: arguments)
            let where_ = (filter.isEmpty ? "WHERE " : filter + " AND ") + "known_from <= ? AND (known_until IS NULL OR known_until > ?)"
            let row = try Row.fetchOne(
                db, sql: "SELECT MIN(date), MAX(date) FROM observation \(where_)", arguments: arguments + [known, known])
            return (Day(iso: firstVintage), Day(iso: row?[0]), Day(iso: row?[1]))
        }
    }
}
