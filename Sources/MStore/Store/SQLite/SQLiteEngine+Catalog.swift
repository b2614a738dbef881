internal import GRDB

extension SQLiteEngine {
    /// The tags of a series, by name.
    func tags(key: String) throws -> [(name: String, value: String)] {
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
    func setTags(key: String, set: [(String, String)], remove: [String] = []) throws {
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
    func ingestHistory(key: String) throws -> [IngestRun] {
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

    /// Every version of a series' observations dated in [since, until] and known by `asOf`,
    /// by date, then vintage, then run: what ``Store/revisions(key:since:until:asOf:)`` reads.
    func versions(key: String, since: Day?, until: Day?, asOf: Day?) throws -> [(date: Day, value: Double, vintage: Day)] {
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
            return rows.compactMap { row in
                guard let date = Day(iso: row["date"]), let vintage = Day(iso: row["known_from"]) else { return nil }
                return (date, row["value"], vintage)
            }
        }
    }
}

extension SQLiteEngine {
    /// Keys of the series that carry every one of `tags`.
    func keys(withTags tags: [(String, String)]) throws -> [String] {
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
