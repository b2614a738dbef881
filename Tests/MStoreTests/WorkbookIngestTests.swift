import Foundation
import Testing

@testable import MStore

/// `mstore ingest book.xlsx`: workbooks written by openpyxl (as Excel writes them: deflated,
/// styled date cells) and by mstore's own export, sheet choice and repeat detection.
@Suite struct WorkbookIngestTests {
    /// Writes a workbook with openpyxl: a notes sheet first, then prices with date cells,
    /// a key with a dash, a formula with no cached value and one with a number.
    func openpyxlBook(at path: String) throws {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let script = """
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            notes = wb.active
            notes.title = "Read me"
            notes["A1"] = "Prices from the desk; see the Prices sheet."
            ws = wb.create_sheet("Prices")
            ws.append(["Date", "BRK-B", "EUR/USD"])
            ws.append([datetime.date(2025, 11, 20), 503.11, 1.1527])
            ws.append([datetime.date(2025, 11, 21), 507.54, None])
            ws.append([datetime.datetime(2025, 11, 24, 0, 0), 510.25, 1.1519])
            wb.save(sys.argv[1])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func readsAWorkbookWrittenByOpenpyxl() throws {
        let dir = try temporaryDirectory()
        let book = dir + "/desk.xlsx"
        try openpyxlBook(at: book)
        let db = dir + "/w.db"
        let r = try CLI.run(["ingest", book, "--db", db, "--vintage", "2025-11-24"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("\(book)[Prices]: wide, 2 series, 3 rows: 5 inserted"), "\(r.stdout)")
        let export = try CLI.run(["export", "BRK-B", "EUR/USD", "--db", db, "--format", "csv"])
        #expect(export.stdout == "date,BRK-B,EUR/USD\n2025-11-20,503.11,1.1527\n2025-11-21,507.54,\n2025-11-24,510.25,1.1519\n")
        // Provenance: the workbook's own SHA-256 and the sheet read.
        let run = try CLI.run(["sql", "SELECT file_name, sha256 FROM ingest_run", "--db", db, "--format", "csv"])
        #expect(run.stdout == "file_name,sha256\n\(book)[Prices],\(try MStore.sha256(ofFile: book))\n")
    }

    @Test func sheetIsChosenByNameAndAnotherSheetIsNoRepeat() throws {
        let dir = try temporaryDirectory()
        let book = dir + "/desk.xlsx"
        try openpyxlBook(at: book)
        let db = dir + "/w.db"
        let missing = try CLI.run(["ingest", book, "--sheet", "Nope", "--db", db])
        #expect(missing.status == 64)
        #expect(missing.stderr == "mstore: error: --sheet Nope: \(book) has no such sheet (sheets: \"Read me\", \"Prices\")\n")
        let notes = try CLI.run(["ingest", book, "--sheet", "read me", "--db", db])
        #expect(notes.status == 65, "\(notes.stderr)")
        #expect(try CLI.run(["ingest", book, "--sheet", "prices", "--db", db]).status == 0)
        let again = try CLI.run(["ingest", book, "--db", db])
        #expect(again.stdout.contains("already ingested"), "\(again.stdout)")
        let csv = try writeTemporaryFile("date,X\n2025-01-01,1\n", name: "x.csv", in: dir)
        let notABook = try CLI.run(["ingest", csv, "--sheet", "Prices", "--db", db])
        #expect(notABook.status == 64)
        #expect(notABook.stderr.contains("--sheet is for .xlsx workbooks"))
    }

    @Test func mstoresOwnExportReadsBack() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/a.db"
        let csv = try writeTemporaryFile(
            "date,series,value\n2025-11-20,BRK-B,503.11\n2025-11-21,BRK-B,507.54\n2025-11-20,AAPL US Equity,266.25\n", name: "a.csv", in: dir)
        #expect(try CLI.run(["ingest", csv, "--db", db]).status == 0)
        let book = dir + "/out.xlsx"
        #expect(try CLI.run(["export", "BRK-B", "AAPL US Equity", "--db", db, "-o", book]).status == 0)
        let db2 = dir + "/b.db"
        let r = try CLI.run(["ingest", book, "--db", db2])
        #expect(r.status == 0, "\(r.stderr)")
        let before = try CLI.run(["export", "BRK-B", "AAPL US Equity", "--db", db, "--format", "csv"]).stdout
        let after = try CLI.run(["export", "BRK-B", "AAPL US Equity", "--db", db2, "--format", "csv"]).stdout
        #expect(before == after)
        #expect(before.hasPrefix("date,BRK-B,AAPL US Equity\n2025-11-20,503.11,266.25\n"))
    }

    @Test func serialDaysInBothDateSystems() throws {
        // 1900 system: 45981 is 2025-11-20 (Excel counts a 29 February 1900), 1 is 1900-01-01.
        #expect(Day(ordinal: 45981 - 25569) == day("2025-11-20"))
        #expect(WorkbookReader.columnIndex("A1") == 0)
        #expect(WorkbookReader.columnIndex("AB12") == 27)
        #expect(WorkbookReader.isDateFormat("yyyy\\-mm\\-dd"))
        #expect(WorkbookReader.isDateFormat("[$-409]mmm d, yyyy"))
        #expect(!WorkbookReader.isDateFormat("0.00\" days\""))
        #expect(!WorkbookReader.isDateFormat("[Red]0.00"))
    }

    @Test func aZipThatIsNoWorkbookIsAClearError() throws {
        let dir = try temporaryDirectory()
        // A stored zip with one entry, no xl/workbook.xml.
        let bytes: [UInt8] = Array("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 0, count: 40)
        let path = try writeTemporaryFile(bytes, name: "odd.xlsx", in: dir)
        let r = try CLI.run(["ingest", path, "--db", dir + "/z.db"])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("mstore: error: \(path):1: cannot read the workbook:"), "\(r.stderr)")
    }
}
