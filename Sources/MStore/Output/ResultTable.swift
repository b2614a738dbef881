/// One cell of a result.
public enum Cell: Sendable, Equatable {
    case null
    case integer(Int64)
    case number(Double)
    case text(String)
    case date(Day)

    var isNumeric: Bool {
        switch self {
        case .integer, .number: return true
        default: return false
        }
    }

    /// The cell as plain text: numbers in their shortest exact form, dates as ISO, null empty.
    public var text: String {
        switch self {
        case .null: return ""
        case let .integer(n): return String(n)
        case let .number(d): return d.isFinite ? formatNumber(d) : ""
        case let .text(s): return s
        case let .date(d): return d.description
        }
    }
}

/// Rows and named columns: what every data-printing command produces.
public struct ResultTable: Sendable, Equatable {
    /// Column names, in order.
    public var columns: [String]
    /// Rows of cells, one per column.
    public var rows: [[Cell]]
    /// A table from its column names and rows.
    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// The formats every data-printing command can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// `xlsx` is binary and written through ``Workbook``; as text it falls back to csv.
    case table, csv, tsv, json, ndjson, xlsx

    /// The format a file name's extension suggests (`.csv`, `.tsv`, `.json`, `.txt`).
    public static func forFile(_ path: String) -> OutputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        if lower.hasSuffix(".xlsx") { return .xlsx }
        if lower.hasSuffix(".txt") { return .table }
        return nil
    }
}

extension ResultTable {
    /// The table written in `format`, ending with a newline.
    public func rendered(as format: OutputFormat) -> String {
        var out = ""
        switch format {
        case .table: renderAligned(into: &out)
        case .csv, .xlsx: renderDelimited(into: &out, format: .csv)
        case .tsv: renderDelimited(into: &out, format: .tsv)
        case .json: renderJSON(into: &out)
        case .ndjson: renderNDJSON(into: &out)
        }
        return out
    }

    /// The aligned table with, under it, a sparkline of each numeric column (its values in
    /// row order, sampled to the column's width).
    public func renderedWithSparklines() -> String {
        var out = ""
        renderAligned(into: &out, spark: true)
        return out
    }

    private func renderAligned(into out: inout String, spark: Bool = false) {
        // Numbers in a column share one count of decimals so their points line up.
        let decimals: [Int?] = columns.indices.map { i in
            var most = 0
            for row in rows {
                guard case let .number(v) = row[i], v.isFinite else { continue }
                let text = formatNumber(v)
                if text.contains("e") { return nil }
                if let dot = text.firstIndex(of: ".") { most = max(most, text.distance(from: dot, to: text.endIndex) - 1) }
            }
            return min(most, 6)
        }
        let texts = rows.map { row in
            row.enumerated().map { i, cell -> String in
                if case let .number(v) = cell, v.isFinite, let d = decimals[i] { return fixed(v, digits: d) }
                // One line per row, and nothing a terminal would obey: line breaks and
                // other control characters inside a cell are shown escaped.
                return escapingControls(cell.text)
            }
        }
        var widths = columns.map { escapingControls($0).count }
        for row in texts {
            for (i, t) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], t.count) }
        }
        // A column is right-aligned when every non-empty cell in it is a number.
        let numeric = columns.indices.map { i in
            rows.contains { $0[i].isNumeric } && rows.allSatisfy { $0[i].isNumeric || $0[i] == .null }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                parts.append(numeric[i] ? pad + c : (i == cells.count - 1 ? c : c + pad))
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        out += line(columns.map(escapingControls)) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in texts { out += line(row) + "\n" }
        guard spark, !rows.isEmpty else { return }
        let sparks = columns.indices.map { i -> String in
            guard numeric[i] else { return "" }
            let values = rows.map { row -> Double in
                switch row[i] {
                case let .number(v): return v
                case let .integer(n): return Double(n)
                default: return .nan
                }
            }
            let width = Swift.max(widths[i], 8)
            let sampled = values.count <= width ? values : (0..<width).map { values[$0 * (values.count - 1) / Swift.max(1, width - 1)] }
            return sparkline(sampled)
        }
        var parts: [String] = []
        for (i, s) in sparks.enumerated() {
            parts.append(s + String(repeating: " ", count: Swift.max(0, widths[i] - s.count)))
        }
        var text = parts.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        out += text + "\n"
    }

    /// csv is the spreadsheet dialect of RFC 4180: CRLF line ends, fields quoted only when
    /// they hold the separator, a quote or a line break, an empty field for a missing value.
    private func renderDelimited(into out: inout String, format: OutputFormat) {
        out += String(decoding: delimitedBytes(format), as: UTF8.self)
    }

    /// The table as csv (or tsv) bytes, header first.
    public func delimitedBytes(_ format: OutputFormat, header: Bool = true) -> [UInt8] {
        var w = DelimitedWriter(format, capacity: rows.count * columns.count * 12 + 64)
        if header {
            for (i, c) in columns.enumerated() {
                if i > 0 { w.nextField() }
                w.text(neutralized(c))
            }
            w.endLine()
        }
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { w.nextField() }
                w.cell(cell)
            }
            w.endLine()
        }
        return w.bytes
    }

    private func renderNDJSON(into out: inout String) {
        let keys = columns.map(jsonString)
        for row in rows {
            out += "{" + zip(keys, row).map { "\($0): \(jsonValue($1))" }.joined(separator: ", ") + "}\n"
        }
    }

    private func renderJSON(into out: inout String) {
        let keys = columns.map(jsonString)
        out += "["
        for (r, row) in rows.enumerated() {
            out += r == 0 ? "\n  {" : ",\n  {"
            for (i, cell) in row.enumerated() {
                if i > 0 { out += ", " }
                out += keys[i] + ": " + jsonValue(cell)
            }
            out += "}"
        }
        out += rows.isEmpty ? "]\n" : "\n]\n"
    }
}

