import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Marks: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "marks",
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
        var configOptions: ConfigOptions? { config }

        func validate() throws {
            try checkRange(minSpread, 0...1_000_000, flag: "--min-spread")
        }

        func run() throws {
            try answer { try $0.marks(minSpread: minSpread) }
        }
    }
}
