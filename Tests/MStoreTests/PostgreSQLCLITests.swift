import Foundation
import Testing

@testable import MStore

/// Every command on a PostgreSQL store answers as on a SQLite file with the same ingests:
/// the demo's story (four downloads with revisions), then the README's walkthrough.
@Suite(.serialized) struct PostgreSQLCLITests {
    let dir: String
    let file: String
    let url: String

    init() throws {
        dir = try temporaryDirectory()
        file = dir + "/story.db"
        url = try PostgresServer.newStoreURL()
    }

    /// Runs the same command on both stores; the outputs with each store's name replaced.
    func both(_ arguments: [String]) throws -> (sqlite: CLI.Result, postgresql: CLI.Result) {
        let a = try CLI.run(arguments + ["--db", file], in: dir)
        let b = try CLI.run(arguments + ["--db", url], in: dir)
        return (a, b)
    }

    /// Each store's name replaced, and the seconds each ingest took (they differ from run to run).
    func masked(_ text: String) -> String {
        text.replacingOccurrences(of: file, with: "STORE").replacingOccurrences(of: Store.shown(url), with: "STORE")
            .replacingOccurrences(of: #"\([0-9.]+ m?s\)"#, with: "(T)", options: .regularExpression)
    }

    static let walkthrough: [[String]] = [
        ["series"], ["series", "PAYEMS"], ["revisions"], ["revisions", "PAYEMS", "--since", "2025-06"],
        ["revisions", "--arrived-since", "2025-06"], ["show", "WRESBAL", "--since", "2025-10"],
        ["show", "WALCL", "--since", "2025-09", "--as-of", "2025-09-30", "--format", "csv"],
        ["show", "WALCL", "--since", "2025-09", "--until", "2025-09-30", "--format", "json"],
        ["query", "repo", "--since", "2025-10-29", "--until", "2025-10-31"], ["query", "concentration", "--since", "2025-11-20"],
        ["query", "credit", "--latest"], ["query", "marks", "--min-spread", "15", "--since", "2025-10"],
        ["query", "hedge", "BTC", "--vs", "NDX,GOLD", "--window", "90", "--since", "2025-11-20"], ["query", "spider"],
        ["query", "fragility", "--since", "2025-08"], ["query", "fragility", "--since", "2025-03", "--until", "2025-06", "--as-of", "2025-06-30"],
        ["query", "transform", "WRESBAL", "--units", "pc1", "--since", "2025-10-29"],
        ["query", "rolling", "SOFR-IORB", "--stat", "zscore", "--window", "252", "--since", "2025-11-20"],
        ["query", "kshape", "--since", "2024"], ["query", "corr", "BTC", "GOLD", "--window", "60", "--since", "2025-10"],
        ["status", "--format", "csv"], ["export", "WRESBAL", "IORB", "SOFR", "--freq", "W", "--since", "2025-10-24"],
        ["export", "BTC", "GOLD", "NDX", "--fill", "ffill", "--max-stale", "3", "--since", "2025-11-14", "--until", "2025-11-17", "--format", "csv"],
        ["sql", "SELECT date, value, known_from, known_until, file_name, line FROM observation_history WHERE series = 'PAYEMS' AND date = '2025-08-01' ORDER BY known_from"],
        ["sql", "SELECT series, count(*) AS n, min(date) AS first FROM current_observation GROUP BY series ORDER BY series"],
        ["show", "NOSUCH"], ["sql", "DELETE FROM series"], ["chart", "SOFR", "IORB|IOER", "--since", "2019-08", "--until", "2019-10"], ["report"],
        ["query", "concentration", "--since", "2025-11-20", "--format", "json"], ["config", "--format", "csv"], ["query", "transform", "WRESBAL", "--units", "pc1", "--since", "2031"],
    ]

    @Test func theDemoAndTheWalkthroughAnswerAlikeOnBothEngines() throws {
        let demo = try both(["demo"])
        #expect(demo.sqlite.status == 0, "\(demo.sqlite.stderr)")
        #expect(demo.postgresql.status == 0, "\(demo.postgresql.stderr)")
        #expect(masked(demo.postgresql.stdout) == masked(demo.sqlite.stdout))
        for command in Self.walkthrough {
            let r = try both(command)
            #expect(r.postgresql.status == r.sqlite.status, "\(command): \(r.postgresql.stderr)")
            #expect(masked(r.postgresql.stdout) == masked(r.sqlite.stdout), "\(command)")
            #expect(masked(r.postgresql.stderr) == masked(r.sqlite.stderr), "\(command)")
        }
        // Re-running the demo is a no-op on both: every file was seen.
        let again = try both(["demo"])
        #expect(masked(again.postgresql.stdout) == masked(again.sqlite.stdout))
    }

    @Test func ingestDryRunRevisionsTagsAndBadFilesAlike() throws {
        let a = try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n2025-01-02,A,2\n2025-01-01,B,5\n", name: "a.csv", in: dir)
        let b = try writeTemporaryFile("date,series,value\n2025-01-02,A,2.5\n2025-01-03,A,3\n", name: "b.csv", in: dir)
        let bad = try writeTemporaryFile("date,series,value\n2025-01-04,A,4\n2025-01-05,A,x\n", name: "bad.csv", in: dir)
        let back = try writeTemporaryFile("date,series,value\n2025-01-02,A,1.9\n", name: "back.csv", in: dir)
        let steps: [[String]] = [
            ["ingest", a, "--vintage", "2025-01-10"], ["ingest", b, "--vintage", "2025-01-20", "--dry-run"], ["ingest", b, "--vintage", "2025-01-20"],
            ["ingest", a, "--vintage", "2025-01-25"], ["ingest", bad, "--vintage", "2025-01-30"], ["ingest", back, "--vintage", "2025-01-15"],
            ["ingest", bad, "--vintage", "2025-01-30", "--skip-bad", "--rejects", dir + "/rejects-%s.csv"],
            ["tag", "A", "universe=U", "desk=rates"], ["tag", "B", "universe=U"], ["tag", "A", "--remove", "desk"],
            ["series", "--format", "csv"], ["series", "A"], ["revisions", "A"], ["revisions"],
            ["show", "A", "--as-of", "2025-01-16", "--format", "csv"], ["show", "A", "--as-of", "2025-01-12"], ["show", "a"],
            ["sql", "SELECT series, date, value, known_from, known_until, line FROM observation_history ORDER BY series, date, known_from, ingest_id"],
            ["sql", "SELECT name, value FROM series_tags ORDER BY series, name"],
        ]
        for step in steps {
            let stepped = step.map { $0.replacingOccurrences(of: "%s", with: "x") }
            let r0 = try CLI.run(stepped.map { $0.replacingOccurrences(of: "rejects-x", with: "rejects-sqlite") } + ["--db", file], in: dir)
            let r1 = try CLI.run(stepped.map { $0.replacingOccurrences(of: "rejects-x", with: "rejects-pg") } + ["--db", url], in: dir)
            #expect(r1.status == r0.status, "\(step): \(r1.stderr)")
            let clean = { (s: String) in self.masked(s).replacingOccurrences(of: "rejects-sqlite", with: "R").replacingOccurrences(of: "rejects-pg", with: "R") }
            #expect(clean(r1.stdout) == clean(r0.stdout), "\(step)")
            #expect(clean(r1.stderr) == clean(r0.stderr), "\(step)")
        }
    }

    /// A file copied to the server and back answers every question as the file did; a
    /// destination that already holds a store is refused and left as it was.
    @Test func copyFileToServerToFileKeepsEverything() throws {
        let a = try writeTemporaryFile("date,series,value,tag:universe\n2025-01-01,A,1.1,U\n2025-01-02,A,2,U\n2025-01-01,B,5,U\n", name: "a.csv", in: dir)
        let b = try writeTemporaryFile("date,series,value\n2025-01-02,A,2.5\n2025-01-03,A,3\n", name: "b.csv", in: dir)
        let back = try writeTemporaryFile("date,series,value\n2025-01-02,A,1.9\n", name: "back.csv", in: dir)
        for (path, vintage) in [(a, "2025-01-10"), (b, "2025-01-20"), (back, "2025-01-15"), (a, "2025-01-25")] {
            #expect(try CLI.run(["ingest", path, "--db", file, "--vintage", vintage]).status == 0)
        }
        #expect(try CLI.run(["tag", "A", "desk=rates", "--db", file]).status == 0)
        let toServer = try CLI.run(["copy", file, url])
        #expect(toServer.status == 0, "\(toServer.stderr)")
        #expect(toServer.stdout.contains("checked 2 series"), "\(toServer.stdout)")
        let copy = dir + "/copy.db"
        let toFile = try CLI.run(["copy", url, copy])
        #expect(toFile.status == 0, "\(toFile.stderr)")
        let questions: [[String]] = [
            ["series", "--format", "csv"], ["revisions", "A"], ["show", "A", "--as-of", "2025-01-16", "--format", "csv"], ["show", "A", "--format", "csv"],
            ["sql", "SELECT series, date, value, known_from, known_until, file_name, line, ingest_id FROM observation_history ORDER BY series, date, known_from, ingest_id"],
            ["sql", "SELECT id, file_name, sha256, vintage, outcome FROM ingest_run ORDER BY id"], ["sql", "SELECT series, name, value FROM series_tags ORDER BY series, name"],
        ]
        for question in questions {
            let original = try CLI.run(question + ["--db", file])
            for db in [url, copy] {
                let r = try CLI.run(question + ["--db", db])
                #expect(r.stdout == original.stdout, "\(question) on \(db): \(r.stderr)")
            }
        }
        // New runs and series continue after the copied ids on the server.
        let c = try writeTemporaryFile("date,series,value\n2025-02-01,C,7\n", name: "c.csv", in: dir)
        #expect(try CLI.run(["ingest", c, "--db", url]).status == 0)
        // Into a store that holds something: refused, nothing changed.
        let before = try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", copy, "--format", "csv"]).stdout
        let refused = try CLI.run(["copy", url, copy])
        #expect(refused.status == 64 && refused.stderr.contains("already holds a store"), "\(refused.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", copy, "--format", "csv"]).stdout == before)
    }

    /// A copy that fails part way (here a trigger on the server refuses one version) leaves
    /// the destination as it was: empty, every table; a file copied to a file answers alike.
    @Test func aFailedCopyLeavesTheDestinationAsItWas() throws {
        let demo = try CLI.run(["demo", "--db", file], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let copy = dir + "/copy.db"
        let toFile = try CLI.run(["copy", file, copy])
        #expect(toFile.status == 0, "\(toFile.stderr)")
        for question in [["series", "--format", "csv"], ["revisions", "--format", "csv"], ["query", "fragility", "--since", "2025-08"]] {
            #expect(try CLI.run(question + ["--db", copy]).stdout == CLI.run(question + ["--db", file]).stdout, "\(question)")
        }
        // An empty store on the server whose observation table refuses one late row.
        #expect(try CLI.run(["copy", file, url]).status == 0)
        let schema = String(url.split(separator: "=").last ?? "")
        let server = try PostgresServer.server()
        _ = try server.psql("""
            TRUNCATE \(schema).series, \(schema).ingest_run, \(schema).observation, \(schema).series_tag, \(schema).series_fetch, \(schema).series_coverage;
            CREATE FUNCTION \(schema).refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by a test trigger'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON \(schema).observation FOR EACH ROW WHEN (NEW.date >= '2025-11-01') EXECUTE FUNCTION \(schema).refuse();
            """)
        let failed = try CLI.run(["copy", file, url])
        #expect(failed.status == 74, "\(failed.stderr)")
        #expect(failed.stderr.contains("refused by a test trigger"), "\(failed.stderr)")
        let counts = try server.psql(
            "SELECT (SELECT count(*) FROM \(schema).series) + (SELECT count(*) FROM \(schema).ingest_run) + (SELECT count(*) FROM \(schema).observation) + (SELECT count(*) FROM \(schema).series_coverage)")
        #expect(counts.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// A seeded random sequence of ingests on top of the demo — new series, revisions,
    /// back-fills (earlier vintages), repeated files, bad files with and without
    /// `--skip-bad`, dry runs, long and wide files — into both engines, then `series`,
    /// `revisions`, `show --as-of` at random days, and every question of the walkthrough:
    /// every answer equal. `SEED=N` repeats a run.
    @Test func aSeededRandomSequenceOfIngestsAnswersAlike() throws {
        let seed = ProcessInfo.processInfo.environment["SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("PostgreSQL differential seed: \(seed) (SEED=\(seed) repeats this run)")
        var rng = BatchedWritesTests.SplitMix(state: seed)
        let demo = try both(["demo"])
        #expect(demo.sqlite.status == 0 && demo.postgresql.status == 0, "\(demo.postgresql.stderr)")
        let daily = ["WRESBAL", "SOFR", "IORB", "BTC", "GOLD", "NDX", "R0", "R1", "R2"]
        let monthly = ["PAYEMS", "M0"]
        let vintageBase = day("2025-06-01")
        var written: [(path: String, wide: Bool)] = []
        var touched = Set<String>()
        var vintages: [Day] = []
        func value() -> String { String(Double(Int.random(in: 0...400_000, using: &rng)) / 1000) }
        func rows(bad: Bool) -> [(date: String, key: String, value: String)] {
            var rows: [(String, String, String)] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let isMonthly = Int.random(in: 0..<4, using: &rng) == 0
                let key = isMonthly ? monthly.randomElement(using: &rng)! : daily.randomElement(using: &rng)!
                touched.insert(key)
                let count = Int.random(in: 1...15, using: &rng)
                if isMonthly {
                    let first = Int.random(in: 0..<14, using: &rng)
                    for m in first..<(first + min(count, 6)) {
                        rows.append(("\(2024 + m / 12)-\(String(format: "%02d", m % 12 + 1))-01", key, value()))
                    }
                } else {
                    let first = day("2025-09-01").adding(days: Int.random(in: 0..<90, using: &rng))
                    for d in 0..<count { rows.append((first.adding(days: d).description, key, value())) }
                }
            }
            if bad { rows.insert((rows[0].0, rows[0].1, ["x", "1,2.3", "--"].randomElement(using: &rng)!), at: Int.random(in: 0...rows.count, using: &rng)) }
            return rows
        }
        func write(_ rows: [(date: String, key: String, value: String)], wide: Bool, name: String) throws -> String {
            var text: String
            if wide {
                let keys = Array(Set(rows.map(\.key))).sorted()
                var byDate: [String: [String: String]] = [:]
                for r in rows { byDate[r.date, default: [:]][r.key] = r.value }
                text = "date," + keys.joined(separator: ",") + "\n"
                for date in byDate.keys.sorted() { text += date + "," + keys.map { byDate[date]![$0] ?? "" }.joined(separator: ",") + "\n" }
            } else {
                // Long files keep the first of a repeated (date, series): a file gives one value per date.
                var seen = Set<String>()
                text = "date,series,value\n"
                for r in rows where seen.insert(r.date + "|" + r.key).inserted { text += "\(r.date),\(r.key),\(r.value)\n" }
            }
            return try writeTemporaryFile(text, name: name, in: dir)
        }
        let revisionsBefore = try CLI.run(["revisions", "--format", "csv", "--db", file]).stdout.split(separator: "\n").count
        var stored = 0
        var refused = 0
        for step in 0..<24 {
            let vintage = vintageBase.adding(days: Int.random(in: 0..<240, using: &rng))
            vintages.append(vintage)
            var command: [String]
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                let wide = Bool.random(using: &rng)
                let path = try write(rows(bad: false), wide: wide, name: "step\(step).csv")
                written.append((path, wide))
                command = ["ingest", path, "--vintage", vintage.description]
            case 5...6 where !written.isEmpty:
                command = ["ingest", written.randomElement(using: &rng)!.path, "--vintage", vintage.description]
            case 7...8:
                let path = try write(rows(bad: true), wide: false, name: "bad\(step).csv")
                command = ["ingest", path, "--vintage", vintage.description] + (Bool.random(using: &rng) ? ["--skip-bad"] : [])
            default:
                let path = try write(rows(bad: false), wide: false, name: "dry\(step).csv")
                command = ["ingest", path, "--vintage", vintage.description, "--dry-run"]
            }
            let r = try both(command)
            #expect(r.postgresql.status == r.sqlite.status, "seed \(seed) step \(step) \(command): \(r.postgresql.stderr) vs \(r.sqlite.stderr)")
            #expect(masked(r.postgresql.stdout) == masked(r.sqlite.stdout), "seed \(seed) step \(step) \(command)")
            #expect(masked(r.postgresql.stderr) == masked(r.sqlite.stderr), "seed \(seed) step \(step) \(command)")
            if r.sqlite.status == 0 { stored += 1 } else { refused += 1 }
        }
        // The sequence did something: files stored, values revised.
        print("PostgreSQL differential: \(stored) ingests exit 0, \(refused) refused")
        #expect(stored >= 5, "seed \(seed)")
        #expect(try CLI.run(["revisions", "--format", "csv", "--db", file]).stdout.split(separator: "\n").count > revisionsBefore, "seed \(seed)")
        var questions: [[String]] = [["series", "--format", "csv"], ["revisions", "--format", "csv"], ["status", "--format", "csv"]]
        for key in touched.sorted() {
            questions.append(["series", key])
            questions.append(["revisions", key, "--format", "csv"])
            questions.append(["show", key, "--format", "csv"])
            for asOf in vintages.shuffled(using: &rng).prefix(3) {
                questions.append(["show", key, "--as-of", asOf.adding(days: Int.random(in: -1...1, using: &rng)).description, "--format", "csv"])
            }
        }
        questions.append([
            "sql", "SELECT series, date, value, known_from, known_until, line FROM observation_history ORDER BY series, date, known_from, ingest_id", "--format", "csv",
        ])
        for question in questions + Self.walkthrough {
            let r = try both(question)
            #expect(r.postgresql.status == r.sqlite.status, "seed \(seed) \(question): \(r.postgresql.stderr)")
            #expect(masked(r.postgresql.stdout) == masked(r.sqlite.stdout), "seed \(seed) \(question)")
            #expect(masked(r.postgresql.stderr) == masked(r.sqlite.stderr), "seed \(seed) \(question)")
        }
    }
}
