/// Reads the dates publishers write.
///
/// Accepted, in a date column:
/// - ISO `2025-10-30`, `2025-10` (first of the month), `2025` (1 January), `2025/10/30`,
///   with any time of day after it (`2025-10-30 00:00:00`, `2025-10-30T12:00:00Z`);
/// - `10/30/2025` or `30/10/2025` (also with `-` or `.`): month-first or day-first as decided
///   for the whole column (see ``SlashOrder``); two-digit years pivot at 69: `00`–`68` are
///   2000–2068 and `69`–`99` are 1969–1999;
/// - integers `20251030` (YYYYMMDD) and `251030` (YYMMDD), or `192607` (YYYYMM) in a
///   column decided to hold months so (see ``yearMonthDigits``);
/// - month names: `Oct 30 2025`, `Oct 30, 2025`, `30-Oct-2025`, `30-Oct-25`, `October 2025`,
///   `Oct-2025`, `2025 Oct`, and in German, French, Spanish, Italian, Portuguese and Dutch
///   (`Mär. 2024`, `janv. 2024`, `15 dic 2024`);
/// - quarters: `2025Q3`, `2025-Q3`, `2025 Q3`, `Q3 2025`, `2025-T3` (the quarter's first day);
/// - SDMX periods: half-years `2024-S1`, ISO weeks `2024-W05` (their Monday), `2024-M01`;
/// - Excel serial day numbers (`45960`), only when declared with `--date-format excel`.
struct DateParser: Sendable {
    enum SlashOrder: String, Sendable { case monthFirst = "M/D/Y", dayFirst = "D/M/Y" }

    var order: SlashOrder = .monthFirst
    var excel = false
    /// `2023.01` … `2023.1` … `2023.12`: year.month written as a decimal number (a
    /// spreadsheet's number cells, Robert Shiller's data), so `2023.1` is October. Decided
    /// for the whole column (``Sniffer``); otherwise `2023.1` is January.
    var decimalYearMonth = false
    /// `192607`: six digits as year and month (Kenneth French's data library), decided for
    /// the whole column (``Sniffer``); otherwise six digits are YYMMDD.
    var yearMonthDigits = false

    static let pivot = 69

    /// Six digits that are a year of 1800–2199 and a month (`192607`).
    static func isYearMonthDigits(_ text: String) -> Bool {
        guard text.utf8.count == 6, text.utf8.allSatisfy({ $0 &- 48 < 10 }), let v = Int(text) else { return false }
        return (1800...2199).contains(v / 100) && (1...12).contains(v % 100)
    }

    /// What a slash date says about the column's order: `nil` when both readings work.
    static func proves(_ raw: UnsafeBufferPointer<UInt8>) -> SlashOrder? {
        let tokens = tokenize(ValueParsing.trimmed(raw))
        guard tokens.count == 3, tokens.allSatisfy({ $0.isDigits }), tokens[0].count <= 2, tokens[1].count <= 2 else { return nil }
        if tokens[0].value > 12 && tokens[1].value <= 12 { return .dayFirst }
        if tokens[1].value > 12 && tokens[0].value <= 12 { return .monthFirst }
        return nil
    }

