/// How often a series is observed, inferred from its dates.
///
/// Codes follow common usage: `D` daily, `B` business daily (no weekends), `W-WED` weekly
/// with its anchor day, `M` monthly, `Q` quarterly, `A` annual, `irregular` otherwise.
public struct Frequency: Sendable, Equatable {
    /// The code: `D`, `B`, `W-WED`, `M`, `Q`, `A` or `irregular`.
    public var code: String

    static let weekdayNames = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]

    /// Infers the frequency from (at least three) observation dates, in any order.
    public static func infer(_ days: [Day]) -> Frequency? {
        let sorted = Array(Set(days)).sorted()
        guard sorted.count >= 3 else { return nil }
        var gaps = zip(sorted.dropFirst(), sorted).map { Int($0.ordinal - $1.ordinal) }
        gaps.sort()
        let median = gaps[gaps.count / 2]
        switch median {
        case 1...3:
            if sorted.allSatisfy({ $0.weekday <= 5 }) && gaps.contains(where: { $0 > 1 }) { return Frequency(code: "B") }
            return median == 1 ? Frequency(code: "D") : Frequency(code: "irregular")
        case 7:
            let anchor = sorted[sorted.count - 1].weekday
            return Frequency(code: "W-\(weekdayNames[anchor - 1])")
        case 28...31: return Frequency(code: "M")
        case 89...92: return Frequency(code: "Q")
        case 365...366: return Frequency(code: "A")
        default: return Frequency(code: "irregular")
        }
    }
}
