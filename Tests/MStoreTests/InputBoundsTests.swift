import Foundation
import Testing

@testable import MStore

/// Inputs that once hung mstore, leaked files or took unbounded memory.
@Suite(.serialized) struct InputBoundsTests {
    /// Runs the binary with `arguments` under a small Python parent (so that the peak is the
    /// child's own, not inherited from this large test process); returns the exit status and
    /// the peak resident memory in KiB.
    static func peak(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, kilobytes: Int) {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let script = """
            import resource, subprocess, sys
            r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, CLI.binary] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return (Int32(parts.first ?? "") ?? -1, Int(parts.last ?? "") ?? -1)
    }

    @Test func hugeFieldsAndRowsAreBadDataWithBoundedMemory() throws {
        let dir = try temporaryDirectory()
        let field = try writeTemporaryFile("date,A\n2025-01-01,\"" + String(repeating: "x", count: 50 << 20) + "\"\n", name: "field.csv", in: dir)
        let row = try writeTemporaryFile("date,A\n2025-01-01," + Array(repeating: "1", count: 26_000_000).joined(separator: ",") + "\n", name: "row.csv", in: dir)
        for file in [field, row] {
            let (status, kilobytes) = try Self.peak(["ingest", file, "--db", dir + "/s.db"])
            #expect(status == 65, "\(file)")
            // The documented bound is 200 MB for any input.
            #expect(kilobytes < 200_000, "\(file): peak \(kilobytes) KiB")
        }
        let r = try CLI.run(["ingest", row, "--db", dir + "/s.db"])
        #expect(r.stderr.contains("more than 100000 fields"), "\(r.stderr)")
    }

    @Test func jsonOfAnySizeIsReadWithBoundedMemory() throws {
        let dir = try temporaryDirectory()
        let spool = dir + "/tmp"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        // 250,000 observations (about 25 MB): stored, in bounded memory.
        var text = "{\"count\": 250000, \"observations\": [\n"
        var d = day("1000-01-01")
        for i in 0..<250_000 {
            text += "{\"realtime_start\":\"2025-11-24\",\"realtime_end\":\"2025-11-24\",\"date\":\"\(d)\",\"value\":\"\(i % 1000).5\"}"
            text += i == 249_999 ? "\n]}\n" : ",\n"
            d = d.adding(days: 1)
        }
        let big = try writeTemporaryFile(text, name: "BIG.json", in: dir)
        let huge = try writeTemporaryFile("{\"observations\": [{\"date\": \"" + String(repeating: "x", count: 50 << 20) + "\"}]}", name: "HUGE.json", in: dir)
        let deep = try writeTemporaryFile("{\"notes\": " + String(repeating: "[", count: 1_000_000), name: "DEEP.json", in: dir)
        for (file, expected) in [(big, Int32(0)), (huge, 65), (deep, 65)] {
            let (status, kilobytes) = try Self.peak(["ingest", file, "--db", dir + "/s.db"], environment: ["TMPDIR": spool])
            #expect(status == expected, "\(file)")
            #expect(kilobytes < 200_000, "\(file): peak \(kilobytes) KiB")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
        let count = try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", dir + "/s.db", "--format", "csv"])
        #expect(count.stdout == "count(*)\n250000\n")
        #expect(try CLI.run(["ingest", huge, "--db", dir + "/s.db"]).stderr.contains("a string longer than 1 MiB"))
        #expect(try CLI.run(["ingest", deep, "--db", dir + "/s.db"]).stderr.contains("nested more than 64 levels deep"))
    }

    @Test func aFIFOIsReadOnceAndIngested() throws {
        let dir = try temporaryDirectory()
        let fifo = dir + "/input.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            let text = Array("observation_date,Z\n2025-01-01,1.5\n2025-01-02,2.5\n".utf8)
            _ = text.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        let r = try CLI.run(["ingest", fifo, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 series (Z), 2 rows: 2 inserted"), "\(r.stdout)")
    }

    @Test func spooledInputLeavesNoTemporaryFile() throws {
        let dir = try temporaryDirectory()
        let spool = dir + "/tmp"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        // Broken UTF-16 from standard input: the spool is removed with the failure.
        let bad = try CLI.run(["ingest", "-", "--db", dir + "/s.db"], stdin: "\u{FEFF}date,A\n", environment: ["TMPDIR": spool])
        #expect(bad.status == 0 || bad.status == 65)
        let broken = dir + "/broken.csv"
        #expect(FileManager.default.createFile(atPath: broken, contents: Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])))
        let r = try CLI.run(["ingest", broken, "--db", dir + "/s.db"], environment: ["TMPDIR": spool])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
        // Killed with SIGTERM while reading standard input: the spool goes too.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["ingest", "-", "--db", dir + "/s.db"]
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = spool
        process.environment = env
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("date,A\n2025-01-01,1\n".utf8))
        var waited = 0
        while (try FileManager.default.contentsOfDirectory(atPath: spool)).isEmpty && waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: spool)).isEmpty, "the spool was never made")
        process.terminate()
        try input.fileHandleForWriting.close()  // never leave the child waiting, whatever happens
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
    }
}
