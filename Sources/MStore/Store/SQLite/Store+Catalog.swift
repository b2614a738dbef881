internal import GRDB

/// One ingest run, as recorded in the store.
public struct IngestRun: Sendable, Equatable {
    /// The run's number in `ingest_run`.
    public var id: Int64
    /// The file as it was named.
    public var fileName: String
    /// The content's SHA-256, in hex.
    public var sha256: String
    /// The layout it was read as.
    public var layout: String
    /// The day its values became known (`YYYY-MM-DD`).
    public var vintage: String
    /// When the run finished (UTC, ISO 8601).
    public var finishedAt: String?
    /// Values stored for new dates.
    public var inserted: Int
    /// Values that revised a stored one.
    public var revised: Int
    /// Values equal to the stored ones.
    public var unchanged: Int
    /// Rows set aside under `--skip-bad`.
    public var rejected: Int
}

/// A change of a stored value: what it was, what it became, and when that became known.
public struct Revision: Sendable, Equatable {
    /// The observation date revised.
    public var date: Day
    /// The value before the revision.
    public var oldValue: Double
    /// The value after it.
    public var newValue: Double
    /// The vintage of the new value.
    public var vintage: Day
    /// Days from the observation date to the vintage.
    public var daysAfter: Int { Int(vintage.ordinal - date.ordinal) }
    /// `newValue - oldValue`, rounded to the decimals the two values have (so 23528.4 − 23531
    /// is −2.6, not −2.6000000000008).
    public var change: Double {
        let digits = max(decimals(oldValue), decimals(newValue))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return ((newValue - oldValue) * scale).rounded() / scale
    }
}

extension Store {
    /// One series' catalog entry.
    public func seriesInfo(key: String) throws -> SeriesInfo {
        let canonical = try canonicalKey(key)
        guard let info = try catalog(asOf: nil, key: canonical).first else {
            throw MStoreError.notFound(what: "series \(quoted(key))", hint: "see `mstore series`")
        }
        return info
    }

    /// The tags of a series, by name.
    public func tags(key: String) throws -> [(name: String, value: String)] {
        try read { db in
            let id = try Self.seriesID(db, key: key)
            return try Row.fetchAll(db, sql: "SELECT name, value FROM series_tag WHERE series_id = ? ORDER BY name", arguments: [id])
                .map { ($0["name"], $0["value"]) }
        }
    }

    /// Sets tag `name` of a series to `value`, replacing the value it had: the one tag upsert.
    static func setTag(_ db: Database, seriesID: Int64, name: String, value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO series_tag (series_id, name, value) VALUES (?, ?, ?)", arguments: [seriesID, name, value])
    }

    /// Sets (or replaces) tags on a series and removes the named ones.
    public func setTags(key: String, set: [(String, String)], remove: [String] = []) throws {
        do {
            try dbQueue.write { db in
                let id = try Self.seriesID(db, key: key)
                for (name, value) in set { try Self.setTag(db, seriesID: id, name: name, value: value) }
                for name in remove {
                    try db.execute(sql: "DELETE FROM series_tag WHERE series_id = ? AND name = ?", arguments: [id, name])
                }
            }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: path)
        }
    }

    /// The ingest runs that stored values of a series, oldest first.
    public func ingestHistory(key: String) throws -> [IngestRun] {
        try read { db in
            let id = try Self.seriesID(db, key: key)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT r.* FROM ingest_run r
                    WHERE r.id IN (SELECT DISTINCT ingest_id FROM observation WHERE series_id = ?)
                    ORDER BY r.id
                    """, arguments: [id]
            ).map { row in
                IngestRun(
                    id: row["id"], fileName: row["file_name"], sha256: row["sha256"], layout: row["layout"], vintage: row["vintage"],
                    finishedAt: row["finished_at"], inserted: row["inserted"], revised: row["revised"], unchanged: row["unchanged"],
                    rejected: row["rejected"])
            }
        }
    }

    /// Every revision of a series with an observation date in [since, until], by date then vintage.
    public func revisions(key: String, since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> [Revision] {
        try read { db in
            let id = try Self.seriesID(db, key: key)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT date, value, known_from FROM observation
                    WHERE series_id = ? AND date >= ? AND date <= ? AND known_from <= ?
                    ORDER BY date, known_from, ingest_id
                    """,
                arguments: [id, (since ?? Day.distantPast).description, (until ?? Day.distantFuture).description, (asOf ?? Day.distantFuture).description])
            var result: [Revision] = []
            var previous: (date: String, value: Double)?
            for row in rows {
                let date: String = row["date"]
                let value: Double = row["value"]
                if let p = previous, p.date == date, p.value != value, let day = Day(iso: date), let vintage = Day(iso: row["known_from"]) {
                    result.append(Revision(date: day, oldValue: p.value, newValue: value, vintage: vintage))
                }
                previous = (date, value)
            }
            return result
        }
    }
}

extension Store {
    /// Keys of the series that carry every one of `tags`.
    public func keys(withTags tags: [(String, String)]) throws -> [String] {
        try read { db in
            var sql = "SELECT key FROM series s WHERE 1"
            var arguments: [(any DatabaseValueConvertible)?] = []
            for (name, value) in tags {
                sql += " AND EXISTS (SELECT 1 FROM series_tag t WHERE t.series_id = s.id AND t.name = ? AND t.value = ?)"
                arguments += [name, value]
            }
            return try String.fetchAll(db, sql: sql + " ORDER BY key", arguments: StatementArguments(arguments))
        }
    }
}

/// Digits after the point in the shortest text of `value` (at most 12).
func decimals(_ value: Double) -> Int {
    let text = formatNumber(value)
    guard !text.contains("e"), let dot = text.firstIndex(of: ".") else { return 0 }
    return min(12, text.distance(from: dot, to: text.endIndex) - 1)
}

extension Store {
    /// The catalog entries of `keys` (expressions give their component series) with the
    /// time of the last ingest that stored their values: the metadata sheet of a workbook.
    public func metadataTable(keys: [String]) throws -> ResultTable {
        var seen: [String] = []
        for key in keys {
            for part in self.keys(inExpression: key) {
                if let canonical = try? canonicalKey(part), !seen.contains(canonical) { seen.append(canonical) }
            }
        }
        let rows: [[Cell]] = try seen.map { key in
            let info = try seriesInfo(key: key)
            let last = try ingestHistory(key: key).compactMap(\.finishedAt).max()
            return [
                .text(key), info.name.map(Cell.text) ?? .null, info.unit.map(Cell.text) ?? .null, info.frequency.map(Cell.text) ?? .null,
                info.source.map(Cell.text) ?? .null, last.map(Cell.text) ?? .null,
            ]
        }
        return ResultTable(columns: ["key", "name", "unit", "frequency", "source", "last_ingest"], rows: rows)
    }
}
