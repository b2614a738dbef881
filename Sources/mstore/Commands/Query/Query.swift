import ArgumentParser
import MStore

extension MStoreCommand {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "Compute signals: concentration, repo pressure, hedges, transforms, rolling statistics.",
            discussion: """
                Wherever a series key is taken, a spread A-B (in basis points when both are in
                percent) or a ratio A/B works too; a key with - / | = or spaces in it is
                written in double quotes there: '"BRK-B"/SPX.MCAP'. Every query takes --since, --until and
                --as-of (use only what was known on that day), --format and -o. Which series
                play which role comes from mstore.toml beside the store (or --config); see
                mstore config.

                Examples:
                  mstore query concentration --since 2024
                  mstore query repo --since 2025-09
                  mstore query credit --latest
                  mstore query marks --min-spread 15
                  mstore query spider --at 2019-09 --at 2025-06 --at 2025-10
                  mstore query fragility --since 2025
                  mstore query hedge BTC --vs NDX,GOLD --window 90
                  mstore query transform WALCL --units pc1
                  mstore query rolling SOFR-IORB --stat zscore --window 252
                  mstore query corr BTC NDX --window 90d
                """,
            subcommands: [
                Concentration.self, Repo.self, Credit.self, Marks.self, KShape.self, Hedge.self, Spider.self, Fragility.self,
                Transform.self, Rolling.self, Corr.self,
            ])
    }
}

/// The named queries on the store, with the config (defaults when `config` is nil) and period.
func namedQueries(_ store: StoreOptions, _ config: ConfigOptions?, _ period: PeriodOptions) throws -> NamedQueries {
    let db = try store.openForReading()
    return NamedQueries(
        source: db, config: try config?.load(folder: store.configFolder) ?? QueryConfig(), since: period.sinceDay, until: period.untilDay, asOf: period.asOfDay)
}

/// A query subcommand: a store, a period, an output and, for the named queries, a config.
protocol QueryCommand: ParsableCommand {
    var store: StoreOptions { get }
    var period: PeriodOptions { get }
    var output: OutputOptions { get }
    /// `--config`, for the queries that read roles from it.
    var configOptions: ConfigOptions? { get }
}

extension QueryCommand {
    var configOptions: ConfigOptions? { nil }

    /// Runs `body` on the store's named queries and prints its table; an empty one is
    /// explained on stderr in terms of `keys` (the whole store when empty).
    func answer(keys: [String] = [], _ body: (NamedQueries) throws -> ResultTable) throws {
        try reportingErrors {
            let queries = try namedQueries(store, configOptions, period)
            try output.emit(try body(queries), whenEmpty: period.emptyReason(queries.source, keys: keys))
        }
    }
}
