internal import GRDB
internal import GRDBSQLite
import Foundation

extension Snapshot {
    /// Reads the current rows of a series and stores them packed; also the catalog's first,
    /// last and count. Returns the current dates (day numbers, ascending).
    @discardableResult
    static func rebuild(_ db: Database, seriesID: Int64) throws -> [Int32] {
        let statement = try db.cachedStatement(sql: "SELECT date, value FROM observation WHERE series_id = ? AND known_until IS NULL ORDER BY date")
        try statement.setArguments([seriesID])
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        var dates: [Int32] = []
        var values: [Double] = []
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw MStoreError.io(path: "store", message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
            guard let text = sqlite3_column_text(s, 0),
                let day = ValueParsing.isoDate(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, 0))))
            else { continue }
            dates.append(day.ordinal)
            values.append(sqlite3_column_double(s, 1))
        }
        try Snapshot(dates: dates, values: values).store(db, seriesID: seriesID)
        return dates
    }

    /// Stores these values as the series' snapshot, with the catalog's first, last and count.
    func store(_ db: Database, seriesID: Int64) throws {
        let dateBlob = dates.withUnsafeBytes { Data($0) }
        let valueBlob = values.withUnsafeBytes { Data($0) }
        try db.execute(
            sql: "INSERT OR REPLACE INTO series_snapshot (series_id, count, dates, vals) VALUES (?, ?, ?, ?)",
            arguments: [seriesID, dates.count, dateBlob, valueBlob])
        try db.execute(
            sql: "UPDATE series SET first_date = ?, last_date = ?, obs_count = ? WHERE id = ?",
            arguments: [dates.first.map { Day(ordinal: $0).description }, dates.last.map { Day(ordinal: $0).description }, dates.count, seriesID])
    }

    /// The snapshot of a series, or nil when the store has none for it (a store written
    /// before snapshots: the caller reads the rows).
    static func read(_ db: Database, seriesID: Int64) throws -> Snapshot? {
        let statement = try db.cachedStatement(sql: "SELECT count, dates, vals FROM series_snapshot WHERE series_id = ?")
        try statement.setArguments([seriesID])
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        guard sqlite3_step(s) == SQLITE_ROW else { return nil }
        return decode(s, count: 0, dates: 1, values: 2)
    }

    /// Decodes the blobs of the current row of `s`; nil when they disagree with the count.
    static func decode(_ s: OpaquePointer, count: Int32, dates: Int32, values: Int32) -> Snapshot? {
        let n = Int(sqlite3_column_int64(s, count))
        guard n >= 0, Int(sqlite3_column_bytes(s, dates)) == n * 4, Int(sqlite3_column_bytes(s, values)) == n * 8 else { return nil }
        var snapshot = Snapshot(dates: [Int32](repeating: 0, count: n), values: [Double](repeating: 0, count: n))
        guard n > 0 else { return snapshot }
        guard let d = sqlite3_column_blob(s, dates), let v = sqlite3_column_blob(s, values) else { return nil }
        snapshot.dates.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: d, count: n * 4)) }
        snapshot.values.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: v, count: n * 8)) }
        return snapshot
    }

    /// The observations from `since` to `until` (inclusive).
    func observations(since: Day?, until: Day?) -> [Observation] {
        let lo = since.map { s in dates.partitioningIndex { $0 >= s.ordinal } } ?? 0
        let hi = until.map { u in dates.partitioningIndex { $0 > u.ordinal } } ?? dates.count
        guard lo < hi else { return [] }
        return (lo..<hi).map { Observation(date: Day(ordinal: dates[$0]), value: values[$0]) }
    }
}
