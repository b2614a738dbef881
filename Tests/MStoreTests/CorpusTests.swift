import Foundation
import Testing

@testable import MStore

/// Every file in Fixtures/corpus, ingested by the built binary and compared with its
/// expected outcome (see Scripts/make-corpus.py).
@Suite struct CorpusTests {
    static let folder = CLI.fixtures + "/corpus"

    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { [".csv", ".tsv", ".json", ".xlsx"].contains(where: $0.hasSuffix) }.sorted()
    }()

    static let historySQL = """
        SELECT h.series, h.date, h.value, h.known_from, h.known_until, s.unit
        FROM observation_history h JOIN series s ON s.key = h.series
        ORDER BY upper(h.series), h.date, h.known_from
        """

    /// What the publishers' own rows above the data said (NAME.catalog).
    static let catalogSQL = "SELECT key, name, unit, multiplier, currency, source FROM series ORDER BY upper(key)"

    @Test func corpusHasAtLeastThirtyFiles() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func ingestsAsExpected(file: String) throws {
        let stem = String(file[..<(file.lastIndex(of: ".") ?? file.endIndex)])
        let base = Self.folder + "/" + stem
        let dir = try temporaryDirectory()
        let db = dir + "/corpus.db"
        var args = ["ingest", file, "--db", db]
        if let extra = try? String(contentsOfFile: base + ".args", encoding: .utf8) {
            args += extra.split(separator: "\n").map(String.init)
        }
        if !args.contains("--vintage") { args += ["--vintage", "2025-11-24"] }
        if let i = args.firstIndex(of: "--rejects") { args[i + 1] = dir + "/" + args[i + 1] }
        let result = try CLI.run(args, in: Self.folder)
        if let expectedError = try? String(contentsOfFile: base + ".error", encoding: .utf8) {
            let lines = expectedError.split(separator: "\n", maxSplits: 1).map(String.init)
            #expect("exit \(result.status)" == lines[0], "\(result.stderr)")
            #expect(result.stderr == lines[1])
            // Nothing of a failed file is stored.
            let count = try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", db, "--format", "csv"])
            #expect(count.stdout == "count(*)\n0\n")
            return
        }
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOfFile: base + ".expected", encoding: .utf8)
        let stored = try CLI.run(["sql", Self.historySQL, "--db", db, "--format", "csv"])
        #expect(stored.stdout == expected)
        if let catalog = try? String(contentsOfFile: base + ".catalog", encoding: .utf8) {
            let stored = try CLI.run(["sql", Self.catalogSQL, "--db", db, "--format", "csv"])
            #expect(stored.stdout == catalog)
        }
        if let rejects = try? String(contentsOfFile: base + ".rejects", encoding: .utf8), let i = args.firstIndex(of: "--rejects") {
            #expect(try String(contentsOfFile: args[i + 1], encoding: .utf8) == rejects)
        }
    }
}
