import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Hedge: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "hedge",
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
            let others = vs.split(separator: ",").map(String.init)
            try answer(keys: [key] + others) { try $0.hedge(key, vs: others, window: window) }
        }
    }
}
