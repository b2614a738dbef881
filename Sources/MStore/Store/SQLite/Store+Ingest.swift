internal import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Store {
    /// Ingests one CSV file (`-` for standard input) as a single transaction.
    ///
    /// The layout, delimiter, header row, date column and date format are detected (see
    /// ``IngestOptions`` to override each). Every value is checked, and the first bad one
    /// aborts the file with an ``MStoreError`` naming file, line, column and value —
    /// nothing of that file is written — unless ``IngestOptions/skipBad`` is set. A file
    /// whose exact content (SHA-256) was ingested before is skipped without being parsed.
    ///
    /// ```swift
    /// let report = try store.ingest(path: "WRESBAL.csv", options: IngestOptions(vintage: Day(year: 2025, month: 7, day: 3)))
    /// print(report.summary)
    /// ```
    @discardableResult
    public func ingest(path: String, options: IngestOptions = IngestOptions()) throws -> IngestReport {
        let started = monotonicSeconds()
        if path != "-" { ProtectedFiles.shared.register(input: path) }
        var input = try InputFile.prepare(path: path, displayName: options.displayName, options: options)
        defer { input.removeTemporary() }
        let vintage = options.vintage ?? Day.today
        // Only a file of a size seen before can be a repeat; hash it first so a repeat is
        // skipped without parsing. Any other file is hashed while it is parsed.
        if input.sha256 == nil, try hasRun(ofSize: input.size) {
            input.sha256 = try sha256(ofFile: input.readPath)
        }
        // A workbook counts as a repeat only when the same sheet was read from it.
        if let hash = input.sha256, let run = try previousRun(sha256: hash, nameEnding: input.sheet.map { "[\($0)]" }) {
            var report = IngestReport.empty(input.displayName, vintage: vintage, dryRun: options.dryRun)
            report.sha256 = hash
            report.layout = run.layout
            report.alreadyIngestedBy = run.id
            // The same content downloaded again later is evidence too: its values were still
            // the known ones on this vintage (see series_coverage). Nothing else is written.
            if !options.dryRun, try confirmAgain(run: run, sha256: hash, name: input.displayName, size: input.size, vintage: vintage) {
                report.confirmedAt = vintage
            }
            report.seconds = monotonicSeconds() - started
            return report
        }
        // From here the content is new: a file of a size never seen cannot be a repeat.
        let plan = try input.plan ?? Sniffer(path: input.readPath, fileName: input.displayName, options: options).plan()
        let reader = try CSVReader(path: input.readPath, displayName: input.displayName, hashing: input.sha256 == nil, delimiter: plan.delimiter)
        do {
            if options.dryRun {
                // Reads only: no write lock, nothing written, other writers never wait.
                return try dbQueue.read { db in
                    var job = IngestJob(catalog: SQLiteIngestCatalog(db: db), reader: reader, plan: plan, options: options, vintage: vintage, size: input.size)
                    try job.run(sha256: input.sha256)
                    try input.checkUnchanged(reader: reader)
                    var r = job.report()
                    r.sha256 = input.sha256 ?? reader.digest() ?? ""
                    r.seconds = monotonicSeconds() - started
                    return r
                }
            }
            return try dbQueue.writeWithoutTransaction { db in
                var report: IngestReport?
                try db.inTransaction(.immediate) {
                    var job = IngestJob(catalog: SQLiteIngestCatalog(db: db), reader: reader, plan: plan, options: options, vintage: vintage, size: input.size)
                    try job.run(sha256: input.sha256)
                    try input.checkUnchanged(reader: reader)
                    var r = job.report()
                    if let hash = input.sha256 ?? reader.digest() {
                        r.sha256 = hash
                        try db.execute(sql: "UPDATE ingest_run SET sha256 = ? WHERE id = ?", arguments: [hash, job.runID])
                    }
                    try job.writeRejects()
                    r.seconds = monotonicSeconds() - started
                    report = r
                    return .commit
                }
                guard let report else { throw MStoreError.io(path: input.displayName, message: "ingest produced no report") }
                return report
            }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: input.displayName, "the store refused the write")
        }
    }

    /// Records a run that gave `sha256`'s content again at a later vintage than any run of
    /// it: a row in ingest_run (outcome `confirmed`) and the earlier run's coverage at this
    /// vintage. `false` (nothing written) when the vintage is not later.
    func confirmAgain(run: PreviousRun, sha256: String, name: String, size: Int, vintage: Day) throws -> Bool {
        let latestSQL = "SELECT max(vintage) FROM ingest_run WHERE sha256 = ?"
        // A repeat at the same or an earlier vintage stays a pure read: no write lock taken.
        let seen = try read { db in try String.fetchOne(db, sql: latestSQL, arguments: [sha256]) ?? "" }
        guard vintage.description > seen else { return false }
        do {
            return try dbQueue.write { db in
                let latest = try String.fetchOne(db, sql: latestSQL, arguments: [sha256]) ?? ""
                guard vintage.description > latest else { return false }
                let now = timestampNow()
                try db.execute(
                    sql: """
                        INSERT INTO ingest_run (file_name, sha256, size_bytes, layout, vintage, started_at, finished_at, outcome)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed')
                        """,
                    arguments: [name, sha256, size, run.layout, vintage.description, now, now])
                let id = db.lastInsertedRowID
                try db.execute(
                    sql: """
                        INSERT INTO series_coverage (series_id, ingest_id, vintage, first_date, last_date)
                        SELECT series_id, ?, ?, first_date, last_date FROM series_coverage WHERE ingest_id = ?
                        """,
                    arguments: [id, vintage.description, run.id])
                return true
            }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: name, "the store refused the write")
        }
    }

    struct PreviousRun {
        var id: Int64
        var layout: String
    }

    func hasRun(ofSize size: Int) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingest_run WHERE size_bytes = ?)", arguments: [size]) ?? false }
    }

    func previousRun(sha256: String, nameEnding: String? = nil) throws -> PreviousRun? {
        try read { db in
            let sql = nameEnding == nil
                ? "SELECT id, layout FROM ingest_run WHERE sha256 = ? ORDER BY id LIMIT 1"
                : "SELECT id, layout FROM ingest_run WHERE sha256 = ? AND substr(file_name, -length(?2)) = ?2 ORDER BY id LIMIT 1"
            let arguments: StatementArguments = nameEnding.map { [sha256, $0] } ?? [sha256]
            guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else { return nil }
            return PreviousRun(id: row["id"], layout: row["layout"])
        }
    }
}

extension IngestReport {
    static func empty(_ name: String, vintage: Day, dryRun: Bool) -> IngestReport {
        IngestReport(
            fileName: name, sha256: "", layout: "", vintage: vintage, seriesKeys: [], rowsRead: 0, inserted: 0, revised: 0, unchanged: 0,
            missing: 0, skipped: 0, rejected: 0, rejectsPath: nil, seconds: 0, alreadyIngestedBy: nil, dryRun: dryRun, plan: [], preview: [])
    }
}
