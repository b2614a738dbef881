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
}

/// A value column of a keyed layout: the key comes from a key column, plus `suffix`.
struct KeyedValue: Equatable {
    var column: Int
    var suffix: String
    var unit: String?
}

enum Targets: Equatable {
    case columns([ColumnTarget])
    case keyed(key: Int, values: [KeyedValue])
}

/// Series keys: letters, digits and `. _ : ^ $ @`, starting with a letter, digit or `^`.
///
/// Keys never contain `-`, `/` or spaces, so expressions such as `SOFR-IORB` stay unambiguous.
enum SeriesKey {
    static let expectation = "a series key of letters, digits and . _ : ^ $ @ (no spaces, - or /)"

    static func isValid(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.utf8.count <= 64 else { return false }
        guard isASCIIAlphanumeric(first) || first == "^" else { return false }
        return key.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || ".:_^$@".unicodeScalars.contains($0) }
    }

    static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c))
    }

    /// A key made from free text (a column header, a file name): uppercased, runs of other
    /// characters turned into one `_`. `Adj Close` becomes `ADJ_CLOSE`.
    static func normalized(_ text: String) -> String {
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
