/// What `mstore chart` draws: series or expressions as lines, or a named query.
public struct ChartRequest: Sendable {
    /// Series keys or expressions; or a query name (`spider`, `concentration`, `hedge`,
    /// `repo`, `credit`, `kshape`, `fragility`) followed by its argument (hedge's asset).
    public var items: [String]
    /// Series drawn against a second value axis.
    public var right: [String] = []
    /// Periods to shade.
    public var shades: [(Day, Day)] = []
    /// The chart's title (a default names what is drawn).
    public var title: String?
    /// spider: the dates or periods to profile, and the baseline.
    public var at: [NamedQueries.Period] = []
    /// spider: the baseline period (config `spider.baseline` when `nil`).
    public var baseline: NamedQueries.Period?
    /// hedge: the series to compare with, and the window.
    public var vs: [String] = []
    /// hedge: the rolling window.
    public var window: Window = .count(90)

    /// A request to draw `items` (keys, expressions or a query name).
    public init(items: [String]) { self.items = items }
}

extension NamedQueries {
    /// The queries `mstore chart` can draw by name.
    public static let chartableQueries: Set<String> = ["spider", "concentration", "hedge", "repo", "credit", "kshape", "fragility"]

    /// The request drawn as an SVG: a radar for `spider`, one value axis per unit for
    /// `credit`, the numeric columns of the other queries, or the series themselves.
    public func chart(_ request: ChartRequest) throws -> String {
        guard let name = request.items.first else { throw MStoreError.usage("give series keys or a query name") }
        let shades = request.shades
        switch name {
        case "spider":
            let table = try spider(at: request.at, baseline: request.baseline)
            let axes = table.rows.map { $0[0].text }
            let profiles = table.columns.indices.dropFirst(2).map { c in
                (table.columns[c], table.rows.map { row -> Double in if case let .number(v) = row[c] { return v } else { return .nan } })
            }
            let against = request.baseline?.label ?? config.string("spider", "baseline") ?? "the baseline"
            return RadarChart(title: request.title ?? "Stress profile against \(against)", axes: axes, profiles: profiles).svg()
        case "credit":
            // Levels only, one value axis per unit: spreads in percent on the left, CDS in
            // basis points on the right.
            let levels = try creditLevels()
            let units = levels.map { $0.unit ?? "" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let rightUnits = Set(units.dropFirst())
            var chart = LineChart(
                title: request.title ?? "Credit: spreads and CDS", series: levels,
                rightAxis: Set(levels.filter { rightUnits.contains($0.unit ?? "") }.map(\.key)), shades: shades)
            chart.leftLabel = units.first.map { $0.isEmpty ? "value" : $0 }
            chart.rightLabel = units.dropFirst().joined(separator: ", ")
            return chart.svg()
        case "concentration":
            let points = try concentrationPoints()
            let series = [
                TimeSeries(key: "top_share", dates: points.map(\.date), values: points.map(\.topShare)),
                TimeSeries(key: "effective_n", dates: points.map(\.date), values: points.map(\.effectiveN)),
            ]
            return LineChart(title: request.title ?? "mstore query concentration", series: series, rightAxis: Set(request.right + ["effective_n"]), shades: shades)
                .svg()
        case _ where Self.chartableQueries.contains(name):
            let table: ResultTable
            switch name {
            case "hedge":
                guard request.items.count > 1, !request.vs.isEmpty else { throw MStoreError.usage("chart hedge needs an asset and --vs KEYS") }
                table = try hedge(request.items[1], vs: request.vs, window: request.window).keeping { $0 == "date" || $0.hasPrefix("corr_") }
            case "repo": table = try RepoMonitor.run(self)
            case "kshape": table = try kshape()
            default: table = try fragility()
            }
            let series = table.numericSeries(excluding: ["categories", "members"])
            return LineChart(title: request.title ?? "mstore query \(name)", series: series, rightAxis: Set(request.right), shades: shades).svg()
        default:
            let series = try request.items.map { try typedSeries($0).slice(since: since) }
            return LineChart(title: request.title ?? request.items.joined(separator: ", "), series: series, rightAxis: Set(request.right), shades: shades)
                .svg()
        }
    }
}

extension ResultTable {
    /// The numeric columns of a table whose first column is `date`, as series (columns
    /// named in `excluding`, and columns with no number, left out).
    public func numericSeries(excluding: Set<String> = []) -> [TimeSeries] {
        guard columns.first == "date" else { return [] }
        let dates = rows.compactMap { row -> Day? in if case let .date(d) = row[0] { return d } else { return nil } }
        guard dates.count == rows.count else { return [] }
        return columns.indices.dropFirst().compactMap { c in
            let values = rows.map { row -> Double in
                switch row[c] {
                case let .number(v): return v
                case let .integer(n): return Double(n)
                default: return .nan
                }
            }
            guard values.contains(where: { !$0.isNaN }), !excluding.contains(columns[c]) else { return nil }
            return TimeSeries(key: columns[c], dates: dates, values: values).droppingMissing()
        }
    }
}
