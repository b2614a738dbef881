import Foundation
import Testing

@testable import MStore

@Suite struct StoreIngestTests {
    let v1 = day("2025-10-01")
    let v2 = day("2025-11-05")

    func values(_ store: Store, _ key: String, asOf: Day? = nil) throws -> [String: Double] {
        Dictionary(uniqueKeysWithValues: try store.observations(key: key, asOf: asOf).map { ($0.date.description, $0.value) })
    }

    @Test(arguments: StoreKind.allCases)
    func fredLayoutWithMissingDots(kind: StoreKind) throws {
        let store = try kind.make()
        let path = try writeTemporaryFile("observation_date,SOFR,EFFR\n2025-10-30,4.22,4.12\n2025-10-31,.,4.13\n2025-11-03,4.01,\n")
        let report = try store.ingest(path: path, options: IngestOptions(vintage: v1))
        #expect(report.layout == "fred")
        #expect(report.seriesKeys == ["SOFR", "EFFR"])
        #expect((report.rowsRead, report.inserted, report.missing) == (3, 4, 2))
        #expect(try values(store, "SOFR") == ["2025-10-30": 4.22, "2025-11-03": 4.01])
        #expect(try values(store, "EFFR") == ["2025-10-30": 4.12, "2025-10-31": 4.13])
        #expect(try store.catalog().first { $0.key == "SOFR" }?.source == "FRED")
    }

    @Test(arguments: StoreKind.allCases)
    func oldFredHeaderDATE(kind: StoreKind) throws {
        let store = try kind.make()
        let report = try store.ingest(path: try writeTemporaryFile("DATE,IORB\n2025-10-30,3.90\n"))
        #expect(report.layout == "fred")
        #expect(try values(store, "IORB") == ["2025-10-30": 3.9])
    }

    @Test(arguments: StoreKind.allCases)
    func longLayoutWithUnitColumn(kind: StoreKind) throws {
        let store = try kind.make()
        let path = try writeTemporaryFile(
            "date,series,value,unit\n2025-11-03,MCAP.AAPL,4000.5,USD bn\n2025-11-03,MCAP.NVDA,4500,USD bn\n2025-11-04,MCAP.AAPL,3990.25,USD bn\n")
        let report = try store.ingest(path: path)
        #expect(report.layout == "long")
        #expect(report.inserted == 3)
        #expect(try values(store, "MCAP.AAPL") == ["2025-11-03": 4000.5, "2025-11-04": 3990.25])
        #expect(try store.catalog().map(\.unit) == ["USD bn", "USD bn"])
    }

    @Test(arguments: StoreKind.allCases)
    func longLayoutColumnsInAnyOrder(kind: StoreKind) throws {
        let store = try kind.make()
        try store.ingest(path: try writeTemporaryFile("symbol,value,date\nBTC,110000,2025-10-01\nBTC,88000,11/20/2025\n"))
        #expect(try values(store, "BTC") == ["2025-10-01": 110000, "2025-11-20": 88000])
    }

    @Test(arguments: StoreKind.allCases)
    func wideLayout(kind: StoreKind) throws {
        let store = try kind.make()
        let report = try store.ingest(path: try writeTemporaryFile("Date,BTC,GOLD\n2025-10,115000,4000\n2025-11,90000,4050\n"))
        #expect(report.layout == "wide")
        #expect(try values(store, "GOLD") == ["2025-10-01": 4000, "2025-11-01": 4050])
    }

