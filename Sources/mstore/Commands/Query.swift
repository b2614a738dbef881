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
        try checkOrder(since: since, until: until)
    }

    var sinceDay: Day? { since.flatMap { PeriodBound($0)?.first } }
    var untilDay: Day? { until.flatMap { PeriodBound($0)?.last } }
    var asOfDay: Day? { asOf.flatMap { PeriodBound($0)?.last } }

    /// Why an answer over `keys` in this period is empty, for the user.
    func emptyReason(_ db: any SeriesSource, keys: [String]) -> () -> String {
        { db.emptyAnswerReason(keys: keys, since: sinceDay, until: untilDay, asOf: asOfDay) }
    }
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
                --as-of (use only what was known on that day), --format and -o. Which series
                play which role comes from mstore.toml beside the store (or --config); see
                mstore config.

                Examples:
                  mstore query concentration --since 2024
                  mstore query repo --since 2025-09
                  mstore query credit --latest
                  mstore query marks --min-spread 15
                  mstore query spider --at 2019-09 --at 2025-06 --at 2025-10
                  mstore query fragility --since 2025
                  mstore query hedge BTC --vs NDX,GOLD --window 90
                  mstore query transform WALCL --units pc1
                  mstore query rolling SOFR-IORB --stat zscore --window 252
                  mstore query corr BTC NDX --window 90d
                """,
            subcommands: [
                Concentration.self, Repo.self, Credit.self, Marks.self, KShape.self, Hedge.self, Spider.self, Fragility.self,
                Transform.self, Rolling.self, Corr.self,
            ])
    }
}

extension MStoreCommand.Query {
    struct Concentration: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Top-N share, HHI and effective number of a tagged universe, per date.",
            discussion: """
                The universe is every series tagged universe=NAME (tag them at ingest with
                --tag universe=SPX, or later with mstore tag). Membership is point in time: a
                series counts on a date only if it has a value that day. topN_share (top10_share
                by default) is the share of the largest N in the total (0-1); hhi is the sum of squared shares (0-1);
                effective_n is 1/hhi. With a total series (the index's whole market cap,
                SPX.MCAP by default), shares are of that total and the members not in the
                store count as many small firms.

                Examples:
                  mstore query concentration --since 2024
                  mstore query concentration --universe SPX --top 5 --names --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var period: PeriodOptions

        @Option(help: ArgumentHelp("The universe tag value (series tagged universe=NAME; default from config: SPX).", valueName: "name"))
        var universe: String?

        @Option(help: ArgumentHelp("How many of the largest to add up (default 10).", valueName: "n"))
        var top: Int?

        @Option(help: ArgumentHelp("A series with the universe's total (default from config: SPX.MCAP, when present).", valueName: "key"))
        var total: String?

        @Flag(help: "Add a column with the keys of the largest N.")
        var names = false

        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let top, top < 1 { throw ValidationError("--top \(top): expected 1 or more") }
        }

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                try output.emit(
                    try queries.concentration(universe: universe, top: top, total: total, names: names), whenEmpty: period.emptyReason(queries.source, keys: []))
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
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                try output.emit(try RepoMonitor.run(queries), whenEmpty: period.emptyReason(queries.source, keys: []))
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
                let queries = try namedQueries(store, nil, period)
                let others = vs.split(separator: ",").map(String.init)
                try output.emit(try queries.hedge(key, vs: others, window: window), whenEmpty: period.emptyReason(queries.source, keys: [key] + others))
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
            if let diff, diff < 1 { throw ValidationError("--diff \(diff): expected a count of observations, 1 or more") }
            if let lag, lag < 1 { throw ValidationError("--lag \(lag): expected a count of observations, 1 or more") }
        }

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, nil, period)
                try output.emit(
                    try queries.transform(key, frequency: freq.flatMap(TargetFrequency.init), aggregation: agg, units: units, diff: diff, lag: lag),
                    whenEmpty: period.emptyReason(queries.source, keys: [key]))
            }
        }
    }

    struct Rolling: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A rolling statistic of one series: mean, sum, std, min, max, zscore, pctrank, quantile, ewma.",
            discussion: """
                The window ends at each observation and includes it: a count of observations
                (252) or a calendar span (90d, 13w, 3m, 1y). Dates whose window has fewer than
                --min-periods values (default: the whole count; 1 for spans) are printed with
                an empty value.
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
                let queries = try namedQueries(store, nil, period)
                let request: NamedQueries.RollingRequest
                if stat.lowercased() == "ewma" {
                    request = .ewma(span: span, halfLife: halfLife)
                } else if let parsed = RollingStat(stat) {
                    request = .statistic(parsed, window, minPeriods: minPeriods)
                } else {
                    throw MStoreError.usage("--stat \(stat): unknown statistic")
                }
                try output.emit(try queries.rolling(key, request), whenEmpty: period.emptyReason(queries.source, keys: [key]))
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
                let queries = try namedQueries(store, nil, period)
                try output.emit(
                    try queries.correlation(a, b, window: window, minPeriods: minPeriods), whenEmpty: period.emptyReason(queries.source, keys: [a, b]))
            }
        }
    }
}

/// Opens the store and the config for a named query.
/// The named queries on the store, with the config (defaults when `config` is nil) and period.
func namedQueries(_ store: StoreOptions, _ config: ConfigOptions?, _ period: PeriodOptions) throws -> NamedQueries {
    let db = try store.open(mustExist: true)
    return NamedQueries(
        source: db, config: try config?.load(storePath: store.path) ?? QueryConfig(), since: period.sinceDay, until: period.untilDay, asOf: period.asOfDay)
}

extension MStoreCommand.Query {
    struct Credit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Credit spreads and single-name CDS: level, change over 1 and 3 months, z-score.",
            discussion: """
                The series come from config credit.series (default: BAMLC0A0CM, BAMLH0A0HYM2,
                CDS.ORCL). Changes are in basis points (percent series × 100). The z-score is
                of the level over config credit.window (default 1y). --latest prints one row
                per series with an alert when the 3-month change reaches credit.widening_bp.

                Examples:
                  mstore query credit --latest
                  mstore query credit --since 2025-09 --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var period: PeriodOptions
        @Flag(help: "One row per series: the latest values and a widening alert.")
        var latest = false
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                try output.emit(try queries.credit(latest: latest), whenEmpty: period.emptyReason(queries.source, keys: []))
            }
        }
    }

    struct Marks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Private-credit marks: instruments whose holders disagree, and by how much.",
            discussion: """
                Marks are series tagged instrument=NAME and holder=NAME (a long file with
                tag:instrument and tag:holder columns sets both). Per instrument and date:
                the number of holders, the lowest and highest mark, the spread (high − low)
                and the standard deviation; only rows whose spread is at least --min-spread.

                Examples:
                  mstore query marks --min-spread 15
                  mstore query marks --min-spread 0 --since 2025-06 --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: ArgumentHelp("Smallest spread to show, in mark points (default from config: 15).", valueName: "points"))
        var minSpread: Double?
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                try output.emit(try queries.marks(minSpread: minSpread), whenEmpty: period.emptyReason(queries.source, keys: []))
            }
        }
    }

    struct KShape: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kshape",
            abstract: "The K-shaped economy: gaps between upper and lower arms, their trend and percentile.",
            discussion: """
                Each gap in config kshape.gaps is a spread UPPER-LOWER (e.g. expectations of
                high- minus low-income households) or one series (subprime auto delinquency,
                youth unemployment). Per date: the value, its change over 12 months, and its
                percentile (0-100, like status and spider) against its own history so far.

                Examples:
                  mstore query kshape --since 2024
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var period: PeriodOptions
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                try output.emit(try queries.kshape(), whenEmpty: period.emptyReason(queries.source, keys: []))
            }
        }
    }

    struct Spider: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A spider profile: each indicator's percentile against a baseline, at dates or periods.",
            discussion: """
                Indicators come from config spider.indicators (a leading - means lower is more
                stress, so every percentile, 0-100 like status and kshape, reads "higher = more
                stress"; ties count half). --at takes a day
                (its last value), a month or year (the mean over it) or FROM:TO.

                Examples:
                  mstore query spider --at 2019-09 --at 2025-06 --at 2025-10
                  mstore query spider --at 2019-09-17 --at 2025-10-31
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("A date or period to profile (repeatable).", valueName: "date|period"))
        var at: [String] = []
        @Option(help: ArgumentHelp("The baseline period (default from config: 2018-04:2019-08).", valueName: "from:to"))
        var baseline: String?
        @OptionGroup var period: PeriodOptions
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !at.isEmpty else { throw ValidationError("give at least one --at DATE or PERIOD") }
            for a in at where NamedQueries.Period(a) == nil { throw ValidationError("--at \(a): expected a date, a month, a year or FROM:TO") }
            if let baseline, NamedQueries.Period(baseline) == nil { throw ValidationError("--baseline \(baseline): expected FROM:TO") }
        }

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                try output.emit(
                    try queries.spider(at: at.compactMap(NamedQueries.Period.init), baseline: baseline.flatMap(NamedQueries.Period.init)),
                    whenEmpty: period.emptyReason(queries.source, keys: []))
            }
        }
    }

    struct Fragility: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The composite fragility index with each category's contribution, monthly.",
            discussion: """
                Categories (config fragility.*): funding, credit, private_credit, household,
                concentration. Each indicator's month-end value becomes a rolling z-score
                (fragility.window, default 3y; at least 12 months), sign-aligned; a category is
                the mean of its indicators, the index the mean of the categories available that
                month, and the category columns are their contributions (they add up to it).
                @marks is the widest private-credit mark spread; @concentration the top-N share.

                Examples:
                  mstore query fragility --since 2025
                  mstore query fragility --as-of 2025-06-30 --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var period: PeriodOptions
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                try output.emit(try queries.fragility(), whenEmpty: period.emptyReason(queries.source, keys: []))
            }
        }
    }
}
