import Foundation
import Testing

/// Random series rendered into each shape a publisher writes (a header band with units,
/// tickers over fields, a transposed table, a long table keyed by two code columns, several
/// measures a row), ingested with no flags and compared value by value with the source.
/// The renderer is written here, apart from the reader; the seed is printed (SEED=N repeats).
@Suite struct TableShapeProperty {
    struct Series {
        var key: String
        var values: [String: Double]  // date → value
    }

    enum Shape: CaseIterable { case unitsBand, tickerFields, transposed, twoKeys, severalMeasures }

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
        for trial in 0..<25 {
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
