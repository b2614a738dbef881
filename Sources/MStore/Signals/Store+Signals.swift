internal import GRDB
internal import GRDBSQLite

/// Whether a key argument is an expression (a spread, ratio, splice or named expression)
/// rather than a plain series key.
public func isExpression(_ key: String) -> Bool {
    key.contains { $0 == "-" || $0 == "/" || $0 == "|" || $0 == "=" }
}

extension Store {
    /// A series by key or by expression: `A-B` (a spread; in basis points when both are in
    /// percent), `A/B` (a ratio), `A|B` (A, spliced onto B before A begins: `IORB|IOER`) and
    /// `NAME=EXPR` (an expression with a name). In a spread or ratio the second series is
    /// matched to the first's dates by its last observation on or before each (never past
    /// its own last observation).
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` naming the key that is missing.
    public func timeSeries(_ expression: String, until: Day? = nil, asOf: Day? = nil) throws -> TimeSeries {
        // NAME=EXPR names an expression.
        if let eq = expression.firstIndex(of: "="), eq != expression.startIndex {
            var s = try timeSeries(String(expression[expression.index(after: eq)...]), until: until, asOf: asOf)
            s.key = String(expression[..<eq])
            return s
        }
        for op in ["-", "/"] {
            let parts = expression.components(separatedBy: op)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { continue }
            let a = try timeSeries(parts[0], until: until, asOf: asOf)
            let b = try timeSeries(parts[1], until: until, asOf: asOf).aligned(to: a.dates)
            if op == "-" {
                let bp = isPercentUnit(a.unit) && isPercentUnit(b.unit)
                let values = zip(a.values, b.values).map { cleaned(($0 - $1) * (bp ? 100 : 1)) }
                return TimeSeries(key: expression, dates: a.dates, values: values, unit: bp ? "bp" : a.unit).droppingMissing()
            }
            return TimeSeries(key: expression, dates: a.dates, values: zip(a.values, b.values).map { $0 / $1 }, unit: nil).droppingMissing()
        }
        // A|B splices: A where it has observations, B before A begins (IORB|IOER).
        if expression.contains("|") {
            let parts = expression.split(separator: "|").map(String.init)
            var spliced: TimeSeries?
            var missing: [String] = []
            for part in parts.reversed() {
                guard let s = try? timeSeries(part, until: until, asOf: asOf) else {
                    missing.append(part)
                    continue
                }
                guard let earlier = spliced, let start = s.dates.first else {
                    spliced = spliced ?? s
                    continue
                }
                let before = earlier.slice(until: start.adding(days: -1))
                spliced = TimeSeries(key: expression, dates: before.dates + s.dates, values: before.values + s.values, unit: s.unit ?? earlier.unit)
            }
            guard var result = spliced else {
                throw MStoreError.notFound(what: "series \(parts.map { quoted($0) }.joined(separator: " or "))", hint: "see `mstore series` for the keys in the store")
            }
            result.key = expression
            return result
        }
        let key = try canonicalKey(expression)
        let info = try seriesInfo(key: key)
        return TimeSeries(key: key, observations: try observations(key: key, until: until, asOf: asOf), unit: info.unit)
    }

    /// The catalog frequency of a series key (for FRED's observations-per-year).
    public func frequency(of key: String) throws -> String? {
        try seriesInfo(key: key).frequency
    }

    /// Rows come in primary-key order (series, then date): no sort in SQLite, no join per
    /// row; dates are bucketed here and members kept as indices into the key list.
    static let universeSQL = """
        SELECT o.series_id, o.date, o.value
        FROM observation o
        WHERE o.series_id IN (SELECT series_id FROM series_tag WHERE name = ? AND value = ?)
          AND o.date >= ? AND o.date <= ?
          AND o.known_from <= ? AND (o.known_until IS NULL OR o.known_until > ?)
        """

    /// For each date, the value of every series tagged `tag=value` that has one on it —
    /// point-in-time membership — as known on `asOf` (now by default).
    public func crossSection(tag: String, value: String, since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> CrossSection {
        try read { db in
            var keyIndex: [Int64: Int32] = [:]
            var keys: [String] = []
            for row in try Row.fetchAll(
                db, sql: "SELECT s.id, s.key FROM series s JOIN series_tag t ON t.series_id = s.id WHERE t.name = ? AND t.value = ? ORDER BY s.key",
                arguments: [tag, value])
            {
                keyIndex[row["id"]] = Int32(keys.count)
                keys.append(row["key"])
            }
            let known = (asOf ?? Day(ordinal: 2_932_896)).description
            let statement = try db.makeStatement(sql: Self.universeSQL)
            try statement.setArguments([
                tag, value, (since ?? Day(ordinal: -719162)).description, (until ?? Day(ordinal: 2_932_896)).description, known, known,
            ])
            let s = statement.sqliteStatement
            var bucketOf: [Int32: Int] = [:]
            var days: [Day] = []
            var members: [[(index: Int32, value: Double)]] = []
            var lastID: Int64 = -1
            var member: Int32 = 0
            while true {
                let rc = sqlite3_step(s)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else { throw MStoreError.io(path: path, message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
                let id = sqlite3_column_int64(s, 0)
                if id != lastID {
                    lastID = id
                    member = keyIndex[id] ?? -1
                }
                guard member >= 0, let datePointer = sqlite3_column_text(s, 1),
                    let day = ValueParsing.isoDate(UnsafeBufferPointer(start: datePointer, count: Int(sqlite3_column_bytes(s, 1))))
                else { continue }
                let bucket: Int
                if let b = bucketOf[day.ordinal] {
                    bucket = b
                } else {
                    bucket = days.count
                    bucketOf[day.ordinal] = bucket
                    days.append(day)
                    members.append([])
                    members[bucket].reserveCapacity(keys.count)
                }
                members[bucket].append((member, sqlite3_column_double(s, 2)))
            }
            let order = days.indices.sorted { days[$0] < days[$1] }
            return CrossSection(keys: keys, days: order.map { days[$0] }, members: order.map { members[$0] })
        }
    }
}
