import Foundation

extension PostgreSQLEngine: StoreEngine {
    func hasRun(ofSize size: Int) throws -> Bool {
        try read { c in try c.scalar("SELECT EXISTS (SELECT 1 FROM ingest_run WHERE size_bytes = $1)", [String(size)]) == "t" }
    }

    func previousRun(sha256: String, nameEnding: String?) throws -> PreviousRun? {
        try read { c in
            let row =
                try nameEnding.map {
                    try c.execute("SELECT id, layout FROM ingest_run WHERE sha256 = $1 AND right(file_name, length($2)) = $2 ORDER BY id LIMIT 1", [sha256, $0])
                } ?? c.execute("SELECT id, layout FROM ingest_run WHERE sha256 = $1 ORDER BY id LIMIT 1", [sha256])
            guard let r = row.rows.first, let id = r[0].flatMap({ Int64($0) }) else { return nil }
            return PreviousRun(id: id, layout: r[1] ?? "")
        }
    }

    func confirmAgain(run: PreviousRun, sha256: String, name: String, size: Int, vintage: Day) throws -> Bool {
        let latestSQL = "SELECT max(vintage) FROM ingest_run WHERE sha256 = $1"
        // A repeat at the same or an earlier vintage stays a pure read: no write lock taken.
        let seen = try read { c in try c.scalar(latestSQL, [sha256]) ?? "" }
        guard vintage.description > seen else { return false }
        return try inTransaction(writing: true) {
            let latest = try connection.scalar(latestSQL, [sha256]) ?? ""
            guard vintage.description > latest else { return false }
            let now = timestampNow()
            let id = try connection.scalar(
                """
                INSERT INTO ingest_run (id, file_name, sha256, size_bytes, layout, vintage, started_at, finished_at, outcome)
                VALUES ((SELECT coalesce(max(id), 0) + 1 FROM ingest_run), $1, $2, $3, $4, $5, $6, $6, 'confirmed') RETURNING id
                """, [name, sha256, String(size), run.layout, vintage.description, now])
            try connection.execute(
                """
                INSERT INTO series_coverage (series_id, ingest_id, vintage, first_date, last_date)
                SELECT series_id, $1, $2, first_date, last_date FROM series_coverage WHERE ingest_id = $3
                """, [id, vintage.description, String(run.id)])
            return true
        }
    }

    func inWriteTransaction<T>(file: String, _ body: (any IngestCatalog) throws -> T) throws -> T {
        try inTransaction(writing: true) { try body(PGIngestCatalog(c: connection, engine: self)) }
    }

    func inReadTransaction<T>(file: String, _ body: (any IngestCatalog) throws -> T) throws -> T {
        try inTransaction(writing: false) { try body(PGIngestCatalog(c: connection, engine: self)) }
    }
}
