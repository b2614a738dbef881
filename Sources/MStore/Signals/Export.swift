/// What `mstore export` writes: several series aligned on dates.
public struct ExportRequest: Sendable {
    /// Keys or expressions; series tagged with every one of `tags` are added.
    public var keys: [String] = []
    /// Series carrying every one of these tags are added to `keys`.
    public var tags: [(String, String)] = []
    /// Convert every series to this frequency first.
    public var frequency: TargetFrequency?
    /// How a period's values become one in a frequency conversion.
    public var aggregation: Aggregation = .avg
    /// FRED units transform applied to every series (after conversion).
    public var units: FredUnits = .lin
    /// Forward-fill gaps in the wide table: each series keeps its last value, for at most
    /// `maxStale` days when given, and never past its own last observation unless within
    /// `maxStale` of it.
    public var fill = false
    /// With `fill`, the most days a value is carried.
    public var maxStale: Int?
    /// One row per (date, series) instead of one column per series.
    public var long = false
    /// First date in the output (conversions and transforms still use earlier history).
    public var since: Day?
    /// Last date read.
    public var until: Day?
    /// Use only what was known on this day.
    public var asOf: Day?

    /// An empty request: set keys or tags.
    public init() {}
}

extension SeriesSource {
    /// A series (key or expression) converted to `frequency` first, then given FRED `units`.
    ///
    /// The observations per year come from the catalog frequency, or from the target
    /// frequency after a conversion; an expression has none until converted.
    public func transformedSeries(
        _ key: String, frequency target: TargetFrequency?, aggregation: Aggregation = .avg, units: FredUnits = .lin, until: Day? = nil,
        asOf: Day? = nil
    ) throws -> TimeSeries {
        var s = try timeSeries(key, until: until, asOf: asOf)
        var frequency = self.isExpression(key) ? nil : try self.frequency(of: s.key)
        if let target {
            s = s.resampled(to: target, using: aggregation)
            frequency = target.code
        }
        if units != .lin {
            guard let n = FredUnits.observationsPerYear(frequency: frequency) else {
                throw MStoreError.usage(
                    "\(key): its frequency (\(frequency ?? "unknown")) has no observations per year for --units \(units.rawValue); convert with --freq first")
            }
            s = units.apply(s, observationsPerYear: n)
        }
        return s
    }

    /// The series of `request`, as a table ready for a spreadsheet.
    public func export(_ request: ExportRequest) throws -> ResultTable {
        var keys = request.keys
        if !request.tags.isEmpty {
            let tagged = try self.keys(withTags: request.tags)
            guard !tagged.isEmpty else {
                throw MStoreError.notFound(
                    what: "series tagged " + request.tags.map { "\($0.0)=\($0.1)" }.joined(separator: " "), hint: "see mstore series for the tags in the store")
            }
            keys += tagged.filter { !keys.contains($0) }
        }
        guard !keys.isEmpty else { throw MStoreError.usage("export needs series keys or --tag key=value") }
        var all: [TimeSeries] = []
        for key in keys {
            let s = try transformedSeries(
                key, frequency: request.frequency, aggregation: request.aggregation, units: request.units, until: request.until, asOf: request.asOf)
            all.append(s.droppingMissing())
        }
        if request.long {
            var rows: [(Day, String, Double)] = []
            for s in all {
                for (d, v) in zip(s.dates, s.values) where request.since.map({ d >= $0 }) ?? true { rows.append((d, s.key, v)) }
            }
            rows.sort { ($0.0, $0.1) < ($1.0, $1.1) }
            return ResultTable(columns: ["date", "series", "value"], rows: rows.map { [.date($0.0), .text($0.1), .number($0.2)] })
        }
        guard request.fill else { return ResultTable(series: all, since: request.since) }
        let axis = Set(all.flatMap(\.dates)).sorted()
        let filled = all.map { s in
            let aligned = s.aligned(to: axis, maxStaleness: request.maxStale)
            guard let maxStale = request.maxStale else { return aligned }
            // Within the series too: a value older than maxStale days is not carried.
            var values = aligned.values
            for (i, day) in axis.enumerated() where !values[i].isNaN {
                let j = s.dates.partitioningIndex { $0 > day }
                if j > 0, Int(day.ordinal - s.dates[j - 1].ordinal) > maxStale { values[i] = .nan }
            }
            return TimeSeries(key: s.key, dates: axis, values: values, unit: s.unit)
        }
        return ResultTable(series: filled.map { $0.droppingMissing() }, since: request.since)
    }
}
