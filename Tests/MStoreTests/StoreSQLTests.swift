import Testing

@testable import MStore

@Suite struct StoreSQLTests {
    func seeded(_ kind: StoreKind) throws -> Store {
        let store = try kind.make()
        try store.ingest(path: try writeTemporaryFile("observation_date,IORB\n2025-10-30,3.90\n2025-10-31,3.90\n"))
        return store
    }

    @Test(arguments: StoreKind.allCases)
    func selectsThroughTheViews(kind: StoreKind) throws {
        let table = try seeded(kind).query(sql: "SELECT series, date, value FROM current_observation ORDER BY date")
        #expect(table.columns == ["series", "date", "value"])
        #expect(table.rows == [[.text("IORB"), .text("2025-10-30"), .number(3.9)], [.text("IORB"), .text("2025-10-31"), .number(3.9)]])
    }

    @Test(arguments: StoreKind.allCases, [
        "DELETE FROM observation", "UPDATE series SET name = 'x'", "INSERT INTO series_tag VALUES (1, 'a', 'b')",
        "DROP TABLE series", "CREATE TABLE t (x)", "ATTACH ':memory:' AS other", "VACUUM", "PRAGMA user_version = 7",
    ])
    func refusesStatementsThatWrite(kind: StoreKind, sql: String) throws {
        let store = try seeded(kind)
        #expect(throws: MStoreError.self) { try store.query(sql: sql) }
        do {
            _ = try store.query(sql: sql)
        } catch let error as MStoreError {
            #expect(error.exitCode == ExitStatus.usage)
            #expect(error.description.hasPrefix("mstore sql only reads"))
        }
        #expect(try store.query(sql: "SELECT count(*) FROM observation").rows == [[.integer(2)]])
    }

    @Test(arguments: StoreKind.allCases)
    func everyStoreStopsAStatementAtItsDeadline(kind: StoreKind) throws {
        let store = try seeded(kind)
        var limits = SQLLimits()
        limits.seconds = 0.5
        let started = monotonicSeconds()
        #expect(throws: MStoreError.self) {
            // About 15 s of work: bounded, so that a missing deadline fails the test, not hangs it.
            try store.query(sql: "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r WHERE x < 100000000) SELECT count(*) FROM r", limits: limits)
        }
        #expect(monotonicSeconds() - started < 10)
        // The store's own connection is not left bound (an in-memory store has only that
        // one): an ingest after the deadline has passed runs to its end.
        var text = "date,LONG\n"
        var d = day("2000-01-01")
        for i in 0..<20_000 {
            text += "\(d),\(i)\n"
            d = d.adding(days: 1)
        }
        let report = try store.ingest(path: try writeTemporaryFile(text))
        #expect(report.inserted == 20_000)
    }

    @Test func twoStoresQueriedAtOnceKeepTheirOwnDeadlinesAndMemory() throws {
        // B's statement would take seconds and has a short deadline and 16 MiB; A's starts
        // while B's runs, with the defaults, and needs 80 MB for one value. Neither's
        // limits may reach the other's statement. (A thread of its own for B: the test's
        // task pool may be busy with other suites.)
        let a = try seeded(.file)
        let b = try seeded(.file)
        var tight = SQLLimits()
        tight.seconds = 1
        tight.memoryBytes = 16 << 20
        let limits = tight
        let long = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r WHERE x < 100000000) SELECT count(*) FROM r"
        let started = monotonicSeconds()
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let thread = Thread {
            do {
                _ = try b.query(sql: long, limits: limits)
                outcome.text = "finished"
            } catch { outcome.text = "\(error)" }
            done.signal()
        }
        thread.start()
        usleep(200_000)
        let aRows = try a.query(sql: "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r WHERE x < 3000000) SELECT count(*), length(hex(zeroblob(40000000))) FROM r").rows
        #expect(aRows == [[.integer(3_000_000), .integer(80_000_000)]])
        done.wait()
        #expect(outcome.text.contains("ran longer than 1 s"), "\(outcome.text)")
        #expect(monotonicSeconds() - started < 30)
    }

    final class Outcome: @unchecked Sendable { var text = "" }

    @Test func invalidSQLIsADataError() throws {
        let store = try seeded(.memory)
        do {
            _ = try store.query(sql: "SELEKT 1")
            Issue.record("expected an error")
        } catch let error as MStoreError {
            #expect(error.exitCode == ExitStatus.dataError)
            #expect(error.description.contains("syntax error"))
        }
    }
}