    @Test(arguments: StoreKind.allCases)
    func revisionsAndAsOf(kind: StoreKind) throws {
        let store = try kind.make()
        let dir = try temporaryDirectory()
        let first = try writeTemporaryFile("observation_date,WALCL\n2025-09-17,6616663\n2025-09-24,6617418\n", name: "v1.csv", in: dir)
        let second = try writeTemporaryFile("observation_date,WALCL\n2025-09-17,6616663\n2025-09-24,6614318\n2025-10-01,6604765\n", name: "v2.csv", in: dir)
        try store.ingest(path: first, options: IngestOptions(vintage: v1))
        let report = try store.ingest(path: second, options: IngestOptions(vintage: v2))
        #expect((report.inserted, report.revised, report.unchanged) == (1, 1, 1))
        // Current: v2.
        #expect(try values(store, "WALCL") == ["2025-09-17": 6616663, "2025-09-24": 6614318, "2025-10-01": 6604765])
        // Known before v2: v1, without the later week.
        #expect(try values(store, "WALCL", asOf: day("2025-10-15")) == ["2025-09-17": 6616663, "2025-09-24": 6617418])
        // On the vintage day itself the new value is known.
        #expect(try values(store, "WALCL", asOf: v2)["2025-09-24"] == 6614318)
        // Before anything was known: nothing.
        #expect(try values(store, "WALCL", asOf: day("2025-09-30")).isEmpty)
        // The old value is kept, closed at the vintage.
        let history = try store.query(sql: "SELECT value, known_from, known_until FROM observation_history WHERE date = '2025-09-24' ORDER BY known_from")
        #expect(history.rows == [[.number(6617418), .text("2025-10-01"), .text("2025-11-05")], [.number(6614318), .text("2025-11-05"), .null]])
        // Re-ingesting v2 (same content) changes nothing and says so.
        let again = try store.ingest(path: second, options: IngestOptions(vintage: v2))
        #expect(again.alreadyIngestedBy != nil)
        #expect(again.summary.contains("already ingested"))
        #expect(try store.query(sql: "SELECT count(*) FROM observation").rows == [[.integer(4)]])
    }

    @Test(arguments: StoreKind.allCases)
    func sameContentUnderAnotherNameIsUnchanged(kind: StoreKind) throws {
        let store = try kind.make()
        let dir = try temporaryDirectory()
        try store.ingest(path: try writeTemporaryFile("observation_date,IORB\n2025-10-30,3.90\n", name: "a.csv", in: dir), options: IngestOptions(vintage: v1))
        let report = try store.ingest(
            path: try writeTemporaryFile("observation_date,IORB\n2025-10-30,3.9\n", name: "b.csv", in: dir), options: IngestOptions(vintage: v2))
        #expect((report.inserted, report.revised, report.unchanged) == (0, 0, 1))
    }

    @Test(arguments: StoreKind.allCases)
    func backfilledOlderVintageSitsBeforeTheCurrentOne(kind: StoreKind) throws {
        let store = try kind.make()
        let dir = try temporaryDirectory()
        try store.ingest(path: try writeTemporaryFile("observation_date,X\n2025-01-01,2\n", name: "new.csv", in: dir), options: IngestOptions(vintage: v2))
        try store.ingest(path: try writeTemporaryFile("observation_date,X\n2025-01-01,1\n", name: "old.csv", in: dir), options: IngestOptions(vintage: v1))
        #expect(try values(store, "X") == ["2025-01-01": 2])
        #expect(try values(store, "X", asOf: day("2025-10-20")) == ["2025-01-01": 1])
    }

    @Test(arguments: StoreKind.allCases)
    func sameDayRevisionKeepsBothVersions(kind: StoreKind) throws {
        let store = try kind.make()
        let dir = try temporaryDirectory()
        try store.ingest(path: try writeTemporaryFile("observation_date,X\n2025-01-01,1\n", name: "a.csv", in: dir), options: IngestOptions(vintage: v1))
        let report = try store.ingest(path: try writeTemporaryFile("observation_date,X\n2025-01-01,2\n", name: "b.csv", in: dir), options: IngestOptions(vintage: v1))
        #expect(report.revised == 1)
        #expect(try values(store, "X") == ["2025-01-01": 2])
        #expect(try values(store, "X", asOf: v1) == ["2025-01-01": 2])
        #expect(try store.query(sql: "SELECT count(*) FROM observation").rows == [[.integer(2)]])
    }

