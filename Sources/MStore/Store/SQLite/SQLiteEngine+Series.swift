internal import GRDB
internal import GRDBSQLite

extension SQLiteEngine {
    /// Every series with a tag `name` and its value, by value then key.
    func tagged(_ name: String) throws -> [(key: String, value: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT series, value FROM series_tags WHERE name = ? ORDER BY value, series", arguments: [name])
                .map { (key: $0[0], value: $0[1]) }
        }
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
    /// The same for current values: one test per row instead of three.
    static let universeCurrentSQL = """
        SELECT o.series_id, o.date, o.value
        FROM observation o
        WHERE o.series_id IN (SELECT series_id FROM series_tag WHERE name = ? AND value = ?)
          AND o.date >= ? AND o.date <= ? AND o.known_until IS NULL
        """

    static func crossSectionFromSnapshots(
        _ db: Database, tag: String, value: String, keyIndex: [Int64: Int32], keys: [String], since: Day?, until: Day?
    ) throws -> CrossSection? {
        let statement = try db.makeStatement(
            sql: "SELECT series_id, count, dates, vals FROM series_snapshot WHERE series_id IN (SELECT series_id FROM series_tag WHERE name = ? AND value = ?)")
        try statement.setArguments([tag, value])
        let s = statement.sqliteStatement
        let lo = (since ?? Day.distantPast).ordinal, hi = (until ?? Day.distantFuture).ordinal
        var buckets = DateBuckets(width: keys.count)
        var seen = 0
        // The blobs are read in place: only the dates in the period are touched.
        while sqlite3_step(s) == SQLITE_ROW {
            let n = Int(sqlite3_column_int64(s, 1))
            guard let member = keyIndex[sqlite3_column_int64(s, 0)], n >= 0,
                Int(sqlite3_column_bytes(s, 2)) == n * 4, Int(sqlite3_column_bytes(s, 3)) == n * 8
            else { return nil }
            seen += 1
            guard n > 0, let dp = sqlite3_column_blob(s, 2), let vp = sqlite3_column_blob(s, 3) else { continue }
            // SQLite does not promise aligned blobs: every load is unaligned.
            let datesRaw = UnsafeRawPointer(dp)
            func date(_ i: Int) -> Int32 { datesRaw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self) }
            let values = UnsafeRawPointer(vp)
            var a = 0, b = n
            while a < b {
                let mid = (a + b) / 2
                if date(mid) >= lo { b = mid } else { a = mid + 1 }
            }
            for i in a..<n {
                let ordinal = date(i)
                if ordinal > hi { break }
                buckets.add(member, values.loadUnaligned(fromByteOffset: i * 8, as: Double.self), on: ordinal)
            }
        }
        guard seen == keys.count else { return nil }
        return buckets.crossSection(keys: keys)
    }

    /// For each date, the value of every series tagged `tag=value` that has one on it —
    /// point-in-time membership — as known on `asOf` (now by default).
    func crossSection(tag: String, value: String, since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> CrossSection {
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
            // Current values from the members' packed snapshots, when every member has one.
            if asOf == nil, let cross = try Self.crossSectionFromSnapshots(db, tag: tag, value: value, keyIndex: keyIndex, keys: keys, since: since, until: until) {
                return cross
            }
            let statement = try db.makeStatement(sql: asOf == nil ? Self.universeCurrentSQL : Self.universeSQL)
            var arguments: StatementArguments = [tag, value, (since ?? Day.distantPast).description, (until ?? Day.distantFuture).description]
            if let asOf { arguments += [asOf.description, asOf.description] }
            try statement.setArguments(arguments)
            let s = statement.sqliteStatement
            var buckets = DateBuckets(width: keys.count)
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
                buckets.add(member, sqlite3_column_double(s, 2), on: day.ordinal)
            }
            return buckets.crossSection(keys: keys)
        }
    }
}

/// The members' values gathered by date, in the order dates are first seen: dates from 1900
/// to 2100 find their bucket in a flat table, others in a dictionary.
struct DateBuckets {
    static let denseBase = -25567  // 1900-01-01
    static let denseSpan = 73415  // … 2100-12-31
    private var dense = [Int32](repeating: -1, count: denseSpan)
    private var sparse: [Int32: Int] = [:]
    private var days: [Day] = []
    private var members: [[(index: Int32, value: Double)]] = []
    /// Members a date may hold (capacity reserved per bucket).
    let width: Int

    init(width: Int) { self.width = width }

    mutating func add(_ member: Int32, _ value: Double, on ordinal: Int32) {
        let slot = Int(ordinal) - Self.denseBase
        let inDense = slot >= 0 && slot < dense.count
        let bucket: Int
        if inDense, dense[slot] >= 0 {
            bucket = Int(dense[slot])
        } else if !inDense, let found = sparse[ordinal] {
            bucket = found
        } else {
            bucket = days.count
            if inDense { dense[slot] = Int32(bucket) } else { sparse[ordinal] = bucket }
            days.append(Day(ordinal: ordinal))
            members.append([])
            members[bucket].reserveCapacity(width)
        }
        members[bucket].append((member, value))
    }

    /// The cross-section, dates in order.
    func crossSection(keys: [String]) -> CrossSection {
        let order = days.indices.sorted { days[$0] < days[$1] }
        return CrossSection(keys: keys, days: order.map { days[$0] }, members: order.map { members[$0] })
    }
}
