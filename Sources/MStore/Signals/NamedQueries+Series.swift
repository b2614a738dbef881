import Dispatch

/// The one-series and two-series queries: transform, rolling, corr.
extension NamedQueries {
    /// A series (key or expression) converted to `frequency` (with `aggregation`), given
    /// FRED `units`, then differenced over `diff` or lagged by `lag` observations.
    ///
    /// ```swift
    /// let table = try queries.transform("WALCL", units: .pc1)
    /// ```
    public func transform(
        _ key: String, frequency: TargetFrequency? = nil, aggregation: Aggregation = .avg, units: FredUnits = .lin, diff: Int? = nil, lag: Int? = nil
    ) throws -> ResultTable {
        var s = try source.transformedSeries(key, frequency: frequency, aggregation: aggregation, units: units, until: until, asOf: asOf)
        if let diff { s = s.diff(diff) }
        if let lag { s = s.lag(lag) }
        return ResultTable(series: [s.droppingMissing()], since: since)
    }

    /// What `rolling` computes: a windowed statistic or an EWMA.
    public enum RollingRequest: Sendable {
        case statistic(RollingStat, Window, minPeriods: Int?)
        case ewma(span: Double?, halfLife: Double?)
    }

    /// A series and a rolling statistic of it, side by side.
    public func rolling(_ key: String, _ request: RollingRequest) throws -> ResultTable {
        let s = try typedSeries(key)
        let result = Self.compute(request, on: s)
        return ResultTable(series: [s, result.droppingMissing()], names: [s.key, result.key], since: since)
    }

    /// The rolling statistic of many series, long: for each key in turn, a table with the
    /// columns `series`, `date`, `value` and the statistic, passed to `body` (one series in
    /// memory at a time).
    ///
    /// ```swift
    /// try queries.rolling(eachOf: try store.keys(withTags: [("universe", "SPX")]), .statistic(.zscore, .count(252), minPeriods: nil)) { print($0.rows.count) }
    /// ```
    public func rolling(eachOf keys: [String], _ request: RollingRequest, _ body: (ResultTable) throws -> Void) throws {
        for key in keys {
            let s = try typedSeries(key)
            let result = Self.compute(request, on: s)
            var rows: [[Cell]] = []
            let first = Self.firstVisible(s, since: since)
            rows.reserveCapacity(s.count - first)
            for i in first..<s.count {
                rows.append([.text(s.key), .date(s.dates[i]), number(s.values[i]), i < result.count ? number(result.values[i]) : .null])
            }
            try body(ResultTable(columns: Self.longColumns(request), rows: rows))
        }
    }

    /// The statistic `request` asks for, on `s`.
    static func compute(_ request: RollingRequest, on s: TimeSeries) -> TimeSeries {
        switch request {
        case let .statistic(stat, window, minPeriods): return s.rolling(window, stat, minPeriods: minPeriods)
        case let .ewma(span, halfLife): return s.ewma(span: span, halfLife: halfLife)
        }
    }

    /// The columns of the long rolling table: series, date, value and the statistic's name.
    static func longColumns(_ request: RollingRequest) -> [String] {
        let name = compute(request, on: TimeSeries(key: "", dates: [], values: [])).key.split(separator: ":").last.map(String.init) ?? "stat"
        return ["series", "date", "value", name]
    }

    /// The index of the first date of `s` on or after `since`.
    static func firstVisible(_ s: TimeSeries, since: Day?) -> Int {
        since.map { day in s.dates.partitioningIndex { $0 >= day } } ?? 0
    }

    /// Rolling correlation, covariance and beta of the returns of `a` on `b`.
    public func correlation(_ a: String, _ b: String, window: Window, minPeriods: Int? = nil) throws -> ResultTable {
        let stats = PairStatistics(try typedSeries(a), try typedSeries(b), window: window, minPeriods: minPeriods)
        return ResultTable(series: [stats.correlationSeries(), stats.covarianceSeries(), stats.betaSeries()], since: since)
    }
}
