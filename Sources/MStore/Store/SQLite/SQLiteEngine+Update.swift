internal import GRDB

extension SQLiteEngine {
    /// Every series with a remembered source, by source, then whether every vintage was
    /// asked for, then key: what ``Store/updateTargets(keys:tags:)`` groups.
    func fetchSources() throws -> [StoredFetchSource] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.key, f.source, f.all_vintages, f.flags, f.last_fetched,
                           (SELECT max(date) FROM observation o WHERE o.series_id = s.id AND o.known_until IS NULL) AS last
                    FROM series_fetch f JOIN series s ON s.id = f.series_id
                    ORDER BY f.source, f.all_vintages, s.key
                    """
            ).map { row in
                let fetched: String = row["last_fetched"]
                return StoredFetchSource(
                    key: row["key"], source: row["source"], allVintages: row["all_vintages"], flags: row["flags"],
                    lastFetched: Day(iso: String(fetched.prefix(10))), lastObservation: Day(iso: row["last"]))
            }
        }
    }

    /// Revisions that became known on or after `since` (by vintage), across all series:
    /// the data fog as it arrives.
    func revisionsArrived(since: Day) throws -> [(key: String, revision: Revision)] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.key, v.date, v.old, v.value, v.known_from FROM (
                        SELECT series_id, date, value, known_from, ingest_id,
                               LAG(value) OVER (PARTITION BY series_id, date ORDER BY known_from, ingest_id) AS old
                        FROM observation
                        WHERE series_id IN (SELECT DISTINCT series_id FROM observation WHERE known_from >= ?1)
                    ) v JOIN series s ON s.id = v.series_id
                    WHERE v.known_from >= ?1 AND v.old IS NOT NULL AND v.old != v.value
                    ORDER BY v.known_from, s.key, v.date, v.ingest_id
                    """, arguments: [since.description])
            return rows.compactMap { row in
                guard let date = Day(iso: row[1]), let vintage = Day(iso: row[4]) else { return nil }
                return (row[0], Revision(date: date, oldValue: row[2], newValue: row[3], vintage: vintage))
            }
        }
    }
}
