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

    /// Runs `COPY … FROM STDIN` with `data` (COPY's text format); the rows the server stored.
    func copyIn(_ sql: String, _ data: [UInt8]) throws -> Int {
        guard let start = pq.exec(conn, sql) else { throw failure(nil) }
        let status = pq.resultStatus(start)
        guard status == LibPQ.copyIn else {
            defer { pq.clear(start) }
            throw failure(start)
        }
        pq.clear(start)
        var offset = 0
        let chunk = 1 << 20
        var sent = true
        data.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                while offset < text.count, sent {
                    let n = min(chunk, text.count - offset)
                    sent = pq.putCopyData(conn, text.baseAddress! + offset, Int32(n)) == 1
                    offset += n
                }
            }
        }
        _ = pq.putCopyEnd(conn, sent ? nil : "the client stopped sending")
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
        guard sent else { throw failure(nil) }
        return changed
    }

    /// Runs several statements with no parameters (a migration).
    func executeScript(_ sql: String) throws {
        guard let result = pq.exec(conn, sql) else { throw failure(nil) }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == LibPQ.commandOK || status == LibPQ.tuplesOK else { throw failure(result) }
    }

    private func run(_ sql: String, _ parameters: [String?]) throws -> LibPQ.Result {
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
