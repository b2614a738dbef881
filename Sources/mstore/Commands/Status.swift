import ArgumentParser
import Foundation
import MStore

extension MStoreCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "One screen: every dynamic of the story, latest value, change, percentile, trend and alerts.",
            discussion: """
                Each line is an indicator from config status.indicators ("Dynamic: EXPR > x"):
                its latest value and date, its change over one and three months, the
                percentile of the latest value in its own history (0-100, ties count half, like
                spider and kshape), a sparkline of the last
                half-year (weekly) or two years (monthly), ALERT when beyond its threshold and
                STALE when its last observation is older than its frequency allows (judged
                against the newest observation in the store, or --as-of). Derived indicators:
                @marks, @concentration, @fragility, @corr(A,B,window), @drawdown(A).
                Colour only on a terminal, never with NO_COLOR.

                Examples:
                  mstore status
                  mstore status --as-of 2025-06-30
                  mstore status --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var knownOn: AsOfOption
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.openForReading()
                let queries = NamedQueries(
                    source: db, config: try config.load(folder: store.configFolder), until: knownOn.asOfDay, asOf: knownOn.asOfDay)
                let table = statusTable(try queries.status(), rounded: output.resolvedFormat == .table)
                if output.resolvedFormat == .table {
                    try output.emitText(colourised(table.rendered(as: .table), colour: output.output == nil && useColour()))
                } else {
                    try output.emit(table)
                }
            }
        }
    }
}

func useColour() -> Bool {
    isTerminal(1) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}

