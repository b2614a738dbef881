/// A date the user typed as a bound: `2024`, `2024-06` or `2024-06-15`.
///
/// A bound names a period (a year, a month or a day). Used as a start (`--since`) it means
/// the period's first day; used as an end (`--until`, `--as-of`) it means its last day, so
/// `--since 2024 --until 2024` is the whole of 2024.
public struct PeriodBound: Sendable, Equatable, CustomStringConvertible {
    /// The period's first day (what `--since` uses).
    public let first: Day
    /// The period's last day (what `--until` and `--as-of` use).
    public let last: Day
    /// The bound as the user wrote it.
    public let description: String

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            parts[0].count == 4, let y = Int(parts[0]),
            parts.dropFirst().allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) })
        else { return nil }
        description = text
        switch parts.count {
        case 1:
            guard let a = Day(year: y, month: 1, day: 1), let b = Day(year: y, month: 12, day: 31) else { return nil }
            (first, last) = (a, b)
        case 2:
            guard let m = Int(parts[1]), let a = Day(year: y, month: m, day: 1),
                let b = Day(year: y, month: m, day: Day.daysIn(month: m, year: y))
            else { return nil }
            (first, last) = (a, b)
        default:
            guard let m = Int(parts[1]), let d = Int(parts[2]), let a = Day(year: y, month: m, day: d) else { return nil }
            (first, last) = (a, a)
        }
    }

    /// The hint shown when a bound does not parse.
    public static let expectation = "a date as YYYY, YYYY-MM or YYYY-MM-DD"
}
