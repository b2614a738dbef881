/// Which series play which role in the named queries.
///
/// Read from `mstore.toml` beside the store (or `--config FILE`); anything not set keeps
/// its default, which matches FRED ids and the bundled fixtures. The file is TOML: tables
/// of strings, numbers and one-line arrays of strings.
///
/// ```toml
/// [repo]
/// reserves = "WRESBAL"
///
/// [fragility]
/// funding = ["SOFR-IORB", "-WRESBAL"]   # a leading - means "lower is more stress"
/// ```
public struct QueryConfig: Sendable {
    /// (table, key) → value; every known setting is present.
    public private(set) var values: [String: [String: ConfigValue]]
    /// Settings that came from the file, as "table.key".
    public private(set) var fromFile: Set<String> = []

    /// A setting's value: text, a number or a list of text.
    public enum ConfigValue: Sendable, Equatable, CustomStringConvertible {
        case string(String)
        case number(Double)
        case list([String])

        /// The value as TOML writes it.
        public var description: String {
            switch self {
            case let .string(s): return "\"\(s)\""
            case let .number(n): return formatNumber(n)
            case let .list(l): return "[" + l.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            }
        }

        /// The value as a reader wants it: text without TOML's quotes, list items split by
        /// "; " (items may hold commas, as `@corr(BTC,NDX,90)` does).
        public var plainText: String {
            switch self {
            case let .string(s): return s
            case let .number(n): return formatNumber(n)
            case let .list(l): return l.joined(separator: "; ")
            }
        }
    }

    /// Every known setting with its default, by table and key: FRED ids and the story fixtures.
    public static let defaults: [String: [String: ConfigValue]] = [
        "repo": [
            "sofr": .string("SOFR"), "effr": .string("EFFR"), "iorb": .string("IORB"), "ioer": .string("IOER"),
            "reserves": .string("WRESBAL"), "ladder": .list(["SOFR.P1", "SOFR.P25", "SOFR.P75", "SOFR.P99"]),
        ],
        "concentration": ["universe": .string("SPX"), "top": .number(10), "total": .string("SPX.MCAP")],
        "credit": ["series": .list(["BAMLC0A0CM", "BAMLH0A0HYM2", "CDS.ORCL"]), "window": .string("1y"), "widening_bp": .number(50)],
        "marks": ["min_spread": .number(15)],
        "kshape": [
            "gaps": .list([
                "expectations_gap=SCE.BETTER_OFF.HIGH_INCOME-SCE.BETTER_OFF.LOW_INCOME", "subprime_auto_dq60=AUTODQ60.SUBPRIME",
                "youth_unemployment=UNRATE.YOUTH", "first_buyer_age=FTB_MEDIAN_AGE",
            ])
        ],
        "hedge": ["asset": .string("BTC"), "vs": .list(["NDX", "GOLD"]), "window": .string("90")],
        "spider": [
            "indicators": .list(["SOFR-IORB|IOER", "SOFR.P99-IORB|IOER", "EFFR-IORB|IOER", "-WRESBAL", "SOFR.VOLUME"]),
            "baseline": .string("2018-04:2019-08"),
        ],
        "status": [
            "indicators": .list([
                "Funding: SOFR-IORB|IOER > 0", "Funding: EFFR-IORB|IOER > 0", "Funding: WRESBAL < 3000",
                "Repo: SOFR.P99-IORB|IOER > 15", "Repo: SOFR.VOLUME", "Credit: BAMLH0A0HYM2 > 4.5", "Credit: BAMLC0A0CM > 1.5",
                "Credit: CDS.ORCL > 100", "Private credit: @marks > 15", "K-shape: SCE.BETTER_OFF.HIGH_INCOME-SCE.BETTER_OFF.LOW_INCOME > 15",
                "K-shape: AUTODQ60.SUBPRIME > 6", "K-shape: UNRATE.YOUTH > 10", "Concentration: @concentration > 0.4",
                "Hedges: @corr(BTC,NDX,90) > 0.5", "Hedges: @corr(BTC,GOLD,90)", "Hedges: @drawdown(BTC) < -0.2",
                "Fragility: @fragility > 1",
            ])
        ],
        "fragility": [
            "funding": .list(["SOFR-IORB|IOER", "-WRESBAL"]), "credit": .list(["BAMLH0A0HYM2", "BAMLC0A0CM", "CDS.ORCL"]),
            "private_credit": .list(["@marks"]), "household": .list(["AUTODQ60.SUBPRIME", "UNRATE.YOUTH"]),
            "concentration": .list(["@concentration"]), "window": .string("3y"),
        ],
    ]

    /// The defaults alone.
    public init() { values = Self.defaults }

