import Foundation
import Testing

@testable import MStore

/// No flag can destroy a store, write errors are never ignored, and reading never writes.
@Suite(.serialized) struct StoreSafetyTests {
    /// A fresh copy of the demo store in its own directory.
    func copyOfDemo() throws -> (dir: String, db: String) {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        try FileManager.default.copyItem(atPath: QueryCLITests.db, toPath: db)
        return (dir, db)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Another program (Python's sqlite3) holding the store's write lock until the test
    /// calls `release()`.
    final class LockHolder {
        let process: Process
        let input: Pipe
        init(process: Process, input: Pipe) {
            self.process = process
            self.input = input
        }
        func release() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// Returns once the lock is taken.
    func holdWriteLock(_ db: String) throws -> LockHolder {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: python)
        holder.arguments = [
            "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read(); c.rollback()", db,
        ]
        let out = Pipe(), input = Pipe()
        holder.standardOutput = out
        holder.standardInput = input
        try holder.run()
        let said = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        #expect(said.hasPrefix("locked"), "the lock holder said \(said)")
        return LockHolder(process: holder, input: input)
    }

    @Test func outputsThatWouldReplaceTheStoreAreRefused() throws {
        let (dir, db) = try copyOfDemo()
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.db", withDestinationPath: db)
        let before = try bytes(db)
        for target in [db, dir + "/./s.db", dir + "/s.db-wal", dir + "/s.db-shm", dir + "/link.db", dir] {
            let r = try CLI.run(["show", "WRESBAL", "--db", db, "-o", target])
            #expect(r.status == 64, "-o \(target): \(r.stderr)")
            #expect(r.stderr.hasPrefix("mstore: error: "), "\(r.stderr)")
        }
        let rejects = try CLI.run(["ingest", "skip_bad.csv", "--skip-bad", "--rejects", db, "--db", db], in: CorpusTests.folder)
        #expect(rejects.status == 64, "\(rejects.stderr)")
        #expect(try bytes(db) == before)
        #expect(try CLI.run(["sql", "SELECT count(*) FROM ingest_run WHERE file_name LIKE '%skip_bad%'", "--db", db, "--format", "csv"]).stdout == "count(*)\n0\n")
        // A symbolic link elsewhere is not replaced by a rename either.
        let other = try writeTemporaryFile("keep", name: "other.csv", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/other-link.csv", withDestinationPath: other)
        #expect(try CLI.run(["show", "WRESBAL", "--db", db, "-o", dir + "/other-link.csv"]).status == 64)
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "keep")
    }

    @Test func devicesAndFIFOsAreWrittenInPlace() throws {
        let (dir, db) = try copyOfDemo()
        let null = try CLI.run(["show", "WRESBAL", "--db", db, "-o", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        var node = stat()
        #expect(stat("/dev/null", &node) == 0 && node.st_mode & S_IFMT == S_IFCHR)
        let stdout = try CLI.run(["show", "WRESBAL", "--since", "2025-11-19", "--db", db, "-o", "/dev/stdout", "--format", "csv"])
        #expect(stdout.stdout == "date,WRESBAL\n2025-11-19,2884.796\n")
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var read = Data()
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            guard fd >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = Glibc.read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                read.append(contentsOf: buffer[0..<n])
            }
            close(fd)
        }
        reader.start()
        let r = try CLI.run(["show", "WRESBAL", "--since", "2025-11-19", "--db", db, "-o", fifo, "--format", "csv"])
        while !reader.isFinished { usleep(1000) }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(String(decoding: read, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n") == "date,WRESBAL\n2025-11-19,2884.796\n")
        #expect(stat(fifo, &node) == 0 && node.st_mode & S_IFMT == S_IFIFO)
    }

    @Test(
        .enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "needs /dev/full (a disk that is always full)"),
        arguments: [
        ["show", "WRESBAL"], ["export", "WRESBAL", "SOFR"], ["sql", "SELECT 1"], ["status"], ["query", "repo"],
        ["ingest", "Fixtures/corpus/yymmdd.csv", "--dry-run"],
    ])
    func writeErrorsAreIOErrors(args: [String]) throws {
        let (dir, db) = try copyOfDemo()
        try FileManager.default.createSymbolicLink(atPath: dir + "/Fixtures", withDestinationPath: CLI.fixtures)
        let command = ([CLI.binary] + args + ["--db", db]).map { "'\($0)'" }.joined(separator: " ") + " > /dev/full"
        let r = try HelpExampleTests.shell(command, in: dir, path: "/usr/bin:/bin")
        #expect(r.status == 74, "\(args): \(r.stderr)")
        #expect(r.stderr.contains("No space left on device"), "\(args): \(r.stderr)")
        let o = try CLI.run(args + ["--db", db, "-o", "/dev/full", "--format", "csv"], in: dir)
        if !args.contains("ingest") { #expect(o.status == 74, "-o /dev/full \(args): \(o.stderr)") }
    }

    @Test func readingNeverChangesTheFile() throws {
        let (dir, db) = try copyOfDemo()
        let before = try bytes(db)
        for args in [["show", "WRESBAL"], ["sql", "SELECT count(*) FROM observation"], ["series"], ["status"], ["query", "fragility"],
                     ["revisions"], ["export", "BTC", "--since", "2025-11"], ["chart", "WRESBAL", "-o", dir + "/c.svg"]] {
            let r = try CLI.run(args + ["--db", db])
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        #expect(try bytes(db) == before)
        // A read-only file in a read-only directory can still be read.
        let locked = try temporaryDirectory() + "/ro"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: db, toPath: locked + "/r.db")
        chmod(locked + "/r.db", 0o444)
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        // As an unprivileged user (root may create the -shm anywhere), and as mstore leaves
        // a store: in WAL mode, with no -wal or -shm beside it.
        #expect(!FileManager.default.fileExists(atPath: locked + "/r.db-wal") && !FileManager.default.fileExists(atPath: locked + "/r.db-shm"))
        for args in [["show", "WRESBAL", "--since", "2025-11-19"], ["sql", "SELECT date, value FROM current_observation WHERE series = 'WRESBAL' AND date >= '2025-11-19'"]] {
            let r = try CLI.run(args + ["--db", locked + "/r.db", "--format", "csv"], asNobody: true)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stdout.hasSuffix("2025-11-19,2884.796\n"), "\(r.stdout)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked) == ["r.db"])
    }

    @Test func foreignAndNewerDatabasesAreRefused() throws {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let dir = try temporaryDirectory()
        let foreign = dir + "/other.db"
        #expect(try OutsideTool.runQuietly(python, ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", foreign]) == 0)
        let before = try bytes(foreign)
        for args in [["sql", "SELECT * FROM t"], ["series"], ["show", "X"], ["ingest", CLI.fixtures + "/corpus/yymmdd.csv"]] {
            let r = try CLI.run(args + ["--db", foreign])
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("not an mstore store"), "\(args): \(r.stderr)")
        }
        #expect(try bytes(foreign) == before)
        // A store with a migration this mstore does not know: reading works, writing is refused.
        let (_, newer) = try copyOfDemo()
        #expect(try OutsideTool.runQuietly(python, ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"insert into grdb_migrations values ('9999_future')\"); c.commit()", newer]) == 0)
        let write = try CLI.run(["ingest", CLI.fixtures + "/corpus/yymmdd.csv", "--db", newer])
        #expect(write.status == 64)
        #expect(write.stderr.contains("9999_future") && write.stderr.contains("mstore \(MStoreVersion.current)"), "\(write.stderr)")
        #expect(try CLI.run(["show", "WRESBAL", "--since", "2025-11-19", "--db", newer, "--format", "csv"]).status == 0)
    }

    @Test func sqlCannotRunAwayOrReachOutsideTheStore() throws {
        let (dir, db) = try copyOfDemo()
        let forever = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r"
        let slow = try CLI.run(["sql", forever, "--timeout", "1", "--db", db])
        #expect(slow.status == 64 && slow.stderr.contains("ran longer than 1 s"), "\(slow.stderr)")
        let big = try CLI.run(["sql", "SELECT zeroblob(1000000000)", "--db", db])
        #expect(big.status == 64 && big.stderr.contains("--max-memory"), "\(big.stderr)")
        let many = try CLI.run(["sql", "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r LIMIT 50) SELECT x FROM r", "--max-rows", "10", "--db", db])
        #expect(many.status == 64 && many.stderr.contains("more than 10 rows"), "\(many.stderr)")
        for sneaky in ["/* x */ ATTACH '\(dir)/evil.db' AS e", "-- x\nATTACH '\(dir)/evil.db' AS e", "SELECT fts3_tokenizer('simple', x'00')"] {
            let r = try CLI.run(["sql", sneaky, "--db", db])
            #expect(r.status == 64, "\(sneaky): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/evil.db"))
        // Ctrl-C stops the statement with a message.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["sql", forever, "--db", db]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Interrupt once the statement runs: the handler of SIGALRM (the deadline) is installed
        // just after the one of SIGINT, before the statement starts.
        let pid = process.processIdentifier
        func catchesAlarm() -> Bool {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
                let mask = UInt64(line.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16)
            else { return false }
            return mask & (1 << (UInt64(SIGALRM) - 1)) != 0
        }
        while process.isRunning && !catchesAlarm() { usleep(2000) }
        usleep(100_000)
        process.interrupt()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64, "\(message)")
        #expect(message.contains("the query was interrupted"))
    }

    @Test func aSecondWriterWaitsWithAMessage() throws {
        let (_, db) = try copyOfDemo()
        let holder = try holdWriteLock(db)
        // The writer says it waits; once the lock is released it goes on and stores the file.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: CLI.binary)
        writer.arguments = ["ingest", CLI.fixtures + "/corpus/yymmdd.csv", "--db", db]
        let err = Pipe()
        writer.standardError = err
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("waiting for another writer") {
            let more = err.fileHandleForReading.availableData
            if more.isEmpty { break }
            said += more
        }
        #expect(writer.isRunning, "the writer did not wait: \(String(decoding: said, as: UTF8.self))")
        holder.release()
        said += err.fileHandleForReading.readDataToEndOfFile()
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0, "\(String(decoding: said, as: UTF8.self))")
        #expect(String(decoding: said, as: UTF8.self).contains("waiting for another writer"))
        let stored = try CLI.run(["sql", "SELECT count(*) FROM ingest_run WHERE file_name LIKE '%yymmdd.csv'", "--db", db, "--format", "csv"])
        #expect(stored.stdout == "count(*)\n1\n", "\(stored.stdout)\(stored.stderr)")
        // With a short --wait, the writer gives up with a clear message.
        let again = try holdWriteLock(db)
        let gaveUp = try CLI.run(["ingest", CLI.fixtures + "/corpus/bom_crlf.csv", "--db", db, "--wait", "0.5"])
        again.release()
        #expect(gaveUp.status == 74)
        #expect(gaveUp.stderr.contains("another writer kept the store locked"), "\(gaveUp.stderr)")
    }

    @Test func aDryRunReadsOnlyAndForeseesTheIngest() throws {
        for file in ["updates/2025-12-16/fred_macro.csv", "corpus/alfred_three_vintages.csv", "corpus/nyfed_rates.csv", "fred/WRESBAL.csv", "corpus/conflict.csv"] {
            let (_, db) = try copyOfDemo()
            let path = CLI.fixtures + "/" + file
            let dry = try CLI.run(["ingest", path, "--db", db, "--vintage", "2025-12-01", "--dry-run"])
            let real = try CLI.run(["ingest", path, "--db", db, "--vintage", "2025-12-01"])
            func counts(_ r: CLI.Result) -> String {
                (r.stdout.split(separator: "\n").first.map(String.init) ?? r.stderr)
                    .replacingOccurrences(of: "would insert", with: "inserted")
                    .replacingOccurrences(of: #" \([0-9.]+ s\).*"#, with: "", options: .regularExpression)
            }
            #expect(dry.status == real.status, "\(file)")
            #expect(counts(dry) == counts(real), "\(file): the dry run said \(counts(dry)), the ingest did \(counts(real))")
        }
        // While another program holds the write lock, a dry run does not wait.
        let (_, db) = try copyOfDemo()
        let holder = try holdWriteLock(db)
        let dry = try CLI.run(["ingest", CLI.fixtures + "/fred/WRESBAL.csv", "--db", db, "--dry-run", "--wait", "1"])
        holder.release()
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(!dry.stderr.contains("waiting"))
    }
}
