import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Rolling: QueryCommand {
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
            try checkRange(minPeriods, 1...100_000_000, flag: "--min-periods")
            try checkRange(span, 1...1_000_000, flag: "--span")
            try checkRange(halfLife, 0.001...1_000_000, flag: "--half-life")
            if stat.lowercased() == "ewma" {
                guard span != nil || halfLife != nil else { throw ValidationError("--stat ewma needs --span or --half-life") }
            } else if RollingStat(stat) == nil {
                throw ValidationError("--stat \(stat): expected mean, sum, std, min, max, zscore, pctrank, median, q0.9 or ewma")
            }
        }

        func run() throws {
            let request: NamedQueries.RollingRequest
            if stat.lowercased() == "ewma" {
                request = .ewma(span: span, halfLife: halfLife)
            } else if let parsed = RollingStat(stat) {
                request = .statistic(parsed, window, minPeriods: minPeriods)
            } else {
                throw ValidationError("--stat \(stat): unknown statistic")
            }
            try answer(keys: [key]) { try $0.rolling(key, request) }
        }
    }
}
