import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libpq connection: statements with text parameters, results as text, errors as
/// ``MStoreError`` naming the server (never its password).
final class PGConnection {
    let pq: LibPQ
    let conn: LibPQ.Conn
    /// The location as shown in messages: the URL without its password or query.
    let shown: String

    /// Connects to `url` (a `postgresql://` URL or a libpq connection string). libpq reads
    /// what the URL leaves out from `PGHOST`, `PGUSER`, `PGPASSWORD`, `~/.pgpass`, ….
    init(url: String, shown: String, password: String?) throws {
        guard let pq = LibPQ.shared.lib else {
            throw MStoreError.usage("\(shown): \(LibPQ.shared.problem ?? "libpq cannot be loaded")")
        }
        self.pq = pq
        self.shown = shown
        guard let conn = pq.connectdb(url) else { throw MStoreError.network(url: shown, message: "libpq could not allocate a connection") }
        self.conn = conn
        guard pq.status(conn) == LibPQ.connectionOK else {
            // (deinit finishes the connection: the object is whole by now.)
            var message = Self.oneLine(pq.errorMessage(conn).map { String(cString: $0) } ?? "cannot connect")
            // libpq may quote the connection string it was given: never its password.
            if let password, !password.isEmpty { message = message.replacingOccurrences(of: password, with: "REDACTED") }
            message = message.replacingOccurrences(of: url, with: shown)
            throw MStoreError.network(url: shown, message: "cannot connect to the PostgreSQL server: \(message)")
        }
        // The server's notices (and a FATAL that arrives while a COPY streams) would go to
        // standard error as libpq prints them: every failure is reported once, by mstore.
        _ = pq.setNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { pq.finish(conn) }

    /// A result's rows as text (`nil` for NULL).
    struct Rows {
        var columns: [String]
        var types: [UInt32]
        var rows: [[String?]]
        /// The number of rows a command changed.
        var changed: Int
    }

    /// Runs `sql` with `parameters` ($1, $2, … as text; nil is NULL).
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws -> Rows {
        let result = try run(sql, parameters)
        defer { pq.clear(result) }
        return collect(result)
    }

    /// The first column of the first row, if any.
    func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        let rows = try execute(sql, parameters).rows
        return rows.first?.first ?? nil
    }

    /// One row of a result in the server's binary format (big-endian numbers; a date is
    /// days after 2000-01-01): read without building text.
    struct CursorRow {
        let pq: LibPQ
        let result: LibPQ.Result
        let row: Int32

        func isNull(_ column: Int32) -> Bool { pq.getisnull(result, row, column) != 0 }
        private func load<T: FixedWidthInteger>(_ column: Int32, as: T.Type) -> T {
            guard let p = pq.getvalue(result, row, column), pq.getlength(result, row, column) == MemoryLayout<T>.size else { return 0 }
            return T(bigEndian: UnsafeRawPointer(p).loadUnaligned(as: T.self))
        }
        func int64(_ column: Int32) -> Int64 { load(column, as: Int64.self) }
        func double(_ column: Int32) -> Double { Double(bitPattern: load(column, as: UInt64.self)) }
        /// A `date` column as days after 1970-01-01.
        func day(_ column: Int32) -> Int32 { load(column, as: Int32.self) &+ PGConnection.postgresEpoch }
        /// A field of a text-format result (nil for NULL).
        func text(_ column: Int32) -> String? {
            guard !isNull(column), let p = pq.getvalue(result, row, column) else { return nil }
            return String(cString: p)
        }
        /// The column's type (its OID).
        func type(_ column: Int32) -> UInt32 { pq.ftype(result, column) }
    }

    /// Runs the query `sql` through a cursor, `chunk` rows at a time (in binary, or text),
    /// calling `body` on each row: memory stays bounded whatever the size of the answer.
    func forEachRow(_ sql: String, _ parameters: [String?], binary: Bool = true, chunk: Int = 65_536, _ body: (CursorRow) throws -> Void) throws {
        try endCopy()
        let own = pq.transactionStatus(conn) == LibPQ.transactionIdle
        if own { try executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        do {
            try execute("DECLARE mstore_rows NO SCROLL CURSOR FOR " + sql, parameters)
            var more = true
            while more {
                guard let result = pq.execParams(conn, "FETCH FORWARD \(chunk) FROM mstore_rows", 0, nil, nil, nil, nil, binary ? 1 : 0) else { throw failure(nil) }
                defer { pq.clear(result) }
                guard pq.resultStatus(result) == LibPQ.tuplesOK else { throw failure(result) }
                let n = pq.ntuples(result)
                for i in 0..<n { try body(CursorRow(pq: pq, result: result, row: i)) }
                more = n == chunk
            }
            try executeScript("CLOSE mstore_rows")
            if own { try executeScript("COMMIT") }
        } catch {
            // (Inside a caller's transaction the failure ends that transaction anyway.)
            if own { try? executeScript("ROLLBACK") }
            throw error
        }
    }

    /// PostgreSQL's day 0 (2000-01-01) in days after 1970-01-01: binary dates count from it.
    static let postgresEpoch: Int32 = 10_957

    /// A `COPY … FROM STDIN` left open while rows stream in, so that the server stores
    /// them while the client still reads the file; any other statement ends it first.
    private var openCopy: (sql: String, rows: Int, buffer: [UInt8], trailer: [UInt8])?

    /// Appends one row (written by `encode` in the COPY's format) to the open `COPY sql`,
    /// opening it first (and writing `header`); what is buffered goes to the server every
    /// 256 KiB; `trailer` ends the data.
    func streamCopyRow(_ sql: String, header: [UInt8] = [], trailer: [UInt8] = [], _ encode: (inout [UInt8]) -> Void) throws {
        if openCopy?.sql != sql {
            try endCopy()
            guard let start = pq.exec(conn, sql) else { throw failure(nil) }
            defer { pq.clear(start) }
            guard pq.resultStatus(start) == LibPQ.copyIn else { throw failure(start) }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 18 + 256)
            buffer.append(contentsOf: header)
            openCopy = (sql, 0, buffer, trailer)
        }
        encode(&openCopy!.buffer)
        openCopy!.rows += 1
        if openCopy!.buffer.count >= 1 << 18 {
            let sent = openCopy!.buffer.withUnsafeBytes { pq.putCopyData(conn, $0.baseAddress!.assumingMemoryBound(to: CChar.self), Int32($0.count)) }
            openCopy!.buffer.removeAll(keepingCapacity: true)
            guard sent == 1 else {
                openCopy = nil
                throw failure(nil)
            }
        }
    }

