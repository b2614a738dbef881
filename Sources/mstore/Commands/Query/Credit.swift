import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Credit: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "credit",
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
        var configOptions: ConfigOptions? { config }

        func run() throws {
            try answer { try $0.credit(latest: latest) }
        }
    }
}
