import ArgumentParser
import Foundation
import MStore

extension MStoreCommand {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest the bundled fixtures and show what the store holds.",
            discussion: """
                Loads the sample files shipped in Fixtures/ (FRED downloads of reserves, IORB,
                SOFR and EFFR; daily market caps of 15 large US companies; two downloads of the
                Fed's balance sheet five weeks apart), then prints the catalog, recent reserves,
                and the balance sheet as known now and as known before the revision.
                Running it again is quick: files already ingested are skipped.

                Examples:
                  mstore demo
                  mstore demo --db /tmp/demo.db
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("The fixtures folder (default: ./Fixtures, else the one in the source tree).", valueName: "dir"))
        var fixtures: String?

        func run() throws {
            try reportingErrors {
                let root = try fixturesFolder()
                let db = try store.open()
                let files: [(String, Day?)] = [
                    ("fred/WRESBAL.csv", nil), ("fred/IORB.csv", nil), ("fred/SOFR_EFFR.csv", nil),
                    ("long/spx_market_caps.csv", nil),
                    ("revisions/WALCL_2025-10-01.csv", Day(year: 2025, month: 10, day: 1)),
                    ("revisions/WALCL_2025-11-05.csv", Day(year: 2025, month: 11, day: 5)),
                ]
                writeToStandardOutput("== Ingest (store: \(db.path))\n")
                for (file, vintage) in files {
                    let report = try db.ingest(
                        path: root + "/" + file, options: IngestOptions(vintage: vintage, displayName: "Fixtures/" + file))
                    writeToStandardOutput(report.summary + "\n")
                }
                let catalog = try db.catalog()
                let shown = catalog.filter { !$0.key.hasPrefix("MCAP.") || $0.key == "MCAP.AAPL" || $0.key == "MCAP.NVDA" }
                writeToStandardOutput("\n== mstore series  (\(catalog.count) series; MCAP.* shortened to two)\n")
                writeToStandardOutput(
                    ResultTable(
                        columns: ["key", "unit", "frequency", "source", "first", "last", "count"],
                        rows: shown.map { s in
                            [
                                .text(s.key), s.unit.map(Cell.text) ?? .null, s.frequency.map(Cell.text) ?? .null,
                                s.source.map(Cell.text) ?? .null, s.first.map(Cell.date) ?? .null,
                                s.last.map(Cell.date) ?? .null, .integer(Int64(s.count)),
                            ]
                        }
                    ).rendered(as: .table))
                let since = Day(year: 2025, month: 9, day: 1)
                writeToStandardOutput("\n== mstore show WRESBAL --since 2025-09   (reserves, USD bn)\n")
                let reserves = try db.observations(key: "WRESBAL", since: since)
                writeToStandardOutput(ResultTable(columns: ["date", "WRESBAL"], rows: reserves.map { [.date($0.date), .number($0.value)] }).rendered(as: .table))
                writeToStandardOutput("\n== WALCL since 2025-09: as known now vs --as-of 2025-10-15 (before the revision)\n")
                let now = try db.observations(key: "WALCL", since: since)
                let then = try db.observations(key: "WALCL", since: since, asOf: Day(year: 2025, month: 10, day: 15))
                let before = Dictionary(uniqueKeysWithValues: then.map { ($0.date, $0.value) })
                writeToStandardOutput(
                    ResultTable(
                        columns: ["date", "now", "as_of_2025-10-15"],
                        rows: now.map { [.date($0.date), .number($0.value), before[$0.date].map(Cell.number) ?? .null] }
                    ).rendered(as: .table))
            }
        }

        private func fixturesFolder() throws -> String {
            let manager = FileManager.default
            if let fixtures { return fixtures }
            if manager.fileExists(atPath: "Fixtures/fred") { return "Fixtures" }
            // Running from elsewhere: the source tree this binary was built from.
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
            guard manager.fileExists(atPath: source + "/fred") else {
                throw MStoreError.notFound(what: "fixtures folder", hint: "run from the mstore checkout or pass --fixtures DIR")
            }
            return source
        }
    }
}