    @Test(arguments: StoreKind.allCases)
    func badLastRowLeavesTheStoreExactlyAsItWas(kind: StoreKind) throws {
        let store = try kind.make()
        try store.ingest(path: try writeTemporaryFile("observation_date,IORB\n2025-10-30,3.90\n"), options: IngestOptions(vintage: v1))
        let before = try snapshot(store)
        var text = "date,series,value\n"
        for i in 0..<5000 { text += "2025-01-01,S\(i),\(i)\n" }
        text += "2025-01-01,IORB,4..0\n"
        let path = try writeTemporaryFile(text)
        #expect(throws: MStoreError.badValue(SourceLocation(file: path, line: 5002, column: 3, columnName: "value"), value: "4..0", expected: ValueParsing.numberExpectation)) {
            try store.ingest(path: path)
        }
        #expect(try snapshot(store) == before)
    }

    func snapshot(_ store: Store) throws -> [ResultTable] {
        try ["series", "series_tag", "ingest_run", "observation"].map { try store.query(sql: "SELECT * FROM \($0) ORDER BY 1, 2") }
    }

    @Test(arguments: StoreKind.allCases)
    func dryRunWritesNothingButReportsCounts(kind: StoreKind) throws {
        let store = try kind.make()
        let report = try store.ingest(path: try writeTemporaryFile("observation_date,IORB\n2025-10-30,3.90\n"), options: IngestOptions(dryRun: true))
        #expect(report.inserted == 1)
        #expect(report.summary.contains("dry run"))
        #expect(try store.catalog().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func twoValuesForOneDateInOneFileNameBothLines(kind: StoreKind) throws {
        let store = try kind.make()
        let path = try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n2025-01-02,A,2\n2025-01-01,A,3\n")
        #expect(
            throws: MStoreError.conflictingValues(file: path, key: "A", date: day("2025-01-01"), firstLine: 2, firstValue: 1, line: 4, value: 3)
        ) { try store.ingest(path: path) }
        #expect(try store.catalog().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func repeatedIdenticalRowIsNotAConflict(kind: StoreKind) throws {
        let store = try kind.make()
        let report = try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n2025-01-01,A,1.0\n"))
        #expect((report.inserted, report.unchanged) == (1, 1))
    }

    @Test(arguments: [
        ("observation_date,X\n2025-13-01,1\n", "t.csv:2:1: bad value \"2025-13-01\" in column \"observation_date\": expected \(ValueParsing.dateExpectation)"),
        ("observation_date,X\n2025-01-01,1\n2025-01-02,abc\n", "t.csv:3:2: bad value \"abc\" in column \"X\": expected \(ValueParsing.numberExpectation)"),
        ("observation_date,X\n2025-01-01,abc\n", "t.csv:1: no column holds numbers (\"X\" hold text); name the value column with --value-column"),
        ("observation_date,X\n2025-01-01,1e999\n", "t.csv:2:2: bad value \"1e999\" in column \"X\": expected a number up to 1.8e308 in size and not so small that it rounds to 0 (this one is out of range)"),
        ("observation_date,X,Y\n2025-01-01,1\n", "t.csv:2: 2 fields but the header has 3"),
        ("observation_date,\(String(repeating: "K", count: 129))\n2025-01-01,1\n",
         "t.csv:1:2: bad value \(quoted(String(repeating: "K", count: 129))) in column \"\(String(repeating: "K", count: 129))\": expected \(SeriesKey.expectation) (or give --prefix to derive keys from the headers)"),
        ("observation_date,X,x\n", "t.csv:1:3: series x appears twice in the header (columns 2 and 3)"),
        ("date,series,value\n2025-01-01,SOFR\u{7}IORB,1\n", "t.csv:2:2: bad value \"SOFR\\u{7}IORB\" in column \"series\": expected \(SeriesKey.expectation)"),
        ("just_one_column\n1\n", "t.csv:1: the header \"just_one_column\" has 1 column; expected \(Sniffer.layoutExpectation)"),
        ("", "t.csv:1: the file is empty; expected \(Sniffer.layoutExpectation)"),
    ])
    func badInputMessagesNameFileLineColumnAndValue(text: String, message: String) throws {
        let store = try Store()
        let path = try writeTemporaryFile(text)
        do {
            try store.ingest(path: path, options: IngestOptions(displayName: "t.csv"))
            Issue.record("expected an error")
        } catch let error as MStoreError {
            #expect(error.description == message)
            #expect(error.exitCode == ExitStatus.dataError)
        }
        #expect(try store.catalog().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func missingFileIsNotFound(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(throws: MStoreError.notFound(what: "file \"/nonexistent/x.csv\"", hint: "check the path")) {
            try store.ingest(path: "/nonexistent/x.csv")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func frequencyIsInferred(kind: StoreKind) throws {
        let store = try kind.make()
        try store.ingest(path: try writeTemporaryFile("observation_date,W,M\n2025-10-01,1,1\n2025-10-08,2,\n2025-10-15,3,\n2025-11-01,,2\n2025-12-01,,3\n"))
        let frequencies = Dictionary(uniqueKeysWithValues: try store.catalog().map { ($0.key, $0.frequency) })
        #expect(frequencies == ["W": "W-WED", "M": "M"])
    }
}