    func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Day? {
        if let day = ValueParsing.isoDate(raw) { return day }
        var b = ValueParsing.trimmed(raw)
        guard !b.isEmpty, b.count <= 40 else { return nil }
        if excel {
            guard case let .value(v) = ValueParsing.number(b), v >= 1, v < 2_958_466 else { return nil }
            return Day(ordinal: Int32(v.rounded(.down)) - 25569)
        }
        // A time written in UTC (`2024-01-01 00:00:00 UTC`, as CoinGecko exports): the zone
        // named in letters goes; the day is the one written.
        if b.count > 4, let last = b.last, last == UInt8(ascii: "C") || last == UInt8(ascii: "T"), b.contains(UInt8(ascii: ":")) {
            let tail = String(decoding: UnsafeBufferPointer(rebasing: b[(b.count - 4)...]), as: UTF8.self)
            if tail == " UTC" || tail == " GMT" { b = UnsafeBufferPointer(rebasing: b[..<(b.count - 4)]) }
        }
        // Drop a time of day: cut at the last space or T before the first colon.
        if let colon = b.firstIndex(of: UInt8(ascii: ":")) {
            guard let cut = b[..<colon].lastIndex(where: { $0 == 32 || $0 == UInt8(ascii: "T") }) else { return nil }
            // Only a time may follow: digits, separators, AM/PM, Z or an offset.
            let timeBytes = Set("0123456789:.+- ZAPMapm".utf8)
            guard b[(cut + 1)...].allSatisfy({ timeBytes.contains($0) }) else { return nil }
            b = UnsafeBufferPointer(rebasing: b[..<cut])
            if let day = ValueParsing.isoDate(b) { return day }
        }
        let t = Self.tokenize(b)
        guard !t.isEmpty, t.count <= 4 else { return nil }
        let digitsOnly = t.allSatisfy(\.isDigits)
        if digitsOnly {
            switch t.count {
            case 1:
                let v = t[0].value
                switch t[0].count {
                case 4: return Day(year: v, month: 1, day: 1)
                case 8: return Day(year: v / 10000, month: v / 100 % 100, day: v % 100)
                case 6 where yearMonthDigits: return Day(year: v / 100, month: v % 100, day: 1)
                case 6: return Day(year: Self.fullYear(v / 10000), month: v / 100 % 100, day: v % 100)
                default: return nil
                }
            case 2:
                guard t[0].count == 4, t[1].count <= 2 else { return nil }
                if decimalYearMonth, t[1].count == 1, b.contains(UInt8(ascii: ".")) { return Day(year: t[0].value, month: t[1].value * 10, day: 1) }
                return Day(year: t[0].value, month: t[1].value, day: 1)
            case 3:
                if t[0].count == 4 {
                    guard t[1].count <= 2, t[2].count <= 2 else { return nil }
                    return Day(year: t[0].value, month: t[1].value, day: t[2].value)
                }
                guard t[0].count <= 2, t[1].count <= 2, t[2].count == 4 || t[2].count == 2 else { return nil }
                let year = t[2].count == 4 ? t[2].value : Self.fullYear(t[2].value)
                // Dotted dates (30.10.2025, as German, Swiss and Nordic offices write them)
                // are always day first; only slash dates have an order to decide.
                let dotted = b.contains(UInt8(ascii: ".")) && !b.contains(UInt8(ascii: "/"))
                return order == .monthFirst && !dotted
                    ? Day(year: year, month: t[0].value, day: t[1].value) : Day(year: year, month: t[1].value, day: t[0].value)
            default: return nil
            }
        }
        // SDMX periods: half-years 2024-S1, ISO weeks 2024-W05 (the Monday), months 2024-M01.
        if t.count == 3, t[0].isDigits, t[0].count == 4, !t[1].isDigits, t[2].isDigits, t[2].count <= 2 {
            let (year, n) = (t[0].value, t[2].value)
            switch t[1].letters {
            case "s", "h": return (1...2).contains(n) ? Day(year: year, month: n * 6 - 5, day: 1) : nil
            case "m": return (1...12).contains(n) ? Day(year: year, month: n, day: 1) : nil
            case "w": return Self.isoWeekMonday(year: year, week: n)
            default: break
            }
        }
        // Quarters: 2025Q3, 2025-Q3, 2025 Q3, Q3 2025.
        if let q = t.firstIndex(where: { $0.isQuarterLetter }), t.count == 3 {
            let rest = t.enumerated().filter { $0.offset != q }.map(\.element)
            guard rest.allSatisfy(\.isDigits) else { return nil }
            let (year, quarter): (Token, Token) = q == 1 ? (rest[0], rest[1]) : q == 0 ? (rest[1], rest[0]) : (rest[0], rest[1])
            guard year.count == 4, quarter.count == 1, (1...4).contains(quarter.value) else { return nil }
            return Day(year: year.value, month: quarter.value * 3 - 2, day: 1)
        }
        // Month names.
        guard let m = t.firstIndex(where: { $0.month != nil }), let month = t[m].month else { return nil }
        let numbers = t.enumerated().filter { $0.offset != m }.map(\.element)
        guard numbers.allSatisfy(\.isDigits) else { return nil }
        switch numbers.count {
        case 1:  // October 2025, Oct-2025, 2025 Oct
            guard numbers[0].count == 4 else { return nil }
            return Day(year: numbers[0].value, month: month, day: 1)
        case 2:
            if m == 0 {  // Oct 30 2025
                guard numbers[0].count <= 2, numbers[1].count == 4 || numbers[1].count == 2 else { return nil }
                let year = numbers[1].count == 4 ? numbers[1].value : Self.fullYear(numbers[1].value)
                return Day(year: year, month: month, day: numbers[0].value)
            }
            if m == 1 {  // 30-Oct-2025, 30-Oct-25, 2025-Oct-30
                if numbers[0].count == 4, numbers[1].count <= 2 {
                    return Day(year: numbers[0].value, month: month, day: numbers[1].value)
                }
                guard numbers[0].count <= 2, numbers[1].count == 4 || numbers[1].count == 2 else { return nil }
                let year = numbers[1].count == 4 ? numbers[1].value : Self.fullYear(numbers[1].value)
                return Day(year: year, month: month, day: numbers[0].value)
            }
            return nil
        default: return nil
        }
    }

