import ArgumentParser
import MStore

extension MStoreCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write several series side by side for a spreadsheet.",
            discussion: """
                One column per series on the union of their dates (or --long: date, series,
                value). --freq converts each series first (W, W-FRI, M, Q, A with --agg), then
                --units applies a FRED transform. --fill ffill carries each series' last value
                into the other series' dates, never past its own last observation, and for at
                most --max-stale days when given. Text cells that a spreadsheet would run as a
                formula (= + - @) are written with a leading '. Files are written atomically.
                xlsx workbooks get real date cells, a frozen header and a metadata sheet;
                --sheet NAME adds the sheet to an existing workbook mstore wrote (or replaces
                the sheet of that name).

                Examples:
                  mstore export WRESBAL IORB SOFR --freq W --since 2023 -o funding.csv
                  mstore export --tag universe=SPX --since 2025-11 --format json
                  mstore export BTC GOLD NDX --fill ffill --max-stale 3 --bom -o hedges.csv
                  mstore export WALCL --units pc1 --long --format ndjson
                  mstore export WRESBAL IORB SOFR --freq W -o book.xlsx --sheet funding
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Series keys or expressions (A-B, A/B, A|B).", valueName: "key"))
        var keys: [String] = []

        @Option(help: ArgumentHelp("Add the series with this tag (repeatable; all must match).", valueName: "key=value"))
        var tag: [String] = []

        @OptionGroup var conversion: ConversionOptions

        @Option(help: ArgumentHelp("none or ffill.", valueName: "mode"))
        var fill = "none"

        @Option(help: ArgumentHelp("With ffill, carry a value at most this many days.", valueName: "days"))
        var maxStale: Int?

        @Flag(help: "One row per date and series instead of one column per series.")
        var long = false

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !keys.isEmpty || !tag.isEmpty else { throw ValidationError("give series keys or --tag key=value") }
            guard fill == "none" || fill == "ffill" else { throw ValidationError("--fill \(fill): expected none or ffill") }
            for t in tag { _ = try parseTag(t) }
            try checkRange(maxStale, 0...100_000, flag: "--max-stale")
        }

        func run() throws {
            try reportingErrors {
                let db = try store.openForReading()
                var request = ExportRequest()
                request.keys = keys
                request.tags = try tag.map(parseTag)
                request.frequency = conversion.freq
                request.aggregation = conversion.agg
                request.units = conversion.units
                request.fill = fill == "ffill"
                request.maxStale = maxStale
                request.long = long
                request.since = period.sinceDay
                request.until = period.untilDay
                request.asOf = period.asOfDay
                try output.emit(try db.export(request), whenEmpty: period.emptyReason(db, keys: request.keys)) {
                    try db.metadataTable(keys: request.keys + (request.tags.isEmpty ? [] : try db.keys(withTags: request.tags)))
                }
            }
        }
    }
}
