import ArgumentParser
import MStore

extension MStoreCommand {
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Print which series play which role in the named queries.",
            discussion: """
                The settings come from mstore.toml beside the store (or --config FILE) over
                built-in defaults that match FRED ids and the bundled fixtures. The file is
                TOML 1.0; every table and key must be one this command lists, for example:

                  [repo]
                  reserves = "WRESBAL"

                  [fragility]
                  funding = ["SOFR-IORB", "-WRESBAL"]

                Examples:
                  mstore config
                  mstore config --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors { try output.emit(try config.load(folder: store.configFolder).table) }
        }
    }
}