    /// How much of the calendar a date text names, as SDMX's frequency letters: `A` (a
    /// year), `S` (a half), `Q`, `M`, `W` or `D` (a day), for a text ``parse(_:)`` read
    /// (the ingest asks only after its row's date parsed, so it is not parsed again). One
    /// series never mixes them: a January row and the year's row both fall on 1 January.
    func precision(_ raw: UnsafeBufferPointer<UInt8>) -> UInt8 {
        if excel { return UInt8(ascii: "D") }
        let b = ValueParsing.trimmed(raw)
        if ValueParsing.isoDate(b) != nil {  // 2024, 2024-01, 2024-01-15
            return b.count == 4 ? UInt8(ascii: "A") : b.count == 7 ? UInt8(ascii: "M") : UInt8(ascii: "D")
        }
        if let colon = b.firstIndex(of: UInt8(ascii: ":")) { return colon > 0 ? UInt8(ascii: "D") : 0 }
        let t = Self.tokenize(b)
        if t.allSatisfy(\.isDigits) {
            switch t.count {
            case 1: return t[0].count == 4 ? UInt8(ascii: "A") : t[0].count == 6 && yearMonthDigits ? UInt8(ascii: "M") : UInt8(ascii: "D")
            case 2: return UInt8(ascii: "M")
            default: return UInt8(ascii: "D")
            }
        }
        if t.contains(where: \.isQuarterLetter) { return UInt8(ascii: "Q") }
        if t.count == 3, !t[1].isDigits {
            switch t[1].letters {
            case "s", "h": return UInt8(ascii: "S")
            case "m": return UInt8(ascii: "M")
            case "w": return UInt8(ascii: "W")
            default: break
            }
        }
        // Month names: with a day number it is a day, else the month.
        return t.filter(\.isDigits).count >= 2 ? UInt8(ascii: "D") : UInt8(ascii: "M")
    }

    /// Whether one series may hold dates of both precisions: a month written without its
    /// day among days (read as the 1st).
    static func compatible(_ a: UInt8, _ b: UInt8) -> Bool {
        (a == UInt8(ascii: "M") && b == UInt8(ascii: "D")) || (a == UInt8(ascii: "D") && b == UInt8(ascii: "M"))
    }

