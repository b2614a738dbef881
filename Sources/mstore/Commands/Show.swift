import ArgumentParser
import MStore

extension MStoreCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the observations of one series.",
            discussion: """
                Dates may be a year (2024), a month (2024-06) or a day (2024-06-15): --since
                starts at the first day of the period, --until and --as-of end at its last day.
                --as-of shows the values as they were known then, before later revisions.
                An expression A-B is a spread (in basis points when both are in percent);
                in one, a key with - / | = or spaces is written in double quotes. Keys match
                case-insensitively.

                Examples:
                  mstore show WRESBAL --since 2025
                  mstore show WRESBAL --since 2024-06 --until 2024-12 --format csv
                  mstore show WALCL --as-of 2025-10-15
                  mstore show SOFR-IORB --since 2025-10
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The series key (case-insensitive), or an expression: A-B, A/B, A|B.", valueName: "key"))
        var key: String

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.openForReading()
                let (sinceDay, untilDay, asOfDay) = (period.sinceDay, period.untilDay, period.asOfDay)
                let why = period.emptyReason(db, keys: [key])
                if db.isExpression(key) {
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
