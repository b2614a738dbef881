import Foundation

extension PostgreSQLEngine {
    /// The id and stored key of `key`, matched case-insensitively (`lower`, which folds
    /// every letter the database's locale knows).
    func seriesRow(_ c: PGConnection, key: String) throws -> (id: Int64, key: String)? {
        guard let row = try c.execute("SELECT id, key FROM series WHERE lower(key) = lower($1)", [key]).rows.first,
            let id = row[0].flatMap({ Int64($0) }), let stored = row[1]
        else { return nil }
        return (id, stored)
    }

    func seriesID(_ c: PGConnection, key: String) throws -> Int64 {
        guard let row = try seriesRow(c, key: key) else { throw try unknownSeries(c, key: key) }
        return row.id
    }

    func unknownSeries(_ c: PGConnection, key: String) throws -> MStoreError {
        let keys = try c.execute("SELECT key FROM series").rows.compactMap { $0[0] }
        let similar = suggestions(for: key, among: keys).map(SeriesKey.quotedIfNeeded)
        var hint = similar.isEmpty ? "see `mstore series` for the keys in the store" : "did you mean \(similar.joined(separator: ", "))?"
        if similar.contains(where: { $0.hasPrefix("\"") }) { hint += " (in an expression, \(SeriesExpression.syntaxHint))" }
        return .notFound(what: "series \(quoted(key))", hint: hint)
    }

    func catalog(asOf: Day?, key: String?) throws -> [SeriesInfo] {
        try read { c in
            var parameters: [String?] = []
            var filter = ""
            if let key {
                guard let row = try seriesRow(c, key: key) else { return [] }
                parameters.append(String(row.id))
                filter = "WHERE s.id = $1"
            }
            let sql: String
            if let asOf {
                parameters.append(asOf.description)
                let p = "$\(parameters.count)::date"
                sql = """
                    SELECT s.key, s.name, s.unit, s.frequency, s.source, s.notes, s.multiplier, s.currency,
                           min(o.date), max(o.date), count(o.date)
                    FROM series s
                    LEFT JOIN observation o ON o.series_id = s.id AND o.known_from <= \(p) AND (o.known_until IS NULL OR o.known_until > \(p))
                    \(filter) GROUP BY s.id ORDER BY s.key
                    """
            } else {
                sql = """
                    SELECT s.key, s.name, s.unit, s.frequency, s.source, s.notes, s.multiplier, s.currency, s.first_date, s.last_date, s.obs_count
                    FROM series s \(filter) ORDER BY s.key
                    """
            }
            return try c.execute(sql, parameters).rows.map { r in
                SeriesInfo(
                    key: r[0] ?? "", name: r[1], unit: r[2], frequency: r[3], source: r[4], notes: r[5], multiplier: r[6].flatMap(Double.init),
                    currency: r[7], first: Day(iso: r[8]), last: Day(iso: r[9]), count: r[10].flatMap { Int($0) } ?? 0)
            }
        }
    }

    func canonicalKey(_ key: String) throws -> String {
        try read { c in
            guard let row = try seriesRow(c, key: key) else { throw try unknownSeries(c, key: key) }
            return row.key
        }
    }

    func hasSeries(_ key: String) -> Bool {
        ((try? read { c in try seriesRow(c, key: key) }) ?? nil) != nil
    }

    func tags(key: String) throws -> [(name: String, value: String)] {
        try read { c in
            let id = try seriesID(c, key: key)
            return try c.execute("SELECT name, value FROM series_tag WHERE series_id = $1 ORDER BY name", [String(id)]).rows.map { ($0[0] ?? "", $0[1] ?? "") }
        }
    }

    func setTags(key: String, set: [(String, String)], remove: [String]) throws {
        try inTransaction(writing: true) {
            let id = String(try seriesID(connection, key: key))
            for (name, value) in set { try Self.setTag(connection, seriesID: id, name: name, value: value) }
            for name in remove { try connection.execute("DELETE FROM series_tag WHERE series_id = $1 AND name = $2", [id, name]) }
        }
    }

    /// Sets tag `name` of a series to `value`, replacing the value it had.
    static func setTag(_ c: PGConnection, seriesID: String, name: String, value: String) throws {
        try c.execute(
            "INSERT INTO series_tag (series_id, name, value) VALUES ($1, $2, $3) ON CONFLICT (series_id, name) DO UPDATE SET value = excluded.value",
            [seriesID, name, value])
    }

    func keys(withTags tags: [(String, String)]) throws -> [String] {
        try read { c in
            var sql = "SELECT key FROM series s WHERE true"
            var parameters: [String?] = []
            for (name, value) in tags {
                parameters += [name, value]
                sql += " AND EXISTS (SELECT 1 FROM series_tag t WHERE t.series_id = s.id AND t.name = $\(parameters.count - 1) AND t.value = $\(parameters.count))"
            }
            return try c.execute(sql + " ORDER BY key", parameters).rows.compactMap { $0[0] }
        }
    }

