import Foundation
import Testing

/// Random series rendered into each shape a publisher writes (a header band with units,
/// tickers over fields, a transposed table, a long table keyed by two code columns, several
/// measures a row, blocks side by side with dates of their own, tables one after the other
/// under titles, a value column with another measure beside it), ingested with no flags and
/// compared value by value with the source.
/// The renderer is written here, apart from the reader; the seed is printed (SEED=N repeats).
@Suite struct TableShapeProperty {
    struct Series {
        var key: String
        var values: [String: Double]  // date → value
    }

    enum Shape: CaseIterable { case unitsBand, tickerFields, transposed, twoKeys, severalMeasures, datedBlocks, titledSections, valueAndMeasure }

    static func code(_ rng: inout BatchedWritesTests.SplitMix, length: Int) -> String {
        // Letters only, Q first: no code reads as a date, a number or a unit.
        "Q" + String((0..<length).map { _ in Character(UnicodeScalar(UInt8(65 + Int(rng.next() % 26)))) })
    }

    static func value(_ rng: inout BatchedWritesTests.SplitMix) -> Double {
        Double(Int64(rng.next() % 2_000_000) - 1_000_000) / 1000
    }

    /// The shape's text and the (series, date, value) rows it holds.
    static func render(_ shape: Shape, _ rng: inout BatchedWritesTests.SplitMix) -> (String, [String]) {
        let n = 2 + Int(rng.next() % 4)
        let count = 3 + Int(rng.next() % 20)
        var dates: [String] = []
        for i in 0..<count {
            let day = i + 1
            dates.append(shape == .transposed ? String(1990 + i) : "2024-01-" + (day < 10 ? "0\(day)" : "\(day)"))
        }
        func iso(_ d: String) -> String { shape == .transposed ? d + "-01-01" : d }
        var keys: Set<String> = []
        while keys.count < n { keys.insert(code(&rng, length: 3)) }
        let names = keys.sorted()
        // About one cell in eight is missing.
        var cells: [[Double?]] = names.map { _ in dates.map { _ in rng.next() % 8 == 0 ? nil : value(&rng) } }
        for i in cells.indices { cells[i][0] = value(&rng) }
        var expected: [String] = []
        var lines: [String] = []
        switch shape {
        case .unitsBand:
            lines.append((["date"] + names).joined(separator: ","))
            lines.append(([""] + names.map { _ in ["$/bbl", "%", "USD bn", "index"][Int(rng.next() % 4)] }).joined(separator: ","))
            for (j, d) in dates.enumerated() { lines.append(([d] + names.indices.map { i in cells[i][j].map { "\($0)" } ?? "" }).joined(separator: ",")) }
            for (i, k) in names.enumerated() { for (j, d) in dates.enumerated() { if let v = cells[i][j] { expected.append("\(k),\(d),\(v)") } } }
        case .tickerFields:
            let fields = ["PX_LAST", "PX_VOLUME"]
            lines.append(([""] + names.flatMap { [$0 + " Index", ""] }).joined(separator: ","))
            lines.append((["Dates"] + names.flatMap { _ in fields }).joined(separator: ","))
            var more: [[Double?]] = cells.map { row in row.map { $0.map { abs($0) * 1000 } } }
            more[0][0] = 1
            for (j, d) in dates.enumerated() {
                lines.append(([d] + names.indices.flatMap { i in [cells[i][j], more[i][j]].map { $0.map { "\($0)" } ?? "" } }).joined(separator: ","))
            }
            for (i, k) in names.enumerated() {
                for (j, d) in dates.enumerated() {
                    if let v = cells[i][j] { expected.append("\(k) Index.PX_LAST,\(d),\(v)") }
                    if let v = more[i][j] { expected.append("\(k) Index.PX_VOLUME,\(d),\(v)") }
                }
            }
        case .transposed:
            lines.append((["Country Name", "Country Code"] + dates).joined(separator: ","))
            for (i, k) in names.enumerated() {
                lines.append((["Land \(k)", k] + dates.indices.map { j in cells[i][j].map { "\($0)" } ?? "" }).joined(separator: ","))
                for (j, d) in dates.enumerated() { if let v = cells[i][j] { expected.append("\(k),\(iso(d)),\(v)") } }
            }
        case .twoKeys:
            lines.append("DATE;AREA;ITEM;OBS_VALUE;OBS_STATUS")
            for (j, d) in dates.enumerated() {
                for (i, k) in names.enumerated() {
                    guard let v = cells[i][j] else { continue }
                    lines.append("\(d);\(k);IX;\(v);A")
                    expected.append("\(k).IX,\(d),\(v)")
                }
            }
        case .datedBlocks:
            // Each series its own block: a date column and its values, the name above; each
            // block skips some dates of its own (its missing cells), so the blocks' rows differ.
            lines.append(names.map { $0 + " Index," }.joined(separator: ","))
            lines.append(names.map { _ in "Date,PX_LAST" }.joined(separator: ","))
            let kept = cells.map { row in dates.indices.filter { row[$0] != nil } }
            for r in 0..<(kept.map(\.count).max() ?? 0) {
                lines.append(names.indices.map { i in
                    r < kept[i].count ? "\(dates[kept[i][r]]),\(cells[i][kept[i][r]]!)" : ","
                }.joined(separator: ","))
            }
            for (i, k) in names.enumerated() { for j in kept[i] { expected.append("\(k) Index,\(dates[j]),\(cells[i][j]!)") } }
        case .titledSections:
            // Kenneth French's layout: six-digit months, each table under a title, one header.
            lines.append("This file was written by a generator.")
            lines.append("")
            let titles = ["Average Value Weighted Returns -- Monthly", "Average Equal Weighted Returns -- Monthly"]
            for (t, title) in titles.enumerated() {
                lines.append("  " + title)
                lines.append("," + names.joined(separator: ","))
                for (j, _) in dates.enumerated() {
                    let ym = 1926 * 12 + 6 + j  // July 1926 onward
                    let text = String(format: "%04d%02d", ym / 12, ym % 12 + 1)
                    lines.append(text + "," + names.indices.map { i in (cells[i][j].map { $0 + Double(t) }).map { "\($0)" } ?? "" }.joined(separator: ","))
                    for (i, k) in names.enumerated() {
                        if let v = cells[i][j] { expected.append("\(title).\(k),\(String(format: "%04d-%02d-01", ym / 12, ym % 12 + 1)),\(v + Double(t))") }
                    }
                }
                lines.append("")
            }
        case .valueAndMeasure:
            // A long panel: the value under the key, another measure that changes date to date
            // as KEY.VOLUME, and a constant id that describes the series (not read).
            lines.append("date,ticker,close,volume,permno")
            for (j, d) in dates.enumerated() {
                for (i, k) in names.enumerated() {
                    guard let v = cells[i][j] else { continue }
                    let volume = Double(1000 * (j + 1) + i)
                    lines.append("\(d),\(k),\(v),\(volume),\(10000 + i)")
                    expected.append("\(k),\(d),\(v)")
                    expected.append("\(k).VOLUME,\(d),\(volume)")
                }
            }
        case .severalMeasures:
            lines.append("record_date,account_type,open_bal,close_bal,src_line_nbr")
            for (j, d) in dates.enumerated().reversed() {
                for (i, k) in names.enumerated() {
                    let other = cells[i][j].map { $0 + 1 }
                    lines.append("\(d),\(k) Account,\(cells[i][j].map { "\($0)" } ?? "null"),\(other.map { "\($0)" } ?? "null"),\(i + 1)")
                    if let v = cells[i][j] {
                        expected.append("\(k) Account.OPEN_BAL,\(d),\(v)")
                        expected.append("\(k) Account.CLOSE_BAL,\(d),\(v + 1)")
                    }
                }
            }
        }
        return (lines.joined(separator: "\n") + "\n", expected)
    }

    @Test func randomSeriesInEveryShapeReadBackValueForValue() throws {
        let seed = ProcessInfo.processInfo.environment["SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("TableShapeProperty seed: \(seed) (SEED=\(seed) repeats this run)")
        var rng = BatchedWritesTests.SplitMix(state: seed)
        let dir = try temporaryDirectory()
        for trial in 0..<32 {
            let shape = Shape.allCases[trial % Shape.allCases.count]
            let (text, expected) = Self.render(shape, &rng)
            let file = try writeTemporaryFile(text, name: "t\(trial).csv", in: dir)
            let db = dir + "/t\(trial).db"
            let r = try CLI.run(["ingest", file, "--db", db])
            #expect(r.status == 0, "seed \(seed) trial \(trial) \(shape): \(r.stderr)\n\(text)")
            guard r.status == 0 else { continue }
            #expect(try TableReadingTests.stored(db) == TableReadingTests.rows("h\n" + expected.joined(separator: "\n")), "seed \(seed) trial \(trial) \(shape)\n\(text)")
        }
    }
}
