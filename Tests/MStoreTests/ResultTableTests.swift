import Foundation
import Testing

@testable import MStore

@Suite struct ResultTableTests {
    let table = ResultTable(
        columns: ["date", "name", "value"],
        rows: [
            [.date(day("2025-10-30")), .text("plain"), .number(3139.07)],
            [.date(day("2025-10-31")), .text("a,\"quoted\"\nname"), .number(2840.256)],
            [.date(day("2025-11-03")), .null, .null],
        ])

    @Test func alignedTableLinesUpDecimalPoints() {
        let expected = [
            "date        name                 value",
            "----------  ----------------  --------",
            "2025-10-30  plain             3139.070",
            "2025-10-31  a,\"quoted\"\\nname  2840.256",
            "2025-11-03",
        ]
        #expect(table.rendered(as: .table) == expected.joined(separator: "\n") + "\n")
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        // The spreadsheet dialect: CRLF between records; the line break inside a quoted field stays LF.
        #expect(table.rendered(as: .csv) == "date,name,value\r\n2025-10-30,plain,3139.07\r\n2025-10-31,\"a,\"\"quoted\"\"\nname\",2840.256\r\n2025-11-03,,\r\n")
    }

    @Test func tsvUsesTabs() {
        #expect(table.rendered(as: .tsv).hasPrefix("date\tname\tvalue\n2025-10-30\tplain\t3139.07\n"))
    }

    @Test func jsonRoundTrips() throws {
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(table.rendered(as: .json).utf8)) as? [[String: Any]])
        #expect(parsed.count == 3)
        #expect(parsed[1]["name"] as? String == "a,\"quoted\"\nname")
        #expect(parsed[0]["value"] as? Double == 3139.07)
        #expect(parsed[2]["value"] is NSNull)
        #expect(ResultTable(columns: ["x"], rows: []).rendered(as: .json) == "[]\n")
    }

    @Test func csvReadsBackThroughTheIngestReader() throws {
        let path = try writeTemporaryFile(table.rendered(as: .csv))
        let reader = try CSVReader(path: path)
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.strings) }
        #expect(rows == [["date", "name", "value"], ["2025-10-30", "plain", "3139.07"], ["2025-10-31", "a,\"quoted\"\nname", "2840.256"], ["2025-11-03", "", ""]])
    }

    @Test(arguments: [(1.0, "1"), (0.1, "0.1"), (-2.5, "-2.5"), (3281567.0, "3281567"), (1e-7, "1e-07"), (1e20, "1e+20")])
    func numbersPrintInTheirShortestExactForm(value: Double, text: String) {
        #expect(formatNumber(value) == text)
        #expect(Double(formatNumber(value)) == value)
    }

    @Test(arguments: [(0.126, 2, "0.13"), (-0.004, 2, "0.00"), (2.5, 0, "3"), (-1.05, 1, "-1.1"), (12.0, 3, "12.000")])
    func fixedDecimals(value: Double, digits: Int, text: String) {
        #expect(fixed(value, digits: digits) == text)
    }
}

@Suite struct SparkTableTests {
    @Test func sparklineLineUnderNumericColumns() {
        let table = ResultTable(
            columns: ["date", "name", "value"],
            rows: (1...8).map { i in [.date(Day(ordinal: Int32(20000 + i))), .text("n\(i)"), .number(Double(i))] })
        let lines = table.renderedWithSparklines().split(separator: "\n").map(String.init)
        #expect(lines.count == 11)
        #expect(lines[10].hasSuffix("▁▂▃▄▅▆▇█"))
        #expect(lines[10].hasPrefix(" "))  // nothing under the date and text columns
        #expect(table.rendered(as: .table).split(separator: "\n").count == 10)
    }
}