    func tagged(_ name: String) throws -> [(key: String, value: String)] {
        try read { c in
            try c.execute("SELECT series, value FROM series_tags WHERE name = $1 ORDER BY value, series", [name]).rows.map { (key: $0[0] ?? "", value: $0[1] ?? "") }
        }
    }

    func ingestHistory(key: String) throws -> [IngestRun] {
        try read { c in
            let id = try seriesID(c, key: key)
            return try c.execute(
                """
                SELECT r.id, r.file_name, r.sha256, r.layout, r.vintage, r.finished_at, r.inserted, r.revised, r.unchanged, r.rejected
                FROM ingest_run r WHERE r.id IN (SELECT DISTINCT ingest_id FROM observation WHERE series_id = $1) ORDER BY r.id
                """, [String(id)]
            ).rows.map { r in
                IngestRun(
                    id: Int64(r[0] ?? "") ?? 0, fileName: r[1] ?? "", sha256: r[2] ?? "", layout: r[3] ?? "", vintage: r[4] ?? "", finishedAt: r[5],
                    inserted: Int(r[6] ?? "") ?? 0, revised: Int(r[7] ?? "") ?? 0, unchanged: Int(r[8] ?? "") ?? 0, rejected: Int(r[9] ?? "") ?? 0)
            }
        }
    }

    func fetchSources() throws -> [StoredFetchSource] {
        try read { c in
            try c.execute(
                """
                SELECT s.key, f.source, f.all_vintages, f.flags, f.last_fetched,
                       (SELECT max(date) FROM observation o WHERE o.series_id = s.id AND o.known_until IS NULL)
                FROM series_fetch f JOIN series s ON s.id = f.series_id
                ORDER BY f.source, f.all_vintages, s.key
                """
            ).rows.map { r in
                StoredFetchSource(
                    key: r[0] ?? "", source: r[1] ?? "", allVintages: r[2] == "t", flags: r[3], lastFetched: Day(iso: r[4].map { String($0.prefix(10)) }),
                    lastObservation: Day(iso: r[5]))
            }
        }
    }

    func observations(key: String, since: Day?, until: Day?, asOf: Day?) throws -> [Observation] {
        try read { c in
            let id = String(try seriesID(c, key: key))
            let lower = (since ?? Day.distantPast).description, upper = (until ?? Day.distantFuture).description
            let rows: [[String?]]
            if let asOf {
                rows = try c.execute(
                    """
                    SELECT date, value FROM observation
                    WHERE series_id = $1 AND date >= $2 AND date <= $3 AND known_from <= $4 AND (known_until IS NULL OR known_until > $4)
                    ORDER BY date
                    """, [id, lower, upper, asOf.description]
                ).rows
            } else {
                rows = try c.execute(
                    "SELECT date, value FROM observation WHERE series_id = $1 AND date >= $2 AND date <= $3 AND known_until IS NULL ORDER BY date",
                    [id, lower, upper]
                ).rows
            }
            return rows.compactMap { r in
                guard let day = Day(iso: r[0]), let value = r[1].flatMap(Double.init) else { return nil }
                return Observation(date: day, value: value)
            }
        }
    }

    func crossSection(tag: String, value: String, since: Day?, until: Day?, asOf: Day?) throws -> CrossSection {
        try read { c in
            var keyIndex: [Int64: Int32] = [:]
            var keys: [String] = []
            for r in try c.execute(
                "SELECT s.id, s.key FROM series s JOIN series_tag t ON t.series_id = s.id WHERE t.name = $1 AND t.value = $2 ORDER BY s.key", [tag, value]
            ).rows {
                keyIndex[Int64(r[0] ?? "") ?? -1] = Int32(keys.count)
                keys.append(r[1] ?? "")
            }
            var parameters: [String?] = [tag, value, (since ?? Day.distantPast).description, (until ?? Day.distantFuture).description]
            var known = "o.known_until IS NULL"
            if let asOf {
                parameters.append(asOf.description)
                known = "o.known_from <= $5 AND (o.known_until IS NULL OR o.known_until > $5)"
            }
            // Every member's values, in binary and in chunks (a universe may hold millions),
            // in the table's order: ordered by the key, the server would visit the heap in
            // index order, a page a row (four times slower on a file loaded by date).
            var bySeries: [Int64: [(date: Int32, value: Double)]] = [:]
            try c.forEachRow(
                """
                SELECT o.series_id, o.date, o.value FROM observation o
                WHERE o.series_id IN (SELECT series_id FROM series_tag WHERE name = $1 AND value = $2)
                  AND o.date >= $3 AND o.date <= $4 AND \(known)
                """, parameters
            ) { r in
                guard !r.isNull(2) else { return }
                bySeries[r.int64(0), default: []].append((r.day(1), r.double(2)))
            }
            // Members enter each date in series order, as on SQLite, so that sums agree to the bit.
            var buckets = DateBuckets(width: keys.count)
            for id in bySeries.keys.sorted() {
                guard let member = keyIndex[id] else { continue }
                for (date, value) in bySeries[id]! { buckets.add(member, value, on: date) }
            }
            return buckets.crossSection(keys: keys)
        }
    }

