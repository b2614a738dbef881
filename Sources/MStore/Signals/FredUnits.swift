import Foundation

/// FRED's `units` transformations, with FRED's formulas.
///
/// With x(t) the value at an observation and n the observations per year of the series'
/// frequency (daily on business days 260, daily every day 365, weekly 52, monthly 12,
/// quarterly 4, annual 1):
///
/// | code | meaning | formula |
/// |---|---|---|
/// | `lin` | levels | x(t) |
/// | `chg` | change | x(t) − x(t−1) |
/// | `ch1` | change from a year ago | x(t) − x(t−n) |
/// | `pch` | percent change | (x(t) / x(t−1) − 1) × 100 |
/// | `pc1` | percent change from a year ago | (x(t) / x(t−n) − 1) × 100 |
/// | `pca` | compounded annual rate of change | ((x(t) / x(t−1))^n − 1) × 100 |
/// | `cch` | continuously compounded rate of change | (ln x(t) − ln x(t−1)) × 100 |
/// | `cca` | continuously compounded annual rate of change | (ln x(t) − ln x(t−1)) × 100 × n |
/// | `log` | natural log | ln x(t) |
///
/// Lags count observations, as FRED's do. Dates without the earlier observation have no
/// value (NaN); logs of values ≤ 0 are NaN.
public enum FredUnits: String, Sendable, CaseIterable {
    case lin, chg, ch1, pch, pc1, pca, cch, cca, log

    /// Observations per year for a frequency code (`B` 260, `D` 365, `W-…` 52, `M` 12, `Q` 4, `A` 1).
    public static func observationsPerYear(frequency: String?) -> Int? {
        guard let f = frequency?.uppercased() else { return nil }
        if f == "B" { return 260 }
        if f == "D" { return 365 }
        if f.hasPrefix("W") { return 52 }
        if f == "M" { return 12 }
        if f == "Q" { return 4 }
        if f == "A" { return 1 }
        return nil
    }

    /// Applies the transformation; `n` is the observations per year.
    public func apply(_ s: TimeSeries, observationsPerYear n: Int) -> TimeSeries {
        let x = s.values
        func lagged(_ k: Int, _ f: (Double, Double) -> Double) -> [Double] {
            x.indices.map { i in i >= k ? f(x[i], x[i - k]) : .nan }
        }
        let values: [Double]
        switch self {
        case .lin: values = x
        case .chg: values = lagged(1) { cleaned($0 - $1) }
        case .ch1: values = lagged(n) { cleaned($0 - $1) }
        case .pch: values = lagged(1) { ($0 / $1 - 1) * 100 }
        case .pc1: values = lagged(n) { ($0 / $1 - 1) * 100 }
        case .pca: values = lagged(1) { (pow($0 / $1, Double(n)) - 1) * 100 }
        case .cch: values = lagged(1) { (safeLog($0) - safeLog($1)) * 100 }
        case .cca: values = lagged(1) { (safeLog($0) - safeLog($1)) * 100 * Double(n) }
        case .log: values = x.map(safeLog)
        }
        let unit: String? = switch self {
        case .lin, .chg, .ch1: s.unit
        case .log: "log"
        default: "percent"
        }
        return TimeSeries(key: self == .lin ? s.key : "\(s.key):\(rawValue)", dates: s.dates, values: values, unit: unit)
    }
}

func safeLog(_ v: Double) -> Double { v > 0 ? Foundation.log(v) : .nan }

extension TimeSeries {
    /// x(t) − x(t−n), by observations (n ≥ 1; smaller n is taken as 1).
    public func diff(_ lag: Int = 1) -> TimeSeries {
        let n = max(1, lag)
        return TimeSeries(key: "\(key):diff\(n)", dates: dates, values: values.indices.map { $0 >= n ? cleaned(values[$0] - values[$0 - n]) : .nan }, unit: unit)
    }

    /// x(t−n): each date gets the value n observations earlier (n ≥ 1; smaller n is taken as 1).
    public func lag(_ lag: Int = 1) -> TimeSeries {
        let n = max(1, lag)
        return TimeSeries(key: "\(key):lag\(n)", dates: dates, values: values.indices.map { $0 >= n ? values[$0 - n] : .nan }, unit: unit)
    }
}
