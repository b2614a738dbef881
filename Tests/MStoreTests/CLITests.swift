import Foundation
import Testing

@testable import MStore

/// Runs the built `mstore` binary.
struct CLI {
    struct Result {
        var status: Int32
        /// Standard output with CRLF line ends turned into LF (csv is written with CRLF).
        var stdout: String
        var stderr: String
        /// Standard output exactly as written.
        var raw: String
    }

    /// The mstore under test: the one built with the tests, or `MSTORE_BINARY` (to run the
    /// suite against a release build).
    static let binary: String = {
        if let chosen = ProcessInfo.processInfo.environment["MSTORE_BINARY"], !chosen.isEmpty { return chosen }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On macOS the test bundle sits one level deeper (…/debug/X.xctest/Contents/MacOS).
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("mstore").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("mstore").path
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// Runs mstore to its end. Standard output and standard error are read together (a
    /// child that fills one pipe while the other is read would block forever), and a run
    /// that outlives `limit` seconds is killed, so that no test can hang the suite.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], in directory: String? = nil, limit: Double = 300,
        asNobody: Bool = false
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if asNobody && geteuid() == 0 {
            // Root passes every permission check: a test of permissions runs mstore as an
            // unprivileged user, or it proves nothing.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                throw MStoreError.notFound(what: "setpriv", hint: "sudo apt-get install -y util-linux")
            }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", binary] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["MSTORE_DB"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let inputData = stdin.map { Data($0.utf8) }
        let inWriter = Thread {
            if let inputData { input.fileHandleForWriting.write(inputData) }
            try? input.fileHandleForWriting.close()
        }
        inWriter.start()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        while !errReader.isFinished || !inWriter.isFinished { usleep(1000) }
        let raw = String(decoding: outData, as: UTF8.self)
        return Result(
            status: process.terminationStatus, stdout: raw.replacingOccurrences(of: "\r\n", with: "\n"), stderr: String(decoding: errData, as: UTF8.self),
            raw: raw)
    }
}

@Suite(.serialized) struct CLITests {
    let dir: String
    let db: String

    init() throws {
        dir = try temporaryDirectory()
        db = dir + "/cli.db"
    }

    func ingestFixtures() throws {
        let files = ["fred/WRESBAL.csv", "fred/IORB.csv", "fred/SOFR_EFFR.csv", "long/spx_market_caps.csv"].map { CLI.fixtures + "/" + $0 }
        let r = try CLI.run(["ingest", "--db", db] + files)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func rootHelpListsCommandsAndExitCodes() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        for word in ["ingest", "series", "show", "revisions", "tag", "query", "config", "sql", "demo", "Exit codes:", "65", "66", "74"] {
            #expect(r.stdout.contains(word), "missing \(word)")
        }
    }

