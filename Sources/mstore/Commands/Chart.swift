import ArgumentParser
import MStore

extension MStoreCommand {
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chart",
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
                  mstore chart spider -o spider.svg
                  mstore chart spider --at 2019-09 --at 2025-10 -o spider2.svg
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

        func validate() throws {
            guard !items.isEmpty else { throw ValidationError("give series keys or a query name") }
            for s in shade where NamedQueries.Period(s) == nil { throw ValidationError("--shade \(s): expected FROM:TO") }
            for a in at where NamedQueries.Period(a) == nil { throw ValidationError("--at \(a): expected a date, a month, a year or FROM:TO") }
            if let baseline, NamedQueries.Period(baseline) == nil { throw ValidationError("--baseline \(baseline): expected FROM:TO") }
            if items[0] == "hedge" && (items.count < 2 || vs == nil) { throw ValidationError("chart hedge needs an asset and --vs KEYS") }
        }

        func run() throws {
            try reportingErrors {
                var request = ChartRequest(items: items)
                request.right = right
                request.shades = shade.compactMap(NamedQueries.Period.init).map { ($0.first, $0.last) }
                request.title = title
                request.at = at.compactMap(NamedQueries.Period.init)
                request.baseline = baseline.flatMap(NamedQueries.Period.init)
                request.vs = (vs ?? "").split(separator: ",").map(String.init)
                request.window = window
                let svg = try namedQueries(store, config, period).chart(request)
                if let output {
                    try writeAtomically(svg, to: output)
                } else {
                    writeToStandardOutput(svg)
                }
            }
        }
    }
}
