import Foundation
import Testing

@testable import MStore

/// Series keys as desks write them: dashes, slashes, spaces, accents; matched
/// case-insensitively; quoted inside expressions.
@Suite struct SeriesKeyTests {
    static let desk = """
        date,ticker,value
        2025-11-20,BRK-B,503.11
        2025-11-20,EUR/USD,1.1527
        2025-11-20,AAPL US Equity,266.25
        2025-11-20,Société Générale,55.02
        2025-11-21,BRK-B,507.54
        2025-11-21,AAPL US Equity,271.49
        2025-11-21,x'); DROP TABLE series; --,1

        """

    func deskStore() throws -> String {
        let dir = try temporaryDirectory()
        let db = dir + "/keys.db"
        let file = try writeTemporaryFile(Self.desk, name: "desk.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", db, "--vintage", "2025-11-24"])
        #expect(r.status == 0, "\(r.stderr)")
        return db
    }

    @Test func keysAreStoredAsWrittenAndReadInEveryCommand() throws {
        let db = try deskStore()
        let keys = try CLI.run(["sql", "SELECT key FROM series ORDER BY key", "--db", db, "--format", "csv"])
        #expect(keys.stdout == "key\nAAPL US Equity\nBRK-B\nEUR/USD\nSociété Générale\nx'); DROP TABLE series; --\n")
        // A key that looks like an expression is read as the key the store has.
        #expect(try CLI.run(["show", "BRK-B", "--db", db, "--format", "csv"]).stdout == "date,BRK-B\n2025-11-20,503.11\n2025-11-21,507.54\n")
        #expect(try CLI.run(["show", "eur/usd", "--db", db, "--format", "csv"]).stdout == "date,EUR/USD\n2025-11-20,1.1527\n")
        #expect(try CLI.run(["show", "aapl us equity", "--db", db, "--format", "csv"]).stdout.hasPrefix("date,AAPL US Equity\n"))
        let export = try CLI.run(["export", "BRK-B", "EUR/USD", "AAPL US Equity", "--db", db, "--format", "csv"])
        #expect(export.stdout == "date,BRK-B,EUR/USD,AAPL US Equity\n2025-11-20,503.11,1.1527,266.25\n2025-11-21,507.54,,271.49\n")
        let rolling = try CLI.run(["query", "rolling", "AAPL US Equity", "--stat", "mean", "--window", "2", "--db", db, "--format", "csv"])
        #expect(rolling.stdout == "date,AAPL US Equity,AAPL US Equity:mean(2)\n2025-11-20,266.25,\n2025-11-21,271.49,268.87\n")
        let tag = try CLI.run(["tag", "BRK-B", "universe=DESK", "--db", db])
        #expect(tag.status == 0, "\(tag.stderr)")
        // Text that would be SQL is only ever bound: the key is stored and the table is there.
        #expect(try CLI.run(["show", "x'); DROP TABLE series; --", "--db", db, "--format", "csv"]).status == 0)
    }

    @Test func accentedKeysMatchInAnyCaseAndEitherUnicodeForm() throws {
        let db = try deskStore()
        for typed in ["Société Générale", "SOCIÉTÉ GÉNÉRALE", "société générale", "Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale"] {
            let r = try CLI.run(["show", typed, "--db", db, "--format", "csv"])
            #expect(r.stdout == "date,Société Générale\n2025-11-20,55.02\n", "\(typed): \(r.stderr)")
        }
        // A second spelling in a later file revises the same series.
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,ticker,value\n2025-11-20,SOCIÉTÉ GÉNÉRALE,55.1\n", name: "later.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", db, "--vintage", "2025-11-25"])
        #expect(r.stdout.contains("1 revised"), "\(r.stdout)")
        let count = try CLI.run(["sql", "SELECT count(*) FROM series", "--db", db, "--format", "csv"])
        #expect(count.stdout == "count(*)\n5\n")
    }

    @Test func quotedKeysInExpressions() throws {
        let db = try deskStore()
        let ratio = try CLI.run(["show", "\"BRK-B\"/\"AAPL US Equity\"", "--db", db, "--format", "csv"])
        let lines = ratio.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(ratio.stderr)")
        // By hand: 503.11 / 266.25 and 507.54 / 271.49.
        #expect(Double(lines[1].split(separator: ",")[1]) == 503.11 / 266.25)
        #expect(Double(lines[2].split(separator: ",")[1]) == 507.54 / 271.49)
        let spread = try CLI.run(["show", "gap=\"BRK-B\" - \"AAPL US Equity\"", "--db", db, "--format", "csv"])
        #expect(spread.stdout == "date,gap\n2025-11-20,236.86\n2025-11-21,236.05\n", "\(spread.stderr)")
        #expect(try CLI.run(["show", "\"EUR/USD\"", "--db", db, "--format", "csv"]).stdout == "date,EUR/USD\n2025-11-20,1.1527\n")
    }

    @Test func didYouMeanSuggestsTheQuotedForm() throws {
        let db = try deskStore()
        let r = try CLI.run(["show", "BRK-C", "--db", db])
        #expect(r.status == 66)
        #expect(r.stderr.contains("series \"BRK-C\" not found: did you mean \"BRK-B\"?"), "\(r.stderr)")
        #expect(r.stderr.contains("in double quotes"))
        let bad = try CLI.run(["show", "\"BRK-B/SPX", "--db", db])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("a quote is not closed"), "\(bad.stderr)")
    }

    @Test func keyLimits() {
        #expect(SeriesKey.isValid("BRK-B"))
        #expect(SeriesKey.isValid("Société Générale"))
        #expect(SeriesKey.isValid(String(repeating: "é", count: 128)))
        #expect(!SeriesKey.isValid(String(repeating: "é", count: 129)))
        #expect(!SeriesKey.isValid(""))
        #expect(!SeriesKey.isValid("A\tB"))
        #expect(!SeriesKey.isValid("A\u{7F}B"))
        #expect(!SeriesKey.isValid("A\u{2028}B"))
        #expect(SeriesKey.quotedIfNeeded("BRK-B") == "\"BRK-B\"")
        #expect(SeriesKey.quotedIfNeeded("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SeriesKey.quotedIfNeeded("SOFR.P99") == "SOFR.P99")
    }

    @Test func expressionGrammar() throws {
        #expect(try SeriesExpression.parse("A-B/C").expression == .spread(.key("A"), .ratio(.key("B"), .key("C"))))
        #expect(try SeriesExpression.parse("A/B-C").expression == .spread(.ratio(.key("A"), .key("B")), .key("C")))
        #expect(try SeriesExpression.parse("IORB|IOER - X").expression == .spread(.splice([.key("IORB"), .key("IOER")]), .key("X")))
        #expect(try SeriesExpression.parse("\"say \"\"hi\"\"\"").expression == .key("say \"hi\""))
        let named = try SeriesExpression.parse("gap = \"BRK-B\" - AAPL US Equity")
        #expect(named.name == "gap")
        #expect(named.expression == .spread(.key("BRK-B"), .key("AAPL US Equity")))
        for bad in ["A--B", "A-", "\"A", "\"A\"B", "A-B-C", "\"\""] {
            #expect(throws: MStoreError.self, "\(bad)") { try SeriesExpression.parse(bad) }
        }
    }

    @Test func wideTextColumnsAreSkippedWithOneNote() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("Date,Weekday,HY_OAS,Rating\n2025-11-20,Thu,3.12,BB\n2025-11-21,Fri,3.18,BB\n", name: "w.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/w.db"])
        #expect(r.status == 0)
        #expect(r.stderr == "mstore: note: \(file): skipped 2 columns of text, not numbers: \"Weekday\", \"Rating\"\n")
    }
}