    @Test(arguments: ["ingest", "series", "show", "revisions", "tag", "query", "export", "chart", "status", "config", "sql", "copy", "demo"])
    func everyCommandHasHelpWithExamples(command: String) throws {
        let r = try CLI.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("mstore \(command)"))
    }

    @Test func demoRunsOnTheFixturesAndIsANoOpTheSecondTime() throws {
        let first = try CLI.run(["demo", "--db", db, "--fixtures", CLI.fixtures])
        #expect(first.status == 0, "\(first.stderr)")
        let downloads = try FileManager.default.contentsOfDirectory(atPath: CLI.fixtures + "/story").sorted()
        #expect(downloads == ["2025-03-31", "2025-06-30", "2025-09-30", "2025-11-24"])
        let files = try downloads.map { try FileManager.default.contentsOfDirectory(atPath: CLI.fixtures + "/story/" + $0).filter { $0.hasSuffix(".csv") } }
        #expect(first.stdout.contains("Fixtures/story/2025-03-31: 16 files, "))
        #expect(first.stdout.contains("Fixtures/story/2025-09-30/fred_bank_credit.csv: fred, 1 series (TOTBKCR)"))
        let second = try CLI.run(["demo", "--db", db, "--fixtures", CLI.fixtures])
        #expect(second.status == 0)
        for (download, names) in zip(downloads, files) {
            #expect(second.stdout.contains("Fixtures/story/\(download): \(names.count) files, 0 rows: 0 inserted, 0 revised, 0 unchanged (\(names.count) already ingested)"))
        }
        // The members were tagged for the concentration query.
        #expect(try CLI.run(["series", "--tag", "universe=SPX", "--db", db, "--format", "csv"]).stdout.split(separator: "\n").count == 31)
    }

    @Test func showPrintsTheFixtureValuesAsCSV() throws {
        try ingestFixtures()
        let r = try CLI.run(["show", "WRESBAL", "--since", "2025-06", "--until", "2025-08", "--db", db, "--format", "csv"])
        #expect(r.status == 0)
        // Expected straight from the fixture file.
        let source = try String(contentsOfFile: CLI.fixtures + "/fred/WRESBAL.csv", encoding: .utf8)
        let expected = source.split(separator: "\n").dropFirst().filter { $0 >= "2025-06" && $0 < "2025-09" }.map { line in
            let parts = line.split(separator: ",")
            return (String(parts[0]), Double(parts[1])!)
        }
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["date", "WRESBAL"])
        let got = lines.dropFirst().map { ($0[0], Double($0[1])) }
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        #expect(expected.count == 13)
    }

    @Test(arguments: ["2024", "2024-06", "2024-06-15"])
    func sinceAcceptsYearMonthOrDay(since: String) throws {
        try ingestFixtures()
        let r = try CLI.run(["show", "iorb", "--since", since, "--db", db, "--format", "csv"])
        #expect(r.status == 0)
        let firstDate = r.stdout.split(separator: "\n")[1].prefix(10)
        #expect(String(firstDate) == PeriodBound(since)!.first.description)
        #expect(r.stdout.hasPrefix("date,IORB\n"))
    }

    @Test func asOfShowsWhatWasKnownThen() throws {
        let old = try writeTemporaryFile("observation_date,WALCL\n2025-09-24,6617418\n", name: "a.csv", in: dir)
        let new = try writeTemporaryFile("observation_date,WALCL\n2025-09-24,6614318\n", name: "b.csv", in: dir)
        #expect(try CLI.run(["ingest", old, "--vintage", "2025-10-01", "--db", db]).status == 0)
        #expect(try CLI.run(["ingest", new, "--vintage", "2025-11-05", "--db", db]).status == 0)
        #expect(try CLI.run(["show", "WALCL", "--db", db, "--format", "csv"]).stdout == "date,WALCL\n2025-09-24,6614318\n")
        #expect(try CLI.run(["show", "WALCL", "--as-of", "2025-10", "--db", db, "--format", "csv"]).stdout == "date,WALCL\n2025-09-24,6617418\n")
    }

    @Test func seriesAsJSONAndToAFile() throws {
        try ingestFixtures()
        let r = try CLI.run(["series", "--db", db, "--format", "json"])
        #expect(r.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 19)
        let wresbal = try #require(rows.first { $0["key"] as? String == "WRESBAL" })
        #expect(wresbal["frequency"] as? String == "W-WED")
        #expect(wresbal["first"] as? String == "2022-01-05")
        #expect(wresbal["count"] as? Int == 203)
        let out = dir + "/catalog.tsv"
        let f = try CLI.run(["series", "--db", db, "-o", out])
        #expect(f.status == 0 && f.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("key\tname\tunit\tfrequency\tsource\tfirst\tlast\tcount\n"))
    }

    @Test func sqlReadsAndRefusesWrites() throws {
        try ingestFixtures()
        let r = try CLI.run(["sql", "SELECT count(*) AS n FROM current_observation WHERE series = 'IORB'", "--db", db, "--format", "csv"])
        #expect(r.stdout == "n\n691\n")
        let w = try CLI.run(["sql", "DELETE FROM observation", "--db", db])
        #expect(w.status == 64)
        #expect(w.stderr.contains("mstore sql only reads"))
        #expect(try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", db, "--format", "csv"]).stdout != "count(*)\n0\n")
    }

    @Test func stdinAndEnvironmentStore() throws {
        let r = try CLI.run(["ingest", "-"], stdin: "date,series,value\n2025-11-20,BTC,88000\n", environment: ["MSTORE_DB": db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("<stdin>: long, 1 series (BTC), 1 rows: 1 inserted"))
        #expect(try CLI.run(["show", "BTC", "--format", "csv"], environment: ["MSTORE_DB": db]).stdout == "date,BTC\n2025-11-20,88000\n")
        let again = try CLI.run(["ingest", "-"], stdin: "date,series,value\n2025-11-20,BTC,88000\n", environment: ["MSTORE_DB": db])
        #expect(again.stdout.contains("already ingested"))
    }

    @Test func defaultStoreIsInTheWorkingDirectory() throws {
        let file = try writeTemporaryFile("observation_date,IORB\n2025-10-30,3.90\n", name: "iorb.csv", in: dir)
        #expect(try CLI.run(["ingest", file], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/mstore.db"))
    }

    @Test func exitCodes() throws {
        let bad = try writeTemporaryFile("observation_date,X\n2025-01-01,1\n2025-01-02,oops\n", name: "bad.csv", in: dir)
        let r = try CLI.run(["ingest", bad, "--db", db])
        #expect(r.status == 65)
        #expect(r.stderr == "mstore: error: \(bad):3:2: bad value \"oops\" in column \"X\": expected \(ValueParsing.numberExpectation)\n")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM series", "--db", db, "--format", "csv"]).stdout == "count(*)\n0\n")
        #expect(try CLI.run(["ingest", dir + "/missing.csv", "--db", db]).status == 66)
        #expect(try CLI.run(["series", "--db", dir + "/nowhere.db"]).status == 66)
        #expect(try CLI.run(["show", "NOPE", "--db", db]).status == 66)
        #expect(try CLI.run(["show", "X", "--since", "June", "--db", db]).status == 64)
        #expect(try CLI.run(["ingest", "--db", db]).status == 64)
        #expect(try CLI.run(["sql", "SELEKT", "--db", db]).status == 65)
    }

    @Test func dryRunShowsHowTheFileWouldBeRead() throws {
        let r = try CLI.run(["ingest", "nyfed_rates.csv", "--dry-run", "--db", db], in: CorpusTests.folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("layout: nyfed"))
        #expect(r.stdout.contains("date: column 1 \"Effective Date\", slash dates M/D/Y"))
        #expect(r.stdout.contains("\"1st Percentile (%)\" → KEY.P1"))
        #expect(r.stdout.contains("nyfed_rates.csv: nyfed, 20 series, 4 rows: 26 would insert"))
        #expect(r.stdout.contains("SOFR.P1   2025-10-31  4.05"))
        // A dry run never creates the store.
        #expect(!FileManager.default.fileExists(atPath: db))
        // The plan names the date format the file has.
        for (file, form) in [("yyyymmdd.csv", "dates as YYYYMMDD"), ("bom_crlf.csv", "ISO dates (YYYY-MM-DD)"), ("dmy_dates.csv", "slash dates D/M/Y"),
                             ("month_names.csv", "dates with month names"), ("quarters.csv", "quarters (YYYYQn)")] {
            let plan = try CLI.run(["ingest", file, "--dry-run", "--db", db], in: CorpusTests.folder)
            #expect(plan.stdout.contains("date: column 1 \"") && plan.stdout.contains("\", \(form)\n"), "\(file): \(plan.stdout)")
        }
        // On an existing store, a dry run leaves its bytes as they were.
        #expect(try CLI.run(["ingest", "yyyymmdd.csv", "--db", db], in: CorpusTests.folder).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(try CLI.run(["ingest", "bom_crlf.csv", "--dry-run", "--db", db], in: CorpusTests.folder).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func seriesKeyTagAndRevisions() throws {
        let a = try writeTemporaryFile("observation_date,WALCL\n2025-09-17,6616663\n2025-09-24,6617418\n", name: "a.csv", in: dir)
        let b = try writeTemporaryFile("observation_date,WALCL\n2025-09-17,6617913\n2025-09-24,6614318\n", name: "b.csv", in: dir)
        #expect(try CLI.run(["ingest", a, "--vintage", "2025-10-01", "--db", db, "--tag", "category=funding"]).status == 0)
        #expect(try CLI.run(["ingest", b, "--vintage", "2025-11-05", "--db", db]).status == 0)
        let revisions = try CLI.run(["revisions", "walcl", "--db", db, "--format", "csv"])
        #expect(revisions.stdout == "date,old,new,change,vintage,days_after\n2025-09-17,6616663,6617913,1250,2025-11-05,49\n2025-09-24,6617418,6614318,-3100,2025-11-05,42\n")
        let tagged = try CLI.run(["tag", "WALCL", "universe=FED", "--db", db])
        #expect(tagged.stdout == "WALCL: category=funding universe=FED\n")
        #expect(try CLI.run(["tag", "WALCL", "--remove", "universe", "--db", db]).stdout == "WALCL: category=funding\n")
        #expect(try CLI.run(["series", "--tag", "category=funding", "--db", db, "--format", "csv"]).stdout.contains("\nWALCL,"))
        #expect(try CLI.run(["series", "--tag", "category=credit", "--db", db, "--format", "csv"]).stdout == "key,name,unit,frequency,source,first,last,count\n")
        let one = try CLI.run(["series", "WALCL", "--db", db, "--format", "table"])
        #expect(one.stdout.contains("tags       category=funding"))
        #expect(one.stdout.contains("Ingest history"))
        #expect(one.stdout.contains(a) && one.stdout.contains(b))
        #expect(try CLI.run(["tag", "NOPE", "x=y", "--db", db]).status == 66)
    }

    @Test func oneBadFileDoesNotStopTheOthers() throws {
        let bad = try writeTemporaryFile("observation_date,X\n2025-01-01,x\n", name: "bad.csv", in: dir)
        let good = try writeTemporaryFile("observation_date,Y\n2025-01-01,1\n", name: "good.csv", in: dir)
        let r = try CLI.run(["ingest", bad, good, "--db", db])
        #expect(r.status == 65)
        #expect(r.stdout.contains("good.csv: fred, 1 series (Y)"))
        #expect(r.stderr.contains("bad.csv: nothing of this file was stored"))
    }
}