    /// Reads a config file over the defaults.
    public init(file path: String, text: String) throws {
        values = Self.defaults
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.stripComment(String(raw)).trimmingSpaces
            let location = SourceLocation(file: path, line: index + 1)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw MStoreError.badRecord(location, problem: "a table header must end with ]") }
                table = String(line.dropFirst().dropLast()).trimmingSpaces
                guard Self.defaults[table] != nil else {
                    throw MStoreError.badValue(location, value: table, expected: "one of the tables " + Self.defaults.keys.sorted().joined(separator: ", "))
                }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw MStoreError.badRecord(location, problem: "expected key = value") }
            let key = String(line[..<eq]).trimmingSpaces
            let valueText = String(line[line.index(after: eq)...]).trimmingSpaces
            guard !table.isEmpty else { throw MStoreError.badRecord(location, problem: "\(key) is outside a [table]") }
            guard Self.defaults[table]?[key] != nil || table == "fragility" else {
                let known = (Self.defaults[table] ?? [:]).keys.sorted().joined(separator: ", ")
                throw MStoreError.badValue(location, value: key, expected: "a setting of [\(table)]: \(known)")
            }
            let value = try Self.parseValue(valueText, location: location)
            try Self.validate(table, key, value, location: location)
            values[table, default: [:]][key] = value
            fromFile.insert("\(table).\(key)")
        }
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        var out = ""
        for c in line {
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { break }
            out.append(c)
        }
        return out
    }

    private static func parseValue(_ text: String, location: SourceLocation) throws -> ConfigValue {
        func string(_ t: String) -> String? {
            let t = t.trimmingSpaces
            guard t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") else { return nil }
            return String(t.dropFirst().dropLast())
        }
        if let s = string(text) { return .string(s) }
        if let n = Double(text) { return .number(n) }
        if text.hasPrefix("["), text.hasSuffix("]") {
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: " ")
            if inner.isEmpty { return .list([]) }
            var items: [String] = []
            for part in inner.split(separator: ",") {
                guard let s = string(String(part)) else {
                    throw MStoreError.badValue(location, value: String(part).trimmingSpaces, expected: "a quoted string")
                }
                items.append(s)
            }
            return .list(items)
        }
        throw MStoreError.badValue(location, value: text, expected: "a quoted string, a number or a list of quoted strings")
    }

    /// A text setting, or `nil` when it is not text.
    public func string(_ table: String, _ key: String) -> String? {
        if case let .string(s)? = values[table]?[key] { return s }
        return nil
    }

    /// A whole-number setting (validated when the file is read), or `nil` when it is none.
    public func count(_ table: String, _ key: String) -> Int? {
        guard let n = number(table, key), n.isFinite, n == n.rounded(), abs(n) < 1e9 else { return nil }
        return Int(n)
    }

    /// The documented ranges of the numeric settings, checked when a file is read.
    public static let numberRanges: [String: (ClosedRange<Double>, whole: Bool)] = [
        "concentration.top": (1...10_000, true), "credit.widening_bp": (0...100_000, false), "marks.min_spread": (0...1_000_000, false),
    ]

    /// Checks a value from the file against its setting's rule: numbers in their range,
    /// windows that parse, the spider baseline as FROM:TO.
    static func validate(_ table: String, _ key: String, _ value: ConfigValue, location: SourceLocation) throws {
        let name = "\(table).\(key)"
        if let (range, whole) = numberRanges[name] {
            guard case let .number(n) = value, n.isFinite, range.contains(n), !whole || n == n.rounded() else {
                throw MStoreError.badValue(
                    location, value: "\(value)",
                    expected: "\(whole ? "a whole number" : "a number") from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)) for \(name)")
            }
        }
        if key == "window" {
            guard case let .string(text) = value, Window(text) != nil else {
                throw MStoreError.badValue(location, value: "\(value)", expected: "a window for \(name): a count (252) or a span up to 100,000 days (90d, 13w, 3m, 1y)")
            }
        }
        if name == "spider.baseline" {
            guard case let .string(text) = value, NamedQueries.Period(text) != nil else {
                throw MStoreError.badValue(location, value: "\(value)", expected: "a period FROM:TO for spider.baseline, e.g. \"2018-04:2019-08\"")
            }
        }
    }

    /// A number setting, or `nil` when it is not a number.
    public func number(_ table: String, _ key: String) -> Double? {
        if case let .number(n)? = values[table]?[key] { return n }
        return nil
    }

    /// A list setting (a single text counts as a list of one).
    public func list(_ table: String, _ key: String) -> [String] {
        switch values[table]?[key] {
        case let .list(l)?: return l
        case let .string(s)?: return [s]
        default: return []
        }
    }

    /// Every setting as rows: table, key, value, and whether it came from the file.
    public var table: ResultTable {
        var rows: [[Cell]] = []
        for t in values.keys.sorted() {
            for k in (values[t] ?? [:]).keys.sorted() {
                guard let v = values[t]?[k] else { continue }
                rows.append([.text(t), .text(k), .text(v.plainText), .text(fromFile.contains("\(t).\(k)") ? "file" : "default")])
            }
        }
        return ResultTable(columns: ["table", "key", "value", "from"], rows: rows)
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
