/// Dates of the layouts that spread them over several columns: BLS year + period code,
/// year + quarter, year + month.
extension IngestJob {
    /// The row's date; `nil` for rows left out on purpose (BLS `M13` annual averages).
    /// The date of a value in a block with dates of its own: a value needs one.
    func blockDate(column c: Int, valueColumn: Int) throws -> Day {
        guard let day = reader.withField(c, { plan.dates.parse($0) }) else {
            let text = reader.string(at: c)
            throw MStoreError.badValue(
                location(column: c), value: text,
                expected: text.trimmingSpaces.isEmpty ? "the date of the value in column \(valueColumn + 1)" : ValueParsing.dateExpectation)
        }
        return day
    }

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

    /// The frequency the row's date names (`DateParser.precision`); 0 for layouts whose
    /// dates are built from several columns.
    func rowPrecision() -> UInt8 {
        guard case let .column(c) = plan.date else { return 0 }
        return reader.withField(c) { plan.dates.precision($0) }
    }

    /// A series whose rows name both a year and a month (say): both fall on the same day.
    func mixedFrequencies(_ series: SeriesSlot, _ precision: UInt8) -> MStoreError {
        let names: [UInt8: (String, String)] = [
            65: ("a year", "years"), 83: ("a half-year", "half-years"), 81: ("a quarter", "quarters"), 77: ("a month", "months"),
            87: ("a week", "weeks"), 68: ("a day", "days"),
        ]
        let (was, wasPlural) = names[series.precision] ?? ("a date", "dates")
        let now = names[precision]?.1 ?? "dates"
        guard case let .column(c) = plan.date else { preconditionFailure("mixed frequencies need one date column") }
        return .badValue(
            location(column: c), value: reader.string(at: c),
            expected: "\(was) as on line \(series.precisionLine) for \(series.key): one series cannot mix \(wasPlural) and \(now) (their dates would collide); split the file by frequency, or give each frequency its own key")
    }

    func yearValue(_ column: Int) throws -> Int {
        let text = reader.string(at: column).trimmingSpaces
        guard text.count == 4, let year = Int(text), year >= 1 else {
            throw MStoreError.badValue(location(column: column), value: text, expected: "a four-digit year")
        }
        return year
    }
}