    func versions(key: String, since: Day?, until: Day?, asOf: Day?) throws -> [(date: Day, value: Double, vintage: Day)] {
        try read { c in
            let id = String(try seriesID(c, key: key))
            return try c.execute(
                """
                SELECT date, value, known_from FROM observation
                WHERE series_id = $1 AND date >= $2 AND date <= $3 AND known_from <= $4
                ORDER BY date, known_from, ingest_id
                """, [id, (since ?? Day.distantPast).description, (until ?? Day.distantFuture).description, (asOf ?? Day.distantFuture).description]
            ).rows.compactMap { r in
                guard let date = Day(iso: r[0]), let value = r[1].flatMap(Double.init), let vintage = Day(iso: r[2]) else { return nil }
                return (date, value, vintage)
            }
        }
    }

    func allRevisions(since: Day?, until: Day?, asOf: Day?) throws -> [(key: String, unit: String?, revision: Revision)] {
        try read { c in
            try c.execute(
                """
                WITH v AS (
                    SELECT series_id, date, value, known_from, ingest_id,
                           LAG(value) OVER (PARTITION BY series_id, date ORDER BY known_from, ingest_id) AS old
                    FROM observation WHERE date >= $1 AND date <= $2 AND known_from <= $3)
                SELECT s.key, s.unit, v.date, v.old, v.value, v.known_from
                FROM v JOIN series s ON s.id = v.series_id
                WHERE v.old IS NOT NULL AND v.value <> v.old
                ORDER BY s.key, v.date, v.known_from, v.ingest_id
                """, [(since ?? Day.distantPast).description, (until ?? Day.distantFuture).description, (asOf ?? Day.distantFuture).description]
            ).rows.compactMap { r in
                guard let date = Day(iso: r[2]), let old = r[3].flatMap(Double.init), let new = r[4].flatMap(Double.init), let vintage = Day(iso: r[5]) else { return nil }
                return (r[0] ?? "", r[1], Revision(date: date, oldValue: old, newValue: new, vintage: vintage))
            }
        }
    }

    func revisionsArrived(since: Day) throws -> [(key: String, revision: Revision)] {
        try read { c in
            try c.execute(
                """
                SELECT s.key, v.date, v.old, v.value, v.known_from FROM (
                    SELECT series_id, date, value, known_from, ingest_id,
                           LAG(value) OVER (PARTITION BY series_id, date ORDER BY known_from, ingest_id) AS old
                    FROM observation
                    WHERE series_id IN (SELECT DISTINCT series_id FROM observation WHERE known_from >= $1)
                ) v JOIN series s ON s.id = v.series_id
                WHERE v.known_from >= $1 AND v.old IS NOT NULL AND v.old <> v.value
                ORDER BY v.known_from, s.key, v.date, v.ingest_id
                """, [since.description]
            ).rows.compactMap { r in
                guard let date = Day(iso: r[1]), let old = r[2].flatMap(Double.init), let new = r[3].flatMap(Double.init), let vintage = Day(iso: r[4]) else { return nil }
                return (r[0] ?? "", Revision(date: date, oldValue: old, newValue: new, vintage: vintage))
            }
        }
    }

    func observedSpan(keys: [String], asOf: Day?) throws -> (firstVintage: Day?, first: Day?, last: Day?) {
        try read { c in
            let filter = keys.isEmpty ? "" : "WHERE series_id IN (SELECT id FROM series WHERE key = ANY($1::text[]))"
            let parameters: [String?] = keys.isEmpty ? [] : [Self.textArray(keys)]
            let firstVintage = try c.scalar("SELECT min(known_from) FROM observation \(filter)", parameters)
            let p = "$\(parameters.count + 1)::date"
            let known = (filter.isEmpty ? "WHERE " : filter + " AND ") + "known_from <= \(p) AND (known_until IS NULL OR known_until > \(p))"
            let row = try c.execute("SELECT min(date), max(date) FROM observation \(known)", parameters + [(asOf ?? Day.distantFuture).description]).rows.first
            return (Day(iso: firstVintage), Day(iso: row?[0] ?? nil), Day(iso: row?[1] ?? nil))
        }
    }

    /// A PostgreSQL array literal of texts, every element quoted.
    static func textArray(_ items: [String]) -> String {
        "{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"
    }
}
