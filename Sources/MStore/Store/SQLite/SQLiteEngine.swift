internal import GRDB
internal import GRDBSQLite
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite engine: one file (or `:memory:`) through GRDB and SQLite's C API — WAL, the
/// packed snapshot of each series' current values, the folder lock of a first open, and the
/// sandboxed read-only connection of `mstore sql`. Every SQLite-specific line of mstore is
/// in this folder; ``Store`` and the ingest reach it only through ``StoreEngine``.
final class SQLiteEngine: Sendable {
    /// Where the store lives (`:memory:` for a temporary in-memory store).
    let path: String
    let dbQueue: DatabaseQueue
    /// The name reading connections open (see `readingName`), settled before the store's
    /// own connection opened: reading the header later would open and close the file, and
    /// closing any descriptor of it drops this process's SQLite locks.
    let readingPath: String

    /// The default location: `$MSTORE_DB`, else `./mstore.db`.
    static func defaultPath(environment: [String: String]) -> String {
        if let env = environment["MSTORE_DB"], !env.isEmpty { return env }
        return "mstore.db"
    }

    /// Opens the store at `path`.
    ///
    /// For writing (the default) a missing or empty file becomes a new store and an mstore
    /// store's schema is brought up to date; a SQLite file that is not an mstore store, or
    /// one written by a newer mstore, is refused. With `readOnly` the file is opened
    /// read-only: nothing in it changes (no migration, no journal-mode switch), and it
    /// works on read-only files, directories and media.
    ///
    /// - Parameters:
    ///   - mustExist: a missing file is an error instead of a new store (implied by `readOnly`).
    ///   - readOnly: open for reading only.
    ///   - wait: how long a writer waits for another writer to finish (seconds); after a
    ///     second of waiting it says so once on standard error.
    init(path: String, mustExist: Bool = false, readOnly: Bool = false, wait: Double = 5) throws {
        self.path = path
        // SQLite reads a name starting with file: as a URI (file:s.db is s.db, with query
        // parameters that change how it opens): such a name would escape the checks that
        // keep outputs off the store. A path is a path.
        if path.hasPrefix("file:") {
            throw MStoreError.usage("\(path): a store is named by its path, not a SQLite URI; give the path (./\(path) if the file's name really starts with file:)")
        }
        ProtectedFiles.shared.register(store: path)
        if mustExist || readOnly, access(path, F_OK) != 0 {
            throw MStoreError.notFound(
                what: "store \(quoted(path))", hint: "ingest a file first (mstore ingest FILE), or pass --db PATH or set MSTORE_DB")
        }
        // Opening for writing may create the store or migrate it: one process at a time
        // (several first writers on a new store raced to create its tables). The lock is an
        // flock on the store's folder, held only until the schema is settled. (Not on the
        // file itself: closing any descriptor of the store would drop SQLite's own POSIX
        // locks on it, and with them a writer's protection.)
        let openLock = readOnly ? nil : try Self.lockForOpening(path, wait: wait)
        defer {
            if let openLock {
                flock(openLock, LOCK_UN)
                close(openLock)
            }
        }
        readingPath = readOnly ? Self.readingName(path) : path
        var config = Configuration()
        // A new store is switched to WAL (which the file remembers); an existing one is left
        // as it is, so that opening it changes nothing in the file. (A rollback journal
        // would write a new store's pages once instead of twice, but an ingest larger than
        // the page cache then spills and rewrites pages without end: 2.5M rows by date took
        // 14 s instead of 4.)
        var size = stat()
        let exists = stat(path, &size) == 0 && size.st_size > 0
        config.journalMode = exists ? .default : .wal
        config.readonly = readOnly
        let waitLimit = wait
        // Each wait for a lock counts its own tries, 50 ms apart.
        config.busyMode = .callback { tries in
            if Double(tries) * 0.05 >= waitLimit { return false }
            if tries == 20 { writeToStandardError("mstore: waiting for another writer to finish with \(path) (up to \(formatNumber(waitLimit)) s, --wait)…") }
            usleep(50_000)
            return true
        }
        config.prepareDatabase { db in
            guard !readOnly else { return }
            // 16 KiB pages: a bulk ingest into a new store runs about a tenth faster than
            // with SQLite's default 4 KiB (a B-tree of fewer, fuller levels).
            if !exists { try db.execute(sql: "PRAGMA page_size = 16384") }
            // WAL with synchronous=NORMAL cannot corrupt the file; a power cut may lose the last commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB of page cache: inserts spread over many series stay in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            dbQueue = try DatabaseQueue(path: readOnly ? readingPath : path, configuration: config)
            // The file SQLite really opened is protected too, whatever the name given.
            if let resolved = dbQueue.inDatabase({ db in sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } }), !resolved.isEmpty {
                ProtectedFiles.shared.register(store: resolved)
            }
            let state = try dbQueue.read { try Self.schemaState($0) }
            switch state {
            case .empty where readOnly:
                throw MStoreError.notFound(what: "mstore data in \(quoted(path))", hint: "the file is an empty database: ingest a file first")
            case .foreign:
                throw MStoreError.usage(
                    "\(path) is a SQLite database but not an mstore store: mstore will not add its tables to it; pass --db with another path")
            case let .newer(unknown) where !readOnly:
                throw MStoreError.newerStore(path, unknown: unknown, knownUpTo: EmbeddedMigrations.all.last?.id)
            case .empty, .current, .newer: break
            case .older: if !readOnly { try Self.migrator.migrate(dbQueue) }
            }
            if readOnly, case .older = state {
                throw MStoreError.usage("\(path) needs a schema upgrade that only a writing command applies: run mstore ingest on it once")
            }
            if case .empty = state { try Self.migrator.migrate(dbQueue) }
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: path, "cannot open the store")
        }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The name a reading open uses. A WAL store that no one is writing (no `-wal` file)
    /// is opened immutable — SQLite then creates no `-shm` or `-wal` — when those files
    /// could not be created (a read-only folder or medium) or would belong to someone else
    /// than the store's owner (another user's read would leave them, and block the owner's
    /// next ingest). Any other store is opened by its path as usual.
    static func readingName(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0, access(path + "-wal", F_OK) != 0, access(path + "-shm", F_OK) != 0 else { return path }
        // Bytes 18 and 19 of the header are 2 in WAL mode.
        guard let head = try? InputFile.head(of: path, count: 20), head.count == 20, head[18] == 2, head[19] == 2 else { return path }
        let writableFolder = access(folder(of: path), W_OK) == 0
        guard !writableFolder || info.st_uid != geteuid() else { return path }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var escaped = ""
        for byte in absolute.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "/-_.~".contains(c) {
                escaped.append(c)
            } else {
                escaped += String(format: "%%%02X", byte)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    /// Takes an exclusive flock on the folder of `path`, waiting up to `wait` seconds; the
    /// descriptor, or nil where the folder cannot be opened (SQLite then says why).
    static func lockForOpening(_ path: String, wait: Double) throws -> Int32? {
        let fd = open(folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let started = monotonicSeconds()
        var said = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { return fd }
            let waited = monotonicSeconds() - started
            if waited >= wait {
                close(fd)
                throw MStoreError.io(path: path, message: "another mstore is still setting up the store after \(formatNumber(wait)) s (--wait)")
            }
            if waited >= 1, !said {
                said = true
                writeToStandardError("mstore: waiting for another writer to finish with \(path) (up to \(formatNumber(wait)) s, --wait)…")
            }
            usleep(20_000)
        }
        return fd
    }

    /// What a file holds, as far as mstore is concerned.
    enum SchemaState {
        /// No tables at all: a new store.
        case empty
        /// Another program's database.
        case foreign
        /// An mstore store missing some of this binary's migrations.
        case older
        /// Exactly this binary's migrations.
        case current
        /// Migrations this binary does not know (a newer mstore wrote it).
        case newer([String])
    }

    static func schemaState(_ db: Database) throws -> SchemaState {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        if tables.isEmpty { return .empty }
        guard tables.contains("grdb_migrations"), tables.contains("observation"), tables.contains("series") else { return .foreign }
        // What the migrator has recorded, by its own account (not its table's layout).
        let migrator = Self.migrator
        if try migrator.hasBeenSuperseded(db) {
            return .newer(try migrator.appliedIdentifiers(db).subtracting(EmbeddedMigrations.all.map(\.id)).sorted())
        }
        return try migrator.hasCompletedMigrations(db) ? .current : .older
    }

    /// A private store that lives in memory (for tests and experiments).
    init() throws {
        path = ":memory:"
        readingPath = path
        dbQueue = try DatabaseQueue()
        try Self.migrator.migrate(dbQueue)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in EmbeddedMigrations.all {
            migrator.registerMigration(migration.id) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }

    /// Identifiers of the migrations recorded in the store, in the order they were applied.
    func appliedMigrations() throws -> [String] {
        try dbQueue.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// Runs `body` in a read transaction, mapping SQLite errors to ``MStoreError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try dbQueue.read(body)
        } catch let error as DatabaseError {
            throw MStoreError.store(error, path: path)
        }
    }
}

/// Current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
func timestampNow() -> String {
    var t = time(nil)
    var parts = tm()
    gmtime_r(&t, &parts)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
}

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
extension SQLiteEngine: StoreEngine {}
