import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Fragility: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "fragility",
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
        var configOptions: ConfigOptions? { config }

        func run() throws {
            try answer { try $0.fragility() }
        }
    }
}
