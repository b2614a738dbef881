import ArgumentParser
import MStore

extension MStoreCommand {
    struct Series: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Spans as they were known on this day.", valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("Only series with this tag (repeatable; all must match).", valueName: "key=value"))
        var tag: [String] = []

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let asOf { _ = try parseBound(asOf, flag: "--as-of") }
            for t in tag { _ = try parseTag(t) }
        }

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                if let key {
                    try showOne(db, key: key)
                    return
                }
                let asOfDay = try asOf.map { try parseBound($0, flag: "--as-of").last }
                var catalog = try db.catalog(asOf: asOfDay)
                let wanted = try tag.map(parseTag)
                if !wanted.isEmpty {
                    let keys = try Set(db.keys(withTags: wanted))
                    catalog = catalog.filter { keys.contains($0.key) }
                }
                try output.emit(
                    ResultTable(
                        columns: ["key", "name", "unit", "frequency", "source", "first", "last", "count"],
                        rows: catalog.map { s in
                            [
                                .text(s.key), s.name.map(Cell.text) ?? .null, s.unit.map(Cell.text) ?? .null,
                                s.frequency.map(Cell.text) ?? .null, s.source.map(Cell.text) ?? .null,
                                s.first.map(Cell.date) ?? .null, s.last.map(Cell.date) ?? .null, .integer(Int64(s.count)),
                            ]
                        }))
            }
        }

        private func showOne(_ db: Store, key: String) throws {
            let s = try db.seriesInfo(key: key)
            let tags = try db.tags(key: s.key)
            let rows: [[Cell]] = [
                [.text("key"), .text(s.key)], [.text("name"), s.name.map(Cell.text) ?? .null], [.text("unit"), s.unit.map(Cell.text) ?? .null],
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

    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set or remove tags on series.",
            discussion: """
                Tags are key=value pairs that group series. mstore series --tag and mstore
                export --tag select by them; two queries read them: concentration takes the
                series tagged universe=SPX, marks the series tagged instrument=… and
                holder=…. Other tags (category=funding, sector=tech) are yours to filter on;
                the fragility index takes its indicators from config ([fragility] in
                mstore.toml, see mstore config), not from tags. Setting a tag that exists
                replaces its value.

                Examples:
                  mstore tag MCAP.AAPL universe=SPX sector=tech
                  mstore tag SOFR category=funding
                  mstore tag SOFR --remove category
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The series key.", valueName: "key"))
        var key: String

        @Argument(help: ArgumentHelp("Tags to set.", valueName: "key=value"))
        var tags: [String] = []

        @Option(help: ArgumentHelp("A tag to remove (repeatable).", valueName: "name"))
        var remove: [String] = []

        func validate() throws {
            guard !tags.isEmpty || !remove.isEmpty else { throw ValidationError("give tags to set (key=value) or --remove NAME") }
            for t in tags { _ = try parseTag(t) }
        }

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let canonical = try db.canonicalKey(key)
                try db.setTags(key: canonical, set: try tags.map(parseTag), remove: remove)
                let now = try db.tags(key: canonical).map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                writeToStandardOutput("\(canonical): \(now.isEmpty ? "no tags" : now)\n")
            }
        }
    }

    struct Revisions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the data fog: how often, by how much and how late series were revised.",
            discussion: """
                Without a key, one row per series that was ever revised, most revised first:
                revisions, dates revised, vintages that revised it, mean and largest absolute
                change, mean change in percent of the old value, and the median number of days
                from the observation date to the revision. With a key, every revision of that
                series: the observation date, the old and new value, the change, the vintage
                (the day the new value became known) and how many days after the observation
                date that was.

                Examples:
                  mstore revisions
                  mstore revisions PAYEMS
                  mstore revisions WALCL --since 2025-09 --format csv
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The series key (default: a summary of every revised series).", valueName: "key"))
        var key: String?

        @Option(help: ArgumentHelp("First observation date.", valueName: "date"))
        var since: String?

        @Option(help: ArgumentHelp("Last observation date.", valueName: "date"))
        var until: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let since { _ = try parseBound(since, flag: "--since") }
            if let until { _ = try parseBound(until, flag: "--until") }
            try checkOrder(since: since, until: until)
        }

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let first = try since.map { try parseBound($0, flag: "--since").first }
                let last = try until.map { try parseBound($0, flag: "--until").last }
                guard let key else {
                    let summary = try db.revisionSummary(since: first, until: last)
                    if summary.isEmpty { note("no series has been revised: each date holds the one value ingested for it") }
                    try output.emit(
                        ResultTable(
                            columns: ["series", "unit", "revisions", "dates", "vintages", "mean_abs_change", "max_abs_change", "mean_abs_pct", "median_days_after", "last_vintage"],
                            rows: summary.map { s in
                                [.text(s.key), s.unit.map(Cell.text) ?? .null, .integer(Int64(s.revisions)), .integer(Int64(s.datesRevised)),
                                 .integer(Int64(s.vintages)), .number(s.meanAbsoluteChange), .number(s.maxAbsoluteChange),
                                 .number(s.meanAbsolutePercent), .number(s.medianDaysAfter), .date(s.lastVintage)]
                            }))
                    return
                }
                let canonical = try db.canonicalKey(key)
                let revisions = try db.revisions(key: canonical, since: first, until: last)
                if revisions.isEmpty { note("\(canonical) has not been revised\(first != nil || last != nil ? " in that period" : ""): each date holds the one value ingested for it") }
                try output.emit(
                    ResultTable(
                        columns: ["date", "old", "new", "change", "vintage", "days_after"],
                        rows: revisions.map { r in
                            [.date(r.date), .number(r.oldValue), .number(r.newValue), .number(r.change), .date(r.vintage), .integer(Int64(r.daysAfter))]
                        }))
            }
        }
    }
}