    /// The Monday of ISO week `week` of `year` (week 1 holds 4 January); `nil` past the
    /// year's last week (52, or 53 in a year that has one).
    static func isoWeekMonday(year: Int, week: Int) -> Day? {
        guard week >= 1, let jan4 = Day(year: year, month: 1, day: 4), let nextJan4 = Day(year: year + 1, month: 1, day: 4) else { return nil }
        // Day 0 (1970-01-01) was a Thursday: weekday 0 is Monday.
        func monday(_ d: Day) -> Int32 { d.ordinal - Int32(((Int(d.ordinal) + 3) % 7 + 7) % 7) }
        let first = monday(jan4)
        let weeks = Int(monday(nextJan4) - first) / 7
        guard week <= weeks else { return nil }
        return Day(ordinal: first + Int32((week - 1) * 7))
    }

    static func fullYear(_ yy: Int) -> Int { yy < pivot ? 2000 + yy : 1900 + yy }

    struct Token {
        var isDigits: Bool
        var count: Int
        var value: Int
        var letters: String

        /// `Q`, or `T` as French, Spanish and Italian offices write quarters (`2023-T1`, trimestre).
        var isQuarterLetter: Bool { !isDigits && (letters == "q" || letters == "t") }

        static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        static let fullMonths = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        ]

        /// Month names and abbreviations as offices write them in German, French, Spanish,
        /// Italian, Portuguese and Dutch (`Mär. 2024`, `janv. 2024`, `dic 2024`, `okt 2024`).
        static let otherMonths: [String: Int] = {
            let names: [[String]] = [
                ["januar", "jän", "janv", "janvier", "ene", "enero", "gen", "gennaio", "janeiro"],
                ["februar", "févr", "fevr", "février", "febrero", "febbraio", "fev", "fevereiro"],
                ["mär", "märz", "mrz", "mars", "marzo", "março", "mrt", "maart"],
                ["avr", "avril", "abr", "abril", "aprile"],
                ["mai", "mayo", "mag", "maggio", "maio", "mei"],
                ["juni", "juin", "junio", "giu", "giugno", "junho"],
                ["juli", "juil", "juillet", "julio", "lug", "luglio", "julho"],
                ["août", "aout", "ago", "agosto", "augustus"],
                ["septembre", "septiembre", "set", "settembre", "setembro"],
                ["okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out", "outubro"],
                ["novembre", "noviembre", "novembro"],
                ["dez", "dezember", "déc", "decembre", "décembre", "dic", "diciembre", "dicembre", "dezembro"],
            ]
            var map: [String: Int] = [:]
            for (i, list) in names.enumerated() { for name in list { map[name] = i + 1 } }
            return map
        }()

        var month: Int? {
            guard !isDigits else { return nil }
            if let i = Self.months.firstIndex(of: letters) ?? Self.fullMonths.firstIndex(of: letters) { return i + 1 }
            if letters == "sept" { return 9 }
            return Self.otherMonths[letters]
        }
    }

    /// Splits into runs of digits and runs of letters; `- / . , space` separate.
    static func tokenize(_ b: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if c &- 48 < 10 {
                var v = 0
                var n = 0
                while i < b.count, b[i] &- 48 < 10 {
                    if n < 9 { v = v * 10 + Int(b[i] &- 48) }
                    n += 1
                    i += 1
                }
                tokens.append(Token(isDigits: true, count: n, value: v, letters: ""))
            } else if (c | 0x20) &- 97 < 26 || c >= 0x80 {
                // Letters: ASCII, or any UTF-8 sequence (`ä`, `é`, `û` in month names).
                var bytes: [UInt8] = []
                var ascii = true
                while i < b.count, (b[i] | 0x20) &- 97 < 26 || b[i] >= 0x80 {
                    ascii = ascii && b[i] < 0x80
                    bytes.append(b[i] < 0x80 ? b[i] | 0x20 : b[i])
                    i += 1
                }
                let s = ascii ? String(decoding: bytes, as: UTF8.self) : String(decoding: bytes, as: UTF8.self).lowercased()
                tokens.append(Token(isDigits: false, count: s.count, value: 0, letters: s))
            } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") || c == UInt8(ascii: ",") || c == 32 {
                i += 1
            } else {
                return []
            }
        }
        return tokens
    }
}
