internal import GRDB

/// Series that share a source, as `mstore update` refreshes them.
public struct UpdateTarget: Sendable {
    /// Where they come from.
    public var source: FetchSource
    /// FRED's every real-time period was asked for.
    public var allVintages: Bool
    /// How a URL's file is read (ingest flags as a JSON array).
    public var flags: String?
    /// The keys fetched from it, sorted.
    public var keys: [String]
    /// The UTC day of the last fetch that stored its payload.
    public var lastFetched: Day?
    /// The latest current observation among its series.
    public var lastObservation: Day?

    /// The first observation date to ask for: a window before the last observation wide
    /// enough to catch the publisher's revisions (FRED: two years; New York Fed: 35 days);
    /// nil asks for everything (a URL, or nothing stored yet).
    public var window: Day? {
        guard let last = lastObservation else { return nil }
        switch source.kind {
        case .fred, .fredgraph: return last.adding(months: -24)
        case .nyfed: return last.adding(days: -35)
        case .url: return nil
        }
    }
}

extension Store {
    /// The sources to refresh, grouped, for every series with one, or only `keys` and the
    /// series carrying every one of `tags`.
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` for an unknown key;
    ///   ``MStoreError/usage(_:)`` for a series that was ingested from a file and has no source.
    public func updateTargets(keys: [String] = [], tags: [(String, String)] = []) throws -> [UpdateTarget] {
        var wanted: Set<Int64>?
        if !keys.isEmpty || !tags.isEmpty {
            var ids = Set<Int64>()
            try read { db in
                for key in keys {
                    guard let (id, stored) = try Self.seriesRow(db, key: key) else { throw Self.unknownSeries(db, key: key) }
                    guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM series_fetch WHERE series_id = ?)", arguments: [id]) == true else {
                        throw MStoreError.usage("\(stored) has no source to update from: it was ingested from a file (mstore fetch remembers a source)")
                    }
                    ids.insert(id)
                }
            }
            if !tags.isEmpty {
                for key in try self.keys(withTags: tags) {
                    if let (id, _) = try read({ db in try Self.seriesRow(db, key: key) }) { ids.insert(id) }
                }
            }
            wanted = ids
        }
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.key, f.source, f.all_vintages, f.flags, f.last_fetched,
                           (SELECT max(date) FROM observation o WHERE o.series_id = s.id AND o.known_until IS NULL) AS last
                    FROM series_fetch f JOIN series s ON s.id = f.series_id
                    ORDER BY f.source, f.all_vintages, s.key
                    """)
        }
        var targets: [UpdateTarget] = []
        for row in rows {
            let id: Int64 = row["id"]
            if let wanted, !wanted.contains(id) { continue }
            guard let source = try? FetchSource(row["source"]) else { continue }
            let allVintages: Bool = row["all_vintages"]
            let flags: String? = row["flags"]
            let fetched: String = row["last_fetched"]
            let last = Day(iso: row["last"])
            if let i = targets.firstIndex(where: { $0.source == source && $0.allVintages == allVintages && $0.flags == flags }) {
                targets[i].keys.append(row["key"])
                if let last { targets[i].lastObservation = max(targets[i].lastObservation ?? last, last) }
            } else {
                targets.append(
                    UpdateTarget(
                        source: source, allVintages: allVintages, flags: flags, keys: [row["key"]], lastFetched: Day(iso: String(fetched.prefix(10))),
                        lastObservation: last))
            }
        }
        return targets
    }

    /// Revisions that became known on or after `since` (by vintage), across all series:
    /// the data fog as it arrives.
    public func revisionsArrived(since: Day) throws -> [(key: String, revision: Revision)] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.key, v.date, v.old, v.value, v.known_from FROM (
                        SELECT series_id, date, value, known_from,
                               LAG(value) OVER (PARTITION BY series_id, date ORDER BY known_from, ingest_id) AS old
                        FROM observation
                        WHERE series_id IN (SELECT DISTINCT series_id FROM observation WHERE known_from >= ?1)
                    ) v JOIN series s ON s.id = v.series_id
                    WHERE v.known_from >= ?1 AND v.old IS NOT NULL AND v.old != v.value
                    ORDER BY v.known_from, s.key, v.date
                    """, arguments: [since.description])
            return rows.compactMap { row in
                guard let date = Day(iso: row[1]), let vintage = Day(iso: row[4]) else { return nil }
                return (row[0], Revision(date: date, oldValue: row[2], newValue: row[3], vintage: vintage))
            }
        }
    }
}
