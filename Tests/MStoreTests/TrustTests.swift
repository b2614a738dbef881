import Foundation
import Testing

@testable import MStore

/// Hostile and careless inputs: each test fails on a build without the guard it names.
@Suite(.serialized) struct TrustTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func count(_ db: String, _ sql: String) throws -> String {
        let r = try CLI.run(["sql", sql, "--db", db, "--format", "csv"])
        return r.stdout.split(separator: "\n").dropFirst().joined(separator: "\n")
    }

    /// A pid that ran and is gone.
    func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    // MARK: wrong or lost data

    @Test func aURINameForTheStoreIsRefused() throws {
        let dir = try temporaryDirectory()
        let csv = try writeTemporaryFile("date,X\n2025-01-01,1\n2025-01-02,x\n", name: "x.csv", in: dir)
        #expect(try CLI.run(["ingest", csv, "--db", dir + "/s.db"]).status == 65)
        #expect(try CLI.run(["ingest", "--db", dir + "/s.db", dir + "/x.csv", "--vintage", "2025-01-01"]).status == 65)
        #expect(try CLI.run(["ingest", csv, "--db", dir + "/s.db", "--skip-bad", "--vintage", "2025-01-02"]).status == 0)
        let before = try bytes(dir + "/s.db")
        let r = try CLI.run(["ingest", csv, "--db", "file:s.db", "--skip-bad", "--rejects", "s.db", "--vintage", "2025-02-01"], in: dir)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("not a SQLite URI"), "\(r.stderr)")
        #expect(try bytes(dir + "/s.db") == before)
        #expect(try CLI.run(["sql", "PRAGMA integrity_check", "--db", dir + "/s.db", "--format", "csv"]).stdout == "integrity_check\nok\n")
    }

    /// A server's URL is never taken for a file name, and an unreachable server is one line
    /// naming it, without its password (port 1: nothing listens there).
    @Test(arguments: ["postgresql://analyst:s3cret@127.0.0.1:1/desk", "POSTGRES://analyst:s3cret@127.0.0.1:1/desk?schema=a"])
    func aServerURLIsNotAFileName(url: String) throws {
        let dir = try temporaryDirectory()
        let csv = try writeTemporaryFile("date,X\n2025-01-01,1\n", name: "x.csv", in: dir)
        let r = try CLI.run(["ingest", csv, "--db", url], in: dir)
        #expect(r.status == 69, "\(r.stderr)")
        #expect(r.stderr.contains("cannot connect to the PostgreSQL server"), "\(r.stderr)")
        #expect(r.stderr.contains("127.0.0.1:1/desk") && !r.stderr.contains("s3cret"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.csv"])
    }

    @Test func rejectsOfSeveralFilesAreKeptAndNeverReplaceAnInput() throws {
        let dir = try temporaryDirectory()
        let a = try writeTemporaryFile("date,A\n2025-01-01,1\n2025-01-02,bad-a\n", name: "a.csv", in: dir)
        let b = try writeTemporaryFile("date,B\n2025-01-01,1\n2025-01-02,bad-b\n", name: "b.csv", in: dir)
        let db = dir + "/s.db"
        // One file for two inputs would keep only the last file's rejects: refused, nothing stored.
        let one = try CLI.run(["ingest", a, b, "--skip-bad", "--rejects", dir + "/r.csv", "--db", db])
        #expect(one.status == 64, "\(one.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.csv"))
        // A directory gets one rejects file per input.
        try FileManager.default.createDirectory(atPath: dir + "/rejects", withIntermediateDirectories: true)
        let both = try CLI.run(["ingest", a, b, "--skip-bad", "--rejects", dir + "/rejects", "--db", db])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(try String(contentsOfFile: dir + "/rejects/a.csv.rejects.csv", encoding: .utf8).contains("bad-a"))
        #expect(try String(contentsOfFile: dir + "/rejects/b.csv.rejects.csv", encoding: .utf8).contains("bad-b"))
        #expect(both.stdout.contains("see \(dir)/rejects/a.csv.rejects.csv"), "\(both.stdout)")
        // --rejects naming the input itself: refused, the input kept, nothing stored.
        let c = try writeTemporaryFile("date,C\n2025-01-01,1\n2025-01-02,bad-c\n", name: "c.csv", in: dir)
        let original = try bytes(c)
        let same = try CLI.run(["ingest", c, "--skip-bad", "--rejects", c, "--db", db])
        #expect(same.status == 64, "\(same.stderr)")
        #expect(same.stderr.contains("is an input of this command"), "\(same.stderr)")
        #expect(try bytes(c) == original)
        #expect(try count(db, "SELECT count(*) FROM series WHERE key = 'C'") == "0")
    }

    @Test func aFileThatChangesWhileItIsReadIsNotStored() throws {
        let dir = try temporaryDirectory()
        var text = "date,X\n"
        var d = day("1900-01-01")
        for i in 0..<120_000 {
            text += "\(d),\(i)\n"
            d = d.adding(days: 1)
        }
        let path = try writeTemporaryFile(text, name: "growing.csv", in: dir)
        let full = Array(text.utf8)
        let store = try Store(path: dir + "/s.db")
        var options = IngestOptions(vintage: day("2025-01-01"))
        nonisolated(unsafe) var truncated = false
        options.progress = { _, _ in
            guard !truncated else { return }
            truncated = true
            // Cut at a line break, as a download that is rewritten would be.
            let cut = (full[..<(full.count / 2)].lastIndex(of: 10) ?? 0) + 1
            _ = truncate(path, off_t(cut))
        }
        #expect(throws: MStoreError.self) { try store.ingest(path: path, options: options) }
        #expect(truncated)
        do {
            try store.ingest(path: path, options: options)
        } catch let error as MStoreError {
            Issue.record("the file no longer changes, the second ingest must work: \(error)")
        }
        // Only the second, complete read is stored.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
        #expect(lines < 100_000)
        #expect(try store.observations(key: "X").count == lines - 1)
        let runs = try store.query(sql: "SELECT count(*) FROM ingest_run").rows
        #expect(runs == [[.integer(1)]])
    }

    @Test func aChangedFileExitsWith74() throws {
        let error = MStoreError.io(path: "f.csv", message: "the file changed while it was read")
        #expect(error.exitCode == 74)
    }

    // MARK: hostile inputs

    /// A workbook with one sheet part, written with Python's zipfile (deflated); `patch`
    /// rewrites the declared size of the sheet part.
    func workbook(sheet: String, name: String, in dir: String, declaredSize: Int? = nil, repeats: Int = 1) throws -> String {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let path = dir + "/" + name
        let script = """
            import sys, zipfile, struct
            path, sheet_file, declared, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
            sheet = open(sheet_file, 'rb').read()
            parts = {
              '[Content_Types].xml': b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
              'xl/workbook.xml': b'<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
              'xl/_rels/workbook.xml.rels': b'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
            }
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
                for n, b in parts.items(): z.writestr(n, b)
                # The sheet: its text `repeats` times inside the sheetData, streamed.
                with z.open('xl/worksheets/sheet1.xml', 'w') as f:
                    head, body, tail = sheet.split(b'|')
                    f.write(head)
                    block = body * 4096
                    for _ in range(repeats // 4096): f.write(block)
                    f.write(body * (repeats % 4096))
                    f.write(tail)
            if declared >= 0:
                data = bytearray(open(path, 'rb').read())
                name = b'xl/worksheets/sheet1.xml'
                i = data.find(b'PK\\x03\\x04' + b'\\x14\\x00')
                while i >= 0:
                    if data[i+30:i+30+len(name)] == name: struct.pack_into('<I', data, i + 22, declared)
                    i = data.find(b'PK\\x03\\x04', i + 4)
                j = data.find(b'PK\\x01\\x02')
                while j >= 0:
                    if data[j+46:j+46+len(name)] == name: struct.pack_into('<I', data, j + 24, declared)
                    j = data.find(b'PK\\x01\\x02', j + 4)
                open(path, 'wb').write(data)
            """
        let sheetFile = try writeTemporaryFile(sheet, name: name + ".xml", in: dir)
        let r = try runProcess(python, ["-c", script, path, sheetFile, String(declaredSize ?? -1), String(repeats)])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    @Test func deeplyNestedWorkbookXMLIsRefusedWithoutCrashing() throws {
        let dir = try temporaryDirectory()
        let spool = try temporaryDirectory()
        let depth = 50_000
        let sheet = "<worksheet><sheetData>|" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "|</sheetData></worksheet>"
        let path = try workbook(sheet: sheet, name: "deep.xlsx", in: dir)
        let r = try CLI.run(["ingest", path, "--db", dir + "/s.db"], environment: ["TMPDIR": spool])
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("nested more than 256 deep"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool) == [])
        // The reader itself, on a document of any depth past the limit.
        #expect(throws: MStoreError.self) { try XMLTree.parse(Data((String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)).utf8), name: "x") }
        #expect((try? XMLTree.parse(Data((String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)).utf8), name: "x")) != nil)
    }

    @Test func aSheetThatInflatesPastItsDeclaredSizeIsStoppedAtTheLimit() throws {
        let dir = try temporaryDirectory()
        // 600 MiB of one repeated row compresses to well under a megabyte; it claims 1,000 bytes.
        let row = "<row><c><v>1</v></c></row>"
        let repeats = (600 << 20) / row.utf8.count
        let path = try workbook(sheet: "<worksheet><sheetData>|\(row)|</sheetData></worksheet>", name: "bomb.xlsx", in: dir, declaredSize: 1000, repeats: repeats)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size <= 4 << 20)
        let r = try CLI.run(["ingest", path, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("unpacks to more than 512 MiB"), "\(r.stderr)")
    }

    @Test func binaryDataOnADeviceIsRefusedAtOnce() throws {
        let dir = try temporaryDirectory()
        let spool = try temporaryDirectory()
        let r = try CLI.run(["ingest", "/dev/zero", "--db", dir + "/s.db"], environment: ["TMPDIR": spool])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("NUL byte at byte offset 0"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool) == [])
        let stdin = try CLI.run(["ingest", "-", "--db", dir + "/s.db"], stdin: "date,X\n2025-01-01,1\u{0}\n")
        #expect(stdin.status == 65)
        #expect(stdin.stderr.contains("NUL byte at byte offset 19"), "\(stdin.stderr)")
    }

    @Test func theSpoolIsCapped() throws {
        let dir = try temporaryDirectory()
        let fifo = dir + "/in"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            let line = Array("2025-01-01,1\n".utf8)
            for _ in 0..<1000 { _ = line.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) } }
            close(fd)
        }
        writer.start()
        let store = try Store(path: dir + "/s.db")
        var options = IngestOptions()
        options.maxSpoolBytes = 4096
        #expect {
            try store.ingest(path: fifo, options: options)
        } throws: { error in
            "\(error)".contains("spools at most")
        }
        while !writer.isFinished { usleep(1000) }
    }

    @Test func staleSpoolsAndTemporaryOutputsOfKilledRunsAreRemoved() throws {
        let dir = try temporaryDirectory()
        let spool = try temporaryDirectory()
        let dead = try deadPID()
        let stale = spool + "/mstore-input-\(dead)-abcdef"
        let alive = spool + "/mstore-input-1-abcdef"  // init never stops
        let foreign = spool + "/other-file"
        for p in [stale, alive, foreign] { FileManager.default.createFile(atPath: p, contents: Data("x".utf8)) }
        let r = try CLI.run(["ingest", "-", "--db", dir + "/s.db"], stdin: "date,X\n2025-01-01,1\n", environment: ["TMPDIR": spool])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: foreign))
        let staleOutput = dir + "/out.csv.tmp-\(dead)-zz"
        FileManager.default.createFile(atPath: staleOutput, contents: Data("x".utf8))
        let out = try CLI.run(["show", "X", "--db", dir + "/s.db", "-o", dir + "/out.csv"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: staleOutput))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted().filter { !$0.hasPrefix("s.db") } == ["out.csv"])
    }

    // MARK: outputs

    @Test func outputsNeverFollowAPlantedLinkAndKeepModeAndLinks() throws {
        let dir = try temporaryDirectory()
        #expect(try CLI.run(["ingest", "-", "--db", dir + "/s.db"], stdin: "date,X\n2025-01-01,1\n").status == 0)
        // A private file stays private.
        let secret = dir + "/private.csv"
        FileManager.default.createFile(atPath: secret, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600])
        #expect(try CLI.run(["show", "X", "--db", dir + "/s.db", "-o", secret]).status == 0)
        var info = stat()
        #expect(stat(secret, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: secret, encoding: .utf8).contains("2025-01-01"))
        // A hard link sees the new content.
        let linked = dir + "/linked.csv"
        FileManager.default.createFile(atPath: linked, contents: Data("old".utf8))
        #expect(link(linked, dir + "/other-name.csv") == 0)
        #expect(try CLI.run(["show", "X", "--db", dir + "/s.db", "-o", linked]).status == 0)
        #expect(try String(contentsOfFile: dir + "/other-name.csv", encoding: .utf8).contains("2025-01-01"))
        // Symbolic links planted at every temporary name this process could pick are not
        // followed: the target outside stays untouched. (The name has a random part, so the
        // attacker's link is planted for the pid's prefix and the write must still succeed
        // without touching the victim.)
        let victim = try writeTemporaryFile("victim", name: "victim.txt", in: try temporaryDirectory())
        let code = writeAtomicallyRefusesLinks(victim: victim, dir: dir)
        #expect(code)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim")
    }

    /// Plants a link at the temporary name of the next write by this process (as if the
    /// random part were guessed) and writes: the link is never followed.
    func writeAtomicallyRefusesLinks(victim: String, dir: String) -> Bool {
        let target = dir + "/planted.csv"
        // Every name the old code used (PATH.tmp-PID) and a guess at the new one.
        _ = symlink(victim, target + ".tmp-\(getpid())")
        do {
            try writeAtomically("new\n", to: target)
        } catch {
            return false
        }
        return (try? String(contentsOfFile: target, encoding: .utf8)) == "new\n"
    }

    // MARK: mstore sql

    func smallStore() throws -> String {
        let dir = try temporaryDirectory()
        let r = try CLI.run(["ingest", "-", "--db", dir + "/s.db", "--vintage", "2025-01-01"], stdin: "date,X\n2025-01-01,1\n2025-01-02,2\n")
        #expect(r.status == 0, "\(r.stderr)")
        return dir + "/s.db"
    }

    @Test func theRowsHeldCountAgainstTheMemoryLimit() throws {
        let db = try smallStore()
        let sql = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 300) SELECT i, printf('%.*c', 1500000, 'x') FROM r"
        let r = try CLI.run(["sql", sql, "--max-memory", "16", "--db", db, "--format", "csv"])
        #expect(r.status == 64, "\(r.status) \(r.stderr.prefix(200))")
        #expect(r.stderr.contains("need more than 16 MiB"), "\(r.stderr.prefix(200))")
        #expect(r.stdout.isEmpty)
        // Within the limit, the same shape works.
        let small = try CLI.run(["sql", sql.replacingOccurrences(of: "1500000", with: "1000"), "--max-memory", "16", "--db", db, "--format", "csv"])
        #expect(small.status == 0, "\(small.stderr)")
        #expect(small.stdout.split(separator: "\n").count == 301)
    }

    @Test func aStatementStuckInOneCallStillStopsAtItsTimeout() throws {
        let db = try smallStore()
        // One instr call over 40 MB that never finds its needle: one step of SQLite's
        // machine that would take hours.
        let sql = "WITH t(a, b) AS (SELECT printf('%.*c', 40000000, 'a'), printf('%.*c', 1000000, 'a') || 'b') SELECT instr(a, b) FROM t"
        let started = Date()
        let r = try CLI.run(["sql", sql, "--timeout", "1", "--db", db], limit: 30)
        let seconds = Date().timeIntervalSince(started)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("ran longer than 1 s"), "\(r.stderr)")
        #expect(seconds < 10, "stopped after \(seconds) s")
    }

    @Test func readingPragmasAndLeadingCommentsWork() throws {
        let db = try smallStore()
        let pragma = try CLI.run(["sql", "PRAGMA journal_mode", "--db", db, "--format", "csv"])
        #expect(pragma.status == 0, "\(pragma.stderr)")
        #expect(pragma.stdout == "journal_mode\nwal\n")
        #expect(try CLI.run(["sql", "PRAGMA journal_mode = DELETE", "--db", db]).status == 64)
        let comment = try CLI.run(["sql", "--db", db, "--format", "csv", "--", "-- the count\nSELECT count(*) AS n FROM observation"])
        #expect(comment.status == 0, "\(comment.stderr)")
        #expect(comment.stdout == "n\n2\n")
        #expect(try CLI.run(["sql", "--help"]).stdout.contains("mstore sql -- "))
    }

    // MARK: outputs that would change data

    @Test func statusKeepsEveryDigitInDataFormats() throws {
        let csv = try CLI.run(["status", "--db", QueryCLITests.db, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        // WRESBAL is 2884.796 in the story's last download (Fixtures/story, by hand).
        #expect(csv.stdout.contains(",2884.796,"), "\(csv.stdout)")
        let table = try CLI.run(["status", "--db", QueryCLITests.db, "--format", "table"])
        #expect(table.stdout.contains("2885"))
    }

    @Test func aTablePastASpreadsheetsRowsIsRefusedForXlsx() throws {
        var table = ResultTable(columns: ["n"], rows: [])
        table.rows = (0..<Workbook.maxRows).map { [.integer(Int64($0))] }
        #expect(throws: MStoreError.self) { try Workbook.checkFits(table) }
        table.rows.removeLast()
        try Workbook.checkFits(table)
        // From the command line: the message names csv, exit 64, no file.
        let dir = try temporaryDirectory()
        let sql = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 1048576) SELECT i FROM r"
        let r = try CLI.run(["sql", sql, "--max-rows", "2000000", "--db", QueryCLITests.db, "-o", dir + "/big.xlsx"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--format csv"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/big.xlsx"))
    }

    @Test func workbooksAreDeflatedWithQuotePrefixAndWidths() throws {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let dir = try temporaryDirectory()
        let path = dir + "/t.xlsx"
        var book = Workbook()
        book.setSheet("data", ResultTable(columns: ["name", "value"], rows: [[.text("=1+1"), .number(1)], [.text("-2"), .number(2)], [.text("a much longer name here"), .number(3)]]))
        try writeAtomically(bytes: book.bytes(), to: path)
        let script = """
            import sys, zipfile, openpyxl
            z = zipfile.ZipFile(sys.argv[1])
            print(all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist()))
            ws = openpyxl.load_workbook(sys.argv[1]).active
            print(repr(ws['A2'].value), ws['A2'].quotePrefix, repr(ws['A3'].value), ws['A3'].quotePrefix, ws['A4'].quotePrefix)
            print(ws.column_dimensions['A'].width >= 20)
            """
        let r = try runProcess(python, ["-c", script, path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "True\n'=1+1' True '-2' True False\nTrue\n", "\(r.stdout)")
        // A sheet added to a deflated workbook keeps the first.
        var again = try Workbook(bytes: Array(try bytes(path)), path: path)
        again.setSheet("more", ResultTable(columns: ["x"], rows: [[.integer(1)]]))
        #expect(again.sheetNames == ["data", "more"])
        // csv keeps its ' (a spreadsheet opening csv has no style to carry it).
        #expect(String(decoding: ResultTable(columns: ["a"], rows: [[.text("=1+1")]]).delimitedBytes(.csv), as: UTF8.self).contains("'=1+1"))
    }

    @Test func anOutputNameWithAnUnknownExtensionNeedsAFormat() throws {
        let dir = try temporaryDirectory()
        let r = try CLI.run(["show", "WRESBAL", "--db", QueryCLITests.db, "-o", dir + "/out.parquet"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--format"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.parquet"))
        let told = try CLI.run(["show", "WRESBAL", "--db", QueryCLITests.db, "-o", dir + "/out.parquet", "--format", "csv"])
        #expect(told.status == 0, "\(told.stderr)")
        #expect(try CLI.run(["show", "WRESBAL", "--db", QueryCLITests.db, "-o", "/dev/null"]).status == 0)
    }

    @Test func everyStoredKeyWorksEverywhere() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        let csv = "date,series,value\n2025-01-01,\"A\"\"B\",1\n2025-01-01,C-D,2\n"
        let r = try CLI.run(["ingest", "-", "--db", db, "--tag", "g=1"], stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let export = try CLI.run(["export", "--tag", "g=1", "--db", db, "--format", "csv"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout == "date,\"A\"\"B\",C-D\n2025-01-01,1,2\n", "\(export.stdout)")
        let show = try CLI.run(["show", "A\"B", "--db", db, "--format", "csv"])
        #expect(show.status == 0, "\(show.stderr)")
    }

    @Test func controlCharactersNeverReachTheTerminalRaw() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        let evil = "N\u{1B}]0;owned\u{07}\u{1B}]52;c;ZWNobyBoaQ==\u{07}"
        let csv = "date,series,value,unit,source,name\n2025-01-01,X,1,u\u{1B}[31m,s\u{1B}[2J,\(evil)\n"
        let r = try CLI.run(["ingest", "-", "--db", db, "--tag", "t=\u{1B}[2J"], stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"), "\(r.stdout)")
        let names = try CLI.run(["sql", "SELECT name, unit, source FROM series", "--db", db, "--format", "csv"])
        #expect(names.stdout.contains("\u{1B}"), "the test needs the raw text stored: \(names.stdout)")
        for args in [["series"], ["series", "--tag", "t=\u{1B}[2J"], ["sql", "SELECT * FROM series_tags"], ["show", "NOPE\u{1B}[2J"]] {
            let out = try CLI.run(args + ["--db", db, "--format", "table"])
            #expect(!out.stdout.contains("\u{1B}") && !out.stderr.contains("\u{1B}"), "\(args): \(out.stdout) \(out.stderr)")
            #expect(out.stdout.contains("\\u{1b}") || out.stderr.contains("\\u{1b}") || args == ["series", "--tag", "t=\u{1B}[2J"], "\(args): \(out.stdout) \(out.stderr)")
        }
        #expect(escapingControls("a\u{1B}b\u{9B}c\n") == "a\\u{1b}b\\u{9b}c\\n")
    }

    // MARK: downloads ingested out of order

    /// By hand, the issue's case: 2025-01-10 says 1, 2025-01-20 says 1 again (no row), then
    /// the 2025-01-15 download says 2. The newest download says 1: current is 1, as of
    /// 2025-01-17 the answer is 2, as of 2025-01-12 it is 1.
    @Test func aLateOlderDownloadDoesNotOverrideANewerOne() throws {
        for kind in StoreKind.allCases {
            let store = try kind.make()
            for (vintage, value) in [("2025-01-10", 1), ("2025-01-20", 1), ("2025-01-15", 2)] {
                let file = try writeTemporaryFile("date,X\n2024-12-01,\(value)\n2024-12-02,5\n", name: "x-\(vintage).csv")
                try store.ingest(path: file, options: IngestOptions(vintage: day(vintage)))
            }
            #expect(try store.observations(key: "X").map(\.value) == [1, 5], "\(kind)")
            #expect(try store.observations(key: "X", asOf: day("2025-01-25")).map(\.value) == [1, 5])
            #expect(try store.observations(key: "X", asOf: day("2025-01-17")).map(\.value) == [2, 5])
            #expect(try store.observations(key: "X", asOf: day("2025-01-12")).map(\.value) == [1, 5])
            // The confirmed value's version names the run that confirmed it (line 0).
            let rows = try store.query(sql: "SELECT known_from, known_until, value, line FROM observation_history WHERE series = 'X' AND date = '2024-12-01' ORDER BY known_from").rows
            #expect(rows == [
                [.text("2025-01-10"), .text("2025-01-15"), .number(1), .integer(2)],
                [.text("2025-01-15"), .text("2025-01-20"), .number(2), .integer(2)],
                [.text("2025-01-20"), .null, .number(1), .integer(0)],
            ], "\(rows)")
        }
    }

    /// Random download sequences (each a span of dates, values drawn from a few so that many
    /// repeat, vintages in any order, some equal) against a model written here: as of day
    /// t, a date's value is the one given by the latest download with a vintage on or
    /// before t (the later ingest when two share a vintage).
    @Test(arguments: 0..<80) func asOfAnswersFollowTheNewestEvidence(seed: UInt64) throws {
        var rng = BatchedWritesTests.SplitMix(state: seed &* 7919 &+ 3)
        let store = try Store()
        let base = day("2024-01-01")
        let vintageDays = (0..<7).map { base.adding(days: 400 + 10 * $0) }
        // evidence[date] = [(vintage ordinal, order, value)]
        var evidence: [Int: [(Int32, Int, Double)]] = [:]
        for order in 0..<Int.random(in: 2...7, using: &rng) {
            let first = Int.random(in: 0..<12, using: &rng)
            let last = Int.random(in: first..<14, using: &rng)
            let vintage = vintageDays.randomElement(using: &rng)!
            var text = "date,X\n"
            for d in first...last {
                let v = Double(Int.random(in: 0..<3, using: &rng))
                text += "\(base.adding(days: d)),\(formatNumber(v))\n"
                evidence[d, default: []].append((vintage.ordinal, order, v))
            }
            let file = try writeTemporaryFile(text, name: "run\(order).csv")
            var options = IngestOptions(vintage: vintage)
            options.rowByRow = Bool.random(using: &rng)
            try store.ingest(path: file, options: options)
        }
        for t in (vintageDays.first!.ordinal - 1)...(vintageDays.last!.ordinal + 1) {
            let asOf = Day(ordinal: t)
            var expected: [Int: Double] = [:]
            for (d, list) in evidence {
                if let best = list.filter({ $0.0 <= t }).max(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { expected[d] = best.2 }
            }
            let got = (try? store.observations(key: "X", asOf: asOf)) ?? []
            let gotMap = Dictionary(uniqueKeysWithValues: got.map { (Int($0.date.ordinal - base.ordinal), $0.value) })
            #expect(gotMap == expected, "seed \(seed), as of \(asOf)")
        }
        var latest: [Int: Double] = [:]
        for (d, list) in evidence { latest[d] = list.max(by: { ($0.0, $0.1) < ($1.0, $1.1) })!.2 }
        let current = try store.observations(key: "X")
        #expect(Dictionary(uniqueKeysWithValues: current.map { (Int($0.date.ordinal - base.ordinal), $0.value) }) == latest, "seed \(seed), current")
    }

    // MARK: stores shared by users and processes

    @Test func anotherUsersReadLeavesNothingBehind() throws {
        let dir = try temporaryDirectory()
        chmod(dir, 0o777)
        let db = dir + "/s.db"
        #expect(try CLI.run(["ingest", "-", "--db", db], stdin: "date,X\n2025-01-01,1\n").status == 0)
        let r = try CLI.run(["show", "X", "--db", db, "--format", "csv"], asNobody: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "date,X\n2025-01-01,1\n")
        // No -wal or -shm of the reader's is left for the owner to trip on.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.db"])
        #expect(try CLI.run(["ingest", "-", "--db", db], stdin: "date,X\n2025-01-02,2\n").status == 0)
    }

    @Test func firstWritersOfANewStoreDoNotRaceTheMigration() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/new.db"
        nonisolated(unsafe) var results: [CLI.Result?] = Array(repeating: nil, count: 8)
        let threads = (0..<8).map { i in
            Thread {
                results[i] = try? CLI.run(["ingest", "-", "--db", db, "--wait", "300"], stdin: "date,S\(i)\n2025-01-01,\(i)\n")
            }
        }
        for t in threads { t.start() }
        while threads.contains(where: { !$0.isFinished }) { usleep(5000) }
        for (i, r) in results.enumerated() {
            #expect(r?.status == 0, "writer \(i): \(r?.stderr ?? "did not run")")
        }
        let n = try CLI.run(["sql", "SELECT count(*) AS n FROM series", "--db", db, "--format", "csv"])
        #expect(n.stdout == "n\n8\n", "\(n.stdout) \(n.stderr) \(results.map { ($0?.stdout ?? "") + ($0?.stderr ?? "") })")
    }
}