@Suite struct IngestProgressTests {
    @Test(arguments: StoreKind.allCases)
    func progressEndsAtTheFileSize(kind: StoreKind) throws {
        let store = try kind.make()
        var text = "date,series,value\n"
        for i in 0..<40_000 { text += "2025-01-01,S\(i),\(i)\n" }
        let path = try writeTemporaryFile(text)
        let seen = Locked<[(Int, Int)]>([])
        var options = IngestOptions()
        options.progress = { done, total in seen.mutate { $0.append((done, total)) } }
        try store.ingest(path: path, options: options)
        let last = try #require(seen.value.last)
        #expect(last.0 == text.utf8.count && last.1 == text.utf8.count)
    }
}

final class Locked<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func mutate(_ body: (inout T) -> Void) { lock.withLock { body(&stored) } }
}

@Suite struct CatalogStatisticsTests {
    /// The catalog's first, last and count are kept by each ingest; they must equal what the
    /// current rows say, after new series, revisions, back-filled vintages and ALFRED columns.
    @Test(arguments: StoreKind.allCases)
    func catalogStatisticsMatchTheCurrentRows(kind: StoreKind) throws {
        let store = try kind.make()
        try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-02,A,1\n2025-01-03,A,2\n2025-01-06,B,5\n"), options: IngestOptions(vintage: day("2025-01-10")))
        try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-03,A,2.5\n2025-01-07,A,3\n2024-12-31,B,4\n"), options: IngestOptions(vintage: day("2025-01-20")))
        try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-08,A,9\n"), options: IngestOptions(vintage: day("2025-01-05")))
        try store.ingest(path: try writeTemporaryFile("observation_date,C_20250101,C_20250201\n2024-12-01,1,1.5\n2025-01-01,,2\n"))
        let stored = try store.catalog().map { [$0.key, $0.first?.description ?? "", $0.last?.description ?? "", String($0.count)] }
        let counted = try store.query(sql: """
            SELECT s.key, min(o.date), max(o.date), count(o.date) FROM series s
            LEFT JOIN observation o ON o.series_id = s.id AND o.known_until IS NULL GROUP BY s.id ORDER BY s.key
            """).rows.map { $0.map(\.text) }
        #expect(stored == counted)
        #expect(stored.first == ["A", "2025-01-02", "2025-01-08", "4"])
    }
}

@Suite struct SnapshotTests {
    /// Current reads come from the packed snapshot; reads as of a far day step through the
    /// rows. Both must give the same answer after new series, revisions, back-filled
    /// vintages and ALFRED columns.
    @Test(arguments: StoreKind.allCases)
    func snapshotReadsEqualRowReads(kind: StoreKind) throws {
        let store = try kind.make()
        let far = day("9999-12-30")
        try store.ingest(path: try writeTemporaryFile("date,series,value,tag:universe\n2025-01-02,A,1,U\n2025-01-03,A,2,U\n2025-01-06,B,5,U\n"), options: IngestOptions(vintage: day("2025-01-10")))
        try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-03,A,2.5\n2025-01-07,A,3\n2024-12-31,B,4\n"), options: IngestOptions(vintage: day("2025-01-20")))
        try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-08,A,9\n2025-01-03,B,7\n"), options: IngestOptions(vintage: day("2025-01-05")))
        try store.ingest(path: try writeTemporaryFile("observation_date,C_20250101,C_20250201\n2024-12-01,1,1.5\n2025-01-01,,2\n"))
        for key in ["A", "B", "C"] {
            #expect(try store.observations(key: key) == store.observations(key: key, asOf: far), "\(key)")
            #expect(try store.observations(key: key, since: day("2025-01-03"), until: day("2025-01-06")) == store.observations(key: key, since: day("2025-01-03"), until: day("2025-01-06"), asOf: far))
        }
        #expect(try store.observations(key: "A").map(\.value) == [1, 2.5, 3, 9])
        let now = try store.crossSection(tag: "universe", value: "U")
        let rows = try store.crossSection(tag: "universe", value: "U", asOf: far)
        #expect(now.days == rows.days)
        #expect(now.members.map { $0.sorted { $0.index < $1.index }.map(\.value) } == rows.members.map { $0.sorted { $0.index < $1.index }.map(\.value) })
        if kind != .postgresql {
            // SQLite keeps a packed snapshot per series; PostgreSQL reads current rows by index.
            let stored = try store.query(sql: "SELECT count(*) FROM series_snapshot").rows
            #expect(stored == [[.integer(3)]])
        }
    }

