internal import GRDB

extension Store {
    /// Runs one read-only SQL statement over the store and returns its rows.
    ///
    /// The statement runs on a separate read-only connection, and statements that would
    /// write (or attach other files) are refused before they run.
    ///
    /// ```swift
    /// let table = try store.query(sql: "SELECT series, count(*) FROM current_observation GROUP BY series")
    /// ```
    public func query(sql: String) throws -> ResultTable {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        let reader: DatabaseQueue
        do {
            reader = path == ":memory:" ? dbQueue : try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: path)
        }
        do {
            return try reader.read { db in
                let statement: Statement
                do {
                    statement = try db.makeStatement(sql: sql)
                } catch let error as DatabaseError {
                    throw MStoreError.sql(error)
                }
                let leading = sql.drop(while: { $0.isWhitespace }).prefix(8).uppercased()
                guard statement.isReadonly, !leading.hasPrefix("ATTACH"), !leading.hasPrefix("DETACH"), !leading.hasPrefix("VACUUM") else {
                    throw MStoreError.usage("mstore sql only reads: \(quoted(String(sql.prefix(60)))) would change the store; use SELECT (or WITH … SELECT)")
                }
                let columns = statement.columnNames
                var rows: [[Cell]] = []
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    rows.append(
                        (0..<columns.count).map { i in
                            switch row[i] as DatabaseValue {
                            case let v where v.isNull: return .null
                            case let v:
                                switch v.storage {
                                case let .int64(n): return .integer(n)
                                case let .double(d): return .number(d)
                                case let .string(s): return .text(s)
                                case let .blob(data): return .text("x'" + data.map { String($0, radix: 16).leftPadded(2) }.joined() + "'")
                                case .null: return .null
                                }
                            }
                        })
                }
                return ResultTable(columns: columns, rows: rows)
            }
        } catch let error as DatabaseError {
            throw MStoreError.sql(error)
        }
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
