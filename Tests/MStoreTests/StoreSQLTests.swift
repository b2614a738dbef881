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
    @Test(arguments: StoreKind.allCases)
    func buildsTheSchemaFromEmpty(kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.appliedMigrations() == ["0001_initial", "0002_series_metadata", "0003_fetch_sources", "0004_series_stats", "0005_series_snapshot"])
        let objects = try store.query(sql: "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY type, name")
        #expect(
            objects.rows.map { $0.map(\.text) } == [
                ["index", "ingest_run_by_sha256"],
                ["table", "ingest_run"], ["table", "observation"], ["table", "series"], ["table", "series_fetch"], ["table", "series_snapshot"], ["table", "series_tag"],
                ["view", "current_observation"], ["view", "observation_history"], ["view", "series_tags"],
            ])
        let columns = try store.query(sql: "SELECT name FROM pragma_table_info('observation') ORDER BY cid")
        #expect(columns.rows.map { $0[0].text } == ["series_id", "date", "known_from", "ingest_id", "known_until", "value", "line"])
    }

    /// On disk: WAL (readers never wait for the writer) and 16 KiB pages.
    @Test func onDiskStoreUsesWAL() throws {
        let store = try StoreKind.file.make()
        #expect(try store.query(sql: "SELECT journal_mode FROM pragma_journal_mode()").rows == [[.text("wal")]])
        #expect(try store.query(sql: "SELECT page_size FROM pragma_page_size()").rows == [[.integer(16384)]])
    }

    @Test func reopeningKeepsDataAndAppliesNothingTwice() throws {
        let path = try temporaryDirectory() + "/s.db"
        try Store(path: path).ingest(path: try writeTemporaryFile("observation_date,X\n2025-01-01,1\n"))
        let again = try Store(path: path)
        #expect(try again.appliedMigrations() == ["0001_initial", "0002_series_metadata", "0003_fetch_sources", "0004_series_stats", "0005_series_snapshot"])
        #expect(try again.observations(key: "X").count == 1)
    }

    @Test func embeddedSQLMatchesTheMigrationsFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.map { String($0.dropLast(4)) } == EmbeddedMigrations.all.map(\.id))
        for (file, embedded) in zip(files, EmbeddedMigrations.all) {
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
