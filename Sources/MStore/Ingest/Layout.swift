/// How the rows of an input file map to series, dates and values.
public enum Layout: Sendable, Equatable, CustomStringConvertible {
    /// A FRED graph download: `observation_date` (or `DATE`) then one column per series id.
    case fred(seriesColumns: [Int])
    /// One row per observation: a date column, a series-key column and a value column,
    /// plus optional `unit`, `source` and `name` columns.
    case long(date: Int, key: Int, value: Int, unit: Int?, source: Int?, name: Int?)
    /// A date column first, then one column per series.
    case wide(seriesColumns: [Int])

    public var description: String {
        switch self {
        case .fred: return "fred"
        case .long: return "long"
        case .wide: return "wide"
        }
    }

    static let dateNames: Set<String> = ["date", "observation_date", "period", "day", "time", "timestamp"]
    static let keyNames: Set<String> = ["series", "series_id", "key", "symbol", "ticker", "code"]
    static let valueNames: Set<String> = ["value", "val"]

    static let expectation = "a header such as observation_date,SERIES (FRED), date,series,value (long) or date,A,B,... (wide)"

    /// Decides the layout from the header row.
    static func detect(header: [String], file: String) throws -> Layout {
        let names = header.map { $0.trimmingSpaces }
        let lower = names.map { $0.lowercased() }
        guard names.count >= 2 else {
            throw MStoreError.badRecord(
                SourceLocation(file: file, line: 1),
                problem: "the header \(quoted(names.joined(separator: ","))) has \(names.count) column; expected \(expectation)")
        }
        if names[0] == "observation_date" || names[0] == "DATE" {
            return .fred(seriesColumns: Array(1..<names.count))
        }
        if let key = lower.firstIndex(where: keyNames.contains),
            let value = lower.firstIndex(where: valueNames.contains),
            let date = lower.firstIndex(where: dateNames.contains)
        {
            return .long(
                date: date, key: key, value: value,
                unit: lower.firstIndex(of: "unit") ?? lower.firstIndex(of: "units"),
                source: lower.firstIndex(of: "source"),
                name: lower.firstIndex(of: "name") ?? lower.firstIndex(of: "title"))
        }
        return .wide(seriesColumns: Array(1..<names.count))
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

/// Series keys: letters, digits and `. _ : ^ $ @`, starting with a letter, digit or `^`.
///
/// Keys never contain `-`, `/` or spaces, so expressions such as `SOFR-IORB` stay unambiguous.
enum SeriesKey {
    static let expectation = "a series key of letters, digits and . _ : ^ $ @ (no spaces, - or /)"

    static func isValid(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.utf8.count <= 64 else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "^" else { return false }
        return key.unicodeScalars.allSatisfy { c in
            (c.isASCII && (("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)))
                || ".:_^$@".unicodeScalars.contains(c)
        }
    }
}
