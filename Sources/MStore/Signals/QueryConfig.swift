internal import TOMLKit
import Foundation

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
        // The essay's spider: repo volume at or above IORB, daylight overdrafts, fed funds
        // purchased and late payments; 2018-2019Q3 against September 2019, June and October 2025.
        "spider": [
            "indicators": .list([
                "Repo volume at or above IORB=@repo_share", "Daylight overdrafts (peak)=DLOD.PEAK", "Fed funds purchased=FFPURCH",
                "Late payments=FEDWIRE.LATE",
            ]),
            "baseline": .string("2018-04:2019-09"),
            "periods": .list(["2018-2019Q3=2018-04:2019-09", "September 2019=2019-09", "June 2025=2025-06", "October 2025=2025-10"]),
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
        // FRED's API key for `mstore fetch fred:ID` (FRED_API_KEY wins); never printed.
        "fred": ["api_key": .string("")],
        "fragility": [
            "funding": .list(["SOFR-IORB|IOER", "-WRESBAL"]), "credit": .list(["BAMLH0A0HYM2", "BAMLC0A0CM", "CDS.ORCL"]),
            "private_credit": .list(["@marks"]), "household": .list(["AUTODQ60.SUBPRIME", "UNRATE.YOUTH"]),
            "concentration": .list(["@concentration"]), "window": .string("3y"),
        ],
    ]

    /// The defaults alone.
    public init() { values = Self.defaults }

    /// Reads a config file (TOML 1.0) over the defaults. Every table and key must be one
    /// mstore knows; values are text, numbers or arrays of text, checked against their
    /// setting's rule.
    ///
    /// - Throws: ``MStoreError`` naming the file, the line and what was expected.
    public init(file path: String, text: String) throws {
        values = Self.defaults
        // A byte-order mark is not TOML; control characters (NUL…) are refused outright.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = text.components(separatedBy: "\n")
        if let (i, _) = lines.enumerated().first(where: { $0.element.unicodeScalars.contains { $0.value < 32 && $0 != "\t" && $0 != "\r" || $0 == "\u{FFFD}" || $0.value == 127 } }) {
            throw MStoreError.badRecord(SourceLocation(file: path, line: i + 1), problem: "a control character or a byte that is not UTF-8: save the file as UTF-8 text")
        }
        try Self.checkKeys(lines, file: path)
        try Self.checkValues(text, file: path)
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw MStoreError.badRecord(SourceLocation(file: path, line: error.source.begin.line, column: error.source.begin.column), problem: error.description)
        }
        for table in document.keys.sorted() {
            let tableLocation = SourceLocation(file: path, line: Self.line(of: "[\(table)]", in: lines) ?? 1)
            guard let defaults = Self.defaults[table] else {
                throw MStoreError.badValue(tableLocation, value: table, expected: "one of the tables " + Self.defaults.keys.sorted().joined(separator: ", "))
            }
            guard let entries = document[table]?.table else {
                throw MStoreError.badValue(tableLocation, value: table, expected: "a [\(table)] table of settings")
            }
            for key in entries.keys.sorted() {
                let location = SourceLocation(file: path, line: Self.line(ofKey: key, inTable: table, lines: lines) ?? tableLocation.line)
                guard defaults[key] != nil else {
                    throw MStoreError.badValue(location, value: key, expected: "a setting of [\(table)]: " + defaults.keys.sorted().joined(separator: ", "))
                }
                let value = try Self.value(entries[key], location: location)
                try Self.validate(table, key, value, location: location)
                values[table, default: [:]][key] = value
                fromFile.insert("\(table).\(key)")
            }
        }
    }

    /// Checks table headers and keys before the TOML parser sees them: mstore's settings are
    /// bare names, and the parser (toml++) stops the program on some malformed keys (a
    /// header such as `[\x]`, found by fuzzing) instead of reporting them.
    static func checkKeys(_ lines: [String], file: String) throws {
        // Unicode scalars, not Characters: "[" followed by a combining mark is one Character.
        func bare(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-")
        }
        func space(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
        /// Whether `key` is TOML's key grammar: parts (bare or quoted) joined by single dots.
        func validKey(_ key: ArraySlice<Unicode.Scalar>) -> Bool {
            var k = key.startIndex
            var expectPart = true
            while k < key.endIndex {
                let c = key[k]
                if space(c) {
                    k += 1
                } else if c == "." {
                    guard !expectPart else { return false }
                    expectPart = true
                    k += 1
                } else if c == "\"" || c == "'" {
                    guard expectPart, let close = key[(k + 1)...].firstIndex(of: c) else { return false }
                    expectPart = false
                    k = close + 1
                } else if bare(c) {
                    guard expectPart else { return false }
                    while k < key.endIndex, bare(key[k]) { k += 1 }
                    expectPart = false
                } else {
                    return false
                }
            }
            return !expectPart
        }
        for (i, raw) in lines.enumerated() {
            let line = Array(raw.unicodeScalars.drop(while: space))
            let location = SourceLocation(file: file, line: i + 1)
            if line.first == "[" {
                // [name] or [[name]]: a key, then the closing bracket(s).
                let open = line.count > 1 && line[1] == "[" ? 2 : 1
                guard let close = line[open...].firstIndex(of: "]"), validKey(line[open..<close]) else {
                    throw MStoreError.badRecord(location, problem: "a table header is a name in brackets, such as [repo]")
                }
                continue
            }
            guard let first = line.first, bare(first) || first == "\"" || first == "'", let eq = line.firstIndex(of: "=") else { continue }
            guard validKey(line[..<eq]) else {
                throw MStoreError.badRecord(location, problem: "a setting's name is letters, digits, _ and - (see mstore config)")
            }
        }
    }

    /// Checks that every value is one mstore's settings can hold — a string, a number or an
    /// array of strings — written as TOML writes them, before the TOML parser sees the text:
    /// in debug builds toml++ stops the program on some malformed values (`= [}`, found by
    /// fuzzing) instead of reporting them.
    static func checkValues(_ text: String, file: String) throws {
        let c = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        func fail(_ problem: String) -> MStoreError { .badRecord(SourceLocation(file: file, line: line), problem: problem) }
        func skipSpaces() { while i < c.count, c[i] == " " || c[i] == "\t" || c[i] == "\r" { i += 1 } }
        func skipComment() { if i < c.count, c[i] == "#" { while i < c.count, c[i] != "\n" { i += 1 } } }
        /// Spaces, comments and (inside arrays) newlines.
        func skipBlank() {
            while true {
                skipSpaces()
                skipComment()
                guard i < c.count, c[i] == "\n" else { return }
                line += 1
                i += 1
            }
        }
        func string() throws {
            let quote = c[i]
            i += 1
            while i < c.count, c[i] != quote {
                if c[i] == "\n" { throw fail("a string must end on its line") }
                if quote == "\"", c[i] == "\\" {
                    i += 1
                    guard i < c.count else { break }
                    let e = c[i]
                    if e == "u" || e == "U" {
                        let n = e == "u" ? 4 : 8
                        guard i + n < c.count, c[(i + 1)...(i + n)].allSatisfy({ $0.properties.isASCIIHexDigit }) else { throw fail("a bad \\u escape in a string") }
                        i += n
                    } else if !"btnfr\"\\".unicodeScalars.contains(e) {
                        throw fail("a bad escape \\\(e) in a string")
                    }
                }
                i += 1
            }
            guard i < c.count else { throw fail("a string is not closed") }
            i += 1
        }
        func number() throws {
            let start = i
            while i < c.count, !" \t\r\n,]#".unicodeScalars.contains(c[i]) { i += 1 }
            let token = String(String.UnicodeScalarView(c[start..<i])).replacingOccurrences(of: "_", with: "")
            guard !token.isEmpty, Double(token) != nil || ["inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(token) else {
                throw fail("\(quoted(token)) is not a value: write text in quotes, a number, or a list of quoted texts")
            }
        }
        while true {
            skipBlank()
            guard i < c.count else { return }
            if c[i] == "[" {
                while i < c.count, c[i] != "]" { i += 1 }  // the header was checked line by line
                while i < c.count, c[i] == "]" { i += 1 }
            } else {
                while i < c.count, c[i] != "=", c[i] != "\n" { i += 1 }
                guard i < c.count, c[i] == "=" else { throw fail("expected a setting: name = value") }
                i += 1
                skipSpaces()
                guard i < c.count else { throw fail("a setting has no value") }
                if c[i] == "\"" || c[i] == "'" {
                    try string()
                } else if c[i] == "[" {
                    i += 1
                    while true {
                        skipBlank()
                        guard i < c.count else { throw fail("a list is not closed with ]") }
                        if c[i] == "]" { i += 1; break }
                        guard c[i] == "\"" || c[i] == "'" else { throw fail("a list holds quoted texts") }
                        try string()
                        skipBlank()
                        guard i < c.count else { throw fail("a list is not closed with ]") }
                        if c[i] == "," { i += 1 } else if c[i] != "]" { throw fail("list items are separated by commas") }
                    }
                } else {
                    try number()
                }
            }
            skipSpaces()
            skipComment()
            guard i >= c.count || c[i] == "\n" else { throw fail("unexpected text after a value") }
        }
    }

    /// A TOML value as a setting's value: text, a number, or an array of text.
    private static func value(_ toml: TOMLValueConvertible?, location: SourceLocation) throws -> ConfigValue {
        if let text = toml?.string { return .string(text) }
        if let n = toml?.int { return .number(Double(n)) }
        if let n = toml?.double { return .number(n) }
        if let array = toml?.array {
            var items: [String] = []
            for element in array {
                guard let text = element.string else {
                    throw MStoreError.badValue(location, value: "\(element)", expected: "a quoted string in the list")
                }
                items.append(text)
            }
            return .list(items)
        }
        throw MStoreError.badValue(location, value: toml.map { "\($0)" } ?? "", expected: "a quoted string, a number or a list of quoted strings")
    }

    /// The 1-based line of a table header (for messages).
    private static func line(of header: String, in lines: [String]) -> Int? {
        lines.firstIndex { $0.trimmingSpaces.replacingOccurrences(of: " ", with: "") == header }.map { $0 + 1 }
    }

    /// The 1-based line where `key` is set inside `[table]` (for messages).
    private static func line(ofKey key: String, inTable table: String, lines: [String]) -> Int? {
        var current = ""
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingSpaces
            if line.hasPrefix("[") { current = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces) }
            if current == table, line.hasPrefix(key), String(line.dropFirst(key.count)).trimmingSpaces.hasPrefix("=") { return i + 1 }
        }
        return nil
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
        if name == "spider.periods" {
            let entries: [String]
            switch value {
            case let .list(l): entries = l
            case let .string(t): entries = [t]
            default: entries = []
            }
            guard !entries.isEmpty, entries.allSatisfy({ NamedQueries.Period($0) != nil }) else {
                throw MStoreError.badValue(location, value: "\(value)", expected: "periods for spider.periods, e.g. [\"September 2019=2019-09\", \"2025-10\"]")
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
                let shown = k == "api_key" && !v.plainText.isEmpty ? "(set; not shown)" : v.plainText
                rows.append([.text(t), .text(k), .text(shown), .text(fromFile.contains("\(t).\(k)") ? "file" : "default")])
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