    /// New series' snapshots are built while their values are written (stored when the
    /// file moves on from a long stretch of one series); every way a file can break that
    /// order must still end with the snapshot equal to the rows, and the catalog's first,
    /// last and count with it.
    @Test(arguments: StoreKind.allCases)
    func snapshotsBuiltWhileWritingEqualTheRows(kind: StoreKind) throws {
        let store = try kind.make()
        let far = day("9999-12-30")
        let start = day("2020-01-01")
        func d(_ i: Int) -> String { start.adding(days: i).description }
        var long = "date,series,value\n"
        for i in 0..<100 { long += "\(d(i)),LONG,\(i)\n" }  // stored when RETURNS starts
        for i in 0..<80 { long += "\(d(i)),RETURNS,\(i * 2)\n" }
        for i in 0..<70 { long += "\(d(i)),OTHER,\(i)\n" }
        for i in 80..<90 { long += "\(d(i)),RETURNS,\(i * 2)\n" }  // back after being stored
        for i in 0..<70 { long += "\(d(i)),DUP,1\n" }
        long += "\(d(69)),DUP,1\n"  // the same value again: unchanged
        for i in (0..<70).reversed() { long += "\(d(i)),BACKWARDS,\(i)\n" }
        long += "\(d(5)),GAPPY,\n\(d(6)),GAPPY,3\n\(d(2)),GAPPY,4\n"  // a missing value, then an earlier date
        try store.ingest(path: try writeTemporaryFile(long), options: IngestOptions(vintage: day("2025-01-10")))
        var byDate = "date,series,value\n"
        for i in 0..<100 { for k in ["D1", "D2", "D3"] { byDate += "\(d(i)),\(k),\(Double(i) + 0.5)\n" } }
        try store.ingest(path: try writeTemporaryFile(byDate), options: IngestOptions(vintage: day("2025-01-10")))
        var wide = "observation_date,W1,W2\n"
        for i in 0..<90 { wide += "\(d(i)),\(i),\(i % 3 == 0 ? "" : String(i))\n" }
        try store.ingest(path: try writeTemporaryFile(wide), options: IngestOptions(vintage: day("2025-01-10")))
        // A later file revising some of LONG (no longer a new series) and adding to W1.
        try store.ingest(path: try writeTemporaryFile("date,series,value\n\(d(3)),LONG,-3\n\(d(200)),LONG,7\n\(d(95)),W1,1\n"), options: IngestOptions(vintage: day("2025-02-10")))
        for key in ["LONG", "RETURNS", "OTHER", "DUP", "BACKWARDS", "GAPPY", "D1", "D2", "D3", "W1", "W2"] {
            let rows = try store.observations(key: key, asOf: far)
            #expect(try store.observations(key: key) == rows, "\(key)")
            let stats = try store.query(sql: "SELECT first_date, last_date, obs_count FROM series WHERE key = '\(key)'").rows
            #expect(stats == [[.text(rows.first!.date.description), .text(rows.last!.date.description), .integer(Int64(rows.count))]], "\(key)")
        }
        #expect(try store.observations(key: "RETURNS").count == 90)
        #expect(try store.observations(key: "GAPPY").map(\.value) == [4, 3])
        #expect(try store.observations(key: "LONG").count == 101)
        #expect(try store.query(sql: "SELECT frequency FROM series WHERE key = 'LONG'").rows == [[.text("D")]])
    }
}


