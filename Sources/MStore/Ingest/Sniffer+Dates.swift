/// Where a table's dates are and how they are written, decided from the whole column where
/// the first records cannot tell.
extension Sniffer {
    func decideDateFormat(_ plan: inout IngestPlan, column: Int, rows: [[String]]) throws {
        let first = rows.lazy.compactMap { $0.count > column ? $0[column].trimmingSpaces : nil }.first { !$0.isEmpty } ?? ""
        let slash = Self.isSlashDate(first)
        switch options.dateFormat {
        case .mdy: plan.dates.order = .monthFirst
        case .dmy: plan.dates.order = .dayFirst
        case .excel: plan.dates.excel = true
        case .auto, nil:
            // Slash dates: read the whole column to see which order it proves. (Year.month
            // decimals such as 2023.01 have a point but no order: their own pass decides them.)
            let decimalMonths = rows.contains { $0.count > column && Self.isDecimalYearMonth($0[column]) }
            let sampleHasSlash = rows.contains { $0.count > column && $0[column].contains(where: { $0 == "/" || $0 == "." }) }
            if sampleHasSlash && !decimalMonths { plan.dates.order = try proveSlashOrder(plan, column: column) }
            if decimalMonths {
                plan.dates.decimalYearMonth = try proveDecimalYearMonth(plan, column: column)
                if plan.dates.decimalYearMonth {
                    plan.notes.append("\(quoted(plan.header[column])) writes months as decimals (2023.01 … 2023.1 … 2023.12): 2023.1 read as October")
                }
            }
            // Six-digit months (`192607`) where they cannot be YYMMDD, or in an unnamed index
            // column where they rise month after month.
            let digits = rows.prefix(50).compactMap { $0.count > column ? $0[column].trimmingSpaces : nil }.filter { !$0.isEmpty }
            if !digits.isEmpty, digits.allSatisfy(DateParser.isYearMonthDigits),
                (plan.header[column].isEmpty && Self.risingYearMonths(digits)) || digits.contains(where: { Int($0).map { $0 / 100 % 100 > 12 } ?? false })
            {
                plan.dates.yearMonthDigits = true
                plan.notes.append("\(plan.header[column].isEmpty ? "the first column" : quoted(plan.header[column])) writes months as six digits (\(digits[0])): read as year and month")
            }
            // A column named as dates holding only day numbers of 1927–2173 (a workbook's
            // date cells without a date style, a spreadsheet's CSV export): Excel serials.
            let cells = rows.prefix(50).compactMap { $0.count > column ? $0[column].trimmingSpaces : nil }.filter { !$0.isEmpty }
            if Self.dateNames.contains(plan.header[column].lowercased()), !cells.isEmpty,
                cells.allSatisfy({ cell in Double(cell).map { (10000..<100000).contains($0) } ?? false })
            {
                plan.dates.excel = true
                plan.notes.append("\(quoted(plan.header[column])) holds day numbers (\(cells[0])): read as Excel serial dates; --date-format says otherwise")
            }
        }
        switch plan.targets {
        case .columns: plan.frequencySuffix = try frequencySplit(plan, column: column, rows: rows, keyColumns: [])?.suffixes
        case let .keyed(key, _):
            var keyColumns: [Int] = []
            for part in plan.keyParts ?? [.column(key)] {
                switch part {
                case let .column(c), let .dataflow(c), let .subfield(c, _): if !keyColumns.contains(c) { keyColumns.append(c) }
                }
            }
            if let split = try frequencySplit(plan, column: column, rows: rows, keyColumns: keyColumns) {
                (plan.frequencySuffix, plan.splitKeys, plan.splitKeyColumns) = (split.suffixes, split.keys, keyColumns)
            }
        case .transposed: break
        }
        let dotted = first.contains(".") && !first.contains("/") && first.split(separator: ".").count == 3
        plan.dateForm = plan.dates.excel ? "Excel serial numbers" : plan.dates.yearMonthDigits ? "months as YYYYMM" : dotted ? "dotted dates D.M.Y" : slash ? "slash dates \(plan.dates.order.rawValue)" : Self.dateForm(of: first)
        if plan.frequencySuffix != nil { plan.dateForm = "periods of several frequencies (\(Self.dateForm(of: first)) first)" }
        if plan.layout == .sdmx { plan.dateForm = "SDMX periods (2024, 2024-S1, 2024-Q1, 2024-01, 2024-W05, 2024-01-15)" }
    }

