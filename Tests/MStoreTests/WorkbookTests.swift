import Foundation
import Testing

@testable import MStore

/// Workbooks read back by a real spreadsheet library (openpyxl, from Debian's python3-openpyxl).
@Suite(.serialized) struct WorkbookTests {
    /// Runs a Python snippet with openpyxl on `path`; returns its standard output.
    func openpyxl(_ script: String, _ path: String) throws -> String {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n" + script, path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl failed: \(problems)")
        #expect(!problems.contains("Warning"), "\(problems)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func exportWritesRealDatesNumbersFrozenHeaderAndMetadata() throws {
        let dir = try temporaryDirectory()
        let book = dir + "/book.xlsx"
        let r = try CLI.run(["export", "WRESBAL", "IORB", "--freq", "W", "--since", "2025-11", "--db", QueryCLITests.db, "-o", book])
        #expect(r.status == 0, "\(r.stderr)")
        let got = try openpyxl(
            """
            ws = wb["data"]
            print(wb.sheetnames)
            print(ws.freeze_panes)
            print([c.value for c in ws[1]])
            print(ws["A2"].value.date().isoformat(), ws["A2"].number_format, type(ws["B2"].value).__name__, ws["B2"].value)
            print([c.value for c in wb["metadata"][2]][:5])
            """, book)
        let lines = got.split(separator: "\n").map(String.init)
        try #require(lines.count == 5, "openpyxl printed \(got)")
        #expect(lines[0] == "['data', 'metadata']")
        #expect(lines[1] == "A2")
        #expect(lines[2] == "['date', 'WRESBAL', 'IORB']")
        let csv = try CLI.run(["export", "WRESBAL", "IORB", "--freq", "W", "--since", "2025-11", "--db", QueryCLITests.db, "--format", "csv"])
        let csvLines = csv.stdout.split(separator: "\n")
        try #require(csvLines.count > 1, "export printed \(csv.stdout)")
        let first = csvLines[1].split(separator: ",")
        #expect(lines[3] == "\(first[0]) yyyy\\-mm\\-dd float \(first[1])")
        #expect(lines[4] == "['WRESBAL', None, 'USD bn', 'W-WED', 'FRED']")
    }

    @Test func sheetsAreAddedAndReplacedInOneWorkbook() throws {
        let dir = try temporaryDirectory()
        let book = dir + "/desk.xlsx"
        #expect(try CLI.run(["query", "concentration", "--since", "2025-11-20", "--db", QueryCLITests.db, "-o", book, "--sheet", "concentration"]).status == 0)
        #expect(try CLI.run(["query", "credit", "--latest", "--db", QueryCLITests.db, "-o", book, "--sheet", "credit"]).status == 0)
        #expect(try CLI.run(["query", "concentration", "--since", "2025-11-21", "--db", QueryCLITests.db, "-o", book, "--sheet", "concentration"]).status == 0)
        let got = try openpyxl("print(wb.sheetnames)\nprint(wb['concentration'].max_row)\nprint(wb['credit']['A4'].value)", book)
        #expect(got == "['concentration', 'credit']\n2\nCDS.ORCL\n")
    }

    @Test func formulaTextIsNeutralisedAndNumbersKept() throws {
        let dir = try temporaryDirectory()
        let book = dir + "/f.xlsx"
        #expect(try CLI.run(["sql", "SELECT '=HYPERLINK(\"http://x\")' AS a, '@x' AS b, -3 AS n, 'plain' AS c", "--db", QueryCLITests.db, "-o", book]).status == 0)
        // Text cells hold the text exactly; those that start like a formula carry the
        // quote-prefix style (a typed '), so a spreadsheet never evaluates them.
        let got = try openpyxl("import json\nws = wb['data']\nprint(json.dumps([c.value for c in ws[2]]))\nprint([c.data_type for c in ws[2]])\nprint([c.quotePrefix for c in ws[2]])", book)
        #expect(got == "[\"=HYPERLINK(\\\"http://x\\\")\", \"@x\", -3, \"plain\"]\n['s', 's', 'n', 's']\n[True, True, False, False]\n")
    }

    @Test func addingASheetToAForeignFileIsRefusedAndTheFileKept() throws {
        let dir = try temporaryDirectory()
        let other = try writeTemporaryFile("not a zip", name: "other.xlsx", in: dir)
        let r = try CLI.run(["query", "credit", "--latest", "--db", QueryCLITests.db, "-o", other, "--sheet", "credit"])
        #expect(r.status == 74)
        #expect(r.stderr.contains("not a workbook mstore wrote"))
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "not a zip")
    }

    @Test func zipRoundTripsAndCRCMatchesAKnownValue() throws {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        var zip = ZipArchive()
        zip.entries = [.init(name: "a.txt", data: Array("hello".utf8)), .init(name: "b/c.xml", data: Array("<x/>".utf8))]
        let back = try #require(ZipArchive.read(zip.bytes()))
        #expect(back.entries.map(\.name) == ["a.txt", "b/c.xml"])
        #expect(back.entries.map { String(decoding: $0.data, as: UTF8.self) } == ["hello", "<x/>"])
        #expect(Workbook.column(0) == "A" && Workbook.column(25) == "Z" && Workbook.column(26) == "AA" && Workbook.column(701) == "ZZ")
    }
}
