import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Concentration: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "concentration",
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

        @Option(help: ArgumentHelp("How many of the largest to add up, 1 to 10000 (default 10).", valueName: "n"))
        var top: Int?

        @Option(help: ArgumentHelp("A series with the universe's total (default from config: SPX.MCAP, when present).", valueName: "key"))
        var total: String?

        @Flag(help: "Add a column with the keys of the largest N.")
        var names = false

        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions
        var configOptions: ConfigOptions? { config }

        func validate() throws {
            try checkRange(top, 1...10_000, flag: "--top")
        }

        func run() throws {
            try answer { try $0.concentration(universe: universe, top: top, total: total, names: names) }
        }
    }
}