@Suite struct READMETests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    @Test(arguments: ["ingest", "series", "show", "revisions", "tag", "query", "export", "chart", "status", "config", "sql", "copy", "demo"])
    func everyCommandIsDocumented(command: String) throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        #expect(text.contains("### mstore \(command)"))
    }

    @Test func setUpCommandsAndExitCodesAreThere() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        #expect(text.contains("swift run mstore demo"))
        #expect(text.contains("swift test"))
        for code in ["64", "65", "66", "74"] { #expect(text.contains("| \(code) |")) }
        // .ci/run runs the README's install line and test command, read from the README.
        let lines = text.split(separator: "\n")
        let installs = lines.filter { $0.hasPrefix("sudo apt-get ") }
        #expect(installs.count == 1)
        for package in ["libsqlite3-dev", "librsvg2-bin", "python3-openpyxl"] { #expect(installs.first?.contains(package) == true) }
        #expect(!text.contains("pip install"))
        #expect(lines.contains { $0.hasPrefix("swift test ") || $0 == "swift test" })
        let ci = try String(contentsOf: Self.readme.deletingLastPathComponent().appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("grep -m1 '^sudo apt-get ' README.md"))
        #expect(ci.contains("grep -m1 -E '^swift test( |$)' README.md"))
        #expect(!ci.contains("pip install") && !ci.contains("-m pip"))
    }
}
