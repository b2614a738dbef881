import Foundation

/// The span of a rolling window.
public enum Window: Sendable, Equatable, CustomStringConvertible {
    /// The last n observations, the current one included.
    case count(Int)
    /// Observations in (t − n days, t].
    case days(Int)
    /// Observations in (t − n calendar months, t].
    case months(Int)

    /// Parses `252` (observations), `90d`, `13w`, `3m`, `1y`.
    public init?(_ text: String) {
        let t = text.lowercased()
        if let n = Int(t), n > 0, n <= 100_000_000 {
            self = .count(n)
            return
        }
        // Spans up to 100,000 days (about 273 years) in every unit: enough for any history,
        // and no overflow in date arithmetic.
        guard let unit = t.last, let n = Int(t.dropLast()), n > 0 else { return nil }
        switch unit {
        case "d" where n <= 100_000: self = .days(n)
        case "w" where n <= 14_285: self = .days(7 * n)
        case "m" where n <= 3_285: self = .months(n)
        case "y" where n <= 273: self = .months(12 * n)
        default: return nil
        }
    }

    /// The window as written: `252`, `90d`, `3m`.
    public var description: String {
        switch self {
        case let .count(n): return "\(n)"
        case let .days(n): return "\(n)d"
        case let .months(n): return "\(n)m"
        }
    }

    /// The default minimum number of observations: the whole count for a count window
    /// (as pandas), one for a calendar window.
    var defaultMinPeriods: Int {
        if case let .count(n) = self { return n }
        return 1
    }

    /// For each index i, the first index of its window.
    func starts(_ dates: [Day]) -> [Int] {
        var starts = [Int](repeating: 0, count: dates.count)
        var lo = 0
        for i in dates.indices {
            switch self {
            case let .count(n): lo = Swift.max(0, i - n + 1)
            case let .days(n):
                let from = dates[i].adding(days: -n)
                while dates[lo] <= from { lo += 1 }
            case let .months(n):
                let from = dates[i].adding(months: -n)
                while dates[lo] <= from { lo += 1 }
            }
            starts[i] = lo
        }
        return starts
    }
}

/// A statistic over a rolling window.
public enum RollingStat: Sendable, Equatable {
    case mean, sum, std, min, max
    /// (x − mean) / std over the window, the current value included; 0 when the window is constant.
    case zscore
    /// Where the current value ranks in its window, 0–1 (ties share their average rank, as pandas).
    case percentRank
    /// The q-quantile of the window (linear interpolation, as pandas).
    case quantile(Double)

    /// Parses `mean`, `sum`, `std`, `min`, `max`, `zscore`, `pctrank`, `q0.9` / `quantile0.9`, `median`.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "mean", "avg": self = .mean
        case "sum": self = .sum
        case "std", "stdev": self = .std
        case "min": self = .min
        case "max": self = .max
        case "zscore", "z": self = .zscore
        case "pctrank", "percentile", "rank": self = .percentRank
        case "median": self = .quantile(0.5)
        case let t where t.hasPrefix("quantile"): guard let q = Double(t.dropFirst(8)), (0...1).contains(q) else { return nil }; self = .quantile(q)
        case let t where t.hasPrefix("q"): guard let q = Double(t.dropFirst()), (0...1).contains(q) else { return nil }; self = .quantile(q)
        default: return nil
        }
    }

    /// The statistic as named in a column: `mean`, `zscore`, `q0.9`.
    public var name: String {
        switch self {
        case .mean: return "mean"
        case .sum: return "sum"
        case .std: return "std"
        case .min: return "min"
        case .max: return "max"
        case .zscore: return "zscore"
        case .percentRank: return "pctrank"
        case let .quantile(q): return "q\(formatNumber(q))"
        }
    }
}

