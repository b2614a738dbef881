import Foundation

extension PostgreSQLEngine {
    /// One read-only statement for `mstore sql`: sent alone by the extended protocol (a
    /// second statement in the text is an error), in a READ ONLY transaction that is rolled
    /// back, under `statement_timeout`; rows are streamed one at a time and counted
    /// against `limits` on this side, and Ctrl-C sends the server a cancel request. A role
    /// that may only SELECT (see the README) is the server's own guarantee besides.
    func query(sql: String, limits: SQLLimits) throws -> ResultTable {
        let leading = sql.drop(while: { $0.isWhitespace || $0 == "(" }).prefix(while: { $0.isLetter }).uppercased()
        guard ["SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN"].contains(leading) else {
            throw MStoreError.usage("mstore sql only reads: \(quoted(String(sql.prefix(60)))) would change the store; use SELECT (or WITH … SELECT)")
        }
        lock.lock()
        defer { lock.unlock() }
        let c = connection
        let pq = c.pq
        try c.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? c.executeScript("ROLLBACK") }
        // PostgreSQL takes at most 2^31-1 ms (about 24 days).
        let ms = max(1, min(Int(Int32.max), Int(min(limits.seconds, 3e6) * 1000)))
        try c.executeScript("SET LOCAL statement_timeout = \(ms); SET LOCAL work_mem = '\(min(Int64(Int32.max), max(64, limits.memoryBytes / 4 / 1024)))kB'")
        guard pq.sendQueryParams(c.conn, sql, 0, nil, nil, nil, nil, 0) == 1 else { throw c.failure(nil) }
        _ = pq.setSingleRowMode(c.conn)
        // Ctrl-C: a cancel request from another thread while this one waits for rows.
        let cancel = pq.getCancel(c.conn)
        let watching = Watch(cancel: cancel, pq: pq)
        if cancel != nil {
            Thread.detachNewThread {
                while !watching.finished {
                    if sqlInterrupted != 0 {
                        watching.sendCancel()
                        return
                    }
                    usleep(20_000)
                }
            }
        }
        defer { watching.finish() }
        var columns: [String] = []
        var types: [UInt32] = []
        var rows: [[Cell]] = []
        var heldBytes: Int64 = 0
        var stop: MStoreError?
        while let result = pq.getResult(c.conn) {
            defer { pq.clear(result) }
            let status = pq.resultStatus(result)
            guard stop == nil else { continue }
            if status != LibPQ.singleTuple && status != LibPQ.tuplesOK && status != LibPQ.commandOK {
                let state = c.sqlState(result)
                if state == "57014" {
                    stop = sqlInterrupted != 0
                        ? .usage("the query was interrupted")
                        : .usage("the query ran longer than \(formatNumber(limits.seconds)) s and was stopped: narrow it, or raise --timeout")
                } else if state == "25006" || state == "42501" {
                    stop = .usage("mstore sql only reads the store: \(quoted(String(sql.prefix(60)))) was refused by the server (\(PGConnection.oneLine(c.failure(result).description)))")
                } else if state == "53200" || state == "54000" {
                    stop = .usage("the query needed more than \(limits.memoryBytes >> 20) MiB and was stopped: narrow it, or raise --max-memory")
                } else {
                    stop = .badSQL(result.message(pq))
                }
                continue
            }
            if columns.isEmpty {
                for j in 0..<pq.nfields(result) {
                    columns.append(pq.fname(result, j).map { String(cString: $0) } ?? "?column?")
                    types.append(pq.ftype(result, j))
                }
            }
            guard status == LibPQ.singleTuple else { continue }
            guard rows.count < limits.rows else {
                stop = .usage("the query returned more than \(limits.rows) rows: narrow it (WHERE, LIMIT) or raise --max-rows")
                watching.sendCancel()
                continue
            }
            var row: [Cell] = []
            for j in 0..<Int32(columns.count) {
                if pq.getisnull(result, 0, j) != 0 {
                    row.append(.null)
                    heldBytes += 16
                    continue
                }
                let text = pq.getvalue(result, 0, j).map { String(cString: $0) } ?? ""
                heldBytes += Int64(pq.getlength(result, 0, j)) + 16
                row.append(Self.cell(text, type: types[Int(j)]))
            }
            guard heldBytes <= limits.memoryBytes else {
                stop = .usage("the query's rows need more than \(limits.memoryBytes >> 20) MiB and it was stopped: narrow it (fewer columns, LIMIT), or raise --max-memory")
                watching.sendCancel()
                continue
            }
            rows.append(row)
        }
        if let stop { throw stop }
        return ResultTable(columns: columns, rows: rows)
    }

    /// A value in PostgreSQL's text form as a cell of its type: integers and numbers as
    /// such (`bool` as 1 and 0, as SQLite has them), everything else as text.
    static func cell(_ text: String, type: UInt32) -> Cell {
        switch type {
        case 20, 21, 23, 26: return Int64(text).map(Cell.integer) ?? .text(text)
        case 700, 701, 1700: return Double(text).map(Cell.number) ?? .text(text)
        case 16: return .integer(text == "t" ? 1 : 0)
        default: return .text(text)
        }
    }

    /// The statement's cancel handle, shared with the thread that watches for Ctrl-C; freed
    /// once both are done with it.
    final class Watch: @unchecked Sendable {
        private let cancel: OpaquePointer?
        private let pq: LibPQ
        private let lock = NSLock()
        private var done = false
        init(cancel: OpaquePointer?, pq: LibPQ) {
            self.cancel = cancel
            self.pq = pq
        }
        var finished: Bool { lock.withLock { done } }
        /// Asks the server to stop the statement (from any thread).
        func sendCancel() {
            lock.withLock {
                guard !done, let cancel else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                _ = pq.cancel(cancel, &buffer, 256)
            }
        }
        func finish() {
            lock.withLock {
                guard !done else { return }
                done = true
                if let cancel { pq.freeCancel(cancel) }
            }
        }
    }
}

extension LibPQ.Result {
    /// The server's primary message of a failed result, on one line.
    func message(_ pq: LibPQ) -> String {
        PGConnection.oneLine(pq.resultErrorField(self, LibPQ.fieldPrimary).map { String(cString: $0) } ?? pq.resultErrorMessage(self).map { String(cString: $0) } ?? "the statement failed")
    }
}
