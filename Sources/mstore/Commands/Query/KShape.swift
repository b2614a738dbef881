import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct KShape: QueryCommand {
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
        var configOptions: ConfigOptions? { config }

        func run() throws {
            try answer { try $0.kshape() }
        }
    }
}