    /// Ends the open COPY, if any, and checks that the server stored every row sent.
    func endCopy() throws {
        guard var copy = openCopy else { return }
        openCopy = nil
        var sent = true
        copy.buffer.append(contentsOf: copy.trailer)
        if !copy.buffer.isEmpty {
            sent = copy.buffer.withUnsafeBytes { pq.putCopyData(conn, $0.baseAddress!.assumingMemoryBound(to: CChar.self), Int32($0.count)) } == 1
        }
        _ = pq.putCopyEnd(conn, sent ? nil : "the client stopped sending")
        let changed = try copyResults()
        guard sent else { throw failure(nil) }
        guard changed == copy.rows else {
            throw MStoreError.io(path: shown, message: "internal conflict: \(copy.rows) rows sent, \(changed) stored")
        }
    }

    /// Collects the results that end a COPY: the rows stored, or its error.
    private func copyResults() throws -> Int {
        var changed = 0
        var problem: MStoreError?
        while let result = pq.getResult(conn) {
            let s = pq.resultStatus(result)
            if s == LibPQ.commandOK {
                changed = pq.cmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
            } else if problem == nil {
                problem = failure(result)
            }
            pq.clear(result)
        }
        if let problem { throw problem }
        return changed
    }

    /// Runs several statements with no parameters (a migration).
    func executeScript(_ sql: String) throws {
        if sql == "ROLLBACK", openCopy != nil {
            // A failed ingest: the open COPY is abandoned (the server discards its rows).
            openCopy = nil
            _ = pq.putCopyEnd(conn, "the ingest failed")
            _ = try? copyResults()
        }
        try endCopy()
        guard let result = pq.exec(conn, sql) else { throw failure(nil) }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == LibPQ.commandOK || status == LibPQ.tuplesOK else { throw failure(result) }
    }

    private func run(_ sql: String, _ parameters: [String?]) throws -> LibPQ.Result {
        try endCopy()
        let result = withParameters(parameters) { values in
            pq.execParams(conn, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard let result else { throw failure(nil) }
        let status = pq.resultStatus(result)
        guard status == LibPQ.commandOK || status == LibPQ.tuplesOK else {
            defer { pq.clear(result) }
            throw failure(result)
        }
        return result
    }

    /// Calls `body` with the parameters as C strings that live for the call.
    func withParameters<T>(_ parameters: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        var owned: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for p in owned { free(p) } }
        return owned.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(1, buffer.count)) { body(parameters.isEmpty ? nil : $0) }
        }
    }

    func collect(_ result: LibPQ.Result) -> Rows {
        let n = Int(pq.ntuples(result))
        let m = Int(pq.nfields(result))
        var rows = Rows(columns: [], types: [], rows: [], changed: 0)
        for j in 0..<m {
            rows.columns.append(pq.fname(result, Int32(j)).map { String(cString: $0) } ?? "?column?")
            rows.types.append(pq.ftype(result, Int32(j)))
        }
        rows.rows.reserveCapacity(n)
        for i in 0..<n {
            var row: [String?] = []
            row.reserveCapacity(m)
            for j in 0..<m {
                if pq.getisnull(result, Int32(i), Int32(j)) != 0 {
                    row.append(nil)
                } else {
                    row.append(pq.getvalue(result, Int32(i), Int32(j)).map { String(cString: $0) } ?? "")
                }
            }
            rows.rows.append(row)
        }
        rows.changed = pq.cmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return rows
    }

    /// The server's SQLSTATE of a failed result (`57014` a cancelled statement, …).
    func sqlState(_ result: LibPQ.Result?) -> String? {
        guard let result, let p = pq.resultErrorField(result, LibPQ.fieldSQLState) else { return nil }
        return String(cString: p)
    }

    /// Why the last statement failed, as an error: a server that went away is `network`
    /// (exit 69), a refused statement `io` naming the server.
    func failure(_ result: LibPQ.Result?) -> MStoreError {
        let state = sqlState(result)
        let message = Self.oneLine(
            result.flatMap { pq.resultErrorField($0, LibPQ.fieldPrimary) }.map { String(cString: $0) }
                ?? pq.errorMessage(conn).map { String(cString: $0) } ?? "the statement failed")
        if pq.status(conn) != LibPQ.connectionOK || state?.hasPrefix("08") == true || state?.hasPrefix("57P") == true {
            return .network(url: shown, message: "the PostgreSQL server went away: \(message)")
        }
        return .io(path: shown, message: message + (state.map { " (SQLSTATE \($0))" } ?? ""))
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
