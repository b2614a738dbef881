import ArgumentParser
import Foundation
import MStore

extension MStoreCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the story as one self-contained HTML page: charts, latest values, alerts.",
            discussion: """
                Sections: funding and repo (the essay's spider, SOFR - IORB with September
                2019 shaded, reserves), credit (spreads and CDS, one panel per unit),
                private-credit marks, the K-shape, concentration (top-10 share with the index
                total), hedges (bitcoin's correlations with the Nasdaq and gold, drawdown) and
                fragility. Each has the status lines of its dynamic (latest value, changes,
                percentile, ALERT), a one-line reading and the vintage it was built from; a
                section whose inputs are missing says what to ingest. Styles and charts are
                inline (no network); it reads on a laptop, a phone and paper, in light and
                dark schemes. --as-of builds it from what was known on that day.

                Examples:
                  mstore report -o story.html
                  mstore report --as-of 2025-06-30 -o june.html
                  mstore report --since 2024 -o recent.html
                """)

        @OptionGroup var store: StoreOptions

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the page (default: standard output).", valueName: "file"))
        var output: String?

        @OptionGroup var period: PeriodOptions
        @OptionGroup var config: ConfigOptions

        func run() throws {
            try reportingErrors {
                let queries = try namedQueries(store, config, period)
                let page = try StoryReport(queries: queries, storeName: Store.shown(store.path)).html()
                if let output {
                    try writeAtomically(page, to: output)
                } else {
                    writeToStandardOutput(page)
                }
            }
        }
    }
}
