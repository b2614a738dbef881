import Foundation
import Testing

@testable import MStore

/// The queries the CLI only prints: transform, rolling, corr, status table and charts,
/// called from the library on series held in memory, with values worked out by hand.
@Suite struct NamedQueriesLibraryTests {
    let days = (1...6).map { day("2025-01-0\($0)") }

    func source() -> MemorySource {
        var source = MemorySource()
        source.add(TimeSeries(key: "X", dates: days, values: [1, 2, 4, 7, 11, 16]))
        // Y's returns are exactly twice X's returns: correlation 1, beta of Y on X 2.
        var y = [100.0]
        let x = [1.0, 2, 4, 7, 11, 16]
        for i in 1..<x.count { y.append(y[i - 1] * (1 + 2 * (x[i] / x[i - 1] - 1))) }
        source.add(TimeSeries(key: "Y", dates: days, values: y))
        source.add(TimeSeries(key: "R1", dates: days, values: [4, 4, 4, 4, 4, 4.5], unit: "percent"))
        source.add(TimeSeries(key: "CDS", dates: days, values: [50, 51, 52, 53, 54, 55], unit: "bp"))
        return source
    }

    @Test func transformDiffsAndLags() throws {
        let q = NamedQueries(source: source())
        let diff = try q.transform("X", diff: 2)
        let expected: [Cell] = [.number(3), .number(5), .number(7), .number(9)]  // 4-1, 7-2, 11-4, 16-7
        #expect(diff.rows.map { $0[1] } == expected)
        let lag = try q.transform("X", lag: 1)
        #expect(lag.rows.first?[1] == .number(1) && lag.rows.first?[0] == .date(days[1]))
    }

    @Test func rollingMeanOverACount() throws {
        let table = try NamedQueries(source: source()).rolling("X", .statistic(.mean, .count(3), minPeriods: nil))
        #expect(table.columns == ["date", "X", "X:mean(3)"])
        // (1+2+4)/3, (2+4+7)/3, …; the first two dates have no full window.
        let means = table.rows.compactMap { row -> Double? in if case let .number(v) = row[2] { return v } else { return nil } }
        let expected: [Double] = [7.0 / 3, 13.0 / 3, 22.0 / 3, 34.0 / 3]
        #expect(means.count == expected.count)
        for (got, want) in zip(means, expected) { #expect(abs(got - want) < 1e-12) }
    }

    @Test func correlationOfProportionalReturns() throws {
        let table = try NamedQueries(source: source()).correlation("Y", "X", window: .count(4))
        #expect(table.columns == ["date", "corr", "cov", "beta"])
        let last = try #require(table.rows.last)
        guard case let .number(corr) = last[1], case let .number(beta) = last[3] else { Issue.record("no numbers in \(last)"); return }
        #expect(abs(corr - 1) < 1e-12)
        #expect(abs(beta - 2) < 1e-12)
    }

    @Test func statusTableSpellsOutFlags() {
        var line = StatusLine(dynamic: "Credit", indicator: "CDS", recent: [1, 2], flagged: true, threshold: "> 100", stale: true)
        line.latest = 128.123456
        let table = statusTable([line])
        #expect(table.rows[0][2] == .number(128.1235))
        #expect(table.rows[0][8] == .text("ALERT > 100 STALE"))
    }

    @Test func chartsAreDrawnFromTheLibrary() throws {
        var request = ChartRequest(items: ["X", "R1"])
        request.right = ["R1"]
        let svg = try NamedQueries(source: source()).chart(request)
        let probe = try SVGProbe.parse(svg)
        #expect(probe.count("polyline", where: { $0["class"] == "series" }) == 2)
        #expect(probe.texts.contains("R1 (right axis)"))
        let table = ResultTable(columns: ["date", "members", "share"], rows: [[.date(days[0]), .integer(3), .number(0.5)]])
        #expect(table.numericSeries(excluding: ["members"]).map(\.key) == ["share"])
    }
}
