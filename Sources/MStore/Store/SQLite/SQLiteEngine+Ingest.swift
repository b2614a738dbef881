internal import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SQLiteEngine {
    /// Runs `body` in one IMMEDIATE write transaction (taking the write lock at once, so a
    /// second writer waits rather than failing halfway): committed when it returns, rolled
    /// back when it throws. `file` names the input in errors.
    func inWriteTransaction<T>(file: String, _ body: (any IngestCatalog) throws -> T) throws -> T {
        do {
            return try dbQueue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteIngestCatalog(db: db))
                    return .commit
                }
                guard let result else { throw MStoreError.io(path: file, message: "the write transaction returned nothing") }
                return result
            }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: file, "the store refused the write")
        }
    }

    /// Runs `body` in a read transaction: no write lock, nothing written, other writers
    /// never wait (a dry run).
    func inReadTransaction<T>(file: String, _ body: (any IngestCatalog) throws -> T) throws -> T {
        do {
            return try dbQueue.read { db in try body(SQLiteIngestCatalog(db: db)) }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: file, "the store refused the read")
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
