import ArgumentParser
import MStore

/// `--since`, `--until`, `--as-of` for queries: windows use the history before `--since`.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First date to show (windows still use earlier history).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Last date to use.", valueName: "date"))
    var until: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Use only what was known on this day.", valueName: "date"))
    var asOf: String?

    func validate() throws {
        if let since { _ = try parseBound(since, flag: "--since") }
        if let until { _ = try parseBound(until, flag: "--until") }
        if let asOf { _ = try parseBound(asOf, flag: "--as-of") }
    }

    var sinceDay: Day? { since.flatMap { PeriodBound($0)?.first } }
    var untilDay: Day? { until.flatMap { PeriodBound($0)?.last } }
    var asOfDay: Day? { asOf.flatMap { PeriodBound($0)?.last } }
}

extension Window: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension FredUnits: ExpressibleByArgument {}
extension Aggregation: ExpressibleByArgument {}

extension MStoreCommand {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute signals: concentration, repo pressure, hedges, transforms, rolling statistics.",
            discussion: """
                Wherever a series key is taken, a spread A-B (in basis points when both are in
                percent) or a ratio A/B works too. Every query takes --since, --until and
                --as-of (use only what was known on that day), --format and -o.

                Examples:
                  mstore query concentration --since 2024
                  mstore query repo --since 2025-09
                  mstore query hedge BTC --vs NDX,GOLD --window 90
                  mstore query transform WALCL --units pc1
                  mstore query rolling SOFR-IORB --stat zscore --window 252
                  mstore query corr BTC NDX --window 90d
                """,
            subcommands: [Concentration.self, Repo.self, Hedge.self, Transform.self, Rolling.self, Corr.self])
    }
}

extension MStoreCommand.Query {
    struct Concentration: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Top-N share, HHI and effective number of a tagged universe, per date.",
            discussion: """
                The universe is every series tagged universe=NAME (tag them at ingest with
                --tag universe=SPX, or later with mstore tag). Membership is point in time: a
                series counts on a date only if it has a value that day. top_share is the share
                of the largest N in the total (0-1); hhi is the sum of squared shares (0-1);
                effective_n is 1/hhi.

                Examples:
                  mstore query concentration --since 2024
                  mstore query concentration --universe SPX --top 5 --names --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var period: PeriodOptions

        @Option(help: ArgumentHelp("The universe tag value (series tagged universe=NAME).", valueName: "name"))
        var universe = "SPX"

        @Option(help: ArgumentHelp("How many of the largest to add up.", valueName: "n"))
        var top = 10

        @Flag(help: "Add a column with the keys of the largest N.")
        var names = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let cross = try db.crossSection(tag: "universe", value: universe, since: period.sinceDay, until: period.untilDay, asOf: period.asOfDay)
                guard !cross.isEmpty else {
                    throw MStoreError.notFound(
                        what: "universe \(universe) (series tagged universe=\(universe))",
                        hint: "tag its members, e.g. mstore ingest caps.csv --tag universe=\(universe)")
                }
                let points = concentration(cross, top: top)
                var columns = ["date", "members", "top\(top)_share", "hhi", "effective_n"]
                if names { columns.append("top\(top)") }
                try output.emit(
                    ResultTable(
                        columns: columns,
                        rows: points.map { p in
                            var row: [Cell] = [.date(p.date), .integer(Int64(p.members)), .number(p.topShare), .number(p.hhi), .number(p.effectiveN)]
                            if names { row.append(.text(p.top.joined(separator: " "))) }
                            return row
                        }))
            }
        }
    }

    struct Repo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Repo pressure: SOFR and EFFR against IORB in basis points, share at or above IORB, reserves.",
            discussion: """
                Per business day: SOFR − IORB and EFFR − IORB in basis points; the share of SOFR
                volume at or above IORB, estimated from the published percentiles (SOFR.P1,
                SOFR.P25, SOFR.P75, SOFR.P99, with SOFR as the median; interpolated linearly)
                when they are in the store; reserve balances (WRESBAL, the latest weekly value)
                and their change over four weeks. Missing series are named, not silently empty.

