/// ``IngestCatalog`` on a PostgreSQL connection inside the ingest's transaction.
struct PGIngestCatalog: IngestCatalog {
    let c: PGConnection
    let engine: PostgreSQLEngine

    /// Run and series ids are numbered as SQLite numbers them, one past the largest stored
    /// (safe under the writers' lock): a sequence would leave a gap for every refused file,
    /// and the run numbers in messages would differ between the engines.
    func beginRun(file: String, sha256: String, size: Int, layout: String, vintage: Day) throws -> Int64 {
        let id = try c.scalar(
            """
            INSERT INTO ingest_run (id, file_name, sha256, size_bytes, layout, vintage, started_at, outcome)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM ingest_run), $1, $2, $3, $4, $5, $6, 'running') RETURNING id
            """, [file, sha256, String(size), layout, vintage.description, timestampNow()])
        guard let id, let run = Int64(id) else { throw MStoreError.io(path: c.shown, message: "the server gave no run id") }
        return run
    }

    func finishRun(_ runID: Int64, rows: Int, inserted: Int, revised: Int, unchanged: Int, rejected: Int, outcome: String) throws {
        try c.execute(
            """
            UPDATE ingest_run SET finished_at = $1, rows_read = $2, inserted = $3, revised = $4, unchanged = $5, rejected = $6, outcome = $7
            WHERE id = $8
            """, [timestampNow(), String(rows), String(inserted), String(revised), String(unchanged), String(rejected), outcome, String(runID)])
    }

    func setDigest(_ runID: Int64, sha256: String) throws {
        try c.execute("UPDATE ingest_run SET sha256 = $1 WHERE id = $2", [sha256, String(runID)])
    }

    func recordFetch(_ runID: Int64, fetched: FetchRecord, seriesIDs: [Int64]) throws {
        try c.execute("UPDATE ingest_run SET url = $1 WHERE id = $2", [fetched.url, String(runID)])
        for id in seriesIDs {
            try c.execute(
                """
                INSERT INTO series_fetch (series_id, source, all_vintages, flags, last_fetched) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (series_id) DO UPDATE SET source = excluded.source, all_vintages = excluded.all_vintages,
                    flags = excluded.flags, last_fetched = excluded.last_fetched
                """, [String(id), fetched.source, fetched.allVintages ? "t" : "f", fetched.flags, timestampNow()])
        }
    }

    func recordCoverage(seriesID: Int64, runID: Int64, vintage: Day, first: Day, last: Day) throws {
        try c.execute(
            """
            INSERT INTO series_coverage (series_id, ingest_id, vintage, first_date, last_date) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (series_id, ingest_id) DO UPDATE SET vintage = excluded.vintage, first_date = excluded.first_date, last_date = excluded.last_date
            """, [String(seriesID), String(runID), vintage.description, first.description, last.description])
    }

    func series(key: String) throws -> (id: Int64, key: String, hasData: Bool)? {
        guard let (id, stored) = try engine.seriesRow(c, key: key) else { return nil }
        let hasData = try c.scalar("SELECT EXISTS (SELECT 1 FROM observation WHERE series_id = $1)", [String(id)]) == "t"
        return (id, stored, hasData)
    }

    func updateSeries(_ id: Int64, unitFlag: String?, unit: String?, sourceFlag: String?, source: String?, meta: SeriesMeta) throws {
        try c.execute(
            """
            UPDATE series SET unit = coalesce($1, unit, $2), source = coalesce($3, source, $4), name = coalesce(name, $5),
                multiplier = coalesce(multiplier, $6::float8), currency = coalesce(currency, $7), notes = coalesce($8, notes)
            WHERE id = $9
            """, [unitFlag, unit, sourceFlag, source, meta.name, meta.multiplier.map { "\($0)" }, meta.currency, meta.notes, String(id)])
    }

    func insertSeries(key: String, unit: String?, source: String?, meta: SeriesMeta) throws -> Int64 {
        let id = try c.scalar(
            "INSERT INTO series (id, key, name, unit, source, multiplier, currency, notes, created_at) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM series), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            [key, meta.name, unit, source, meta.multiplier.map { "\($0)" }, meta.currency, meta.notes, timestampNow()])
        guard let id, let series = Int64(id) else { throw MStoreError.io(path: c.shown, message: "the server gave no series id") }
        return series
    }

    func setTag(seriesID: Int64, name: String, value: String) throws {
        try PostgreSQLEngine.setTag(c, seriesID: String(seriesID), name: name, value: value)
    }

    func setFrequency(seriesID: Int64, code: String) throws {
        try c.execute("UPDATE series SET frequency = $1 WHERE id = $2", [code, String(seriesID)])
    }

    func markPercent(seriesID: Int64) throws {
        try c.execute("UPDATE series SET unit = coalesce(unit, 'percent') WHERE id = $1", [String(seriesID)])
    }

    /// No packed copy on this engine (current reads go by the primary key): only the
    /// catalog's statistics.
    func storeSnapshot(_ snapshot: Snapshot, seriesID: Int64) throws {
        try c.execute(
            "UPDATE series SET first_date = $1, last_date = $2, obs_count = $3 WHERE id = $4",
            [snapshot.dates.first.map { Day(ordinal: $0).description }, snapshot.dates.last.map { Day(ordinal: $0).description },
             String(snapshot.dates.count), String(seriesID)])
    }

    /// The catalog's statistics from the current rows, in the server; the 60 latest dates
    /// returned (all the frequency is inferred from), not every date.
    func rebuildSnapshot(seriesID: Int64) throws -> [Int32] {
        try c.execute(
            """
            UPDATE series SET first_date = s.first, last_date = s.last, obs_count = s.n
            FROM (SELECT min(date) AS first, max(date) AS last, count(*) AS n FROM observation WHERE series_id = $1 AND known_until IS NULL) s
            WHERE id = $1
            """, [String(seriesID)])
        let rows = try c.execute(
            "SELECT date FROM observation WHERE series_id = $1 AND known_until IS NULL ORDER BY date DESC LIMIT 60", [String(seriesID)]
        ).rows
        return rows.compactMap { Day(iso: $0[0])?.ordinal }.reversed()
    }

    func observationSink(runID: Int64, vintage: Day, fileName: String, dryRun: Bool, rowByRow: Bool) throws -> any ObservationSink {
        PGObservationSink(c: c, runID: runID, vintage: vintage, fileName: fileName, dryRun: dryRun, rowByRow: rowByRow)
    }
}
