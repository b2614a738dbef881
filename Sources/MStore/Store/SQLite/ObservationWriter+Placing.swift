internal import GRDB

/// The writer's reads that decide where a value goes: the version a later run confirmed,
/// and, for a dry run, what `write` would do, from the store and this file's earlier
/// values only (the same ``Placement`` rules).
extension ObservationWriter {
    /// The earliest other run, with a vintage after `vintage` (and before `until`), whose
    /// dates of the series span the date being placed (`dateText`).
    func confirmingRun(_ seriesID: Int64, after vintage: [UInt8], before until: [UInt8]?) throws -> (vintage: [UInt8], run: Int64)? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT vintage, ingest_id FROM series_coverage
                WHERE series_id = ?1 AND first_date <= ?2 AND last_date >= ?2 AND vintage > ?3 AND ingest_id != ?4
                  AND (?5 IS NULL OR vintage < ?5)
                ORDER BY vintage, ingest_id LIMIT 1
                """)
        let date = String(decoding: UnsafeBufferPointer(start: dateText, count: 10), as: UTF8.self)
        let row = try Row.fetchOne(
            statement,
            arguments: [seriesID, date, String(decoding: vintage, as: UTF8.self), runID, until.map { String(decoding: $0, as: UTF8.self) }])
        guard let row else { return nil }
        let text: String = row[0]
        return (Array(text.utf8), row[1])
    }

    /// What `write` would do, read from the store and this file's earlier values only.
    func outcome(series: SeriesSlot, date: Day, value: Double, line: Int, vintage: Day?) throws -> WriteOutcome {
        let v = vintage.map { Array($0.description.utf8) } ?? vintageText
        let earlier = placed[series.id]?[date.ordinal] ?? []
        // The same series, date and vintage earlier in this very file.
        if let twin = earlier.first(where: { $0.vintage == v }) {
            guard twin.value == value else {
                throw MStoreError.conflictingValues(
                    file: fileName, key: series.key, date: date, firstLine: twin.line, firstValue: twin.value, line: line, value: value)
            }
            return .unchanged
        }
        placed[series.id, default: [:]][date.ordinal, default: []].append((v, value, line))
        // An earlier vintage of this file (ALFRED columns) is the version known on v.
        if let before = earlier.filter({ $0.vintage.lexicographicallyPrecedes(v) }).max(by: { $0.vintage.lexicographicallyPrecedes($1.vintage) }) {
            return before.value == value ? .unchanged : .revised(old: before.value)
        }
        guard !series.fresh, series.id > 0 else { return .inserted }
        // The store's versions, by the same rule as a run (this file's own were handled above).
        switch Placement.decide(try loadVersions(series.id), value: value, vintage: v, runID: runID) {
        case .unchanged: return .unchanged
        case let .revise(covering): return .revised(old: covering.value)
        case .backfill, .twin: return .inserted
        }
    }
}
