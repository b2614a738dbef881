/// One rejected row, kept for the rejects file.
struct Reject {
    var line: Int
    var column: Int?
    var value: String
    var reason: String
    var record: [String]
}

extension IngestJob {
    /// Writes the rejected rows (line, column, value, reason, then the row's own fields).
    func writeRejects() throws {
        guard !rejects.isEmpty else { return }
        var table = ResultTable(columns: ["line", "column", "value", "reason"] + plan.header, rows: [])
        for r in rejects {
            table.rows.append([.integer(Int64(r.line)), r.column.map { .integer(Int64($0)) } ?? .null, .text(r.value), .text(r.reason)] + r.record.map(Cell.text))
        }
        try writeAtomically(table.rendered(as: .csv), to: rejectsPath)
    }
}

extension MStoreError {
    /// Problems confined to one row, which `--skip-bad` can set aside.
    var isRowLevel: Bool {
        switch self {
        case .badValue, .badRecord, .conflictingValues: return true
        default: return false
        }
    }

    var column: Int? {
        switch self {
        case .badValue(let loc, _, _), .badRecord(let loc, _): return loc.column
        default: return nil
        }
    }

    var offendingValue: String? {
        switch self {
        case .badValue(_, let value, _): return value
        case let .conflictingValues(_, _, _, _, _, _, value): return formatNumber(value)
        default: return nil
        }
    }
}
