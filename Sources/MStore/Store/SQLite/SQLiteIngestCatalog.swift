internal import GRDB

/// ``IngestCatalog`` on a SQLite connection inside the ingest's transaction.
struct SQLiteIngestCatalog: IngestCatalog {
    let db: Database

    func beginRun(file: String, sha256: String, size: Int, layout: String, vintage: Day) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO ingest_run (file_name, sha256, size_bytes, layout, vintage, started_at, outcome)
                VALUES (?, ?, ?, ?, ?, ?, 'running')
                """,
            arguments: [file, sha256, size, layout, vintage.description, timestampNow()])
        return db.lastInsertedRowID
    }

    func finishRun(_ runID: Int64, rows: Int, inserted: Int, revised: Int, unchanged: Int, rejected: Int, outcome: String) throws {
        try db.execute(
            sql: """
                UPDATE ingest_run SET finished_at = ?, rows_read = ?, inserted = ?, revised = ?, unchanged = ?, rejected = ?, outcome = ?
                WHERE id = ?
                """,
            arguments: [timestampNow(), rows, inserted, revised, unchanged, rejected, outcome, runID])
    }

    func setDigest(_ runID: Int64, sha256: String) throws {
        try db.execute(sql: "UPDATE ingest_run SET sha256 = ? WHERE id = ?", arguments: [sha256, runID])
    }

    func recordFetch(_ runID: Int64, fetched: FetchRecord, seriesIDs: [Int64]) throws {
        try db.execute(sql: "UPDATE ingest_run SET url = ? WHERE id = ?", arguments: [fetched.url, runID])
        for id in seriesIDs {
            try db.execute(
                sql: """
                    INSERT INTO series_fetch (series_id, source, all_vintages, flags, last_fetched) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (series_id) DO UPDATE SET source = excluded.source, all_vintages = excluded.all_vintages,
                        flags = excluded.flags, last_fetched = excluded.last_fetched
                    """,
                arguments: [id, fetched.source, fetched.allVintages, fetched.flags, timestampNow()])
        }
    }

    func recordCoverage(seriesID: Int64, runID: Int64, vintage: Day, first: Day, last: Day) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO series_coverage (series_id, ingest_id, vintage, first_date, last_date) VALUES (?, ?, ?, ?, ?)",
            arguments: [seriesID, runID, vintage.description, first.description, last.description])
    }

    func series(key: String) throws -> (id: Int64, key: String, hasData: Bool)? {
        guard let (id, stored) = try SQLiteEngine.seriesRow(db, key: key) else { return nil }
        let hasData = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM observation WHERE series_id = ?)", arguments: [id]) ?? true
        return (id, stored, hasData)
    }

    func updateSeries(_ id: Int64, unitFlag: String?, unit: String?, sourceFlag: String?, source: String?, meta: SeriesMeta) throws {
        try db.execute(
            sql: """
                UPDATE series SET unit = coalesce(?, unit, ?), source = coalesce(?, source, ?), name = coalesce(name, ?),
                    multiplier = coalesce(multiplier, ?), currency = coalesce(currency, ?), notes = coalesce(?, notes)
                WHERE id = ?
                """,
            arguments: [unitFlag, unit, sourceFlag, source, meta.name, meta.multiplier, meta.currency, meta.notes, id])
    }

    func insertSeries(key: String, unit: String?, source: String?, meta: SeriesMeta) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO series (key, name, unit, source, multiplier, currency, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [key, meta.name, unit, source, meta.multiplier, meta.currency, meta.notes, timestampNow()])
        return db.lastInsertedRowID
    }

    func setTag(seriesID: Int64, name: String, value: String) throws {
        try SQLiteEngine.setTag(db, seriesID: seriesID, name: name, value: value)
    }

    func setFrequency(seriesID: Int64, code: String) throws {
        try db.execute(sql: "UPDATE series SET frequency = ? WHERE id = ?", arguments: [code, seriesID])
    }

    func markPercent(seriesID: Int64) throws {
        try db.execute(sql: "UPDATE series SET unit = coalesce(unit, 'percent') WHERE id = ?", arguments: [seriesID])
    }

    func storeSnapshot(_ snapshot: Snapshot, seriesID: Int64) throws {
        try snapshot.store(db, seriesID: seriesID)
    }

    func rebuildSnapshot(seriesID: Int64) throws -> [Int32] {
        try Snapshot.rebuild(db, seriesID: seriesID)
    }

    func observationSink(runID: Int64, vintage: Day, fileName: String, dryRun: Bool, rowByRow: Bool) throws -> any ObservationSink {
        try ObservationWriter(db: db, runID: runID, vintage: vintage, fileName: fileName, dryRun: dryRun, rowByRow: rowByRow)
    }
}