    /// `10/30/2025`, `30.10.25`: three groups of digits split by `/` or `.`.
    static func isSlashDate(_ text: String) -> Bool {
        let date = text.split(separator: " ").first.map(String.init) ?? text
        let groups = date.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        return (date.contains("/") || date.contains(".") || (groups.first?.count ?? 0) <= 2) && groups.count == 3
            && groups.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// How a (non-slash) date is written, in words, from one example.
    static func dateForm(of text: String) -> String {
        func matches(_ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }
        if matches(#"^\d{4}-\d{2}-\d{2}"#) { return "ISO dates (YYYY-MM-DD)" }
        if matches(#"^\d{4}/\d{1,2}/\d{1,2}"#) { return "dates as YYYY/MM/DD" }
        if matches(#"^\d{4}-\d{2}$"#) { return "ISO months (YYYY-MM)" }
        if matches(#"^\d{4}$"#) { return "years (YYYY)" }
        if matches(#"^\d{4}M\d{1,2}$"#) { return "months as YYYYMmm" }
        if matches(#"^\d{8}$"#) { return "dates as YYYYMMDD" }
        if matches(#"^\d{6}$"#) { return "dates as YYMMDD" }
        if matches(#"[Qq][1-4]"#) { return "quarters (YYYYQn)" }
        if matches(#"[A-Za-z]{3}"#) { return "dates with month names" }
        return "dates"
    }

    /// When the sample's dates name years, halves, quarters or weeks, the whole column is
    /// read for the frequencies it mixes; more than one (months and days count as one)
    /// splits each column into a series per frequency. In a keyed file, only the series
    /// whose rows mix frequencies are split (`keys`: their key columns' cells, joined by
    /// ``IngestPlan/splitIdentity``).
    func frequencySplit(_ plan: IngestPlan, column: Int, rows: [[String]], keyColumns: [Int]) throws
        -> (suffixes: [UInt8: String], keys: Set<String>)?
    {
        let dates = plan.dates
        func precision(_ text: String) -> UInt8 {
            var t = text
            return t.withUTF8 { dates.parse($0) == nil ? 0 : dates.precision($0) }
        }
        let coarse: Set<UInt8> = [65, 83, 81, 87]
        guard rows.contains(where: { $0.count > column && coarse.contains(precision($0[column])) }) else { return nil }
        var seen: [String: Set<UInt8>] = [:]
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: plan.delimiter)
        let width = keyColumns.max().map { max($0, column) } ?? column
        while try reader.next() {
            guard reader.line > plan.headerLine, reader.count > width else { continue }
            let p = reader.withField(column) { dates.parse($0) == nil ? 0 : dates.precision($0) }
            if p != 0 { seen[IngestPlan.splitIdentity(keyColumns.map { reader.string(at: $0) }), default: []].insert(p) }
        }
        func groups(_ seen: Set<UInt8>) -> [UInt8: String] {
            let days = seen.contains(68) ? ".D" : ".M"
            var groups: [UInt8: String] = [:]
            for p in seen { groups[p] = p == 68 || p == 77 ? days : "." + String(UnicodeScalar(p)) }
            return groups
        }
        let mixed = seen.filter { Set(groups($0.value).values).count > 1 }
        guard !mixed.isEmpty else { return nil }
        return (groups(mixed.values.reduce(into: Set<UInt8>()) { $0.formUnion($1) }), Set(mixed.keys))
    }

    /// `2023.01`, `2023.1`, `2023.12`.
    static func isDecimalYearMonth(_ text: String) -> Bool {
        let t = text.trimmingSpaces.utf8
        guard t.count == 6 || t.count == 7, Array(t)[4] == UInt8(ascii: ".") else { return false }
        return t.enumerated().allSatisfy { $0.offset == 4 || $0.element &- 48 < 10 }
    }

    /// Whether a column of `YYYY.M` dates is written as decimal numbers (`.01` for
    /// January, `.1` for October) or as month numbers (`.1` for January, `.10` for October),
    /// from the whole column: `.01`–`.09` prove decimals; `.2`–`.9` and `.10` prove month
    /// numbers. A column with both, or with neither (only `.1`, `.11`, `.12`), is refused.
    func proveDecimalYearMonth(_ plan: IngestPlan, column: Int) throws -> Bool {
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: plan.delimiter)
        var decimalLine: Int?
        var monthLine: Int?
        var sawOne = false
        while try reader.next() {
            guard reader.line > plan.headerLine, reader.count > column else { continue }
            let text = reader.string(at: column).trimmingSpaces
            guard Self.isDecimalYearMonth(text) else { continue }
            let fraction = text.split(separator: ".")[1]
            if fraction.count == 2 && fraction.hasPrefix("0") { decimalLine = decimalLine ?? reader.line }
            if (fraction.count == 1 && fraction != "1") || fraction == "10" { monthLine = monthLine ?? reader.line }
            if fraction == "1" { sawOne = true }
        }
        let location = SourceLocation(file: fileName, line: max(decimalLine ?? plan.headerLine, monthLine ?? plan.headerLine), column: column + 1, columnName: plan.header[column])
        switch (decimalLine, monthLine) {
        case let (d?, m?):
            throw MStoreError.badRecord(location, problem: "dates in column \(quoted(plan.header[column])) write months as decimals on line \(d) (2023.01) but as month numbers on line \(m) (2023.2, 2023.10); write them one way")
        case (nil, nil) where sawOne:
            throw MStoreError.badRecord(location, problem: "dates in column \(quoted(plan.header[column])) such as 2023.1 could be January (month numbers) or October (decimals); write the months as 2023-01 … 2023-10")
        case (_?, nil): return true
        default: return false
        }
    }

    func proveSlashOrder(_ plan: IngestPlan, column: Int) throws -> DateParser.SlashOrder {
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: plan.delimiter)
        var monthFirstLine: Int?
        var dayFirstLine: Int?
        while try reader.next() {
            guard reader.line > plan.headerLine, reader.count > column else { continue }
            switch reader.withField(column, DateParser.proves) {
            case .monthFirst?: monthFirstLine = monthFirstLine ?? reader.line
            case .dayFirst?: dayFirstLine = dayFirstLine ?? reader.line
            case nil: break
            }
            if let m = monthFirstLine, let d = dayFirstLine {
                throw MStoreError.badRecord(
                    SourceLocation(file: fileName, line: max(m, d), column: column + 1, columnName: plan.header[column]),
                    problem: "dates in column \"\(plan.header[column])\" are month-first on line \(m) but day-first on line \(d); declare one with --date-format mdy|dmy")
            }
        }
        return dayFirstLine != nil ? .dayFirst : .monthFirst
    }

    func findDateColumn(_ plan: IngestPlan, rows: [[String]], excluding: Set<Int>) throws -> Int {
        let lower = plan.header.map { $0.lowercased() }
        if let named = lower.indices.first(where: { Self.dateNames.contains(lower[$0]) && !excluding.contains($0) }) { return named }
        // By content: the column whose sampled values are all dates. Two such columns (an
        // observation date and a release date) are two readings: the user chooses.
        let dated = plan.header.indices.filter { c in
            guard !excluding.contains(c) else { return false }
            let values = rows.prefix(50).compactMap { $0.count > c ? $0[c].trimmingSpaces : nil }.filter { !$0.isEmpty }
            return !values.isEmpty && values.allSatisfy(Self.looksLikeDate)
        }
        // Digits alone are weak evidence: reserves, index levels and gold prices are numbers
        // of four digits (`3138.7`, `2117.8`). A column of written dates (`3/1/1959`,
        // `2024-01-02`) beside columns of bare numbers is the date axis.
        let written = dated.filter { c in
            rows.prefix(50).compactMap { $0.count > c ? $0[c].trimmingSpaces : nil }.filter { !$0.isEmpty }.allSatisfy { Double($0) == nil }
        }
        if dated.count > 1, written.count == 1 { return written[0] }
        if dated.count > 1 {
            let names = dated.map { quoted(plan.header[$0]) }.joined(separator: " and ")
            let flags = dated.map { "--date-column \(SeriesKey.quotedIfNeeded(plan.header[$0].isEmpty ? String($0 + 1) : plan.header[$0]))" }.joined(separator: " or ")
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "\(dated.count == 2 ? "two columns" : "\(dated.count) columns") could be the dates (\(names) \(dated.count == 2 ? "both hold dates, and neither is" : "all hold dates, and none is") named as dates); choose with \(flags)")
        }
        if let c = dated.first { return c }
        // An unnamed first column (an index, as pandas and Kenneth French's data library
        // write it) of six-digit months `192607`, rising row after row: the dates.
        if plan.header.first == "", !excluding.contains(0), Self.risingYearMonths(rows.prefix(50).compactMap { $0.first?.trimmingSpaces }) { return 0 }
        if options.dateFormat == .excel { return 0 }
        throw MStoreError.badRecord(
            SourceLocation(file: fileName, line: plan.headerLine),
            problem: "no date column found (no column named date, and none whose values are all dates); name it with --date-column")
    }

    /// Six-digit months, each one month after the one before.
    static func risingYearMonths(_ values: [String]) -> Bool {
        guard values.count >= 2, values.allSatisfy(DateParser.isYearMonthDigits) else { return false }
        let months = values.compactMap(Int.init).map { $0 / 100 * 12 + $0 % 100 }
        return zip(months, months.dropFirst()).allSatisfy { $1 == $0 + 1 }
    }

    /// `year` + `quarter`/`month` columns: the columns used and how to read them.
    func splitPeriod(_ lower: [String]) -> ([Int], DateSpec)? {
        guard let y = lower.firstIndex(of: "year") else { return nil }
        if let q = lower.firstIndex(of: "quarter") ?? lower.firstIndex(of: "qtr") { return ([y, q], .yearQuarter(year: y, quarter: q)) }
        if let m = lower.firstIndex(of: "month") { return ([y, m], .yearMonth(year: y, month: m)) }
        return nil
    }
}

#if canImport(Foundation)
    import Foundation
#endif
