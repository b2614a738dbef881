/// A target frequency for ``TimeSeries/resampled(to:using:)``.
public enum TargetFrequency: Sendable, Equatable {
    /// Weeks ending on `anchor` (ISO weekday 1 = Monday … 7 = Sunday), labelled by that day.
    case weekly(anchor: Int)
    /// Calendar months, quarters and years, labelled by their first day (as FRED does).
    case monthly, quarterly, annual

    /// Parses `W`, `W-FRI` (any weekday), `M`, `Q`, `A`/`Y`. `W` alone ends weeks on Friday.
    public init?(_ text: String) {
        let t = text.uppercased()
        switch t {
        case "M": self = .monthly
        case "Q": self = .quarterly
        case "A", "Y": self = .annual
        case "W": self = .weekly(anchor: 5)
        default:
            guard t.hasPrefix("W-"), let i = Frequency.weekdayNames.firstIndex(of: String(t.dropFirst(2))) else { return nil }
            self = .weekly(anchor: i + 1)
        }
    }

    /// The frequency code of converted data (`W`, `M`, `Q`, `A`), for observations per year.
    public var code: String {
        switch self {
        case .weekly: return "W"
        case .monthly: return "M"
        case .quarterly: return "Q"
        case .annual: return "A"
        }
    }

    /// The label of the period holding `day`.
    func period(of day: Day) -> Day {
        switch self {
        case let .weekly(anchor):
            let ahead = (anchor - day.weekday + 7) % 7
            return day.adding(days: ahead)
        case .monthly:
            let (y, m, _) = day.parts
            return Day(year: y, month: m, day: 1) ?? day
        case .quarterly:
            let (y, m, _) = day.parts
            return Day(year: y, month: (m - 1) / 3 * 3 + 1, day: 1) ?? day
        case .annual:
            return Day(year: day.parts.year, month: 1, day: 1) ?? day
        }
    }
}

/// How the observations of one period become one value.
public enum Aggregation: String, Sendable, CaseIterable {
    /// Mean, sum, last, first, smallest, largest.
    case avg, sum, eop, first, min, max
}

extension TimeSeries {
    /// One value per period of `frequency`, from the observations that fall in it.
    ///
    /// Periods with no observation are left out; NaN values are ignored.
    public func resampled(to frequency: TargetFrequency, using aggregation: Aggregation = .avg) -> TimeSeries {
        var out = TimeSeries(key: key, dates: [], values: [], unit: unit)
        var current: Day?
        var bucket: [Double] = []
        func flush() {
            guard let current, !bucket.isEmpty else { return }
            let v: Double
            switch aggregation {
            case .avg: v = compensatedSum(bucket) / Double(bucket.count)  // never rounded: later steps difference it
            case .sum: v = compensatedSum(bucket)
            case .eop: v = bucket[bucket.count - 1]
            case .first: v = bucket[0]
            case .min: v = bucket.min() ?? .nan
            case .max: v = bucket.max() ?? .nan
            }
            out.dates.append(current)
            out.values.append(v)
        }
        for (d, v) in zip(dates, values) where !v.isNaN {
            let p = frequency.period(of: d)
            if p != current {
                flush()
                current = p
                bucket.removeAll(keepingCapacity: true)
            }
            bucket.append(v)
        }
        flush()
        return out
    }
}

