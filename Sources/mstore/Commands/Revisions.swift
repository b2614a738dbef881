import ArgumentParser
import MStore

extension MStoreCommand {
    struct Revisions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revisions",
            abstract: "Show the data fog: how often, by how much and how late series were revised.",
            discussion: """
                Without a key, one row per series that was ever revised, most revised first:
                revisions, dates revised, vintages that revised it, mean and largest absolute
                change, mean change in percent of the old value, and the median number of days
                from the observation date to the revision. With a key, every revision of that
                series: the observation date, the old and new value, the change, the vintage
                (the day the new value became known) and how many days after the observation
                date that was. --since and --until select observation dates; --as-of keeps the
                revisions known by that day. --arrived-since DATE lists every revision, of
                any series, that became known on or after DATE (what recent updates brought).

                Examples:
                  mstore revisions
                  mstore revisions PAYEMS
                  mstore revisions WALCL --since 2025-09 --format csv
                  mstore revisions --arrived-since 2025-11
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The series key (default: a summary of every revised series).", valueName: "key"))
        var key: String?

        @Option(help: ArgumentHelp("Every revision that became known on or after this date.", valueName: "date"), transform: { try parseBound($0) })
        var arrivedSince: PeriodBound?

        @OptionGroup var period: PeriodOptions

        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let db = try store.openForReading()
                let (first, last, asOf) = (period.sinceDay, period.untilDay, period.asOfDay)
                if let arrivedSince {
                    var arrived = try db.revisionsArrived(since: arrivedSince.first)
                    if let key {
                        let canonical = try db.canonicalKey(key)
                        arrived = arrived.filter { $0.key == canonical }
                    }
                    if arrived.isEmpty { note("no revision became known on or after \(arrivedSince.first)") }
                    try output.emit(
                        ResultTable(
                            columns: ["series", "date", "old", "new", "change", "vintage"],
                            rows: arrived.map { a in
                                [.text(a.key), .date(a.revision.date), .number(a.revision.oldValue), .number(a.revision.newValue),
                                 .number(a.revision.change), .date(a.revision.vintage)]
                            }))
                    return
                }
                guard let key else {
                    let summary = try db.revisionSummary(since: first, until: last, asOf: asOf)
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
                let revisions = try db.revisions(key: canonical, since: first, until: last, asOf: asOf)
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
