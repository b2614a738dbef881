import Foundation
import Testing

@testable import MStore

/// What a user meets at the edges: versions, one error style, suggestions for typos,
/// empty answers that say why, and flags that cannot work together.
@Suite(.serialized) struct CLIBehaviourTests {
    var db: String { QueryCLITests.db }

    @Test func versionIsPrinted() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(r.stdout)")
    }

    @Test(arguments: [
        ["show"], ["show", "WRESBAL", "--bogus"], ["query", "nope"], ["ingest"], ["show", "WRESBAL", "--since", "June"],
        ["query", "rolling", "SOFR", "--window", "0"], ["export", "SOFR", "--fill", "bfill"], ["sql", "DELETE FROM series"],
    ])
    func everyErrorHasOneStyle(args: [String]) throws {
        let r = try CLI.run(args + ["--db", db])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("mstore: error: "), "\(args): \(r.stderr)")
        #expect(!r.stderr.contains("Error:"), "\(args): \(r.stderr)")
    }

    @Test(arguments: [
        (["show", "WRESBL"], "WRESBAL"), (["export", "SOFR", "WRSBAL"], "WRESBAL"), (["query", "corr", "BTC", "NDQ"], "NDX"),
        (["query", "hedge", "BTCC", "--vs", "NDX"], "BTC"), (["tag", "WALC", "x=y"], "WALCL"), (["show", "SOFR-IORBB"], "IORB"),
        (["query", "transform", "sofr.p9"], "SOFR.P99"), (["chart", "GOLDD", "-o", "/dev/null"], "GOLD"),
    ])
    func unknownKeysGetSuggestions(args: [String], suggestion: String) throws {
        let r = try CLI.run(args + ["--db", db])
        #expect(r.status == 66, "\(args): \(r.stderr)")
        #expect(r.stderr.contains("did you mean") && r.stderr.contains(suggestion), "\(args): \(r.stderr)")
        // A key the user typed is not blamed on a config role.
        #expect(!r.stderr.contains("input)"), "\(args): \(r.stderr)")
    }

    @Test func suggestionsRankTheClosestFirst() {
        #expect(suggestions(for: "wresbl", among: ["WALCL", "WRESBAL", "IORB"]) == ["WRESBAL"])
        #expect(suggestions(for: "SOFR.P9", among: ["SOFR.P99", "SOFR.P1", "EFFR", "SOFR"]).first == "SOFR.P99")
        #expect(suggestions(for: "zzzz", among: ["WALCL", "IORB"]).isEmpty)
        #expect(editDistance(Array("kitten"), Array("sitting"), limit: 5) == 3)
    }

    @Test func emptyAnswersSayWhy() throws {
        let late = try CLI.run(["show", "WRESBAL", "--since", "2030", "--db", db, "--format", "csv"])
        #expect(late.status == 0)
        #expect(late.stdout == "date,WRESBAL\n")
        #expect(late.stderr.contains("--since 2030-01-01 is after the last observation of WRESBAL (2025-11-19)"), "\(late.stderr)")
        let early = try CLI.run(["query", "concentration", "--as-of", "2025-01-01", "--db", db, "--format", "csv"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stderr.contains("as of 2025-01-01 nothing in the store was known yet: the first vintage is 2025-03-31"), "\(early.stderr)")
        let before = try CLI.run(["query", "transform", "WALCL", "--until", "2010", "--db", db, "--format", "csv"])
        #expect(before.stderr.contains("--until 2010-12-31 is before the first observation of WALCL"), "\(before.stderr)")
        // A full answer says nothing on standard error.
        let full = try CLI.run(["show", "WRESBAL", "--since", "2025-11", "--db", db, "--format", "csv"])
        #expect(full.stderr.isEmpty)
    }

    @Test func flagsThatCannotWorkTogetherAreUsageErrors() throws {
        let order = try CLI.run(["show", "WRESBAL", "--since", "2025", "--until", "2024", "--db", db])
        #expect(order.status == 64)
        #expect(order.stderr.contains("--since 2025 is after --until 2024"))
        let query = try CLI.run(["query", "repo", "--since", "2025-11-02", "--until", "2025-11-01", "--db", db])
        #expect(query.status == 64)
        let sheet = try CLI.run(["export", "SOFR", "--sheet", "x", "--format", "csv", "--db", db])
        #expect(sheet.status == 64)
        #expect(sheet.stderr.contains("--sheet adds a sheet to an xlsx workbook"))
        let sheetToCSV = try CLI.run(["export", "SOFR", "--sheet", "x", "-o", try temporaryDirectory() + "/a.csv", "--db", db])
        #expect(sheetToCSV.status == 64)
    }

    @Test func configValuesPrintWithoutTOMLQuotes() throws {
        let r = try CLI.run(["config", "--db", db, "--format", "csv"])
        #expect(r.stdout.contains("concentration,total,SPX.MCAP,default"))
        #expect(!r.stdout.contains("\"\"\""))
    }
}
