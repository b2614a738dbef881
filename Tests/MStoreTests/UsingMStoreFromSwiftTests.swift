import Foundation
import MStore  // the public API only: no @testable here
import Testing

/// The article "Using MStore from Swift" (Sources/MStore/MStore.docc): its code runs here,
/// and a test checks that every line of its code blocks is in this file.
@Suite struct UsingMStoreFromSwiftTests {
    @Test func theArticleRuns() throws {
        let directory = try temporaryDirectory()
        let fixtures = CLI.fixtures

        let store = try Store(path: directory + "/desk.db")
        let vintage = Day(year: 2025, month: 11, day: 24)
        let report = try store.ingest(path: fixtures + "/story/2025-11-24/fred_reserves.csv", options: IngestOptions(vintage: vintage))
        print(report.summary)  // …fred_reserves.csv: fred, 1 series (WRESBAL), 411 rows: 411 inserted, …

        let queries = NamedQueries(source: store, since: Day(year: 2025, month: 10, day: 1))
        let change = try queries.transform("WRESBAL", units: .pc1)
        let latest = change.rows.last

        var book = Workbook()
        book.setSheet("reserves", change)
        try writeAtomically(bytes: book.bytes(), to: directory + "/desk.xlsx")

        // What the article promises, checked against the file itself.
        let rows = try String(contentsOfFile: fixtures + "/story/2025-11-24/fred_reserves.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(report.inserted == rows.count)
        #expect(report.seriesKeys == ["WRESBAL"])
        let values = rows.map { $0.split(separator: ",") }.map { (String($0[0]), Double($0[1])!) }
        let (lastDate, lastValue) = try #require(values.last)
        // FRED's pc1 on a weekly series: against the value 52 observations earlier.
        let yearBefore = values[values.count - 53]
        #expect(latest?[0] == .date(try #require(Day(year: 2025, month: 11, day: 19))) && lastDate == "2025-11-19")
        guard case let .number(pc1)? = latest?[1] else { Issue.record("no number in \(String(describing: latest))"); return }
        #expect(abs(pc1 - (lastValue / yearBefore.1 - 1) * 100) < 1e-9)
        let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/desk.xlsx"))
        #expect(Array(written.prefix(2)) == [0x50, 0x4B])  // a zip: PK
        #expect(try Workbook(bytes: Array(written), path: directory + "/desk.xlsx").sheetNames == ["reserves"])
    }

    @Test func theArticleShowsThisCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let article = try String(contentsOf: root.appendingPathComponent("Sources/MStore/MStore.docc/UsingMStoreFromSwift.md"), encoding: .utf8)
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        var inSwift = false
        var lines = 0
        for line in article.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                inSwift = line == "```swift"
                continue
            }
            guard inSwift, !line.isEmpty else { continue }
            lines += 1
            #expect(test.contains("        " + line + "\n"), "the article's line is not in the test: \(line)")
        }
        #expect(lines >= 10)
    }
}
