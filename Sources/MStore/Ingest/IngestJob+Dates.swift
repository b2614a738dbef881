/// Dates of the layouts that spread them over several columns: BLS year + period code,
/// year + quarter, year + month.
extension IngestJob {
    /// The row's date; `nil` for rows left out on purpose (BLS `M13` annual averages).
    func rowDate() throws -> Day? {
        switch plan.date {
        case let .column(c):
            guard let day = reader.withField(c, { plan.dates.parse($0) }) else {
                throw MStoreError.badValue(location(column: c), value: reader.string(at: c), expected: ValueParsing.dateExpectation)
            }
            return day
        case let .yearPeriod(y, p):
            let year = try yearValue(y)
            let code = reader.string(at: p).trimmingSpaces.uppercased()
            let kind = code.first
            let n = Int(code.dropFirst())
            switch (kind, n) {
            case ("M", 13?): return nil
            case ("M", let m?) where (1...12).contains(m): return Day(year: year, month: m, day: 1)
            case ("Q", let q?) where (1...4).contains(q): return Day(year: year, month: q * 3 - 2, day: 1)
            case ("A", 1?), ("S", 3?): return Day(year: year, month: 1, day: 1)
            case ("S", let h?) where (1...2).contains(h): return Day(year: year, month: h * 6 - 5, day: 1)
            default:
                throw MStoreError.badValue(location(column: p), value: reader.string(at: p), expected: "a BLS period code: M01–M12, M13, Q01–Q04, S01–S02 or A01")
            }
        case let .yearQuarter(y, q):
            let year = try yearValue(y)
            var text = reader.string(at: q).trimmingSpaces.uppercased()
            if text.hasPrefix("Q") { text.removeFirst() }
            guard let quarter = Int(text), (1...4).contains(quarter), let day = Day(year: year, month: quarter * 3 - 2, day: 1) else {
                throw MStoreError.badValue(location(column: q), value: reader.string(at: q), expected: "a quarter: 1–4 or Q1–Q4")
            }
            return day
        case let .yearMonth(y, m):
            let year = try yearValue(y)
            let text = reader.string(at: m).trimmingSpaces
            let month = Int(text) ?? DateParser.Token(isDigits: false, count: text.count, value: 0, letters: text.lowercased()).month
            guard let month, let day = Day(year: year, month: month, day: 1) else {
                throw MStoreError.badValue(location(column: m), value: reader.string(at: m), expected: "a month: 1–12 or a month name")
            }
            return day
        }
    }

    func yearValue(_ column: Int) throws -> Int {
        let text = reader.string(at: column).trimmingSpaces
        guard text.count == 4, let year = Int(text), year >= 1 else {
            throw MStoreError.badValue(location(column: column), value: text, expected: "a four-digit year")
        }
        return year
    }
}
