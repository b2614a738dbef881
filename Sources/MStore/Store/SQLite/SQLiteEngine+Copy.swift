internal import GRDB

extension SQLiteEngine {
    func load<T>(_ tables: [(StoreTable, [[String?]])], check: ([(series: String, value: Double)]) throws -> T) throws -> T {
        do {
            return try dbQueue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    guard try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM series) + (SELECT count(*) FROM ingest_run)") == 0 else {
                        throw MStoreError.usage("\(path) already holds a store: mstore copy writes only into a new or empty one")
                    }
                    for (table, rows) in tables {
                        let statement = try db.makeStatement(
                            sql: "INSERT INTO \(table.rawValue) (\(table.columns.joined(separator: ", "))) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))")
                        // Text into typed columns: SQLite's affinity stores numbers as numbers.
                        for row in rows { try statement.execute(arguments: StatementArguments(row)) }
                    }
                    for id in try Int64.fetchAll(db, sql: "SELECT id FROM series") { try Snapshot.rebuild(db, seriesID: id) }
                    let back = try Row.fetchAll(db, sql: "SELECT series_id, value FROM observation ORDER BY series_id, date, known_from, ingest_id")
                        .map { (series: String($0[0] as Int64), value: $0[1] as Double) }
                    result = try check(back)
                    return .commit
                }
                guard let result else { throw MStoreError.io(path: path, message: "the copy returned nothing") }
                return result
            }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: path, "the store refused the copy")
        }
    }
}