                Examples:
                  mstore query repo --since 2025-09
                  mstore query repo --since 2019-09-01 --until 2019-09-30 --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let table = try RepoMonitor.run(db, since: period.sinceDay, until: period.untilDay, asOf: period.asOfDay)
                try output.emit(table)
            }
        }
    }

    struct Hedge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Does an asset hedge? Rolling correlation and beta to others, volatility, drawdown.",
            discussion: """
                Returns are taken on the dates both series trade (BTC trades every day,
                equities do not). Volatility is annualised with 365 periods for a series with
                daily frequency (every day) and 252 otherwise. Drawdown is from the running peak.

                Examples:
                  mstore query hedge BTC --vs NDX,GOLD --window 90
                  mstore query hedge GOLD --vs SPX --window 1y --since 2025
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The asset.", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("Comma-separated series to compare with.", valueName: "keys"))
        var vs: String

        @Option(help: ArgumentHelp("Window: a count of common observations (90) or a span (90d, 3m, 1y).", valueName: "window"))
        var window: Window = .count(90)

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let asset = try db.timeSeries(key, until: period.untilDay, asOf: period.asOfDay)
                var columns: [TimeSeries] = []
                var names: [String] = []
                for other in vs.split(separator: ",").map(String.init) {
                    let b = try db.timeSeries(other, until: period.untilDay, asOf: period.asOfDay)
                    let stats = PairStatistics(asset, b, window: window)
                    columns.append(TimeSeries(key: "corr_\(b.key)", dates: stats.dates, values: stats.correlation))
                    columns.append(TimeSeries(key: "beta_\(b.key)", dates: stats.dates, values: stats.beta))
                    names += ["corr_\(b.key)", "beta_\(b.key)"]
                }
                let perYear: Double = (try db.frequency(of: asset.key)) == "D" ? 365 : 252
                columns.append(asset.annualizedVolatility(window, periodsPerYear: perYear))
                columns.append(asset.drawdown())
                names += ["vol_\(asset.key)", "drawdown_\(asset.key)"]
                try output.emit(ResultTable(series: columns, names: names, since: period.sinceDay))
            }
        }
    }

    struct Transform: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "FRED units transforms and frequency conversion of one series.",
            discussion: """
                --units: lin, chg, ch1, pch, pc1, pca, cch, cca, log (FRED's formulas; lags count
                observations, a year being 260 business days, 365 days, 52 weeks, 12 months,
                4 quarters). --freq W, W-FRI, M, Q or A converts first, with --agg avg, sum,
                eop, first, min or max. --diff N and --lag N shift by observations.

                Examples:
                  mstore query transform WALCL --units pc1
                  mstore query transform SOFR --freq M --agg avg --units chg
                  mstore query transform WRESBAL --diff 4
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Series key or expression (A-B, A/B).", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("FRED units: lin, chg, ch1, pch, pc1, pca, cch, cca, log.", valueName: "units"))
        var units: FredUnits = .lin

        @Option(help: ArgumentHelp("Convert to W, W-FRI (any weekday), M, Q or A first.", valueName: "freq"))
        var freq: String?

        @Option(help: ArgumentHelp("Aggregation for --freq: avg, sum, eop, first, min, max.", valueName: "agg"))
        var agg: Aggregation = .avg

        @Option(help: ArgumentHelp("x(t) − x(t−n).", valueName: "n"))
        var diff: Int?

        @Option(help: ArgumentHelp("x(t−n).", valueName: "n"))
        var lag: Int?

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let freq, TargetFrequency(freq) == nil { throw ValidationError("--freq \(freq): expected W, W-MON … W-SUN, M, Q or A") }
        }

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                var s = try db.timeSeries(key, until: period.untilDay, asOf: period.asOfDay)
                var frequency = s.key == key.uppercased() || !key.contains(where: { $0 == "-" || $0 == "/" }) ? try db.frequency(of: s.key) : nil
                if let freq, let target = TargetFrequency(freq) {
                    s = s.resampled(to: target, using: agg)
                    frequency = freq.uppercased().hasPrefix("W") ? "W" : freq.uppercased()
                }
                if units != .lin {
                    guard let n = FredUnits.observationsPerYear(frequency: frequency) else {
                        throw MStoreError.usage("\(key): its frequency (\(frequency ?? "unknown")) has no observations-per-year for --units \(units.rawValue); convert with --freq first")
                    }
                    s = units.apply(s, observationsPerYear: n)
                }
                if let diff { s = s.diff(diff) }
                if let lag { s = s.lag(lag) }
                try output.emit(ResultTable(series: [s.droppingMissing()], since: period.sinceDay))
            }
        }
    }

    struct Rolling: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A rolling statistic of one series: mean, sum, std, min, max, zscore, pctrank, quantile, ewma.",
            discussion: """
                The window ends at each observation and includes it: a count of observations
                (252) or a calendar span (90d, 13w, 3m, 1y). Dates whose window has fewer than
                --min-periods values (default: the whole count; 1 for spans) are left out.
                A constant window has z-score 0. --stat ewma uses --span or --half-life.

                Examples:
                  mstore query rolling WRESBAL --stat zscore --window 52
                  mstore query rolling SOFR-IORB --stat pctrank --window 1y
                  mstore query rolling SOFR --stat q0.9 --window 90d --min-periods 20
                  mstore query rolling BTC --stat ewma --span 30
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Series key or expression (A-B, A/B).", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("mean, sum, std, min, max, zscore, pctrank, median, q0.9, ewma.", valueName: "stat"))
        var stat = "mean"

        @Option(help: ArgumentHelp("Window: a count (252) or a span (90d, 13w, 3m, 1y).", valueName: "window"))
        var window: Window = .count(20)

        @Option(help: ArgumentHelp("Fewest values a window needs.", valueName: "n"))
        var minPeriods: Int?

        @Option(help: ArgumentHelp("EWMA span (α = 2 / (span + 1)).", valueName: "n"))
        var span: Double?

        @Option(help: ArgumentHelp("EWMA half-life in observations.", valueName: "n"))
        var halfLife: Double?

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if stat.lowercased() == "ewma" {
                guard span != nil || halfLife != nil else { throw ValidationError("--stat ewma needs --span or --half-life") }
            } else if RollingStat(stat) == nil {
                throw ValidationError("--stat \(stat): expected mean, sum, std, min, max, zscore, pctrank, median, q0.9 or ewma")
            }
        }

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let s = try db.timeSeries(key, until: period.untilDay, asOf: period.asOfDay)
                let result: TimeSeries
                if stat.lowercased() == "ewma" {
                    result = s.ewma(span: span, halfLife: halfLife)
                } else if let parsed = RollingStat(stat) {
                    result = s.rolling(window, parsed, minPeriods: minPeriods)
                } else {
                    throw MStoreError.usage("--stat \(stat): unknown statistic")
                }
                try output.emit(ResultTable(series: [s, result.droppingMissing()], names: [s.key, result.key], since: period.sinceDay))
            }
        }
    }

    struct Corr: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rolling correlation, covariance and beta of the returns of two series.",
            discussion: """
                Returns are simple returns between the dates both series have; the window
                counts those common observations (90) or spans calendar time (90d, 3m).
                beta is of the first series on the second.

                Examples:
                  mstore query corr BTC NDX --window 90
                  mstore query corr GOLD SPX --window 1y --since 2025
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("First series.", valueName: "a"))
        var a: String

        @Argument(help: ArgumentHelp("Second series.", valueName: "b"))
        var b: String

        @Option(help: ArgumentHelp("Window: a count (90) or a span (90d, 3m, 1y).", valueName: "window"))
        var window: Window = .count(90)

        @Option(help: ArgumentHelp("Fewest common returns a window needs.", valueName: "n"))
        var minPeriods: Int?

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let sa = try db.timeSeries(a, until: period.untilDay, asOf: period.asOfDay)
                let sb = try db.timeSeries(b, until: period.untilDay, asOf: period.asOfDay)
                let stats = PairStatistics(sa, sb, window: window, minPeriods: minPeriods)
                let series = [
                    TimeSeries(key: "corr", dates: stats.dates, values: stats.correlation),
                    TimeSeries(key: "cov", dates: stats.dates, values: stats.covariance),
                    TimeSeries(key: "beta", dates: stats.dates, values: stats.beta),
                ].map { $0.droppingMissing() }
                try output.emit(ResultTable(series: series, since: period.sinceDay))
            }
        }
    }
}
