/// A series of dated values in date order: the input and output of every signal.
///
/// Dates are strictly increasing; a value may be NaN where a signal has no value for that
/// date (for example before a rolling window fills). Missing observations are simply absent.
///
/// ```swift
/// let reserves = TimeSeries(key: "WRESBAL", observations: try store.observations(key: "WRESBAL"))
/// let z = reserves.rolling(.count(52), .zscore)
/// ```
public struct TimeSeries: Sendable, Equatable {
    /// The series key or expression it came from.
    public var key: String
    /// Strictly increasing dates.
    public var dates: [Day]
    /// One value per date; NaN where a signal has none.
    public var values: [Double]
    /// Unit of the values, when known (`percent` makes spreads come out in basis points).
    public var unit: String?

    /// A series from parallel dates and values (same length, dates increasing).
    public init(key: String, dates: [Day], values: [Double], unit: String? = nil) {
        precondition(dates.count == values.count, "dates and values must have the same length")
        self.key = key
        self.dates = dates
        self.values = values
        self.unit = unit
    }

    /// A series from stored observations.
    public init(key: String, observations: [Observation], unit: String? = nil) {
        self.init(key: key, dates: observations.map(\.date), values: observations.map(\.value), unit: unit)
    }

    /// The number of dates.
    public var count: Int { dates.count }
    /// No dates at all.
    public var isEmpty: Bool { dates.isEmpty }

    /// The observations with a value (NaN dropped).
    public var observations: [Observation] {
        zip(dates, values).compactMap { $1.isNaN ? nil : Observation(date: $0, value: $1) }
    }

    /// The part of the series with dates in `since...until`.
    public func slice(since: Day? = nil, until: Day? = nil) -> TimeSeries {
        let lo = since.map { s in dates.partitioningIndex { $0 >= s } } ?? 0
        let hi = until.map { u in dates.partitioningIndex { $0 > u } } ?? dates.count
        guard lo < hi else { return TimeSeries(key: key, dates: [], values: [], unit: unit) }
        return TimeSeries(key: key, dates: Array(dates[lo..<hi]), values: Array(values[lo..<hi]), unit: unit)
    }

    /// The same dates with values transformed one by one.
    public func map(key: String? = nil, unit: String? = nil, _ transform: (Double) -> Double) -> TimeSeries {
        TimeSeries(key: key ?? self.key, dates: dates, values: values.map(transform), unit: unit ?? self.unit)
    }

    /// Drops the dates whose value is NaN.
    public func droppingMissing() -> TimeSeries {
        var out = TimeSeries(key: key, dates: [], values: [], unit: unit)
        for (d, v) in zip(dates, values) where !v.isNaN {
            out.dates.append(d)
            out.values.append(v)
        }
        return out
    }

    /// The last value on or before `day`, if there is one.
    public func value(onOrBefore day: Day) -> Double? {
        let i = dates.partitioningIndex { $0 > day }
        return i == 0 ? nil : values[i - 1]
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate that is false
    /// and then true along the array (binary search).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if predicate(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

extension Day {
    /// The same day of the month `months` later (earlier when negative), clamped to the
    /// month's last day: 2025-03-31 minus one month is 2025-02-28. Total: a result before
    /// 0001-01-01 or after 9999-12-31 is that bound (``Day/distantPast``, ``Day/distantFuture``).
    public func adding(months: Int) -> Day {
        let (y, m, d) = parts
        let (shifted, overflow) = (y * 12 + (m - 1)).addingReportingOverflow(months)
        if overflow { return months < 0 ? .distantPast : .distantFuture }
        let year = shifted.floorDivided(by: 12)
        let month = shifted - year * 12 + 1
        if year < 1 { return .distantPast }
        if year > 9999 { return .distantFuture }
        return Day(year: year, month: month, day: min(d, Day.daysIn(month: month, year: year))) ?? .distantFuture
    }
}

/// `x` rounded to 12 significant digits: removes the float noise of differences such as
/// 4.22 − 4.15 = 0.07000000000000028 without touching real precision.
///
/// The one precision rule: values are computed in full double precision; only the last
/// step of a difference between two values as published (a spread, a change, a diff) is
/// cleaned, never an input to a further computation (an average, a z-score, an index).
public func cleaned(_ x: Double) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let magnitude = (abs(x)).exponentBase10
    var scale = 1.0
    let digits = 11 - magnitude
    if digits >= 0 {
        for _ in 0..<min(digits, 300) { scale *= 10 }
        return (x * scale).rounded() / scale
    }
    for _ in 0..<min(-digits, 300) { scale *= 10 }
    return (x / scale).rounded() * scale
}

extension Double {
    /// ⌊log10 |x|⌋ for finite non-zero x.
    var exponentBase10: Int {
        var e = 0
        var v = abs(self)
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}

extension Int {
    /// ⌊self / divisor⌋ for a positive divisor (Swift's `/` rounds toward zero).
    func floorDivided(by divisor: Int) -> Int {
        let q = self / divisor
        return self % divisor < 0 ? q - 1 : q
    }
}
