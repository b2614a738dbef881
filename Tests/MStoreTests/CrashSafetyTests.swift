import Foundation
import Testing

/// An ingest killed at any moment (SIGKILL: no cleanup runs) leaves a consistent store with
/// all of the file or none of it, and ingesting the file again gives what a clean ingest
/// gives. `Scripts/kill-test.sh` runs many more trials.
@Suite(.serialized) struct CrashSafetyTests {
    static func bigFile(in dir: String) throws -> String {
        // 4,000 dates (28-day months) × 25 series.
        var text = "date,series,value\n"
        for d in 0..<4000 {
            let date = "\(2000 + d / 336)-\(String(format: "%02d", d / 28 % 12 + 1))-\(String(format: "%02d", d % 28 + 1))"
            for s in 0..<25 { text += "\(date),S\(s),\(Double(d * 25 + s) / 7)\n" }
        }
        return try writeTemporaryFile(text, name: "big.csv", in: dir)
    }

    func sql(_ query: String, _ db: String) throws -> String {
        let r = try CLI.run(["sql", query, "--db", db, "--format", "csv"])
        #expect(r.status == 0, "\(query): \(r.stderr)")
        return r.stdout
    }

    @Test func killedIngestsLeaveAConsistentStore() throws {
        let dir = try temporaryDirectory()
        let file = try Self.bigFile(in: dir)
        let clean = dir + "/clean.db"
        #expect(try CLI.run(["ingest", file, "--db", clean, "--vintage", "2025-01-01"]).status == 0)
        let reference = try sql("SELECT series, date, value FROM current_observation ORDER BY series, date", clean)
        let rows = reference.split(separator: "\n").count - 1
        #expect(rows == 100_000)
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<4 {
            let db = dir + "/trial\(trial).db"
            // A first small ingest, so the store exists and the kill hits the big one.
            #expect(try CLI.run(["ingest", CLI.fixtures + "/corpus/yymmdd.csv", "--db", db]).status == 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["ingest", file, "--db", db, "--vintage", "2025-01-01"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...900_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try sql("PRAGMA integrity_check", db) == "integrity_check\nok\n")
            // All or nothing: the big file's rows are all there (it finished) or none are.
            let stored = try sql("SELECT count(*) FROM current_observation WHERE series LIKE 'S%'", db)
            #expect(stored == "count(*)\n0\n" || stored == "count(*)\n\(rows)\n", "trial \(trial): \(stored)")
            let runs = try sql("SELECT count(*) FROM ingest_run WHERE outcome = 'running'", db)
            #expect(runs == "count(*)\n0\n", "trial \(trial): a run left half-recorded")
            // Ingesting again converges to the clean result.
            let again = try CLI.run(["ingest", file, "--db", db, "--vintage", "2025-01-01"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try sql("SELECT series, date, value FROM current_observation WHERE series LIKE 'S%' ORDER BY series, date", db) == reference)
        }
    }
}