func jsonValue(_ cell: Cell) -> String {
    switch cell {
    case .null: return "null"
    case let .integer(n): return String(n)
    case let .number(d): return d.isFinite ? formatNumber(d) : "null"
    case let .text(s): return jsonString(s)
    case let .date(d): return "\"\(d)\""
    }
}

/// Text a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage
/// return) gets a leading ' so it stays text.
public func neutralized(_ text: String) -> String {
    guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
    return "'" + text
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            out += "\\u" + String(scalar.value, radix: 16).leftPadded(4)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

extension ResultTable {
    /// The same rows with only the columns whose names pass `keep` (in their order).
    public func keeping(columns keep: (String) -> Bool) -> ResultTable {
        let kept = columns.indices.filter { keep(columns[$0]) }
        return ResultTable(columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { row[$0] } })
    }

    /// Several series side by side on the union of their dates (empty where one has no value).
    ///
    /// - Parameter names: column headers (default: the series keys).
    public init(series: [TimeSeries], names: [String]? = nil, since: Day? = nil) {
        let columns = ["date"] + (names ?? series.map(\.key))
        let visible = { (d: Day) in since.map { d >= $0 } ?? true }
        guard series.allSatisfy({ s in zip(s.dates, s.dates.dropFirst()).allSatisfy { $0 <= $1 } }) else {
            // Out of order (never from the store): by lookup, the first value of a date wins.
            var all = Set<Day>()
            for s in series { all.formUnion(s.dates) }
            let lookups = series.map { s in Dictionary(zip(s.dates, s.values), uniquingKeysWith: { a, _ in a }) }
            self.init(columns: columns, rows: all.sorted().filter(visible).map { d in [.date(d)] + lookups.map { l in l[d].map(number) ?? .null } })
            return
        }
        // Dates in order: the union of the date axes by merging, then one cursor per series
        // walking along it (the first value of a repeated date wins).
        var axis = series.map { Array($0.dates.drop { !visible($0) }) }
        while axis.count > 1 {
            var merged: [[Day]] = []
            for pair in stride(from: 0, to: axis.count, by: 2) {
                merged.append(pair + 1 < axis.count ? Self.union(axis[pair], axis[pair + 1]) : Self.union(axis[pair], []))
            }
            axis = merged
        }
        var cursors = series.map { s in since.map { day in s.dates.partitioningIndex { $0 >= day } } ?? 0 }
        var rows: [[Cell]] = []
        rows.reserveCapacity(axis.first?.count ?? 0)
        for d in axis.first ?? [] {
            var row: [Cell] = [.date(d)]
            row.reserveCapacity(series.count + 1)
            for (k, s) in series.enumerated() {
                var c = cursors[k]
                if c < s.count, s.dates[c] == d {
                    row.append(number(s.values[c]))
                    c += 1
                    while c < s.count, s.dates[c] == d { c += 1 }
                    cursors[k] = c
                } else {
                    row.append(.null)
                }
            }
            rows.append(row)
        }
        self.init(columns: columns, rows: rows)
    }

    /// The sorted union of two ascending date lists, each date once.
    private static func union(_ a: [Day], _ b: [Day]) -> [Day] {
        var out: [Day] = []
        out.reserveCapacity(Swift.max(a.count, b.count))
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            let d: Day
            if j >= b.count || (i < a.count && a[i] < b[j]) {
                d = a[i]
            } else {
                d = b[j]
            }
            if out.last != d { out.append(d) }
            while i < a.count, a[i] == d { i += 1 }
            while j < b.count, b[j] == d { j += 1 }
        }
        return out
    }
}

/// A number cell, or an empty one for NaN (no value).
func number(_ v: Double) -> Cell { v.isNaN ? .null : .number(v) }

/// `text` with every control character (C0, DEL, C1: escape sequences, bells, line
/// breaks) written visibly — `\n`, `\r`, `\t`, `\u{1b}` —, so that names, units and
/// sources from a file reach a terminal as text, never as commands (a window title, the
/// clipboard through OSC 52).
public func escapingControls(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

private func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (0x7F...0x9F).contains(s.value)
}
