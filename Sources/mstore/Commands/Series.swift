import ArgumentParser
import MStore

extension MStoreCommand {
    struct Series: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the series in the store.",
            discussion: """
                One row per series: key, name, unit, frequency, source, first and last date,
                and the number of observations (as currently known, or as known on --as-of).

                Examples:
                  mstore series
                  mstore series --format json
                  mstore series --as-of 2025-06-30 -o catalog.csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Spans as they were known on this day.", valueName: "date"))
        var asOf: String?

        func run() throws {
            try reportingErrors {
                let asOfDay = try asOf.map { try parseBound($0, flag: "--as-of").last }
                let catalog = try store.open(mustExist: true).catalog(asOf: asOfDay)
                let table = ResultTable(
                    columns: ["key", "name", "unit", "frequency", "source", "first", "last", "count"],
                    rows: catalog.map { s in
                        [
                            .text(s.key), s.name.map(Cell.text) ?? .null, s.unit.map(Cell.text) ?? .null,
                            s.frequency.map(Cell.text) ?? .null, s.source.map(Cell.text) ?? .null,
                            s.first.map(Cell.date) ?? .null, s.last.map(Cell.date) ?? .null, .integer(Int64(s.count)),
                        ]
                    })
                try output.emit(table)
            }
        }
    }
}
