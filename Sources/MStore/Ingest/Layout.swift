/// The layouts mstore recognises.
public enum LayoutKind: String, Sendable, CaseIterable {
    /// FRED graph download: `observation_date` (or `DATE`) then one column per series id.
    case fred
    /// ALFRED vintage download: `observation_date` then one column per vintage, `SERIES_YYYYMMDD`.
    case alfred
    /// New York Fed reference rates: `Effective Date`, `Rate Type`, `Rate (%)`, percentiles, volume.
    case nyfed
    /// BLS: `Series id`, `Year`, `Period` (`M01`–`M12`, `M13`, `Q01`–`Q04`, `A01`), `Value`.
    case bls
    /// One row per observation: a date, a series key and a value column.
    case long
    /// A date column, then one column per series.
    case wide
    /// Federal Reserve Board Data Download Program: `Series Description`, `Unit:`,
    /// `Multiplier:`, `Currency:`, `Unique Identifier:` rows above `Time Period`; `ND` is missing.
    case frb
    /// SDMX-CSV: the ECB portal's (`KEY`, dimensions, `TIME_PERIOD`, `OBS_VALUE`, attributes)
    /// and SDMX-CSV 1.0/2.0 (`DATAFLOW` or `STRUCTURE_ID`, dimensions, `TIME_PERIOD`, `OBS_VALUE`).
    case sdmx
    /// FRED API `series/observations` JSON (with `realtime_start` per observation when given).
    case fredJSON = "fred-json"
    /// New York Fed Markets API reference rates JSON (`refRates`).
    case nyfedJSON = "nyfed-json"
    /// Periods across the header, a series in each row: Eurostat's TSV
    /// (`freq,unit,geo\TIME_PERIOD`, `2024-01 `), the World Bank's and the IMF's downloads.
    case transposed
}

/// A column of a transposed table: the period its header names.
struct PeriodColumn: Equatable {
    var column: Int
    var date: Day
    /// `DateParser.precision` of the header.
    var precision: UInt8
}

/// Where a row's date comes from.
enum DateSpec: Equatable {
    case column(Int)
    /// BLS `Year` + `Period` codes.
    case yearPeriod(year: Int, period: Int)
    case yearQuarter(year: Int, quarter: Int)
    case yearMonth(year: Int, month: Int)
}

/// A series held in one column (FRED, ALFRED, wide).
struct ColumnTarget: Equatable {
    var column: Int
    var key: String
    /// ALFRED: the vintage this column was published in.
    var vintage: Day?
    var unit: String?
    /// What the file says of the series (the Federal Reserve Board's rows above the header).
    var meta = SeriesMeta()
}

/// A publisher's description of a series, kept in the catalog.
struct SeriesMeta: Equatable {
    var name: String?
    var notes: String?
    /// The multiplier the values are published in (1000000 for millions); values are stored as published.
    var multiplier: Double?
    var currency: String?
    /// Tags the file gives the series (a FRED-MD transform code, a desk sheet's field).
    var tags: [(name: String, value: String)] = []

    static func == (a: SeriesMeta, b: SeriesMeta) -> Bool {
        a.name == b.name && a.notes == b.notes && a.multiplier == b.multiplier && a.currency == b.currency
            && a.tags.map(\.name) == b.tags.map(\.name) && a.tags.map(\.value) == b.tags.map(\.value)
    }
}

/// A value column of a keyed layout: the key comes from a key column, plus `suffix`.
struct KeyedValue: Equatable {
    var column: Int
    var suffix: String
    var unit: String?
}

enum Targets: Equatable {
    case columns([ColumnTarget])
    /// The key is read from column `key`; SDMX-CSV 1.0 composes it (see `IngestPlan.keyParts`).
    case keyed(key: Int, values: [KeyedValue])
    /// A series per row, keyed by `IngestPlan.keyParts`, its values across these columns.
    case transposed([PeriodColumn])
}

/// Series keys: any text of 1 to 128 characters without control characters, stored and
/// printed exactly as written and matched case-insensitively (`BRK-B`, `EUR/USD`,
/// `AAPL US Equity`, `Société Générale`). In expressions a key that holds an operator
/// (`- / | =`), a quote or a space is written in double quotes: `"BRK-B"/SPX.MCAP`.
enum SeriesKey {
    static let maxLength = 128
    static let expectation = "a series key: 1 to 128 characters, no control characters"

    static func isValid(_ key: String) -> Bool {
        guard !key.isEmpty, key.unicodeScalars.count <= maxLength else { return false }
        return !key.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// The form compared when matching keys: case folded (Unicode-aware); Swift's string
    /// comparison also treats composed and decomposed accents as equal.
    static func folded(_ key: String) -> String { key.lowercased() }

    /// Whether a key must be quoted inside an expression.
    static func needsQuotes(_ key: String) -> Bool {
        key.contains { "-/|=\" ".contains($0) || $0.isWhitespace }
    }

    /// The key as written in an expression: `"BRK-B"`, `"AAPL US Equity"`, `SOFR`.
    static func quotedIfNeeded(_ key: String) -> String {
        needsQuotes(key) ? "\"" + key.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : key
    }

    static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c))
    }

    /// A key made from free text (a column header, a file name): uppercased, runs of other
    /// characters turned into one `_`, no dot at the end. `Adj Close` becomes `ADJ_CLOSE`,
    /// `Vol.` becomes `VOL`.
    static func normalized(_ text: String) -> String {
        var out = normalizedKeepingDots(text)
        while out.hasSuffix(".") { out.removeLast() }
        return out
    }

    private static func normalizedKeepingDots(_ text: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for c in text.uppercased().unicodeScalars {
            if isASCIIAlphanumeric(c) || c == "." || c == "^" {
                if pendingUnderscore && !out.isEmpty { out += "_" }
                pendingUnderscore = false
                out.unicodeScalars.append(c)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
