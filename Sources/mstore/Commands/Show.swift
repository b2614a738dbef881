import ArgumentParser
import MStore

extension MStoreCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the observations of one series.",
            discussion: """
                Dates may be a year (2024), a month (2024-06) or a day (2024-06-15): --since
                starts at the first day of the period, --until and --as-of end at its last day.
                --as-of shows the values as they were known then, before later revisions.
                An expression A-B is a spread (in basis points when both are in percent).

                Examples:
                  mstore show WRESBAL --since 2025
                  mstore show WRESBAL --since 2024-06 --until 2024-12 --format csv
                  mstore show WALCL --as-of 2025-10-15
                  mstore show SOFR-IORB --since 2025-10
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The series key (case-insensitive), or an expression: A-B, A/B, A|B.", valueName: "key"))
        var key: String

        @Option(help: ArgumentHelp("First date to show.", valueName: "date"))
        var since: String?

        @Option(help: ArgumentHelp("Last date to show.", valueName: "date"))
        var until: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Show what was known on this day.", valueName: "date"))
        var asOf: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let since { _ = try parseBound(since, flag: "--since") }
            if let until { _ = try parseBound(until, flag: "--until") }
            if let asOf { _ = try parseBound(asOf, flag: "--as-of") }
            try checkOrder(since: since, until: until)
        }

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let sinceDay = try since.map { try parseBound($0, flag: "--since").first }
                let untilDay = try until.map { try parseBound($0, flag: "--until").last }
                let asOfDay = try asOf.map { try parseBound($0, flag: "--as-of").last }
                let why = { db.emptyAnswerReason(keys: [key], since: sinceDay, until: untilDay, asOf: asOfDay) }
                if isExpression(key) {
                    let series = try db.timeSeries(key, until: untilDay, asOf: asOfDay).slice(since: sinceDay)
                    try output.emit(ResultTable(series: [series]), whenEmpty: why)
                    return
                }
                let canonical = try db.canonicalKey(key)
                let points = try db.observations(key: canonical, since: sinceDay, until: untilDay, asOf: asOfDay)
                try output.emit(ResultTable(columns: ["date", canonical], rows: points.map { [.date($0.date), .number($0.value)] }), whenEmpty: why) {
                    try db.metadataTable(keys: [canonical])
                }
            }
        }
    }
}