/// The batched writes (new series, and later downloads of stored series placed by their
/// current values) against the reference that reads every date's versions: random
/// sequences of downloads — values repeated and revised, dates added, vintages later,
/// equal and earlier, rows out of order and repeated — must leave the same rows, in every
/// column, and report the same counts.
@Suite struct BatchedWritesTests {
    /// A small deterministic generator (SplitMix64), so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func rows(_ store: Store) throws -> [[Cell]] {
        try store.query(sql: """
            SELECT s.key, o.date, o.known_from, o.ingest_id, o.known_until, o.value, o.line
            FROM observation o JOIN series s ON s.id = o.series_id ORDER BY 1, 2, 3, 4
            """).rows
    }

    /// By hand: a value back-filled under a later version ends where that version starts;
    /// a new date in the same file is current (it once inherited the back-fill's end).
    @Test(arguments: StoreKind.allCases)
    func aBackFillDoesNotEndTheValuesAfterIt(kind: StoreKind) throws {
        for rowByRow in [false, true] {
            let store = try kind.make()
            try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n"), options: IngestOptions(vintage: day("2025-06-01")))
            var options = IngestOptions(vintage: day("2025-03-01"))
            options.rowByRow = rowByRow
            try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-01,A,0.5\n2025-01-02,A,2\n2025-01-01,B,7\n"), options: options)
            let rows = try store.query(sql: "SELECT s.key, o.date, o.known_from, o.known_until, o.value FROM observation o JOIN series s ON s.id = o.series_id ORDER BY 1, 2, 3").rows
            #expect(rows == [
                [.text("A"), .text("2025-01-01"), .text("2025-03-01"), .text("2025-06-01"), .number(0.5)],
                [.text("A"), .text("2025-01-01"), .text("2025-06-01"), .null, .number(1)],
                [.text("A"), .text("2025-01-02"), .text("2025-03-01"), .null, .number(2)],
                [.text("B"), .text("2025-01-01"), .text("2025-03-01"), .null, .number(7)],
            ], "rowByRow \(rowByRow)")
            #expect(try store.observations(key: "A").map(\.value) == [1, 2])
            #expect(try store.observations(key: "A", asOf: day("2025-04-01")).map(\.value) == [0.5, 2])
        }
    }

    @Test(arguments: 0..<60) func batchedPathsStoreWhatRowByRowStores(seed: UInt64) throws {
        var rng = SplitMix(state: seed)
        let batched = try Store()
        let reference = try Store()
        let start = day("2024-01-01")
        let vintages = (0..<6).map { start.adding(days: 400 + 30 * $0) }
        for download in 0..<4 {
            var chunks: [[String]] = []
            for key in ["A", "B", "C"] where Int.random(in: 0..<4, using: &rng) > 0 {
                var lines: [String] = []
                defer { chunks.append(lines) }
                let n = Int.random(in: 1...150, using: &rng)
                var dates = (0..<n).map { _ in Int.random(in: 0..<160, using: &rng) }
                if Bool.random(using: &rng) { dates.sort() }  // mostly in order, sometimes not
                var seen: [Int: Int] = [:]
                for d in dates {
                    // A repeated date repeats its value (a conflicting one would abort the file).
                    let v = seen[d] ?? Int.random(in: 0..<3, using: &rng) + d
                    seen[d] = v
                    lines.append("\(start.adding(days: d)),\(key),\(v)")
                }
            }
            var lines = chunks.joined().map { $0 }
            if download == 0 || Bool.random(using: &rng) {
                lines.shuffle(using: &rng)
            } else if Bool.random(using: &rng), chunks.count > 1, chunks[0].count > 70 {
                // The first series comes back after the others with its later dates: its
                // current view is let go and read again.
                let half = chunks[0].count / 2
                lines = Array(chunks[0][..<half]) + chunks.dropFirst().joined() + Array(chunks[0][half...])
            }
            let file = try writeTemporaryFile("date,series,value\n" + lines.joined(separator: "\n") + "\n")
            var options = IngestOptions(vintage: vintages.randomElement(using: &rng)!)
            let a = try batched.ingest(path: file, options: options)
            options.rowByRow = true
            let b = try reference.ingest(path: file, options: options)
            #expect((a.inserted, a.revised, a.unchanged) == (b.inserted, b.revised, b.unchanged), "seed \(seed), download \(download)")
            let ra = try rows(batched), rb = try rows(reference)
            #expect(ra == rb, "seed \(seed), download \(download)")
        }
        for key in ["A", "B", "C"] {
            guard (try? reference.observations(key: key, asOf: day("9999-12-30"))) != nil else { continue }
            #expect(try batched.observations(key: key) == reference.observations(key: key, asOf: day("9999-12-30")), "seed \(seed), \(key)")
        }
    }
}