extension TimeSeries {
    /// A rolling statistic, aligned on each observation's date.
    ///
    /// The window ends at (and includes) each observation. NaN values are left out of the
    /// window; a date whose window holds fewer than `minPeriods` values gets NaN
    /// (`minPeriods` defaults to the whole count for count windows, 1 for calendar ones).
    /// Standard deviations are sample ones (n − 1).
    public func rolling(_ window: Window, _ stat: RollingStat, minPeriods: Int? = nil) -> TimeSeries {
        let need = Swift.max(1, minPeriods ?? window.defaultMinPeriods)
        let starts = window.starts(dates)
        var out = [Double](repeating: .nan, count: count)
        let needsCurrent = stat == .zscore || stat == .percentRank
        switch stat {
        case .mean, .sum, .std, .zscore:
            // Running sums of (x − k) and (x − k)², k the first value, in one pass.
            let k = values.first { !$0.isNaN } ?? 0
            var s1 = 0.0
            var s2 = 0.0
            var n = 0
            var lo = 0
            for i in values.indices {
                let v = values[i]
                if !v.isNaN {
                    s1 += v - k
                    s2 += (v - k) * (v - k)
                    n += 1
                }
                while lo < starts[i] {
                    let old = values[lo]
                    if !old.isNaN {
                        s1 -= old - k
                        s2 -= (old - k) * (old - k)
                        n -= 1
                    }
                    lo += 1
                }
                guard n >= need, !(needsCurrent && v.isNaN) else { continue }
                let count = Double(n)
                let mean = k + s1 / count
                let variance = n >= 2 ? Swift.max(0, (s2 - s1 * s1 / count) / (count - 1)) : .nan
                switch stat {
                case .sum: out[i] = s1 + k * count
                case .mean: out[i] = mean
                case .std: out[i] = variance.squareRoot()
                default:
                    let sd = variance.squareRoot()
                    if sd.isNaN { continue }
                    // A constant window: the value equals its mean, 0 standard deviations away.
                    out[i] = sd <= 1e-12 * Swift.max(1, abs(mean)) ? 0 : (v - mean) / sd
                }
            }
        default:
            var buffer: [Double] = []
            for i in values.indices {
                buffer.removeAll(keepingCapacity: true)
                for j in starts[i]...i where !values[j].isNaN { buffer.append(values[j]) }
                guard buffer.count >= need, !(needsCurrent && values[i].isNaN) else { continue }
                out[i] = Self.statistic(stat, buffer, current: values[i])
            }
        }
        let unit: String? = switch stat {
        case .zscore, .percentRank: nil
        default: self.unit
        }
        return TimeSeries(key: "\(key):\(stat.name)(\(window))", dates: dates, values: out, unit: unit)
    }

    static func statistic(_ stat: RollingStat, _ w: [Double], current: Double) -> Double {
        let n = Double(w.count)
        switch stat {
        case .sum: return w.reduce(0, +)
        case .mean: return w.reduce(0, +) / n
        case .min: return w.min() ?? .nan
        case .max: return w.max() ?? .nan
        case .std: return sampleStd(w)
        case .zscore:
            let sd = sampleStd(w)
            guard !sd.isNaN else { return .nan }
            let mean = w.reduce(0, +) / n
            // A constant window: the value equals its mean, so it is 0 standard deviations away.
            return sd == 0 || sd < 1e-12 * Swift.max(1, abs(mean)) ? 0 : (current - mean) / sd
        case .percentRank: return percentileRank(current, among: w, pandasAverage: true)
        case let .quantile(q):
            let sorted = w.sorted()
            let pos = q * (n - 1)
            let lo = Int(pos.rounded(.down))
            let hi = Swift.min(lo + 1, sorted.count - 1)
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - Double(lo))
        }
    }

    /// Exponentially weighted moving average, as pandas' `ewm(adjust=True).mean()`:
    /// weights (1 − α)^k on the value k observations back, with α = 2 / (span + 1), or
    /// α = 1 − exp(ln 0.5 / halfLife).
    public func ewma(span: Double? = nil, halfLife: Double? = nil) -> TimeSeries {
        let alpha: Double
        if let span, span >= 1 {
            alpha = 2 / (span + 1)
        } else if let halfLife, halfLife > 0 {
            alpha = 1 - Foundation.exp(Foundation.log(0.5) / halfLife)
        } else {
            return map { _ in .nan }
        }
        var num = 0.0
        var den = 0.0
        var out: [Double] = []
        out.reserveCapacity(count)
        for v in values {
            if v.isNaN {
                out.append(den > 0 ? num / den : .nan)
                continue
            }
            num = v + (1 - alpha) * num
            den = 1 + (1 - alpha) * den
            out.append(num / den)
        }
        return TimeSeries(key: "\(key):ewma", dates: dates, values: out, unit: unit)
    }
}

func sampleStd(_ w: [Double]) -> Double {
    guard w.count >= 2 else { return .nan }
    let n = Double(w.count)
    let mean = w.reduce(0, +) / n
    let ss = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (ss / (n - 1)).squareRoot()
}

/// Where `value` ranks among `values`, 0 to 1: the share below it, ties counting half.
///
/// With `pandasAverage` the value itself is one of `values` and counts as pandas'
/// `rank(pct=True)` counts it (average rank: half a step more). Status and spider use the
/// plain form (× 100); `rolling --stat pctrank` the pandas one.
public func percentileRank(_ value: Double, among values: [Double], pandasAverage: Bool = false) -> Double {
    var below = 0.0
    var equal = 0.0
    for v in values {
        if v < value { below += 1 } else if v == value { equal += 1 }
    }
    return (below + equal / 2 + (pandasAverage ? 0.5 : 0)) / Double(values.count)
}
