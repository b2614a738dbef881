import ArgumentParser
import MStore

extension MStoreCommand {
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw series or a named query as an SVG chart.",
            discussion: """
                With series keys (or expressions): a line chart over time, one line each,
                with --right KEY for a second value axis and --shade FROM:TO for periods to
                highlight. With a query name — spider, concentration, hedge, repo, credit,
                kshape, fragility — the query's numeric columns are drawn; spider draws a
                radar chart, one polygon per --at.

                Examples:
                  mstore chart WRESBAL SOFR-IORB --right SOFR-IORB --since 2019 -o funding.svg
                  mstore chart SOFR 'IORB|IOER' --since 2019-08 --until 2019-10 -o sep.svg
                  mstore chart SOFR --since 2019 --shade 2019-09-16:2019-09-20 -o repo.svg
                  mstore chart spider --at 2019-09 --at 2025-10 -o spider.svg
                  mstore chart concentration --since 2024 -o concentration.svg
                  mstore chart hedge BTC --vs NDX,GOLD --window 90 --since 2025 -o hedge.svg
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Series keys or expressions, or a query name followed by its argument.", valueName: "item"))
        var items: [String]

        @Option(help: ArgumentHelp("Draw this series against a second value axis (repeatable).", valueName: "key"))
        var right: [String] = []

        @Option(help: ArgumentHelp("Shade a period, FROM:TO (repeatable).", valueName: "from:to"))
        var shade: [String] = []

        @Option(help: ArgumentHelp("The chart's title.", valueName: "text"))
        var title: String?

        @Option(help: ArgumentHelp("spider: a date or period to profile (repeatable).", valueName: "date|period"))
        var at: [String] = []

        @Option(help: ArgumentHelp("spider: the baseline period.", valueName: "from:to"))
        var baseline: String?

        @Option(help: ArgumentHelp("hedge: comma-separated series to compare with.", valueName: "keys"))
        var vs: String?

        @Option(help: ArgumentHelp("hedge: the window.", valueName: "window"))
        var window: Window = .count(90)

        @OptionGroup var period: PeriodOptions
        @OptionGroup var config: ConfigOptions

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the SVG to this file (default: standard output).", valueName: "file"))
        var output: String?

        static let queries: Set<String> = ["spider", "concentration", "hedge", "repo", "credit", "kshape", "fragility"]

        func validate() throws {
            guard !items.isEmpty else { throw ValidationError("give series keys or a query name") }
            for s in shade where NamedQueries.Period(s) == nil { throw ValidationError("--shade \(s): expected FROM:TO") }
            if items[0] == "spider" && at.isEmpty { throw ValidationError("chart spider needs --at DATE or PERIOD") }
            if items[0] == "hedge" && (items.count < 2 || vs == nil) { throw ValidationError("chart hedge needs an asset and --vs KEYS") }
        }

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                let svg: String
                let name = items[0]
                switch name {
                case "spider":
                    let table = try queries.spider(at: at.compactMap(NamedQueries.Period.init), baseline: baseline.flatMap(NamedQueries.Period.init))
                    let axes = table.rows.map { $0[0].text }
                    let profiles = table.columns.indices.dropFirst(2).map { c in
                        (table.columns[c], table.rows.map { row -> Double in if case let .number(v) = row[c] { return v } else { return .nan } })
                    }
                    svg = RadarChart(title: title ?? "Stress profile against \(baseline ?? "the baseline")", axes: axes, profiles: profiles).svg()
                case "credit":
                    // Levels only, one value axis per unit: spreads in percent on the left,
                    // CDS in basis points on the right.
                    let levels = try queries.creditLevels()
                    let units = levels.map { $0.unit ?? "" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    let rightUnits = Set(units.dropFirst())
                    var chart = LineChart(
                        title: title ?? "Credit: spreads and CDS", series: levels,
                        rightAxis: Set(levels.filter { rightUnits.contains($0.unit ?? "") }.map(\.key)), shades: shades)
                    chart.leftLabel = units.first.map { $0.isEmpty ? "value" : $0 }
                    chart.rightLabel = units.dropFirst().joined(separator: ", ")
                    svg = chart.svg()
                case _ where Self.queries.contains(name):
                    let table: ResultTable
                    switch name {
                    case "concentration":
                        let points = try queries.concentrationPoints()
                        table = ResultTable(
                            columns: ["date", "top_share", "effective_n"],
                            rows: points.map { [.date($0.date), .number($0.topShare), .number($0.effectiveN)] })
                    case "hedge":
                        table = try queries.hedge(items[1], vs: (vs ?? "").split(separator: ",").map(String.init), window: window)
                            .keeping { $0 == "date" || $0.hasPrefix("corr_") }
                    case "repo": table = try RepoMonitor.run(queries)
                    case "kshape": table = try queries.kshape()
                    default: table = try queries.fragility()
                    }
                    let series = numericSeries(table)
                    let rightKeys = Set(right + (name == "concentration" ? ["effective_n"] : []))
                    svg = LineChart(title: title ?? "mstore query \(name)", series: series, rightAxis: rightKeys, shades: shades).svg()
                default:
                    let series = try items.map { try queries.source.timeSeries($0, until: queries.until, asOf: queries.asOf).slice(since: queries.since) }
                    svg = LineChart(title: title ?? items.joined(separator: ", "), series: series, rightAxis: Set(right), shades: shades).svg()
                }
                if let output {
                    try writeAtomically(svg, to: output)
                } else {
                    writeToStandardOutput(svg)
                }
            }
        }

        var shades: [(Day, Day)] { shade.compactMap(NamedQueries.Period.init).map { ($0.first, $0.last) } }

        /// The numeric columns of a dated table as series.
        func numericSeries(_ table: ResultTable) -> [TimeSeries] {
            guard table.columns.first == "date" else { return [] }
            let dates = table.rows.compactMap { row -> Day? in if case let .date(d) = row[0] { return d } else { return nil } }
            guard dates.count == table.rows.count else { return [] }
            return table.columns.indices.dropFirst().compactMap { c in
                let values = table.rows.map { row -> Double in
                    switch row[c] {
                    case let .number(v): return v
                    case let .integer(n): return Double(n)
                    default: return .nan
                    }
                }
                guard values.contains(where: { !$0.isNaN }), table.columns[c] != "categories", table.columns[c] != "members" else { return nil }
                return TimeSeries(key: table.columns[c], dates: dates, values: values).droppingMissing()
            }
        }
    }
}
