import Foundation
import Testing

@testable import MStore

/// What only a server store has: roles, several writers at once, clients that die.
@Suite struct PostgreSQLServerTests {
    /// `mstore sql` with a role that may only SELECT: reads work; writes, a second
    /// statement and a runaway statement are refused or stopped, and the store is unchanged.
    @Test func sqlIsReadOnlyAndBoundedWithAReaderRole() throws {
        let url = try PostgresServer.newStoreURL()
        let schema = String(url.split(separator: "=").last ?? "")
        let csv = try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n2025-01-02,A,2\n")
        #expect(try CLI.run(["ingest", csv, "--db", url]).status == 0)
        let server = try PostgresServer.server()
        let role = "reader_" + schema
        _ = try server.psql("CREATE ROLE \(role) LOGIN; GRANT USAGE ON SCHEMA \(schema) TO \(role); GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role)")
        let reader = url.replacingOccurrences(of: "mstore@", with: "\(role)@")
        let read = try CLI.run(["sql", "SELECT series, date, value FROM current_observation ORDER BY date", "--db", reader, "--format", "csv"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "series,date,value\nA,2025-01-01,1\nA,2025-01-02,2\n")
        for (sql, words) in [
            ("DELETE FROM series", "only reads"),
            ("WITH d AS (DELETE FROM series RETURNING key) SELECT * FROM d", "refused by the server"),
            ("SELECT 1; DELETE FROM series", "multiple commands"),
        ] {
            for db in [url, reader] {
                let r = try CLI.run(["sql", sql, "--db", db])
                #expect(r.status != 0, "\(sql)")
                #expect(r.stderr.contains(words), "\(sql): \(r.stderr)")
            }
        }
        let slow = try CLI.run(["sql", "SELECT pg_sleep(20)", "--db", reader, "--timeout", "1"])
        #expect(slow.status == 64, "\(slow.stderr)")
        #expect(slow.stderr.contains("longer than 1 s"), "\(slow.stderr)")
        let rows = try CLI.run(["sql", "SELECT generate_series(1, 100)", "--db", reader, "--max-rows", "10"])
        #expect(rows.status == 64 && rows.stderr.contains("more than 10 rows"), "\(rows.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", url, "--format", "csv"]).stdout == "count\n2\n")
    }

    /// Eight writers at once on one new store, and four readers in a loop meanwhile: each file
    /// is stored whole, once, the store holds what a serial ingest would, and no read fails
    /// or waits for a writer.
    @Test func severalWritersAtOnceEachStoreTheirWholeFile() throws {
        let url = try PostgresServer.newStoreURL()
        let dir = try temporaryDirectory()
        var files: [String] = []
        for i in 0..<8 {
            var text = "date,series,value\n"
            for d in 0..<400 { text += "\(Day(ordinal: 19_000 + Int32(d)).description),S\(i),\(i * 1000 + d)\n" }
            files.append(try writeTemporaryFile(text, name: "f\(i).csv", in: dir))
        }
        let inputs = files
        final class Statuses: @unchecked Sendable {
            let lock = NSLock()
            var all: [Int: Int32] = [:]
        }
        let statuses = Statuses()
        final class Reads: @unchecked Sendable {
            let lock = NSLock()
            var done = false
            var count = 0
            var failures: [String] = []
        }
        let reads = Reads()
        // A store to read while the writers work (the schema exists before they start).
        #expect(try CLI.run(["ingest", try writeTemporaryFile("date,series,value\n2025-01-01,SEED,1\n", name: "seed.csv", in: dir), "--db", url]).status == 0)
        let readers = DispatchGroup()
        for _ in 0..<4 {
            readers.enter()
            Thread.detachNewThread {
                repeat {
                    let r = try? CLI.run(["series", "--db", url, "--format", "csv"])
                    reads.lock.withLock {
                        reads.count += 1
                        if r?.status != 0 { reads.failures.append(r?.stderr ?? "did not run") }
                    }
                } while !reads.lock.withLock({ reads.done })
                readers.leave()
            }
        }
        // Eight processes at once (a thread each: a pool would run two at a time on two cores).
        let writers = DispatchGroup()
        for i in inputs.indices {
            writers.enter()
            Thread.detachNewThread {
                let status = (try? CLI.run(["ingest", inputs[i], "--db", url, "--vintage", "2025-02-01"]).status) ?? -1
                statuses.lock.withLock { statuses.all[i] = status }
                writers.leave()
            }
        }
        writers.wait()
        reads.lock.withLock { reads.done = true }
        readers.wait()
        #expect(reads.failures.isEmpty, "\(reads.failures.prefix(3))")
        #expect(reads.count >= 4)
        #expect((0..<inputs.count).map { statuses.all[$0] } == Array(repeating: 0, count: inputs.count))
        let counts = try CLI.run(["sql", "SELECT series, count(*), sum(value) FROM current_observation GROUP BY series ORDER BY series", "--db", url, "--format", "csv"])
        var expected = "series,count,sum\n"
        for i in 0..<8 { expected += "S\(i),400,\((0..<400).reduce(0) { $0 + i * 1000 + $1 })\n" }
        expected += "SEED,1,1\n"
        #expect(counts.stdout == expected, "\(counts.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM ingest_run WHERE outcome = 'ok'", "--db", url, "--format", "csv"]).stdout == "count\n9\n")
    }

    /// A client killed in the middle of an ingest leaves nothing of its file and no lock:
    /// the next ingest of the same file works at once.
    @Test func aKilledClientLeavesNoHalfFileAndNoLock() throws {
        let url = try PostgresServer.newStoreURL()
        let dir = try temporaryDirectory()
        var text = "date,series,value\n"
        for s in 0..<50 { for d in 0..<6000 { text += "\(Day(ordinal: 10_000 + Int32(d)).description),K\(s),\(d)\n" } }
        let big = try writeTemporaryFile(text, name: "big.csv", in: dir)
        #expect(try CLI.run(["ingest", try writeTemporaryFile("date,series,value\n2025-01-01,SEED,1\n", name: "seed.csv", in: dir), "--db", url]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["ingest", big, "--db", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once its run is open on the server (its ingest_run row is visible as
        // running only inside its transaction: wait for the server to show the COPY or insert).
        let server = try PostgresServer.server()
        var sawWrite = false
        for _ in 0..<400 {
            let active = try server.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mstore' AND state = 'active' AND query NOT LIKE '%pg_stat_activity%'")
            let locks = try server.psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
            if active.trimmingCharacters(in: .whitespacesAndNewlines) != "0" || locks.trimmingCharacters(in: .whitespacesAndNewlines) != "0" {
                sawWrite = true
                break
            }
            usleep(10_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(sawWrite, "the ingest never reached the server before it was killed")
        #expect(process.terminationReason == .uncaughtSignal, "the ingest finished before it was killed")
        let after = try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", url, "--format", "csv"])
        #expect(after.stdout == "count\n1\n", "\(after.stderr)")
        let again = try CLI.run(["ingest", big, "--db", url, "--wait", "10"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stderr.contains("waiting"), "\(again.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", url, "--format", "csv"]).stdout == "count\n300001\n")
    }
}
