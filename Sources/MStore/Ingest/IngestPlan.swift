/// How a file will be read: decided from its first records and the user's overrides.
struct IngestPlan {
    var delimiter: UInt8 = UInt8(ascii: ",")
    /// The line of the header record (1-based); records before it are a preamble.
    var headerLine = 1
    /// How the dates of the date column are written, as detected (for `--dry-run`).
    var dateForm = "dates"
    var header: [String] = []
    var layout: LayoutKind = .wide
    var date: DateSpec = .column(0)
    var dates = DateParser()
    var numbers = NumberParser()
    var targets: Targets = .columns([])
    var unitColumn: Int?
    var sourceColumn: Int?
    var nameColumn: Int?
    var notesColumn: Int?
    /// Long layouts: `tag:NAME` columns, whose values tag each row's series.
    var tagColumns: [(column: Int, name: String)] = []
    var defaultSource: String?
    /// SDMX-CSV 1.0 and 2.0: the key is the dataflow and dimension columns joined by `.`.
    var keyParts: [KeyPart]?
    /// Keyed layouts: the publisher's multiplier per row (SDMX `UNIT_MULT`, a power of ten).
    var multiplierColumn: Int?
    /// Each row's own vintage (FRED's `realtime_start`), instead of the run's.
    var vintageColumn: Int?
    /// Where each row came from in the original file (a JSON line), for messages.
    var sourceLineColumn: Int?
    /// A date column that mixes years, quarters and months (the Office for National
    /// Statistics' downloads): each frequency's rows are a series of their own, the key
    /// followed by the suffix its precision maps to here (`ABMI.A`, `ABMI.Q`, `ABMI.M`).
    var frequencySuffix: [UInt8: String]?
    /// Keyed files: the series whose rows mix frequencies (only these are split), each
    /// named by its key columns' cells (``splitIdentity(_:)``).
    var splitKeys: Set<String>?
    var splitKeyColumns: [Int] = []

    /// A row's series before its key is composed: the key columns' cells as written.
    static func splitIdentity(_ cells: [String]) -> String {
        cells.map(\.trimmingSpaces).joined(separator: "\u{1F}")
    }
    /// Columns left out because the first records leave them empty: a value in one stops
    /// the ingest (it would belong to a key or a measure no one saw).
    var emptyColumns: [Int] = []
    /// Several rows heading the columns: what each became (for `--dry-run`).
    var band: [String] = []
    /// Side-by-side blocks that each carry their own dates (a desk's Bloomberg BDH sheet:
    /// `Date,PX_LAST,Date,PX_LAST` under the tickers): each value column's date column.
    var pairedDates: [Int: Int] = [:]
    /// A file of several tables, each under a title line and the same header (Kenneth
    /// French's): the first table's title, its series' key prefix.
    var firstSectionTitle: String?
    /// A year a row and a month a column: each month column's month (the row gives the year).
    var monthColumns: [Int: Int] = [:]
    /// Said once to the user after the ingest (columns skipped, …).
    var notes: [String] = []

    enum KeyPart: Equatable {
        case column(Int)
        /// `BIS:WS_CBPOL(1.0)` → `WS_CBPOL`.
        case dataflow(Int)
        /// Eurostat's TSV: the `index`-th of the comma-separated codes in the column.
        case subfield(Int, index: Int)
    }
    /// Transposed tables: each key part's dimension name (kept as a tag), the columns
    /// naming the series (joined as its name) and saying its unit.
    var dimensionNames: [String] = []
    var labelColumns: [Int] = []

    /// Human-readable lines describing the plan (shown by `--dry-run`).
    var description: [String] {
        var lines = ["layout: \(layout.rawValue)"]
        let delimiterName = delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter))
        lines.append("delimiter: \(delimiterName)\(numbers.decimalComma ? ", decimal comma" : "")")
        if !band.isEmpty {
            lines += band
        } else if headerLine > 1 {
            lines.append("header: line \(headerLine) (\(headerLine - 1) preamble lines skipped)")
        }
        switch date {
        case let .column(c): lines.append("date: column \(c + 1) \"\(header[c])\", \(dateForm)")
        case let .yearPeriod(y, p): lines.append("date: \"\(header[y])\" + period codes in \"\(header[p])\"")
        case let .yearQuarter(y, q): lines.append("date: \"\(header[y])\" + quarter \"\(header[q])\"")
        case let .yearMonth(y, m): lines.append("date: \"\(header[y])\" + month \"\(header[m])\"")
        }
        if let split = frequencySuffix {
            let order: [UInt8] = [65, 83, 81, 77, 87, 68]
            let which = splitKeys.map { " (\($0.count) series mixing them: \($0.sorted().prefix(3).map { $0.replacingOccurrences(of: "\u{1F}", with: " ") }.joined(separator: ", "))\($0.count > 3 ? ", …" : ""))" } ?? ""
            lines.append("frequencies: " + order.compactMap { p in split[p].map { "\(Sniffer.periodsName(p)) → KEY\($0)" } }.joined(separator: ", ") + which)
        }
        switch targets {
        case let .transposed(periods):
            if let first = periods.first, let last = periods.last {
                lines[lines.count - 1] = "dates: across the header, columns \(first.column + 1)–\(last.column + 1) (\(header[first.column]) … \(header[last.column])), \(dateForm)"
            }
            lines.append("keys: " + (keyParts ?? []).map { part -> String in
                switch part {
                case let .column(c), let .dataflow(c): return quoted(header[c])
                case let .subfield(_, i): return i < dimensionNames.count ? quoted(dimensionNames[i]) : "code \(i + 1)"
                }
            }.joined(separator: " . "))
            if !labelColumns.isEmpty { lines.append("names: " + labelColumns.map { quoted(header[$0]) }.joined(separator: ", ")) }
            if let u = unitColumn { lines.append("unit: \(quoted(header[u]))") }
        case let .columns(targets):
            var seen = Set<String>()
            let keys = targets.map { t in (firstSectionTitle.map { $0 + "." } ?? "") + (t.vintage.map { "\(t.key)@\($0)" } ?? t.key) }.filter { seen.insert($0).inserted }
            lines.append("series: " + keys.prefix(12).joined(separator: ", ") + (keys.count > 12 ? ", … (\(keys.count))" : ""))
        case let .keyed(key, values):
            if let parts = keyParts {
                let names = parts.map { part -> String in
                    switch part {
                    case let .column(c): return header[c]
                    case let .dataflow(c): return header[c] + " (id)"
                    case let .subfield(_, i): return i < dimensionNames.count ? dimensionNames[i] : "code \(i + 1)"
                    }
                }
                lines.append("keys: " + names.joined(separator: " . "))
            } else {
                lines.append("keys: column \(key + 1) \"\(header[key])\"")
            }
            lines.append("values: " + values.map { "\"\(header[$0.column])\"" + ($0.suffix.isEmpty ? "" : " → KEY\($0.suffix)") }.joined(separator: ", "))
        }
        return lines
    }
}

/// What the user's flags and the header settle before a layout's plan is made.
struct LayoutGiven {
    var header: [String]
    /// The header lowercased, SDMX `ID:Label` names as their ids.
    var lower: [String]
    var kind: LayoutKind
    /// `--date-column`, `--key-column` (several make a composed key), `--value-column`.
    var dateColumn: Int?
    var keyColumns: [Int]?
    var valueColumns: [Int]?
}
