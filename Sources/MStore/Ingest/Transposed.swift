/// Tables whose periods run across the header and whose rows are series: Eurostat's TSV
/// (`freq,unit,geo\TIME_PERIOD`, then `2024-01 `, values such as `2.1 p` and `:`), the
/// World Bank's downloads (`Country Name,Country Code,Indicator Name,Indicator Code,1960,…`)
/// and the IMF's (`…,Units,Scale,…,1980,…`).
///
/// The columns before the periods are read by their names: names and labels (`Country
/// Name`, `Subject Descriptor`) make the series' name, `Units`/`Scale` its unit, notes its
/// notes; every other column is a dimension, and the key is every dimension's code joined
/// by `.` in column order (`ABW.NY.GDP.MKTP.CD`), each dimension also kept as a tag. All
/// dimensions, not only those that vary in one file, so that a key is the same in every
/// download of the series.
extension Sniffer {
    /// The columns whose header names a period, when they run from some column to the
    /// header's last named one (two at least, after at least one column that does not).
    static func periodColumns(_ header: [String], dates: DateParser) -> [PeriodColumn]? {
        var last = header.count - 1
        while last > 0, header[last].trimmingSpaces.isEmpty { last -= 1 }
        var periods: [PeriodColumn] = []
        var c = last
        while c > 0 {
            var text = header[c].trimmingSpaces
            guard looksLikeDate(text) || HeaderBand.isYear(text),
                let day = text.withUTF8({ dates.parse($0) })
            else { break }
            let precision = text.withUTF8 { dates.precision($0) }
            periods.insert(PeriodColumn(column: c, date: day, precision: precision), at: 0)
            c -= 1
        }
        guard periods.count >= 2, let first = periods.first, first.column >= 1 else { return nil }
        return periods
    }

    /// A transposed plan, when the header names periods and the rows do not hold dates.
    func transposedPlan(_ plan: inout IngestPlan, rows: [[String]]) throws -> Bool {
        guard options.dateColumn == nil, options.keyColumn == nil, options.layout == nil || options.layout == .transposed else { return false }
        var periods = Self.periodColumns(plan.header, dates: plan.dates)
        // A column or two after the periods (the IMF's `Estimates Start After`): named as not read.
        for k in 1...2 where periods == nil && plan.header.count > k + 2 {
            periods = Self.periodColumns(Array(plan.header.dropLast(k)), dates: plan.dates)
            if periods != nil {
                let rest = plan.header.suffix(k).filter { !$0.trimmingSpaces.isEmpty }
                if !rest.isEmpty { plan.notes.append("columns not read: " + rest.map { quoted($0) }.joined(separator: ", ")) }
            }
        }
        guard let periods, let first = periods.first else { return false }
        // Rows that hold dates make a wide table whose headers happen to be years.
        let leading = 0..<first.column
        guard !rows.prefix(20).contains(where: { row in leading.contains { $0 < row.count && Self.looksLikeDate(row[$0]) } }) else { return false }
        plan.layout = .transposed
        plan.targets = .transposed(periods)
        plan.date = .column(first.column)
        let kinds = Set(periods.map(\.precision))
        plan.dateForm = kinds.count == 1 ? Self.periodsName(periods[0].precision) : "periods"
        let header = plan.header
        var parts: [IngestPlan.KeyPart] = []
        for c in leading {
            let name = header[c].trimmingSpaces
            let lower = name.lowercased()
            if let backslash = name.firstIndex(of: "\\") {
                // Eurostat: `freq,unit,geo\TIME_PERIOD` names the codes of the first cell.
                let names = name[..<backslash].split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                plan.dimensionNames += names
                parts += names.indices.map { .subfield(c, index: $0) }
            } else if ["name", "label", "description", "descriptor", "title"].contains(where: lower.contains) {
                plan.labelColumns.append(c)
            } else if ["unit", "units", "unit of measure", "scale"].contains(lower) {
                if lower == "scale" { plan.multiplierColumn = plan.multiplierColumn ?? c } else { plan.unitColumn = plan.unitColumn ?? c }
            } else if lower.contains("note") {
                plan.notesColumn = plan.notesColumn ?? c
            } else if name.isEmpty {
                // An unnamed column of words (the Bureau of Economic Analysis' line names).
                if rows.prefix(50).contains(where: { c < $0.count && $0[c].contains(where: \.isLetter) }) { plan.labelColumns.append(c) }
                continue
            } else {
                plan.dimensionNames.append(name)
                parts.append(.column(c))
            }
        }
        // Words, not codes (the IMF's `Country`: `United States`), name the series when
        // other columns hold codes.
        let worded = parts.filter { part in
            guard case let .column(c) = part else { return false }
            return rows.prefix(50).contains { c < $0.count && $0[c].trimmingSpaces.contains(" ") }
        }
        if !worded.isEmpty && worded.count < parts.count {
            for case let .column(c) in worded {
                plan.labelColumns.append(c)
                if let i = parts.firstIndex(of: .column(c)) {
                    parts.remove(at: i)
                    plan.dimensionNames.remove(at: i)
                }
            }
            plan.labelColumns.sort()
        }
        if parts.isEmpty {
            // Only names: they are the key.
            parts = plan.labelColumns.map { .column($0) }
            plan.dimensionNames = plan.labelColumns.map { header[$0] }
            plan.labelColumns = []
        }
        // Line numbers (`Line`: 1, 2, 3) name a row of this table only: line 1 of one table is
        // not line 1 of another, so they key nothing without a prefix naming the table.
        let lineNames: Set<String> = ["line", "line no", "line no.", "line number", "lineno", "row", "row no"]
        if options.prefix == nil, !parts.isEmpty, parts.allSatisfy({ part in
            guard case let .column(c) = part else { return false }
            return lineNames.contains(header[c].trimmingSpaces.lowercased())
        }) {
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "the rows are told apart only by line numbers (\(parts.compactMap { if case let .column(c) = $0 { return quoted(header[c]) } else { return nil } }.joined(separator: ", "))), which name a row of this table alone; key them with --prefix naming the table (e.g. --prefix T10101.)")
        }
        guard !parts.isEmpty else {
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "the header names periods from column \(first.column + 1) on, but no column before them names the series; give --key-column and --date-column to read it otherwise")
        }
        plan.keyParts = parts
        // Eurostat writes a status flag after a value: `2.1 p`, `: c`.
        let flagged = rows.prefix(50).contains { row in
            periods.contains { p in
                p.column < row.count && row[p.column].trimmingSpaces.range(of: #"^(-?[0-9.]+|:) [a-z]{1,4}$"#, options: .regularExpression) != nil
            }
        }
        if flagged {
            plan.numbers.statusFlags = true
            plan.notes.append("values carry status flags (2.1 p, : c): the values are stored, the flags are not")
        }
        return true
    }

    static func periodsName(_ precision: UInt8) -> String {
        switch precision {
        case UInt8(ascii: "A"): return "years"
        case UInt8(ascii: "S"): return "half-years"
        case UInt8(ascii: "Q"): return "quarters"
        case UInt8(ascii: "M"): return "months"
        case UInt8(ascii: "W"): return "weeks"
        default: return "days"
        }
    }
}

#if canImport(Foundation)
    import Foundation
#endif
