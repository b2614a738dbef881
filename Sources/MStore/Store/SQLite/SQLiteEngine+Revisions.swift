internal import GRDB

extension SQLiteEngine {
    /// Every revision of every series: each stored version against the one before it for
    /// the same date.
    static let allRevisionsSQL = """
        WITH v AS (
            SELECT series_id, date, value, known_from,
                   LAG(value) OVER (PARTITION BY series_id, date ORDER BY known_from, ingest_id) AS old
            FROM observation WHERE date >= ? AND date <= ? AND known_from <= ?)
        SELECT s.key, s.unit, v.date, v.old, v.value, v.known_from
        FROM v JOIN series s ON s.id = v.series_id
        WHERE v.old IS NOT NULL AND v.value <> v.old
        ORDER BY s.key, v.date, v.known_from
        """

    /// One row per series that was ever revised, most revised first: how many revisions,
    /// of how many dates, by how much (absolute and in percent of the old value) and how
    /// many days after the observation date (the median).
    ///
    /// ```swift
    /// for s in try store.revisionSummary() { print(s.key, s.revisions, s.medianDaysAfter) }
    /// ```
    func revisionSummary(since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> [RevisionSummary] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: Self.allRevisionsSQL,
                arguments: [(since ?? Day.distantPast).description, (until ?? Day.distantFuture).description, (asOf ?? Day.distantFuture).description])
            var byKey: [(key: String, unit: String?, items: [(date: Day, old: Double, new: Double, vintage: Day)])] = []
            for row in rows {
                guard let date = Day(iso: row[2]), let vintage = Day(iso: row[5]) else { continue }
                let key: String = row[0]
                if byKey.last?.key != key { byKey.append((key, row[1], [])) }
                byKey[byKey.count - 1].items.append((date, row[3], row[4], vintage))
            }
            let summaries = byKey.map { entry -> RevisionSummary in
                // Changes rounded to the decimals of the values, as `Revision.change` does.
                let changes = entry.items.map { abs(Revision(date: $0.date, oldValue: $0.old, newValue: $0.new, vintage: $0.vintage).change) }
                let percents = entry.items.map { $0.old == 0 ? 0 : abs($0.new - $0.old) / abs($0.old) * 100 }
                let late = entry.items.map { Double($0.vintage.ordinal - $0.date.ordinal) }.sorted()
                let middle = late.count / 2
                return RevisionSummary(
                    key: entry.key, unit: entry.unit, revisions: entry.items.count, datesRevised: Set(entry.items.map(\.date)).count,
                    vintages: Set(entry.items.map(\.vintage)).count,
                    meanAbsoluteChange: changes.reduce(0, +) / Double(changes.count), maxAbsoluteChange: changes.max() ?? 0,
                    meanAbsolutePercent: percents.reduce(0, +) / Double(percents.count),
                    medianDaysAfter: late.count % 2 == 1 ? late[middle] : (late[middle - 1] + late[middle]) / 2,
                    lastVintage: entry.items.map(\.vintage).max() ?? entry.items[0].vintage)
            }
            return summaries.sorted { ($0.revisions, $1.key) > ($1.revisions, $0.key) }
        }
    }
}
