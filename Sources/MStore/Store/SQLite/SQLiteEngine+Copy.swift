internal import GRDB

extension SQLiteEngine {
    func scan(_ body: (StoreTable, [String?]) throws -> Void) throws {
        try read { db in
            for table in StoreTable.allCases {
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.rawValue) ORDER BY \(table.order)")
                while let row = try rows.next() {
                    try body(table, row.databaseValues.map(Self.copyText))
                }
            }
        }
    }

    /// A stored value as text a loader parses back exactly.
    static func copyText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case let .int64(n): return String(n)
        case let .double(d): return Cell.number(d).copyText
        case let .string(s): return s
        case let .blob(b): return String(decoding: b, as: UTF8.self)
        }
    }

    func load(fill: ((StoreTable, [String?]) throws -> Void) throws -> Void, verify: (((Int64, Double) throws -> Void) throws -> Void) throws -> Void) throws {
        do {
            try dbQueue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    guard try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM series) + (SELECT count(*) FROM ingest_run)") == 0 else {
                        throw MStoreError.usage("\(path) already holds a store: mstore copy writes only into a new or empty one")
                    }
                    var statements: [StoreTable: Statement] = [:]
                    try fill { table, row in
                        if statements[table] == nil {
                            statements[table] = try db.makeStatement(
                                sql: "INSERT INTO \(table.rawValue) (\(table.columns.joined(separator: ", "))) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))")
                        }
                        // Text into typed columns: SQLite's affinity stores numbers as numbers.
                        try statements[table]!.execute(arguments: StatementArguments(row))
                    }
                    for id in try Int64.fetchAll(db, sql: "SELECT id FROM series") { try Snapshot.rebuild(db, seriesID: id) }
                    try verify { visit in
                        let rows = try Row.fetchCursor(db, sql: "SELECT series_id, value FROM observation ORDER BY series_id, date, known_from, ingest_id")
                        while let row = try rows.next() { try visit(row[0], row[1]) }
                    }
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: path, "the store refused the copy")
        }
    }
}
