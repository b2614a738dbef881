import Foundation
import Testing

@testable import MStore

#if canImport(Glibc)
    import Glibc
#endif

/// A server that goes away, passwords right and wrong, a cancelled statement and a writer
/// that waits: each a clear line and a documented exit code, and nothing half stored.
@Suite struct PostgreSQLFaultTests {
    /// A big long file: `series` × 6,000 days.
    static func bigFile(series: Int, in dir: String) throws -> String {
        var text = "date,series,value\n"
        text.reserveCapacity(series * 6000 * 24)
        for s in 0..<series { for d in 0..<6000 { text += "\(Day(ordinal: 10_000 + Int32(d)).description),K\(s),\(d)\n" } }
        return try writeTemporaryFile(text, name: "big.csv", in: dir)
    }

    /// An mstore run in the background, its standard error kept.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        return (process, errors)
    }

    /// Polls `condition` every 10 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try condition() { return true }
            usleep(10_000)
        } while Date() < deadline
        return false
    }

    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The server stopped while a file is being ingested: the ingest fails with one line
    /// naming the server (exit 69), nothing of the file is stored, and once the server is
    /// back the same ingest works.
    @Test func theServerStoppedMidIngestStoresNothingOfTheFile() throws {
        let server = try PostgresServer.privateServer()
        defer { server.remove() }
        let url = server.storeURL()
        let dir = try temporaryDirectory()
        let big = try Self.bigFile(series: 100, in: dir)
        #expect(try CLI.run(["ingest", try writeTemporaryFile("date,series,value\n2025-01-01,SEED,1\n", name: "seed.csv", in: dir), "--db", url]).status == 0)
        let (process, errors) = try Self.start(["ingest", big, "--db", url])
        // Stopped once the ingest holds the writers' lock (its transaction is open).
        let writing = try Self.eventually(60) {
            try Self.trimmed(server.psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) != "0"
        }
        try server.stop(mode: "fast")
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(writing, "the ingest never took the writers' lock")
        #expect([69, 74].contains(process.terminationStatus), "status \(process.terminationStatus): \(message)")
        #expect(message.contains("127.0.0.1:\(server.port)"), "\(message)")
        #expect(message.split(separator: "\n").count == 1, "\(message)")
        try server.start()
        let after = try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", url, "--format", "csv"])
        #expect(after.stdout == "count\n1\n", "\(after.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM ingest_run", "--db", url, "--format", "csv"]).stdout == "count\n1\n")
        let again = try CLI.run(["ingest", big, "--db", url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", url, "--format", "csv"]).stdout == "count\n600001\n")
    }

    /// A server that asks for a password: a wrong or missing one is one line and exit 69
    /// that never shows it; PGPASSWORD, a password file and the URL's password all work;
    /// the password is in no output and no row of the store.
    @Test func passwordsRightAndWrongAndNeverShown() throws {
        let secret = "pw-\(UUID().uuidString.prefix(8))"
        let server = try PostgresServer.privateServer(password: secret)
        defer { server.remove() }
        let dir = try temporaryDirectory()
        let csv = try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n", name: "a.csv", in: dir)
        let noFile = ["PGPASSFILE": dir + "/none", "PGPASSWORD": ""]
        let wrong = server.storeURL(password: "wrong-\(secret)")
        let refused = try CLI.run(["ingest", csv, "--db", wrong], environment: noFile)
        #expect(refused.status == 69, "\(refused.stderr)")
        #expect(refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(!refused.stderr.contains("wrong-"), "\(refused.stderr)")
        let none = try CLI.run(["series", "--db", server.storeURL()], environment: noFile)
        #expect(none.status == 69 && none.stderr.split(separator: "\n").count == 1, "\(none.stderr)")
        #expect(none.stderr.contains("password"), "\(none.stderr)")

        let byURL = server.storeURL(password: secret)
        let viaURL = try CLI.run(["ingest", csv, "--db", byURL], environment: noFile)
        #expect(viaURL.status == 0, "\(viaURL.stderr)")
        let plain = byURL.replacingOccurrences(of: ":" + secret, with: "")
        let viaEnvironment = try CLI.run(["series", "A", "--db", plain], environment: ["PGPASSFILE": dir + "/none", "PGPASSWORD": secret])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        let passfile = dir + "/pgpass"
        try "127.0.0.1:\(server.port):postgres:mstore:\(secret)\n".write(toFile: passfile, atomically: false, encoding: .utf8)
        chmod(passfile, 0o600)
        let viaFile = try CLI.run(["series", "A", "--db", plain], environment: ["PGPASSFILE": passfile, "PGPASSWORD": ""])
        #expect(viaFile.status == 0, "\(viaFile.stderr)")
        // Nowhere: not in what any command printed, nor in the store's rows.
        let everything = try CLI.run(
            ["sql", "SELECT r.*, s.* FROM ingest_run r CROSS JOIN series s", "--db", byURL, "--format", "csv"], environment: noFile)
        #expect(everything.status == 0, "\(everything.stderr)")
        let dump = try server.psql("SELECT string_agg(t::text, ' ') FROM (SELECT * FROM pg_stat_activity) t")
        for output in [refused, none, viaURL, viaEnvironment, viaFile, everything] {
            #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret), "\(output.stdout) \(output.stderr)")
        }
        #expect(!dump.contains(secret))
        #expect(refused.stderr.contains("postgresql://mstore@127.0.0.1:\(server.port)/postgres?schema="), "\(refused.stderr)")
    }

    /// Nothing listens on the port: one line naming the server, exit 69.
    @Test func anUnreachableServerIsOneLine() throws {
        _ = try PostgresServer.server()
        let url = "postgresql://mstore@127.0.0.1:\(PostgresServer.freePort())/postgres"
        for command in [["series"], ["show", "A"], ["ingest", try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n")]] {
            let r = try CLI.run(command + ["--db", url])
            #expect(r.status == 69, "\(command): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(url), "\(command): \(r.stderr)")
        }
    }

    /// Ctrl-C during `mstore sql` cancels the statement on the server (it does not run on
    /// after the client has gone) and stops as on a file: "the query was interrupted", exit 64.
    @Test func ctrlCCancelsTheStatementOnTheServer() throws {
        let server = try PostgresServer.server()
        let url = try PostgresServer.newStoreURL()
        #expect(try CLI.run(["ingest", try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n"), "--db", url]).status == 0)
        let marker = "cancel_me_\(UUID().uuidString.prefix(8).lowercased())"
        let (process, errors) = try Self.start(["sql", "SELECT pg_sleep(120) AS \(marker)", "--db", url, "--timeout", "600"])
        let running = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%AS \(marker)%' AND query NOT LIKE '%pg_stat_activity%'"
        let started = try Self.eventually(30) { try Self.trimmed(server.psql(running)) == "1" }
        let sent = Date()
        kill(process.processIdentifier, SIGINT)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(started, "the statement never reached the server")
        #expect(Date().timeIntervalSince(sent) < 10)
        #expect(process.terminationStatus == 64 && message == "mstore: error: the query was interrupted\n", "status \(process.terminationStatus): \(message)")
        // Cancelled on the server, not only abandoned by the client.
        #expect(try Self.eventually(5) { try Self.trimmed(server.psql(running)) == "0" })
        let log = (try? String(contentsOfFile: server.directory + "/log", encoding: .utf8)) ?? ""
        #expect(log.contains("canceling statement due to user request"), "\(log.suffix(500))")
    }

    /// Another session holds the store's writer lock: a writer says it waits after a
    /// second and goes on when the lock is free; with too short a `--wait` it gives up with
    /// the same message as on a file, and stores nothing.
    @Test func aWriterWaitsForTheLockAndSaysSo() throws {
        let server = try PostgresServer.server()
        let url = try PostgresServer.newStoreURL()
        let schema = String(url.split(separator: "=").last ?? "")
        let dir = try temporaryDirectory()
        #expect(try CLI.run(["ingest", try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n", name: "a.csv", in: dir), "--db", url]).status == 0)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: server.bin + "/psql")
        holder.arguments = [
            "-h", "127.0.0.1", "-p", String(server.port), "-U", "mstore", "-d", "postgres", "-q",
            "-c", "SELECT pg_advisory_lock(\(PostgreSQLEngine.lockSpace), hashtext('\(schema)'))", "-c", "SELECT pg_sleep(6)",
        ]
        holder.environment = ["PGAPPNAME": "holder_" + schema]
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { holder.waitUntilExit() }
        let held = try Self.eventually(20) {
            try Self.trimmed(server.psql(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid IN (SELECT pid FROM pg_stat_activity WHERE application_name = 'holder_\(schema)')"
            )) != "0"
        }
        #expect(held, "the lock holder never took the lock")
        let b = try writeTemporaryFile("date,series,value\n2025-01-02,A,2\n", name: "b.csv", in: dir)
        let gaveUp = try CLI.run(["ingest", b, "--db", url, "--wait", "1.5"])
        #expect(gaveUp.status == 74, "\(gaveUp.stderr)")
        #expect(gaveUp.stderr.contains("waiting for another writer"), "\(gaveUp.stderr)")
        #expect(gaveUp.stderr.contains("another writer kept the store locked longer than the wait (--wait SECONDS raises it)"), "\(gaveUp.stderr)")
        let waited = try CLI.run(["ingest", b, "--db", url, "--wait", "60"])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stderr.contains("waiting for another writer to finish with \(Store.shown(url))"), "\(waited.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM current_observation", "--db", url, "--format", "csv"]).stdout == "count\n2\n")
    }
}
