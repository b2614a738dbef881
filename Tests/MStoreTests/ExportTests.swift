import Foundation
import Testing

@testable import MStore

@Suite(.serialized) struct ExportTests {
    let db: String
    let dir: String

    init() throws {
        dir = try temporaryDirectory()
        db = dir + "/export.db"
        let prices = try writeTemporaryFile(
            "date,BTC,GOLD\n2025-11-14,95000,4080\n2025-11-15,94000,\n2025-11-16,93000,\n2025-11-17,92000,4060\n2025-11-20,91000,\n", name: "p.csv", in: dir)
        _ = try CLI.run(["ingest", prices, "--db", db, "--tag", "desk=hedges"])
    }

    func export(_ args: [String]) throws -> CLI.Result { try CLI.run(["export"] + args + ["--db", db]) }

    @Test func wideTableOnTheUnionOfDates() throws {
        let r = try export(["BTC", "GOLD", "--format", "csv"])
        #expect(r.stdout == "date,BTC,GOLD\n2025-11-14,95000,4080\n2025-11-15,94000,\n2025-11-16,93000,\n2025-11-17,92000,4060\n2025-11-20,91000,\n")
    }

    @Test func forwardFillStopsAtTheSeriesEndAndAtMaxStale() throws {
        // GOLD's last observation is 2025-11-17: 11-20 stays empty; 11-15/16 are filled.
        let filled = try export(["BTC", "GOLD", "--fill", "ffill", "--format", "csv"])
        #expect(filled.stdout == "date,BTC,GOLD\n2025-11-14,95000,4080\n2025-11-15,94000,4080\n2025-11-16,93000,4080\n2025-11-17,92000,4060\n2025-11-20,91000,\n")
        let stale = try export(["BTC", "GOLD", "--fill", "ffill", "--max-stale", "1", "--format", "csv"])
        #expect(stale.stdout.contains("2025-11-15,94000,4080\n2025-11-16,93000,\n"))
        let beyond = try export(["BTC", "GOLD", "--fill", "ffill", "--max-stale", "3", "--format", "csv"])
        #expect(beyond.stdout.hasSuffix("2025-11-20,91000,4060\n"))
    }

    @Test func longLayoutAndTagsAndFrequency() throws {
        let long = try export(["--tag", "desk=hedges", "--long", "--since", "2025-11-17", "--format", "csv"])
        #expect(long.stdout == "date,series,value\n2025-11-17,BTC,92000\n2025-11-17,GOLD,4060\n2025-11-20,BTC,91000\n")
        let weekly = try export(["BTC", "--freq", "W-FRI", "--agg", "eop", "--format", "csv"])
        #expect(weekly.stdout == "date,BTC\n2025-11-14,95000\n2025-11-21,91000\n")
        let change = try export(["BTC", "--freq", "W-FRI", "--agg", "eop", "--units", "chg", "--format", "csv"])
        #expect(change.stdout == "date,BTC:chg\n2025-11-21,-4000\n")
    }

    @Test func everyFormatRoundTrips() throws {
        let json = try export(["BTC", "GOLD", "--format", "json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(parsed.count == 5)
        #expect(parsed[1]["GOLD"] is NSNull)
        #expect(parsed[0]["BTC"] as? Double == 95000)
        let ndjson = try export(["BTC", "--format", "ndjson"])
        let lines = ndjson.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["date"] is String && object["BTC"] is Double)
        }
        let csv = try export(["BTC", "--format", "csv"])
        #expect(csv.raw.hasPrefix("date,BTC\r\n2025-11-14,95000\r\n"))  // the spreadsheet dialect
        let tsv = try export(["BTC", "--format", "tsv"])
        #expect(tsv.stdout.hasPrefix("date\tBTC\n2025-11-14\t95000\n"))
        // A csv with a byte-order mark reads back through the ingest reader.
        let file = dir + "/with-bom.csv"
        #expect(try export(["BTC", "GOLD", "--bom", "-o", file]).status == 0)
        let bytes = try #require(FileManager.default.contents(atPath: file))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let other = dir + "/roundtrip.db"
        #expect(try CLI.run(["ingest", file, "--db", other]).status == 0)
        #expect(try CLI.run(["show", "GOLD", "--db", other, "--format", "csv"]).stdout == "date,GOLD\n2025-11-14,4080\n2025-11-17,4060\n")
    }

    @Test func formulaTextIsNeutralisedButNumbersAreNot() throws {
        let r = try CLI.run(["sql", "SELECT '=HYPERLINK(\"x\")' AS a, '+1' AS b, '@SUM(A1)' AS c, '-x' AS d, -5 AS n, -0.5 AS m, 'ok' AS e", "--db", db, "--format", "csv"])
        #expect(r.stdout == "a,b,c,d,n,m,e\n\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM(A1),'-x,-5,-0.5,ok\n")
        #expect(neutralized("=1+1") == "'=1+1")
        #expect(neutralized("plain") == "plain")
    }

    @Test func filesAreWrittenAtomically() throws {
        let file = dir + "/out.csv"
        #expect(try export(["BTC", "-o", file]).status == 0)
        let before = try String(contentsOfFile: file, encoding: .utf8)
        // A failing export (unknown series) leaves the earlier file untouched and no temporary behind.
        #expect(try export(["NOPE", "-o", file]).status == 66)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }.isEmpty)
        // Writing into a folder that does not exist is an I/O error.
        #expect(try export(["BTC", "-o", dir + "/missing/out.csv"]).status == 74)
    }

    @Test func exportNeedsSeries() throws {
        #expect(try export([]).status == 64)
        #expect(try export(["--tag", "desk=none"]).status == 66)
    }
}
