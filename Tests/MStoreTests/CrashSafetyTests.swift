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
        // The delays come from a logged seed (MSTORE_KILL_SEED repeats a run), spread over the
        // time a clean ingest takes, so that kills land before, during and after the commit.
        let started = Date()
        #expect(try CLI.run(["ingest", file, "--db", dir + "/timed.db", "--vintage", "2025-01-01"]).status == 0)
        let cleanMicros = UInt32(Date().timeIntervalSince(started) * 1_000_000)
        let seed = ProcessInfo.processInfo.environment["MSTORE_KILL_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("CrashSafetyTests: seed \(seed) (MSTORE_KILL_SEED=\(seed) repeats it); a clean ingest took \(cleanMicros / 1000) ms")
        var generator = BatchedWritesTests.SplitMix(state: seed)
        var killedMidRun = 0
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
            // Trial 0 kills at a fifth of the clean time, certainly mid-run; the others anywhere
            // from the start to past the end.
            let delay = trial == 0 ? cleanMicros / 5 : UInt32(generator.next() % UInt64(cleanMicros + cleanMicros / 4)) + 1000
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let killed = process.terminationReason == .uncaughtSignal
            #expect(try sql("PRAGMA integrity_check", db) == "integrity_check\nok\n")
            // All or nothing: the big file's rows are all there (it finished) or none are.
            let stored = try sql("SELECT count(*) FROM current_observation WHERE series LIKE 'S%'", db)
            #expect(stored == "count(*)\n0\n" || stored == "count(*)\n\(rows)\n", "seed \(seed), trial \(trial): \(stored)")
            if killed && stored == "count(*)\n0\n" { killedMidRun += 1 }
            let runs = try sql("SELECT count(*) FROM ingest_run WHERE outcome = 'running'", db)
            #expect(runs == "count(*)\n0\n", "seed \(seed), trial \(trial): a run left half-recorded")
            // Ingesting again converges to the clean result.
            let again = try CLI.run(["ingest", file, "--db", db, "--vintage", "2025-01-01"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try sql("SELECT series, date, value FROM current_observation WHERE series LIKE 'S%' ORDER BY series, date", db) == reference)
        }
        // A run where no kill landed before the commit tested nothing.
        #expect(killedMidRun >= 1, "seed \(seed): no kill landed while the ingest ran")
    }
}
