import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Corr: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "corr",
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

        func validate() throws {
            try checkRange(minPeriods, 1...100_000_000, flag: "--min-periods")
        }

        func run() throws {
            try answer(keys: [a, b]) { try $0.correlation(a, b, window: window, minPeriods: minPeriods) }
        }
    }
}
