import Foundation
import Testing

@testable import MStore

/// Signals against reference values computed independently with pandas
/// (Fixtures/expected/make_expected.py, run once; its outputs are committed).
@Suite struct SignalReferenceTests {
    static let folder = CLI.fixtures + "/expected"

    /// The inputs, ingested into an in-memory store.
    static let store: Store? = {
        guard let store = try? Store() else { return nil }
        _ = try? store.ingest(path: folder + "/inputs.csv", options: IngestOptions(vintage: Day(year: 2025, month: 11, day: 24)))
        return store
    }()

    func series(_ key: String) throws -> TimeSeries {
        let store = try #require(Self.store)
        return try store.timeSeries(key)
    }

    /// An expected CSV as column → (date → value or nil for an empty cell).
    func expected(_ file: String) throws -> [String: [Day: Double?]] {
        let reader = try CSVReader(path: Self.folder + "/" + file)
        guard try reader.next() else { return [:] }
        let header = reader.strings
        var columns: [String: [Day: Double?]] = [:]
        while try reader.next() {
            guard let day = Day(iso: reader.string(at: 0)) else { continue }
            for c in 1..<header.count {
                let text = reader.string(at: c)
                columns[header[c], default: [:]][day] = text.isEmpty ? nil : Double(text)
            }
        }
        return columns
    }

    /// Every expected date matches: same value (relative 1e-9) or both missing.
    func compare(_ got: TimeSeries, _ want: [Day: Double?], _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let ours = Dictionary(zip(got.dates, got.values), uniquingKeysWith: { a, _ in a })
        #expect(!want.isEmpty, "no expected values for \(label)", sourceLocation: sourceLocation)
        var checked = 0
        for (day, value) in want {
            let mine = ours[day].flatMap { $0.isNaN ? nil : $0 }
            switch (value, mine) {
            case (nil, nil): break
            case let (w?, m?):
                #expect(abs(w - m) <= 1e-9 * max(1, abs(w)), "\(label) on \(day): expected \(w), got \(m)", sourceLocation: sourceLocation)
                checked += 1
            default:
                Issue.record("\(label) on \(day): expected \(String(describing: value)), got \(String(describing: mine))", sourceLocation: sourceLocation)
            }
        }
        #expect(checked > 0, "\(label): nothing compared", sourceLocation: sourceLocation)
    }

