internal import GRDB

extension SQLiteEngine {
    /// Every revision of every series: each stored version against the one before it for
    /// the same date.
    static let allRevisionsSQL = """
        WITH v AS (
            SELECT series_id, date, value, known_from, ingest_id,
                   LAG(value) OVER (PARTITION BY series_id, date ORDER BY known_from, ingest_id) AS old
            FROM observation WHERE date >= ? AND date <= ? AND known_from <= ?)
        SELECT s.key, s.unit, v.date, v.old, v.value, v.known_from
        FROM v JOIN series s ON s.id = v.series_id
        WHERE v.old IS NOT NULL AND v.value <> v.old
        ORDER BY s.key, v.date, v.known_from, v.ingest_id
        """

    /// Every revision of every series dated in [since, until] and known by `asOf`, by key,
    /// date and vintage, with the series' unit.
    func allRevisions(since: Day?, until: Day?, asOf: Day?) throws -> [(key: String, unit: String?, revision: Revision)] {
        try read { db in
            try Row.fetchAll(
                db, sql: Self.allRevisionsSQL,
                arguments: [(since ?? Day.distantPast).description, (until ?? Day.distantFuture).description, (asOf ?? Day.distantFuture).description]
            ).compactMap { row in
                guard let date = Day(iso: row[2]), let vintage = Day(iso: row[5]) else { return nil }
                return (row[0], row[1], Revision(date: date, oldValue: row[3], newValue: row[4], vintage: vintage))
            }
        }
    }
}
