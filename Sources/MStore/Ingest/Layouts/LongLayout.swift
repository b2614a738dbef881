/// Long tables: one observation a row, keyed by a column.
extension Sniffer {
    /// A long table: a key column, a date column and one or more value columns.
    func longPlan(_ plan: inout IngestPlan, _ given: LayoutGiven, rows: [[String]], preamble: [[String]]) throws {
        let header = given.header
        let lower = given.lower
        let dateOverride = given.dateColumn
        let keyColumns = given.keyColumns
        let keyOverride = given.keyColumns?.first
        let valueOverride = given.valueColumns
        guard let keyColumn = keyOverride ?? Self.keyNamed(lower, rows: rows) else {
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "no series-key column (one of \(Self.keyNames.sorted().joined(separator: ", "))); name it with --key-column")
        }
        if dateOverride == nil, let (_, spec) = splitPeriod(lower) {
            plan.date = spec
        } else {
            plan.date = .column(try dateOverride ?? findDateColumn(plan, rows: rows, excluding: [keyColumn]))
        }
        plan.unitColumn = lower.firstIndex { ["unit", "units", "uom", "unit_measure", "unit of measure"].contains($0) }
        // A power of ten: SDMX's UNIT_MULT, Statistics Canada's SCALAR_FACTOR, Statistics New Zealand's Magnitude.
        plan.multiplierColumn = lower.firstIndex { ["unit_mult", "scalar_factor", "magnitude"].contains($0) }
        plan.sourceColumn = lower.firstIndex(of: "source")
        plan.nameColumn = lower.firstIndex(of: "name") ?? lower.firstIndex(of: "title")
        var taken: Set<Int> = [keyColumn]
        switch plan.date {
        case let .column(c): taken.insert(c)
        case let .yearPeriod(a, b), let .yearQuarter(a, b), let .yearMonth(a, b): taken.formUnion([a, b])
        }
        for c in [plan.unitColumn, plan.sourceColumn, plan.nameColumn, plan.multiplierColumn].compactMap({ $0 }) { taken.insert(c) }
        plan.tagColumns = header.indices.compactMap { c in
            lower[c].hasPrefix("tag:") && lower[c].count > 4 ? (c, String(header[c].dropFirst(4)).trimmingSpaces) : nil
        }
        if let keyColumns, keyColumns.count > 1 {
            plan.keyParts = keyColumns.map { .column($0) }
            plan.tagColumns += keyColumns.map { ($0, lower[$0]) }
            taken.formUnion(keyColumns)
        }
        taken.formUnion(plan.tagColumns.map(\.column))
        let values: [Int]
        if let valueOverride {
            values = valueOverride
        } else if let v = lower.firstIndex(where: Self.valueNames.contains), !taken.contains(v) {
            // Other columns of numbers beside the value (`close,volume`) are measures too,
            // each a series of its own (`AAPL.VOLUME`); the value keeps the plain key.
            values = [v] + extraMeasures(header: header, rows: rows, key: keyColumn, taken: taken.union([v]), numbers: plan.numbers)
        } else {
            let rest = header.indices.filter { !taken.contains($0) && !(header[$0].isEmpty && $0 == 0) }
            guard rest.count == 1 else {
                throw MStoreError.badRecord(
                    SourceLocation(file: fileName, line: plan.headerLine),
                    problem: "cannot tell which column holds the values (\(rest.map { "\"\(header[$0])\"" }.joined(separator: ", "))); name it with --value-column")
            }
            values = rest
        }
        let plain = valueOverride == nil && values.count > 1 && Self.valueNames.contains(lower[values[0]]) ? values[0] : nil
        plan.targets = .keyed(
            key: keyColumn,
            values: values.map { KeyedValue(column: $0, suffix: values.count > 1 && $0 != plain ? "." + SeriesKey.normalized(header[$0]) : "", unit: nil) })
        taken.formUnion(values)
        let unread = header.indices.filter { !taken.contains($0) && !header[$0].isEmpty }
        if !unread.isEmpty { plan.notes.append("columns not read: " + unread.map { quoted(header[$0]) }.joined(separator: ", ")) }
    }

    /// Columns not yet taken that hold numbers in every sampled row that has one — neither
    /// attributes (status, flags, notes), line or table numbers, nor date parts — and that
    /// change from date to date within a series: measures. A number that stays the same for
    /// each series (Statistics Canada's `COORDINATE`, `UOM_ID`, `DECIMALS`) describes it.
    func extraMeasures(header: [String], rows: [[String]], key: Int, taken: Set<Int>, numbers: NumberParser) -> [Int] {
        header.indices.filter { c in
            let name = header[c].lowercased()
            guard !taken.contains(c), !name.isEmpty, !name.hasPrefix("tag:"), !Self.attributeWords.contains(where: name.contains) else { return false }
            let words = name.split(whereSeparator: { $0 == "_" || $0 == " " }).map(String.init)
            if (Self.lineNumberWords + ["id", "code"]).contains(words.last ?? "") { return false }
            if let part = words.last, (Self.datePartWords + ["date", "time", "timestamp"]).contains(part) { return false }
            var firstBySeries: [String: String] = [:]
            var varies = false
            for row in rows where c < row.count && key < row.count {
                var cell = row[c]
                switch cell.withUTF8({ numbers.parse($0) }).cell {
                case .value, .outOfRange:
                    let text = row[c].trimmingSpaces
                    if let first = firstBySeries[row[key]] { varies = varies || first != text } else { firstBySeries[row[key]] = text }
                case .invalid: return false
                case .missing: break
                }
            }
            return varies
        }
    }
}
