import ArgumentParser
import MStore

extension MStoreCommand {
    struct Series: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "series",
            abstract: "List the series in the store, or show one series in full.",
            discussion: """
                Without a key: one row per series with key, name, unit, frequency, source,
                first and last date, and the number of observations (as currently known, or
                as known on --as-of). --tag keeps only series carrying that tag.

                With a key: the series' metadata, its tags and every ingest that stored its
                values.

                Examples:
                  mstore series
                  mstore series --tag universe=SPX --format json
                  mstore series --as-of 2025-06-30 -o catalog.csv
                  mstore series WALCL
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("A series key, to show that series in full.", valueName: "key"))
        var key: String?

        @OptionGroup var knownOn: AsOfOption

        @Option(help: ArgumentHelp("Only series with this tag (repeatable; all must match).", valueName: "key=value"))
        var tag: [String] = []

        @OptionGroup var output: OutputOptions

        func validate() throws {
            for t in tag { _ = try parseTag(t) }
        }

        func run() throws {
            try reportingErrors {
                let db = try store.openForReading()
                if let key {
                    try showOne(db, key: key)
                    return
                }
                var catalog = try db.catalog(asOf: knownOn.asOfDay)
                let wanted = try tag.map(parseTag)
                if !wanted.isEmpty {
                    let keys = try Set(db.keys(withTags: wanted))
                    catalog = catalog.filter { keys.contains($0.key) }
                }
                // The publisher's multiplier, when any series has one (values are stored as published).
                let multipliers = catalog.contains { $0.multiplier != nil }
                try output.emit(
                    ResultTable(
                        columns: ["key", "name", "unit"] + (multipliers ? ["multiplier"] : []) + ["frequency", "source", "first", "last", "count"],
                        rows: catalog.map { s in
                            [.text(s.key), s.name.map(Cell.text) ?? .null, s.unit.map(Cell.text) ?? .null]
                                + (multipliers ? [s.multiplier.map(Cell.number) ?? .null] : [])
                                + [
                                    s.frequency.map(Cell.text) ?? .null, s.source.map(Cell.text) ?? .null,
                                    s.first.map(Cell.date) ?? .null, s.last.map(Cell.date) ?? .null, .integer(Int64(s.count)),
                                ]
                        }))
            }
        }

        private func showOne(_ db: Store, key: String) throws {
            let s = try db.seriesInfo(key: key)
            let tags = try db.tags(key: s.key)
            var published: [[Cell]] = []
            if let m = s.multiplier { published.append([.text("multiplier"), .number(m)]) }
            if let c = s.currency { published.append([.text("currency"), .text(c)]) }
            let rows: [[Cell]] = [
                [.text("key"), .text(s.key)], [.text("name"), s.name.map(Cell.text) ?? .null], [.text("unit"), s.unit.map(Cell.text) ?? .null],
            ] + published + [
                    [.text("frequency"), s.frequency.map(Cell.text) ?? .null], [.text("source"), s.source.map(Cell.text) ?? .null],
                [.text("notes"), s.notes.map(Cell.text) ?? .null], [.text("first"), s.first.map(Cell.date) ?? .null],
                [.text("last"), s.last.map(Cell.date) ?? .null], [.text("count"), .integer(Int64(s.count))],
                [.text("tags"), .text(tags.map { "\($0.name)=\($0.value)" }.joined(separator: " "))],
            ]
            let format = output.resolvedFormat
            let history = try db.ingestHistory(key: s.key)
            let runs = ResultTable(
                columns: ["run", "file", "vintage", "finished", "inserted", "revised", "unchanged", "rejected", "sha256"],
                rows: history.map { r in
                    [
                        .integer(r.id), .text(r.fileName), .text(r.vintage), r.finishedAt.map(Cell.text) ?? .null, .integer(Int64(r.inserted)),
                        .integer(Int64(r.revised)), .integer(Int64(r.unchanged)), .integer(Int64(r.rejected)), .text(String(r.sha256.prefix(12))),
                    ]
                })
            let meta = ResultTable(columns: ["field", "value"], rows: rows)
            if format == .table {
                try output.emitText(meta.rendered(as: .table) + "\nIngest history\n" + runs.rendered(as: .table))
            } else {
                try output.emit(meta)
            }
        }
    }
}
