import Foundation

/// The PostgreSQL engine: a store shared on a server, named by a `postgresql://` URL.
///
/// One libpq connection per `Store`, used by one thread at a time. Writers take a
/// transaction-scoped advisory lock of the store's schema, so that ingests queue as they
/// do on a SQLite file (and say so after a second of waiting); readers never wait, by
/// PostgreSQL's snapshots. `?schema=NAME` puts the store in its own schema, so one database
/// holds several stores.
final class PostgreSQLEngine: @unchecked Sendable {
    let connection: PGConnection
    /// The URL as messages show it: no password, no query.
    let shown: String
    /// The schema the store's tables live in.
    let schema: String
    /// How long a writer waits for another (seconds).
    let wait: Double
    let readOnly: Bool
    /// One statement at a time on the connection; a write transaction holds it throughout.
    let lock = NSRecursiveLock()

    /// The two keys of the advisory lock every writer of this store takes.
    static let lockSpace = 0x6D73_746F  // "msto"

    init(url: String, mustExist: Bool, readOnly: Bool, wait: Double) throws {
        let parts = try PGLocation(url)
        shown = parts.shown
        schema = parts.schema
        self.wait = wait
        self.readOnly = readOnly
        connection = try PGConnection(url: parts.libpqURL, shown: parts.shown, password: parts.password)
        try connection.executeScript(
            "SET DateStyle = ISO, YMD; SET extra_float_digits = 1; SET TimeZone = 'UTC'; SET client_min_messages = warning")
        try open(mustExist: mustExist || readOnly)
    }

    /// Settles the schema: a new store is created, an older one migrated (one process at a
    /// time, under the writers' lock), a foreign or newer one refused for writing.
    private func open(mustExist: Bool) throws {
        let q = Self.quotedIdentifier(schema)
        let exists = try connection.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [schema]) != "0"
        if !exists, mustExist {
            throw MStoreError.notFound(
                what: "store \(quoted(shown))", hint: "ingest a file first (mstore ingest FILE --db \(shown)), or check the URL's schema")
        }
        if !exists, !readOnly {
            // Under the writers' lock: first writers of a new store do not race to create it.
            try inTransaction(writing: true) { try connection.executeScript("CREATE SCHEMA IF NOT EXISTS \(q)") }
        }
        try connection.execute("SELECT set_config('search_path', $1, false)", [q])
        let state = try schemaState()
        switch state {
        case .empty where mustExist || readOnly:
            throw MStoreError.notFound(what: "mstore data in \(quoted(shown))", hint: "the schema \(schema) holds no store: ingest a file first")
        case .foreign:
            throw MStoreError.usage(
                "\(shown): schema \(schema) holds tables that are not an mstore store: mstore will not add its tables to it; give another ?schema=")
        case let .newer(unknown) where !readOnly:
            throw MStoreError.newerStore(shown, unknown: unknown, knownUpTo: EmbeddedPGMigrations.all.last?.id)
        case .older where readOnly:
            throw MStoreError.usage("\(shown) needs a schema upgrade that only a writing command applies: run mstore ingest on it once")
        case .empty, .older: try migrate()
        case .current, .newer: break
        }
    }

    enum SchemaState {
        case empty, foreign, older, current
        case newer([String])
    }

    func schemaState() throws -> SchemaState {
        let tables = Set(try connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = $1", [schema]).rows.compactMap { $0[0] })
        if tables.isEmpty { return .empty }
        guard tables.contains("mstore_migration"), tables.contains("observation"), tables.contains("series") else { return .foreign }
        let applied = Set(try appliedMigrations())
        let known = Set(EmbeddedPGMigrations.all.map(\.id))
        if !applied.subtracting(known).isEmpty { return .newer(applied.subtracting(known).sorted()) }
        return applied == known ? .current : .older
    }

    /// Applies the pending migrations in order, each in the transaction that records it,
    /// under the writers' lock (a second process waits, then finds them applied).
    func migrate() throws {
        try inTransaction(writing: true) {
            try connection.executeScript(
                "CREATE TABLE IF NOT EXISTS mstore_migration (id text PRIMARY KEY, applied_at text NOT NULL)")
            let applied = Set(try appliedMigrations())
            for migration in EmbeddedPGMigrations.all where !applied.contains(migration.id) {
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO mstore_migration (id, applied_at) VALUES ($1, $2)", [migration.id, timestampNow()])
            }
        }
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it
    /// throws); a writing one first takes the store's advisory lock, waiting up to `wait`.
    func inTransaction<T>(writing: Bool, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try connection.executeScript(writing ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            if writing { try takeWriteLock() }
            let result = try body()
            try connection.executeScript("COMMIT")
            return result
        } catch {
            try? connection.executeScript("ROLLBACK")
            throw error
        }
    }

    /// The advisory lock of this store's schema, held until the transaction ends.
    private func takeWriteLock() throws {
        let started = monotonicSeconds()
        var said = false
        let sql = "SELECT pg_try_advisory_xact_lock($1::int, hashtext($2))"
        while try connection.scalar(sql, [String(Self.lockSpace), schema]) != "t" {
            let waited = monotonicSeconds() - started
            if waited >= wait {
                throw MStoreError.io(path: shown, message: "another writer kept the store locked longer than the wait (--wait SECONDS raises it)")
            }
            if waited >= 1, !said {
                said = true
                writeToStandardError("mstore: waiting for another writer to finish with \(shown) (up to \(formatNumber(wait)) s, --wait)…")
            }
            usleep(50_000)
        }
    }

    /// A read outside any transaction (each statement sees a consistent snapshot).
    func read<T>(_ body: (PGConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }

    func appliedMigrations() throws -> [String] {
        try read { c in try c.execute("SELECT id FROM mstore_migration ORDER BY id").rows.compactMap { $0[0] } }
    }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A `postgresql://` location taken apart: what libpq is given (mstore's own `schema`
/// parameter removed), what messages show (no password, no parameters), and the schema.
struct PGLocation {
    var libpqURL: String
    var shown: String
    var schema: String
    /// The URL's password (percent-decoded), to keep it out of every message.
    var password: String?

    init(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), ["postgresql", "postgres"].contains(scheme) else {
            throw MStoreError.usage("\(Self.redacted(url)): not a postgresql:// URL (postgresql://USER@HOST:PORT/DATABASE?schema=NAME)")
        }
        var kept = components
        kept.scheme = "postgresql"
        var schema = "public"
        var items: [URLQueryItem] = []
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema", "search_path":
                guard let value = item.value, !value.isEmpty, value.utf8.count <= 63 else {
                    throw MStoreError.usage("\(Self.redacted(url)): ?\(item.name)= needs a schema name of 1 to 63 bytes")
                }
                schema = value
            default: items.append(item)
            }
        }
        kept.queryItems = items.isEmpty ? nil : items
        if !items.contains(where: { $0.name == "application_name" }) {
            kept.queryItems = (kept.queryItems ?? []) + [URLQueryItem(name: "application_name", value: "mstore")]
        }
        libpqURL = kept.string ?? url
        self.schema = schema
        password = components.password
        var plain = components
        plain.password = nil
        plain.query = nil
        plain.queryItems = schema == "public" ? nil : [URLQueryItem(name: "schema", value: schema)]
        shown = plain.string ?? Self.redacted(url)
    }

    /// The URL with anything between `://` and `@` after a colon (a password) hidden.
    static func redacted(_ url: String) -> String {
        guard let start = url.range(of: "://"), let at = url[start.upperBound...].firstIndex(of: "@") else { return url }
        let user = url[start.upperBound..<at]
        guard let colon = user.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":REDACTED" + String(url[at...])
    }
}
