import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Repo: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "repo",
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
        var configOptions: ConfigOptions? { config }

        func run() throws {
            try answer { try RepoMonitor.run($0) }
        }
    }
}