@Suite struct MigrationTests {
    @Test(arguments: [StoreKind.memory, .file])
    func buildsTheSchemaFromEmpty(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.appliedMigrations() == ["0001_initial", "0002_series_metadata", "0003_fetch_sources", "0004_series_stats", "0005_series_snapshot", "0006_repair_unended_versions", "0007_series_coverage"])
        let objects = try store.query(sql: "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY type, name")
        #expect(
            objects.rows.map { $0.map(\.text) } == [
                ["index", "ingest_run_by_sha256"], ["index", "series_coverage_by_vintage"],
                ["table", "ingest_run"], ["table", "observation"], ["table", "series"], ["table", "series_coverage"], ["table", "series_fetch"], ["table", "series_snapshot"], ["table", "series_tag"],
                ["view", "current_observation"], ["view", "observation_history"], ["view", "series_tags"],
            ])
        let columns = try store.query(sql: "SELECT name FROM pragma_table_info('observation') ORDER BY cid")
        #expect(columns.rows.map { $0[0].text } == ["series_id", "date", "known_from", "ingest_id", "known_until", "value", "line"])
    }

    /// A store one migration behind (as an older mstore left it): a reading command asks
    /// for a writer, a writing one applies what is missing and records it; without the
    /// TimescaleDB extension the guarded migration leaves `observation` a plain table.
    @Test func anOlderPostgreSQLStoreIsMigratedByAWriter() throws {
        let url = try PostgresServer.newStoreURL()
        let schema = String(url.split(separator: "=").last ?? "")
        let csv = try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n")
        #expect(try CLI.run(["ingest", csv, "--db", url]).status == 0)
        _ = try PostgresServer.server().psql("DELETE FROM \(schema).mstore_migration WHERE id = '0002_timescaledb_hypertable'")
        let read = try CLI.run(["series", "--db", url])
        #expect(read.status == 64 && read.stderr.contains("needs a schema upgrade that only a writing command applies"), "\(read.stderr)")
        let write = try CLI.run(["ingest", try writeTemporaryFile("date,series,value\n2025-01-02,A,2\n"), "--db", url])
        #expect(write.status == 0, "\(write.stderr)")
        let applied = try CLI.run(["sql", "SELECT id FROM mstore_migration ORDER BY id", "--db", url, "--format", "csv"])
        #expect(applied.stdout == "id\n0001_initial\n0002_timescaledb_hypertable\n", "\(applied.stderr)")
        #expect(try CLI.run(["show", "A", "--db", url, "--format", "csv"]).stdout == "date,A\n2025-01-01,1\n2025-01-02,2\n")
        let kind = try PostgresServer.server().psql("SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '\(schema)' AND c.relname = 'observation'")
        #expect(kind.trimmingCharacters(in: .whitespacesAndNewlines) == "r")
    }

    /// PostgreSQL's schema: its own migrations folder, the same tables (without SQLite's
    /// packed snapshots) and the same views, in the store's own schema.
    @Test func buildsThePostgreSQLSchemaFromEmpty() throws {
        let store = try StoreKind.postgresql.make()
        #expect(try store.appliedMigrations() == ["0001_initial", "0002_timescaledb_hypertable"])
        let objects = try store.query(sql: """
            SELECT table_type, table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1, 2
            """)
        #expect(
            objects.rows.map { $0.map(\.text) } == [
                ["BASE TABLE", "ingest_run"], ["BASE TABLE", "mstore_migration"], ["BASE TABLE", "observation"], ["BASE TABLE", "series"],
                ["BASE TABLE", "series_coverage"], ["BASE TABLE", "series_fetch"], ["BASE TABLE", "series_tag"],
                ["VIEW", "current_observation"], ["VIEW", "observation_history"], ["VIEW", "series_tags"],
            ])
        let columns = try store.query(sql: """
            SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'observation' ORDER BY ordinal_position
            """)
        #expect(columns.rows.map { $0[0].text } == ["series_id", "date", "known_from", "ingest_id", "known_until", "value", "line"])
    }

    /// On disk: WAL (readers never wait for the writer) and 16 KiB pages.
    @Test func onDiskStoreUsesWAL() throws {
        let store = try StoreKind.file.make()
        #expect(try store.query(sql: "SELECT journal_mode FROM pragma_journal_mode()").rows == [[.text("wal")]])
        #expect(try store.query(sql: "SELECT page_size FROM pragma_page_size()").rows == [[.integer(16384)]])
    }

    /// Migration 0006 repairs what the back-fill bug stored (values ended at a vintage with
    /// no version starting there) and leaves revisions and back-fills as they are.
    @Test func migration6MakesUnendedValuesCurrentAgain() throws {
        let python = try #require(OutsideTool.openpyxlPython, OutsideTool.openpyxlMissing)
        let path = try temporaryDirectory() + "/old.db"
        do {
            let store = try Store(path: path)
            try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-01,A,1\n2025-01-02,A,2\n2025-01-01,B,5\n"), options: IngestOptions(vintage: day("2025-06-01")))
            try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-01,A,1.5\n"), options: IngestOptions(vintage: day("2025-07-01")))
            try store.ingest(path: try writeTemporaryFile("date,series,value\n2025-01-02,A,1.9\n"), options: IngestOptions(vintage: day("2025-03-01")))
        }
        // What the bug stored, in a store from before 0006.
        let corrupt = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("INSERT INTO observation (series_id, date, known_from, ingest_id, known_until, value, line) SELECT id, '2025-01-03', '2025-03-01', 3, '2025-06-01', 3, 3 FROM series WHERE key = 'A'")
            c.execute("UPDATE observation SET known_until = '2025-09-09' WHERE series_id = (SELECT id FROM series WHERE key = 'B')")
            c.execute("DELETE FROM grdb_migrations WHERE identifier = '0006_repair_unended_versions'")
            c.commit()
            """
        #expect(try OutsideTool.runQuietly(python, ["-c", corrupt, path]) == 0)
        let store = try Store(path: path)
        let rows = try store.query(sql: "SELECT s.key, o.date, o.known_from, o.known_until, o.value FROM observation o JOIN series s ON s.id = o.series_id ORDER BY 1, 2, 3").rows
        #expect(rows == [
            [.text("A"), .text("2025-01-01"), .text("2025-06-01"), .text("2025-07-01"), .number(1)],
            [.text("A"), .text("2025-01-01"), .text("2025-07-01"), .null, .number(1.5)],
            [.text("A"), .text("2025-01-02"), .text("2025-03-01"), .text("2025-06-01"), .number(1.9)],
            [.text("A"), .text("2025-01-02"), .text("2025-06-01"), .null, .number(2)],
            [.text("A"), .text("2025-01-03"), .text("2025-03-01"), .null, .number(3)],
            [.text("B"), .text("2025-01-01"), .text("2025-06-01"), .null, .number(5)],
        ])
        #expect(try store.observations(key: "A").map(\.value) == [1.5, 2, 3])
        #expect(try store.observations(key: "B").map(\.value) == [5])
        #expect(try store.query(sql: "SELECT key, last_date, obs_count FROM series ORDER BY key").rows == [
            [.text("A"), .text("2025-01-03"), .integer(3)], [.text("B"), .text("2025-01-01"), .integer(1)],
        ])
        #expect(try store.query(sql: "SELECT count(*) FROM series_snapshot").rows == [[.integer(0)]])
    }

    @Test func reopeningKeepsDataAndAppliesNothingTwice() throws {
        let path = try temporaryDirectory() + "/s.db"
        try Store(path: path).ingest(path: try writeTemporaryFile("observation_date,X\n2025-01-01,1\n"))
        let again = try Store(path: path)
        #expect(try again.appliedMigrations() == ["0001_initial", "0002_series_metadata", "0003_fetch_sources", "0004_series_stats", "0005_series_snapshot", "0006_repair_unended_versions", "0007_series_coverage"])
        #expect(try again.observations(key: "X").count == 1)
    }

    @Test(arguments: ["sqlite", "postgresql"])
    func embeddedSQLMatchesTheMigrationsFolder(engine: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Migrations").appendingPathComponent(engine)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        let all = engine == "sqlite" ? EmbeddedMigrations.all : EmbeddedPGMigrations.all
        #expect(files.map { String($0.dropLast(4)) } == all.map(\.id))
        for (file, embedded) in zip(files, all) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == embedded.sql.trimmingCharacters(in: .whitespacesAndNewlines),
                    "run Scripts/embed-migrations.sh")
        }
    }

    @Test func readingAMissingStoreIsNotFound() throws {
        let path = try temporaryDirectory() + "/absent.db"
        #expect(throws: MStoreError.self) { try Store(path: path, mustExist: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

import Foundation
