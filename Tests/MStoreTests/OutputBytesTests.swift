import Foundation
import Testing

@testable import MStore

/// The byte writers behind csv and tsv: the same text as the cell-by-cell forms, without a
/// string per cell.
@Suite struct OutputBytesTests {
    /// Numbers as `formatNumber` writes them (itself checked by hand in ResultTableTests),
    /// over edge cases and a spread of magnitudes.
    @Test func numbersAreWrittenAsFormatNumberWritesThem() {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.5, 1e-4, 1e-5, 123.456, -2.5, 1e15, 1e15 - 1, -1e15 + 1, 1e16,
            9_007_199_254_740_993, 1e300, -1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            Double(Int64.max), Double(Int64.min), 4.35, 5.33, 0.3 - 0.1,
        ]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -12...18, using: &rng)
            values.append(Double.random(in: -1...1, using: &rng) * pow(10, magnitude))
            values.append((Double.random(in: -1e6...1e6, using: &rng) * 100).rounded() / 100)
        }
        for v in values {
            var w = DelimitedWriter(.csv)
            w.number(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == formatNumber(v), "\(v)")
        }
        for v in [Double.nan, .infinity, -.infinity] {
            var w = DelimitedWriter(.csv)
            w.number(v)
            #expect(w.bytes.isEmpty)
        }
    }

    @Test func datesIntegersAndTextAreWrittenAsCellsAre() {
        let cells: [Cell] = [
            .date(day("0001-01-01")), .date(day("1969-12-31")), .date(day("2024-02-29")), .date(day("9999-12-31")),
            .integer(0), .integer(-42), .integer(.max), .integer(.min), .text("plain"), .text("=1+2"), .text("a\tb"), .null,
        ]
        for format in [OutputFormat.csv, .tsv] {
            let table = ResultTable(columns: ["v"], rows: cells.map { [$0] })
            let lineEnd = format == .csv ? "\r\n" : "\n"
            let sep: Character = format == .csv ? "," : "\t"
            // The reference: each cell's text, neutralized and quoted as RFC 4180 says.
            func field(_ cell: Cell) -> String {
                var t = cell.text
                if case .text = cell { t = neutralized(t) }
                guard t.contains(sep) || t.contains("\"") else { return t }
                return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            let lines: [String] = ["v"] + cells.map(field)
            let expected = lines.joined(separator: lineEnd) + lineEnd
            #expect(String(decoding: table.delimitedBytes(format), as: UTF8.self) == expected)
        }
    }

    /// The parallel long output is byte for byte the per-series tables, in key order, over
    /// more series than one batch holds, with --since cutting inside the window.
    @Test func rollingBytesMatchTheTablesSeriesBySeries() throws {
        var source = MemorySource()
        var keys: [String] = []
        let start = day("2024-01-01")
        for s in 0..<150 {
            let key = s == 7 ? "=ODD,KEY" : "S\(s)"
            keys.append(key)
            let n = 20 + s % 13
            let dates = (0..<n).map { (i: Int) -> Day in start.adding(days: i * 2 + s % 3) }
            let values = (0..<n).map { (i: Int) -> Double in
                let raw: Int = (i * 37 + s * 11) % 101
                return i % 7 == 3 ? .nan : Double(raw) / 8
            }
            source.add(TimeSeries(key: key, dates: dates, values: values))
        }
        for request in [NamedQueries.RollingRequest.statistic(.zscore, .count(5), minPeriods: nil), .statistic(.mean, .days(9), minPeriods: 2), .ewma(span: 4, halfLife: nil)] {
            for since in [nil, day("2024-01-20")] {
                let q = NamedQueries(source: source, since: since)
                for format in [OutputFormat.csv, .tsv] {
                    var expected: [UInt8] = []
                    try q.rolling(eachOf: keys, request) { table in
                        expected += table.delimitedBytes(format, header: expected.isEmpty)
                    }
                    var chunks: [[UInt8]] = []
                    try q.rollingBytes(eachOf: keys, request, format: format) { chunks.append($0) }
                    #expect(chunks.joined().elementsEqual(expected))
                    #expect(chunks.count == keys.count + 1)  // the header, then one per series
                }
            }
        }
    }
}
