import ArgumentParser
import Foundation
import MStore

extension MStoreCommand {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Ingest the bundled story fixtures and answer the questions of the macro story.",
            discussion: """
                Loads Fixtures/story — 2018 to November 2025 in the publishers' layouts, as
                downloaded on 2025-03-31, 2025-06-30, 2025-09-30 and 2025-11-24, each download
                stored at its date (its vintage): FRED policy rates, reserves, the Fed's balance
                sheet, real GDP, payrolls, bank credit and credit spreads, the New York Fed's SOFR
                and EFFR with percentiles, Oracle CDS, private-credit marks, household stress,
                market caps of 30 S&P 500 members and BTC, gold, Nasdaq-100 and S&P 500 prices.
                GDP, payrolls, bank credit and the balance sheet are revised between downloads,
                so --as-of answers differ by date. Then prints what each named query says and
                ends on the status screen. Running it again is quick: files already ingested
                are skipped.

                Examples:
                  mstore demo
                  mstore demo --db /tmp/demo.db
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("The fixtures folder (default: ./Fixtures, else the one in the source tree).", valueName: "dir"))
        var fixtures: String?

        func run() throws {
            try reportingErrors {
                let root = try fixturesFolder() + "/story"
                let db = try store.open()
                // One folder per download date: the story as it was known on each day.
                let vintages = try FileManager.default.contentsOfDirectory(atPath: root).compactMap { name in
                    PeriodBound(name).flatMap { $0.first == $0.last ? (name, $0.first) : nil }
                }.sorted { $0.1 < $1.1 }
                say("== mstore ingest Fixtures/story/<date>/*.csv --vintage <date>   (store: \(db.path))")
                for (folder, vintage) in vintages {
                    let files = try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder).filter { $0.hasSuffix(".csv") }.sorted()
                    var total = IngestTotals()
                    for file in files {
                        var options = IngestOptions(vintage: vintage, displayName: "Fixtures/story/\(folder)/\(file)")
                        if file.hasPrefix("spx_member_caps") { options.tags = [("universe", "SPX")] }
                        let report = try db.ingest(path: root + "/" + folder + "/" + file, options: options)
                        total.add(report)
                        if report.revised > 0 { say("  " + report.summary) }
                    }
                    say(total.summary(folder: "Fixtures/story/" + folder, files: files.count))
                }
                let catalog = try db.catalog()
                say("\(catalog.count) series, \(catalog.reduce(0) { $0 + $1.count }) observations\n")
                func run(_ title: String, since: String? = nil, until: String? = nil, _ body: (NamedQueries) throws -> ResultTable) throws {
                    say("== \(title)")
                    let q = NamedQueries(
                        source: db, config: QueryConfig(), since: since.flatMap { PeriodBound($0)?.first }, until: until.flatMap { PeriodBound($0)?.last })
                    writeToStandardOutput(try body(q).rendered(as: .table) + "\n")
                }
                try run("Repo in September 2019: mstore query repo --since 2019-09-13 --until 2019-09-19", since: "2019-09-13", until: "2019-09-19") {
                    try RepoMonitor.run($0)
                }
                try run("Repo in late October 2025: mstore query repo --since 2025-10-27 --until 2025-10-31", since: "2025-10-27", until: "2025-10-31") {
                    try RepoMonitor.run($0)
                }
                try run("Concentration: mstore query concentration --since 2025-11-19", since: "2025-11-19") { try $0.concentration() }
                try run("Credit: mstore query credit --latest") { try $0.credit(latest: true) }
                try run("Private credit: mstore query marks --min-spread 15 --since 2025-10", since: "2025-10") { try $0.marks(minSpread: 15) }
                try run("Bitcoin vs hedges: mstore query hedge BTC --vs NDX,GOLD --window 90 --since 2025-11-19", since: "2025-11-19") {
                    try $0.hedge("BTC", vs: ["NDX", "GOLD"], window: .count(90)).keeping { $0 == "date" || $0.hasPrefix("corr_") || $0.hasPrefix("drawdown_") }
                }
                try run("Spider: mstore query spider --at 2019-09 --at 2025-06 --at 2025-10 --baseline 2018-04:2019-08") { q in
                    try q.spider(at: ["2019-09", "2025-06", "2025-10"].compactMap(NamedQueries.Period.init), baseline: NamedQueries.Period("2018-04:2019-08"))
                }
                try run("Fragility: mstore query fragility --since 2025-06", since: "2025-06") { try $0.fragility() }
                say("== The whole picture: mstore status")
                let status = statusTable(try NamedQueries(source: db, config: QueryConfig()).status())
                say(colourised(status.rendered(as: .table), colour: useColour()))
            }
        }

        private func say(_ line: String) { writeToStandardOutput(line + "\n") }

        /// What the files of one download date did to the store.
        private struct IngestTotals {
            var rows = 0, inserted = 0, revised = 0, unchanged = 0, skipped = 0
            mutating func add(_ report: IngestReport) {
                if report.alreadyIngestedBy != nil {
                    skipped += 1
                    return
                }
                rows += report.rowsRead
                inserted += report.inserted
                revised += report.revised
                unchanged += report.unchanged
            }
            func summary(folder: String, files: Int) -> String {
                var s = "\(folder): \(files) files, \(rows) rows: \(inserted) inserted, \(revised) revised, \(unchanged) unchanged"
                if skipped > 0 { s += " (\(skipped) already ingested)" }
                return s
            }
        }

        private func fixturesFolder() throws -> String {
            let manager = FileManager.default
            if let fixtures { return fixtures }
            if manager.fileExists(atPath: "Fixtures/story") { return "Fixtures" }
            // Running from elsewhere: the source tree this binary was built from.
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
            guard manager.fileExists(atPath: source + "/story") else {
                throw MStoreError.notFound(what: "fixtures folder", hint: "run from the mstore checkout or pass --fixtures DIR")
            }
            return source
        }
    }
}
