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
        let everything = SQLLimits.unbounded
        var tables: [(StoreTable, [[String?]])] = []
        for table in StoreTable.allCases {
            let sql = "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.rawValue) ORDER BY \(table.order)"
            tables.append((table, try engine.query(sql: sql, limits: everything).rows.map { $0.map(\.copyText) }))
        }
        // The check: versions and the sum of values per series id, from what was read and
        // from what the destination holds before it commits (summed in the same order).
        let expected = Self.checksums(tables.first(where: { $0.0 == .observation })?.1.map { ($0[0] ?? "", Double($0[5] ?? "") ?? .nan) } ?? [])
        let checked = try destination.engine.load(tables) { readBack in
            let found = Self.checksums(readBack)
            for (id, want) in expected {
                guard let got = found[id], got.count == want.count, got.sum.bitPattern == want.sum.bitPattern else {
                    throw MStoreError.io(
                        path: destination.path,
                        message: "the copy of series id \(id) does not match (\(found[id].map { "\($0.count) versions, sum \(formatNumber($0.sum))" } ?? "absent") against \(want.count) versions, sum \(formatNumber(want.sum))): nothing was copied")
                }
            }
            guard found.count == expected.count else {
                throw MStoreError.io(path: destination.path, message: "the copy holds \(found.count) series with versions, the source \(expected.count): nothing was copied")
            }
            return expected.count
        }
        return CopyReport(rows: tables.map { ($0.0.rawValue, $0.1.count) }, seriesChecked: checked)
    }
}

extension Store {
    /// Versions and the compensated sum of their values, per series id.
    static func checksums(_ rows: [(series: String, value: Double)]) -> [String: (count: Int, sum: Double)] {
        var sums: [String: (count: Int, sum: NeumaierSum)] = [:]
        for (id, value) in rows {
            sums[id, default: (0, NeumaierSum())].count += 1
            sums[id]!.sum.add(value)
        }
        return sums.mapValues { ($0.count, $0.sum.value) }
    }
}

extension SQLLimits {
    /// No limits: the store's own reads for a copy.
    static var unbounded: SQLLimits {
        var limits = SQLLimits()
        limits.seconds = 86_400 * 365
        limits.rows = Int.max
        limits.memoryBytes = Int64.max / 4
        return limits
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