    @Test func rollingByCountWithGapsAndMinPeriods() throws {
        let a = try series("A")
        let want = try expected("rolling_count.csv")
        let w = Window.count(20)
        let cases: [(String, TimeSeries)] = [
            ("mean", a.rolling(w, .mean)), ("sum", a.rolling(w, .sum)), ("std", a.rolling(w, .std)), ("min", a.rolling(w, .min)),
            ("max", a.rolling(w, .max)), ("zscore", a.rolling(w, .zscore)), ("pctrank", a.rolling(w, .percentRank)),
            ("q0.9", a.rolling(w, .quantile(0.9))), ("median", a.rolling(w, .quantile(0.5))),
            ("mean_mp5", a.rolling(w, .mean, minPeriods: 5)), ("std_mp5", a.rolling(w, .std, minPeriods: 5)),
            ("zscore_mp5", a.rolling(w, .zscore, minPeriods: 5)),
        ]
        for (name, got) in cases { compare(got, try #require(want[name]), name) }
    }

    @Test func rollingByCalendarSpan() throws {
        let a = try series("A")
        let want = try expected("rolling_30d.csv")
        let w = Window.days(30)
        for (name, stat) in [("mean", RollingStat.mean), ("sum", .sum), ("std", .std), ("max", .max), ("zscore", .zscore)] {
            compare(a.rolling(w, stat), try #require(want[name]), "30d \(name)")
        }
    }

    @Test func constantWindowHasZeroZScoreNeverInfinity() throws {
        let c = try series("C")
        let z = c.rolling(.count(10), .zscore)
        #expect(z.values.dropFirst(9).allSatisfy { $0 == 0 })
        #expect(z.values.prefix(9).allSatisfy { $0.isNaN })
        #expect(c.rolling(.count(10), .std).values.dropFirst(9).allSatisfy { $0 == 0 })
    }

    @Test func ewmaBySpanAndHalfLife() throws {
        let a = try series("A")
        let want = try expected("ewma.csv")
        compare(a.ewma(span: 10), try #require(want["span10"]), "ewma span 10")
        compare(a.ewma(halfLife: 5), try #require(want["halflife5"]), "ewma half-life 5")
    }

    @Test(arguments: [("M", "fred_monthly.csv", 12), ("Q", "fred_quarterly.csv", 4)])
    func fredUnits(key: String, file: String, perYear: Int) throws {
        let s = try series(key)
        let want = try expected(file)
        for units in FredUnits.allCases where units != .lin {
            compare(units.apply(s, observationsPerYear: perYear), try #require(want[units.rawValue]), "\(key) \(units.rawValue)")
        }
    }

    @Test func observationsPerYearFollowTheFrequency() throws {
        #expect(FredUnits.observationsPerYear(frequency: "M") == 12)
        #expect(FredUnits.observationsPerYear(frequency: "W-WED") == 52)
        #expect(FredUnits.observationsPerYear(frequency: "B") == 260)
        let q = try Self.store?.frequency(of: "Q")
        #expect(q == "Q")
    }

    @Test(arguments: [("resample_monthly.csv", TargetFrequency.monthly), ("resample_weekly_fri.csv", .weekly(anchor: 5))])
    func frequencyConversion(file: String, target: TargetFrequency) throws {
        let d = try series("D")
        let want = try expected(file)
        for aggregation in Aggregation.allCases {
            compare(d.resampled(to: target, using: aggregation), try #require(want[aggregation.rawValue]), "\(file) \(aggregation)")
        }
    }

    @Test func correlationCovarianceBetaOnMixedCalendars() throws {
        let stats = PairStatistics(try series("BTC"), try series("NDX"), window: .count(30))
        let want = try expected("pair_btc_ndx.csv")
        compare(TimeSeries(key: "corr", dates: stats.dates, values: stats.correlation), try #require(want["corr"]), "corr")
        compare(TimeSeries(key: "cov", dates: stats.dates, values: stats.covariance), try #require(want["cov"]), "cov")
        compare(TimeSeries(key: "beta", dates: stats.dates, values: stats.beta), try #require(want["beta"]), "beta")
        // Only common trading days count: no weekend in the result.
        #expect(stats.dates.allSatisfy { $0.weekday <= 5 })
    }

    @Test func volatilityAndDrawdown() throws {
        let btc = try series("BTC")
        let want = try expected("btc_vol_drawdown.csv")
        compare(btc.annualizedVolatility(.count(30), periodsPerYear: 365), try #require(want["vol30"]), "vol")
        compare(btc.drawdown(), try #require(want["drawdown"]), "drawdown")
    }

    @Test func asOfAlignment() throws {
        let m = try series("M")
        let want = try expected("asof.csv")
        let axis = try #require(want["backward"]).keys.sorted()
        for direction in AsOfDirection.allCases {
            compare(m.aligned(to: axis, direction: direction), try #require(want[direction.rawValue]), direction.rawValue)
            compare(m.aligned(to: axis, direction: direction, tolerance: 10), try #require(want[direction.rawValue + "_tol10"]), "\(direction) tol")
        }
    }

    @Test func forwardFillNeverRunsPastTheLastObservation() throws {
        let m = try series("M")
        let last = try #require(m.dates.last)
        let after = [last.adding(days: 1), last.adding(days: 40)]
        #expect(m.aligned(to: after).values.allSatisfy { $0.isNaN })
        #expect(m.aligned(to: after, maxStaleness: 31).values.map(\.isNaN) == [false, true])
    }

    @Test func concentrationWithChangingMembership() throws {
        let store = try #require(Self.store)
        for key in try store.catalog().map(\.key) where key.hasPrefix("MC.") {
            try store.setTags(key: key, set: [("universe", "TEST")])
        }
        let points = concentration(try store.crossSection(tag: "universe", value: "TEST"), top: 5)
        let want = try expected("concentration_top5.csv")
        let dates = points.map(\.date)
        compare(TimeSeries(key: "top5", dates: dates, values: points.map(\.topShare)), try #require(want["top5_share"]), "top5")
        compare(TimeSeries(key: "hhi", dates: dates, values: points.map(\.hhi)), try #require(want["hhi"]), "hhi")
        compare(TimeSeries(key: "effn", dates: dates, values: points.map(\.effectiveN)), try #require(want["effective_n"]), "effective n")
        compare(TimeSeries(key: "members", dates: dates, values: points.map { Double($0.members) }), try #require(want["members"]), "members")
    }
}

@Suite struct SignalHandTests {
    @Test func shareAtOrAboveInterpolatesTheLadder() {
        let ladder: [(Double, Double)] = [(0.01, 4.00), (0.25, 4.10), (0.5, 4.20), (0.75, 4.30), (0.99, 4.50)]
        #expect(shareAtOrAbove(threshold: 3.9, ladder: ladder) == 1)
        #expect(shareAtOrAbove(threshold: 4.6, ladder: ladder) == 0)
        #expect(abs(shareAtOrAbove(threshold: 4.15, ladder: ladder) - 0.625) < 1e-12)  // halfway 25%→50%: 37.5% below
        #expect(abs(shareAtOrAbove(threshold: 4.20, ladder: ladder) - 0.5) < 1e-12)
    }

    @Test func spreadOfTwoRatesIsInBasisPoints() throws {
        let store = try Store()
        try store.ingest(path: try writeTemporaryFile("observation_date,SOFR,IORB\n2025-10-30,4.22,4.15\n2025-10-31,3.96,3.90\n"))
        let spread = try store.timeSeries("SOFR-IORB")
        #expect(spread.unit == "bp")
        #expect(spread.values.map { ($0 * 1e6).rounded() / 1e6 } == [7, 6])
        let ratio = try store.timeSeries("SOFR/IORB")
        #expect(abs(ratio.values[0] - 4.22 / 4.15) < 1e-15)
        #expect(throws: MStoreError.self) { try store.timeSeries("SOFR-NOPE") }
    }

    @Test func windowsParse() {
        #expect(Window("252") == .count(252))
        #expect(Window("90d") == .days(90))
        #expect(Window("13w") == .days(91))
        #expect(Window("3m") == .months(3))
        #expect(Window("1y") == .months(12))
        #expect(Window("x") == nil)
        #expect(Window("0") == nil)
    }
}
