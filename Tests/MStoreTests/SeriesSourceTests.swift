import Foundation
import Testing

@testable import MStore

/// Signals read through ``SeriesSource``: the same named queries on a real store and on
/// series held in memory give the same answers, and an in-memory source built by hand gives
/// the values worked out by hand.
@Suite(.serialized) struct SeriesSourceTests {
    /// The demo store's series, copied into memory with their tags and frequencies.
    static func memoryCopy(of store: Store) throws -> MemorySource {
        var tags: [String: [String: String]] = [:]
        for name in ["universe", "instrument", "holder"] {
            for (key, value) in try store.tagged(name) { tags[key, default: [:]][name] = value }
        }
        var source = MemorySource()
        for info in try store.catalog() {
            source.add(try store.series(key: info.key, until: nil, asOf: nil), frequency: info.frequency, tags: tags[info.key] ?? [:])
        }
        return source
    }

    @Test func namedQueriesAnswerTheSameOnAStoreAndInMemory() throws {
        let store = try Store(path: QueryCLITests.db, mustExist: true)
        let memory = try Self.memoryCopy(of: store)
        let since = day("2025-09-01")
        let onDisk = NamedQueries(source: store, since: since)
        let inMemory = NamedQueries(source: memory, since: since)
        let pairs: [(String, (NamedQueries) throws -> ResultTable)] = [
            ("concentration", { try $0.concentration() }),
            ("repo", { try RepoMonitor.run($0) }),
            ("credit", { try $0.credit(latest: true) }),
            ("marks", { try $0.marks(minSpread: 5) }),
            ("kshape", { try $0.kshape() }),
            ("hedge", { try $0.hedge("BTC", vs: ["NDX", "GOLD"], window: .count(90)) }),
            ("fragility", { try $0.fragility() }),
            ("spider", { try $0.spider(at: [NamedQueries.Period("2019-09")!, NamedQueries.Period("2025-10")!], baseline: nil) }),
        ]
        for (name, query) in pairs {
            let a = try query(onDisk)
            let b = try query(inMemory)
            #expect(!a.rows.isEmpty, "\(name) answered nothing")
            #expect(a == b, "\(name) differs between the store and memory")
        }
    }

    @Test func concentrationOfAHandMadeUniverse() throws {
        let d1 = day("2025-01-02"), d2 = day("2025-01-03")
        var source = MemorySource()
        // Caps 50, 30, 20 on d1; on d2 the third member has no value.
        source.add(TimeSeries(key: "A", dates: [d1, d2], values: [50, 60]), tags: ["universe": "X"])
        source.add(TimeSeries(key: "B", dates: [d1, d2], values: [30, 40]), tags: ["universe": "X"])
        source.add(TimeSeries(key: "C", dates: [d1], values: [20]), tags: ["universe": "X"])
        source.add(TimeSeries(key: "OTHER", dates: [d1], values: [1000]))
        let points = try NamedQueries(source: source).concentrationPoints(universe: "X", top: 2, total: "none")
        #expect(points.map(\.members) == [3, 2])
        #expect(abs(points[0].topShare - 0.8) < 1e-15)
        #expect(abs(points[0].hhi - 0.38) < 1e-15)  // 0.25 + 0.09 + 0.04
        #expect(abs(points[0].effectiveN - 1 / 0.38) < 1e-12)
        #expect(abs(points[1].hhi - 0.52) < 1e-15)  // 0.36 + 0.16
    }

    @Test func versionsInMemoryAnswerAsOf() throws {
        let d = day("2025-06-01")
        var source = MemorySource()
        source.add(TimeSeries(key: "GDP", dates: [d], values: [100]), knownFrom: day("2025-07-30"))
        source.add(TimeSeries(key: "GDP", dates: [d], values: [101]), knownFrom: day("2025-08-28"))
        #expect(try source.timeSeries("GDP", asOf: day("2025-08-01")).values == [100])
        #expect(try source.timeSeries("gdp").values == [101])
        #expect(try source.timeSeries("GDP", asOf: day("2025-07-01")).isEmpty)
        #expect(source.emptyAnswerReason(keys: ["GDP"], since: nil, until: nil, asOf: day("2025-07-01")).contains("nothing in the source was known yet"))
        // Expressions work on any source.
        source.add(TimeSeries(key: "R1", dates: [d], values: [4.5], unit: "percent"))
        source.add(TimeSeries(key: "R2", dates: [d], values: [4.25], unit: "percent"))
        #expect(try source.timeSeries("R1-R2").values == [25])
        #expect(throws: MStoreError.self) { try source.timeSeries("R3") }
    }
}
