/// The tables a store is made of, with the columns every engine has: what `mstore copy`
/// moves, in an order that keeps every reference valid.
enum StoreTable: String, CaseIterable {
    case series, series_tag, ingest_run, observation, series_fetch, series_coverage

    var columns: [String] {
        switch self {
        case .series:
            return ["id", "key", "name", "unit", "frequency", "source", "notes", "created_at", "multiplier", "currency", "first_date", "last_date", "obs_count"]
        case .series_tag: return ["series_id", "name", "value"]
        case .ingest_run:
            return ["id", "file_name", "sha256", "size_bytes", "layout", "vintage", "started_at", "finished_at", "rows_read", "inserted", "revised", "unchanged",
                    "rejected", "outcome", "url"]
        case .observation: return ["series_id", "date", "known_from", "ingest_id", "known_until", "value", "line"]
        case .series_fetch: return ["series_id", "source", "all_vintages", "flags", "last_fetched"]
        case .series_coverage: return ["series_id", "ingest_id", "vintage", "first_date", "last_date"]
        }
    }

    /// The order rows are read in (the primary key), so that two copies compare line by line.
    var order: String {
        switch self {
        case .series, .ingest_run: return "id"
        case .series_tag: return "series_id, name"
        case .observation: return "series_id, date, known_from, ingest_id"
        case .series_fetch: return "series_id"
        case .series_coverage: return "series_id, ingest_id"
        }
    }
}

/// What `mstore copy` moved.
public struct CopyReport: Sendable {
    /// Rows per table, in copy order.
    public var rows: [(table: String, count: Int)]
    /// Series whose version count and value sum were checked equal on both sides.
    public var seriesChecked: Int

    /// One line for the terminal.
    public var summary: String {
        rows.map { "\($0.count) \($0.table)" }.joined(separator: ", ") + "; checked \(seriesChecked) series (versions and sums)"
    }
}

extension Store {
    /// Copies everything in this store — catalog, tags, sources, every version with its
    /// vintage, provenance runs and lines — into the empty store `destination`, in one
    /// transaction there. Before it commits, each series' number of versions and sum of
    /// values are read back from `destination` and compared with this store's; any
    /// difference (or any error) rolls back, leaving `destination` as it was.
    public func copy(to destination: Store) throws -> CopyReport {
        // Streamed: rows go from one engine to the other as they are read, so a store of
        // any size copies in bounded memory. The check: versions and the sum of values per
        // series id, from what was read and from what the destination holds before it
        // commits (both in primary-key order, so summed in the same order).
        var counts = StoreTable.allCases.map { ($0.rawValue, 0) }
        var expected = Checksums()
        var checked = 0
        try destination.engine.load(
            fill: { put in
                try engine.scan { table, row in
                    if table == .observation { expected.add(Int64(row[0] ?? "") ?? -1, Double(row[5] ?? "") ?? .nan) }
                    try put(table, row)
                    counts[StoreTable.allCases.firstIndex(of: table)!].1 += 1
                }
            },
            verify: { walk in
                var found = Checksums()
                try walk { id, value in found.add(id, value) }
                for (id, want) in expected.sums {
                    guard let got = found.sums[id], got.count == want.count, got.sum.value.bitPattern == want.sum.value.bitPattern else {
                        let seen = found.sums[id].map { "\($0.count) versions, sum \(formatNumber($0.sum.value))" } ?? "absent"
                        throw MStoreError.io(
                            path: destination.path,
                            message: "the copy of series id \(id) does not match (\(seen) against \(want.count) versions, sum \(formatNumber(want.sum.value))): nothing was copied")
                    }
                }
                guard found.sums.count == expected.sums.count else {
                    throw MStoreError.io(
                        path: destination.path, message: "the copy holds \(found.sums.count) series with versions, the source \(expected.sums.count): nothing was copied")
                }
                checked = expected.sums.count
            })
        return CopyReport(rows: counts, seriesChecked: checked)
    }
}

/// Versions and the compensated sum of their values, per series id.
struct Checksums {
    var sums: [Int64: (count: Int, sum: NeumaierSum)] = [:]
    mutating func add(_ id: Int64, _ value: Double) {
        sums[id, default: (0, NeumaierSum())].count += 1
        sums[id]!.sum.add(value)
    }
}

extension Cell {
    /// The value as text a loader parses back exactly (numbers in their shortest exact form).
    var copyText: String? {
        switch self {
        case .null: return nil
        case let .integer(n): return String(n)
        case let .number(d): return "\(d)"
        case let .text(s): return s
        case let .date(d): return d.description
        }
    }
}
