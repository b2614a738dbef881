import Foundation
import Testing

@testable import MStore

/// Publishers' own formats beyond what the corpus compares row by row: as-of answers from a
/// FRED real-time history, and the publisher's metadata in the catalog.
@Suite struct PublisherFormatTests {
    static let corpus = CLI.fixtures + "/corpus"

    func store(with files: [String]) throws -> String {
        let db = try temporaryDirectory() + "/p.db"
        for file in files {
            let r = try CLI.run(["ingest", Self.corpus + "/" + file, "--db", db, "--vintage", "2025-11-24"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return db
    }

    @Test func fredRealTimePeriodsAnswerAsOf() throws {
        let db = try store(with: ["GDPC1.json"])
        // Values from the fixture's own definitions (Scripts/make-corpus.py): the version
        // whose real-time period holds the as-of day.
        let june = try CLI.run(["show", "GDPC1", "--as-of", "2025-06-01", "--db", db, "--format", "csv"])
        #expect(june.stdout == "date,GDPC1\n2025-01-01,23526.085\n")
        let september = try CLI.run(["show", "GDPC1", "--as-of", "2025-09-24", "--db", db, "--format", "csv"])
        #expect(september.stdout == "date,GDPC1\n2025-01-01,23512.717\n2025-04-01,23703.782\n")
        let before = try CLI.run(["show", "GDPC1", "--as-of", "2025-04-29", "--db", db, "--format", "csv"])
        #expect(before.stdout == "date,GDPC1\n")
        #expect(before.stderr.contains("nothing of GDPC1 was known yet"), "\(before.stderr)")
        let revisions = try CLI.run(["revisions", "GDPC1", "--db", db, "--format", "csv"])
        #expect(revisions.stdout.split(separator: "\n").count == 5, "\(revisions.stdout)")
        #expect(revisions.stdout.contains("2025-04-01,23703.782,23770.976,67.194,2025-09-25,177"))
    }

    @Test func catalogShowsThePublishersMultiplierAndCurrency() throws {
        let db = try store(with: ["frb_h41.csv", "sdmx_20_oecd.csv"])
        let list = try CLI.run(["series", "--db", db, "--format", "csv"])
        #expect(list.stdout.hasPrefix("key,name,unit,multiplier,frequency,source,first,last,count\n"), "\(list.stdout)")
        #expect(list.stdout.contains("DSD_NAMAIN1@DF_QNA.Q.USA.B1GQ,,,1000000,"))
        let one = try CLI.run(["series", "RESPPLLOPNWW", "--db", db, "--format", "csv"])
        #expect(one.stdout.contains("multiplier,1000000\ncurrency,USD\n"), "\(one.stdout)")
        #expect(one.stdout.contains("name,Reserve Bank credit: Wednesday level\n"))
        // Values are stored as published, in millions.
        #expect(try CLI.run(["show", "RESPPLLOPNWW", "--db", db, "--format", "csv"]).stdout.hasPrefix("date,RESPPLLOPNWW\n2025-11-05,6560178\n"))
    }

    @Test func dryRunNamesTheLayouts() throws {
        let db = try temporaryDirectory() + "/d.db"
        for (file, layout) in [
            ("frb_h15.csv", "layout: frb"), ("sdmx_ecb_exr.csv", "layout: sdmx"), ("GDPC1.json", "layout: fred-json"),
            ("nyfed_refrates.json", "layout: nyfed-json"), ("fred_graph.xlsx", "layout: fred"),
        ] {
            let r = try CLI.run(["ingest", Self.corpus + "/" + file, "--dry-run", "--db", db])
            #expect(r.status == 0, "\(file): \(r.stderr)")
            #expect(r.stdout.contains("\n  \(layout)\n"), "\(file): \(r.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func sdmxPeriods() {
        let parser = DateParser()
        func parse(_ text: String) -> Day? {
            var t = text
            return t.withUTF8 { parser.parse($0) }
        }
        // ISO weeks: week 1 holds 4 January; 2020 has 53 weeks, 2021 has 52.
        #expect(parse("2024-W01") == day("2024-01-01"))
        #expect(parse("2021-W01") == day("2021-01-04"))
        #expect(parse("2020-W53") == day("2020-12-28"))
        #expect(parse("2021-W53") == nil)
        #expect(parse("2024-S2") == day("2024-07-01"))
        #expect(parse("2024-S3") == nil)
        #expect(parse("2024-M12") == day("2024-12-01"))
    }

    @Test func quoteSiteVolumes() {
        let numbers = NumberParser()
        func parse(_ text: String) -> ValueParsing.NumberCell {
            var t = text
            return t.withUTF8 { numbers.parse($0).cell }
        }
        #expect(parse("145.23K") == .value(145230))
        #expect(parse("1.02M") == .value(1_020_000))
        #expect(parse("2.5B") == .value(2_500_000_000))
        #expect(parse("0.1K") == .value(100))
        #expect(parse("K") == .invalid)
        #expect(parse("1.2X") == .invalid)
    }
}
