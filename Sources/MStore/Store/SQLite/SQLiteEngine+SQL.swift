internal import GRDB
internal import GRDBSQLite
import Foundation

/// One statement's deadline, on the monotonic clock: the progress callback's context, so
/// statements on several connections each keep their own.
private final class SQLDeadline {
    let seconds: Double
    init(after limit: Double) { seconds = monotonicSeconds() + limit }
}

/// SQLite asks this every few thousand virtual-machine steps: non-zero stops the statement.
private let sqlProgress: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
    if sqlInterrupted != 0 { return 1 }
    guard let context else { return 0 }
    let deadline = Unmanaged<SQLDeadline>.fromOpaque(context).takeUnretainedValue().seconds
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 > deadline ? 1 : 0
}

/// Denies what a read-only statement must not do, wherever it appears in the text: attach
/// or detach files, and the two-argument fts3_tokenizer (which can call into memory).
private let sqlAuthorizer: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32 = {
    _, action, a, b, _, _ in
    switch action {
    case SQLITE_ATTACH, SQLITE_DETACH: return SQLITE_DENY
    case SQLITE_FUNCTION:
        if let b, String(cString: b).lowercased() == "fts3_tokenizer" { return SQLITE_DENY }
        return SQLITE_OK
    case SQLITE_PRAGMA:
        // Pragmas that only read are fine on a read-only connection; these reach outside it.
        if let a, ["temp_store_directory", "data_store_directory"].contains(String(cString: a).lowercased()) { return SQLITE_DENY }
        return SQLITE_OK
    default: return SQLITE_OK
    }
}

extension SQLiteEngine {
    /// Runs one read-only SQL statement over the store and returns its rows.
    ///
    /// The statement runs on a separate read-only connection, and statements that would
    /// write (or attach other files) are refused before they run.
    ///
    /// ```swift
    /// let table = try store.query(sql: "SELECT series, count(*) FROM current_observation GROUP BY series")
    /// ```
    func query(sql: String, limits: SQLLimits = SQLLimits()) throws -> ResultTable {
        // Everything that bounds the statement belongs to its own connection: the deadline
        // (the progress callback's context), the longest value, a page cache of at most a
        // quarter of the memory limit, and temporary tables on disk, so that sorts and
        // groups spill instead of growing. (SQLite's heap limit is the whole process's:
        // it would cap another store's statement or a later ingest, so it is not used.)
        let deadline = SQLDeadline(after: limits.seconds)
        let context = UInt(bitPattern: Unmanaged.passUnretained(deadline).toOpaque())
        let cachePages = max(64, limits.memoryBytes / 4 / 4096)
        @Sendable func bound(_ connection: OpaquePointer?) {
            sqlite3_set_authorizer(connection, sqlAuthorizer, nil)
            sqlite3_progress_handler(connection, 10_000, sqlProgress, UnsafeMutableRawPointer(bitPattern: context))
            sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, Int32(clamping: limits.memoryBytes / 10))
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            bound(db.sqliteConnection)
            try db.execute(sql: "PRAGMA cache_size = -\(cachePages * 4); PRAGMA temp_store = FILE")
        }
        let reader: DatabaseQueue
        do {
            reader = path == ":memory:" ? dbQueue : try DatabaseQueue(path: readingPath, configuration: config)
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: path)
        }
        // An in-memory store has one connection, the store's own: bound for this statement
        // only, and put back after it.
        var previousLength: Int32 = 0
        if path == ":memory:" { reader.inDatabase { db in
            previousLength = sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, -1)
            bound(db.sqliteConnection)
        } }
        defer {
            if path == ":memory:" {
                reader.inDatabase { db in
                    sqlite3_set_authorizer(db.sqliteConnection, nil, nil)
                    sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)
                    sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, previousLength)
                }
            } else {
                try? reader.close()
            }
            withExtendedLifetime(deadline) {}
        }
        do {
            return try reader.read { db in
                let statement: Statement
                do {
                    statement = try db.makeStatement(sql: sql)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_AUTH || (error.message ?? "").contains("not authorized") {
                    throw MStoreError.usage("mstore sql only reads the store: \(quoted(String(sql.prefix(60)))) uses ATTACH, DETACH or a function it may not")
                } catch let error as DatabaseError {
                    throw MStoreError.sql(error)
                }
                let leading = sql.drop(while: { $0.isWhitespace }).prefix(8).uppercased()
                // A pragma that names no value only reads (PRAGMA journal_mode), whatever
                // SQLite says of pragmas that could also set; the connection is read-only.
                let readingPragma = leading.hasPrefix("PRAGMA") && !sql.contains("=") && !sql.contains("(")
                guard statement.isReadonly || readingPragma, !leading.hasPrefix("ATTACH"), !leading.hasPrefix("DETACH"), !leading.hasPrefix("VACUUM") else {
                    throw MStoreError.usage("mstore sql only reads: \(quoted(String(sql.prefix(60)))) would change the store; use SELECT (or WITH … SELECT)")
                }
                let columns = statement.columnNames
                var rows: [[Cell]] = []
                // The rows held count against the memory limit too (SQLite's heap is only
                // part of it): each value's bytes and a cell's own size.
                var heldBytes: Int64 = 0
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    guard rows.count < limits.rows else {
                        throw MStoreError.usage("the query returned more than \(limits.rows) rows: narrow it (WHERE, LIMIT) or raise --max-rows")
                    }
                    for i in 0..<columns.count {
                        let v = row[i] as DatabaseValue
                        switch v.storage {
                        case let .string(s): heldBytes += Int64(s.utf8.count) + 16
                        case let .blob(data): heldBytes += Int64(data.count) * 2 + 19
                        default: heldBytes += 16
                        }
                    }
                    guard heldBytes <= limits.memoryBytes else {
                        throw MStoreError.usage("the query's rows need more than \(limits.memoryBytes >> 20) MiB and it was stopped: narrow it (fewer columns, substr, LIMIT), or raise --max-memory")
                    }
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
        } catch let error as DatabaseError where error.resultCode == .SQLITE_AUTH || (error.message ?? "").contains("not authorized") {
            throw MStoreError.usage("mstore sql only reads the store: \(quoted(String(sql.prefix(60)))) uses ATTACH, DETACH or a function it may not")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            if sqlInterrupted != 0 { throw MStoreError.usage("the query was interrupted") }
            throw MStoreError.usage("the query ran longer than \(formatNumber(limits.seconds)) s and was stopped: narrow it, or raise --timeout")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOMEM || error.resultCode == .SQLITE_TOOBIG {
            throw MStoreError.usage("the query needed more than \(limits.memoryBytes >> 20) MiB (or a value too long) and was stopped: narrow it, or raise --max-memory")
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
