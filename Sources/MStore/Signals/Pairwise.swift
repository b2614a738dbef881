import Foundation

/// Direction of an as-of match.
public enum AsOfDirection: String, Sendable, CaseIterable {
    /// The last observation on or before the date (forward fill).
    case backward
    /// The first observation on or after the date.
    case forward
    /// Whichever is closer (earlier on a tie).
    case nearest
}

extension TimeSeries {
    /// The series on `axis` dates, each taking the observation `direction` of it.
    ///
    /// - `tolerance`: the match may be at most this many days away (`nil`: any distance).
    /// - Backward matches never run past the series' last observation plus
    ///   `maxStaleness` days (default: no staleness limit, but never after the last
    ///   observation's own period — a date after the last observation gets NaN unless
    ///   `maxStaleness` allows it).
    public func aligned(to axis: [Day], direction: AsOfDirection = .backward, tolerance: Int? = nil, maxStaleness: Int? = nil) -> TimeSeries {
        var out = [Double](repeating: .nan, count: axis.count)
        guard let last = dates.last else { return TimeSeries(key: key, dates: axis, values: out, unit: unit) }
        for (k, day) in axis.enumerated() {
            let i = dates.partitioningIndex { $0 > day }  // first date after `day`
            let before = i > 0 ? i - 1 : nil
            let after = i < dates.count ? i : nil
            let exact = before.flatMap { dates[$0] == day ? $0 : nil }
            var pick: Int?
            switch direction {
            case .backward: pick = before
            case .forward: pick = exact ?? after
            case .nearest:
                switch (before, after) {
                case let (b?, a?): pick = day.ordinal - dates[b].ordinal <= dates[a].ordinal - day.ordinal ? b : a
                case let (b?, nil): pick = b
                case let (nil, a?): pick = a
                default: pick = nil
                }
            }
            guard let p = pick else { continue }
            let distance = abs(Int(day.ordinal - dates[p].ordinal))
            if let tolerance, distance > tolerance { continue }
            if day > last {
                // Past the series' end: only within the allowed staleness.
                guard let maxStaleness, Int(day.ordinal - last.ordinal) <= maxStaleness else { continue }
            }
            out[k] = values[p]
        }
        return TimeSeries(key: key, dates: axis, values: out, unit: unit)
    }

    /// Simple returns between consecutive observations: x(t) / x(t−1) − 1 (the first is NaN).
    public func returns() -> TimeSeries {
        TimeSeries(key: "\(key):ret", dates: dates, values: values.indices.map { $0 > 0 ? values[$0] / values[$0 - 1] - 1 : .nan }, unit: nil)
    }

    /// Drawdown from the running peak: x(t) / max(x(≤t)) − 1, 0 at a new high.
    public func drawdown() -> TimeSeries {
        var peak = -Double.infinity
        return TimeSeries(
            key: "\(key):drawdown", dates: dates,
            values: values.map { v in
                peak = Swift.max(peak, v)
                return v / peak - 1
            }, unit: nil)
    }

    /// Annualised volatility of returns over a rolling window: sample std × √periodsPerYear.
    public func annualizedVolatility(_ window: Window, periodsPerYear: Double, minPeriods: Int? = nil) -> TimeSeries {
        let sd = returns().rolling(window, .std, minPeriods: minPeriods)
        return sd.map(key: "\(key):vol(\(window))", unit: nil) { $0 * periodsPerYear.squareRoot() }
    }
}

/// Two series on their common dates (inner join).
public func commonDates(_ a: TimeSeries, _ b: TimeSeries) -> (TimeSeries, TimeSeries) {
    var i = 0
    var j = 0
    var dates: [Day] = []
    var va: [Double] = []
    var vb: [Double] = []
    while i < a.count && j < b.count {
        if a.dates[i] == b.dates[j] {
            if !a.values[i].isNaN && !b.values[j].isNaN {
                dates.append(a.dates[i])
                va.append(a.values[i])
                vb.append(b.values[j])
            }
            i += 1
            j += 1
        } else if a.dates[i] < b.dates[j] {
            i += 1
        } else {
            j += 1
        }
    }
    return (TimeSeries(key: a.key, dates: dates, values: va, unit: a.unit), TimeSeries(key: b.key, dates: dates, values: vb, unit: b.unit))
}

/// Rolling correlation, covariance and beta of returns.
///
/// Both series are first put on their common dates (BTC trades every day, equities do
/// not: only days both trade count), then turned into simple returns from one common date
/// to the next, then measured over the window (sample statistics, n − 1).
public struct PairStatistics: Sendable, Equatable {
    /// The dates of the returns (common trading days after the first).
    public var dates: [Day]
    /// Rolling correlation of the returns; NaN before a window fills.
    public var correlation: [Double]
    /// Rolling sample covariance of the returns.
    public var covariance: [Double]
    /// beta of `a` on `b`: cov(a, b) / var(b).
    public var beta: [Double]

    /// The rolling correlation as a series named `key` (NaN dates dropped).
    public func correlationSeries(_ key: String = "corr") -> TimeSeries {
        TimeSeries(key: key, dates: dates, values: correlation).droppingMissing()
    }

    /// The rolling covariance as a series named `key` (NaN dates dropped).
    public func covarianceSeries(_ key: String = "cov") -> TimeSeries {
        TimeSeries(key: key, dates: dates, values: covariance).droppingMissing()
    }

    /// The rolling beta as a series named `key` (NaN dates dropped).
    public func betaSeries(_ key: String = "beta") -> TimeSeries {
        TimeSeries(key: key, dates: dates, values: beta).droppingMissing()
    }

    /// Rolling statistics of the simple returns of `a` and `b` on the dates both have.
    public init(_ a: TimeSeries, _ b: TimeSeries, window: Window, minPeriods: Int? = nil) {
        let (ca, cb) = commonDates(a, b)
        let ra = ca.returns()
        let rb = cb.returns()
        dates = ra.dates
        let n = dates.count
        correlation = [Double](repeating: .nan, count: n)
        covariance = correlation
        beta = correlation
        let starts = window.starts(dates)
        let need = max(2, minPeriods ?? window.defaultMinPeriods)
        for i in 0..<n {
            var xs: [Double] = []
            var ys: [Double] = []
            for j in starts[i]...i where !ra.values[j].isNaN && !rb.values[j].isNaN {
                xs.append(ra.values[j])
                ys.append(rb.values[j])
            }
            guard xs.count >= need else { continue }
            let m = Double(xs.count)
            let mx = xs.reduce(0, +) / m
            let my = ys.reduce(0, +) / m
            var sxy = 0.0
            var sxx = 0.0
            var syy = 0.0
            for k in xs.indices {
                sxy += (xs[k] - mx) * (ys[k] - my)
                sxx += (xs[k] - mx) * (xs[k] - mx)
                syy += (ys[k] - my) * (ys[k] - my)
            }
            covariance[i] = sxy / (m - 1)
            correlation[i] = sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
            beta[i] = syy > 0 ? sxy / syy : .nan
        }
    }
}
