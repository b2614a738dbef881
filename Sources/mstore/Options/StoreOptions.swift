import ArgumentParser
import Foundation
import MStore

/// `--db`: which store to use.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a file, or a PostgreSQL server's postgresql://USER@HOST:PORT/DATABASE?schema=NAME (default: $MSTORE_DB, else ./mstore.db).", valueName: "path|url"))
    var db: String?

    var path: String { db ?? Store.defaultPath(environment: ProcessInfo.processInfo.environment) }

    @Option(help: ArgumentHelp("Writing: wait this many seconds for another writer to finish, 0 to 86400 (default 300).", valueName: "seconds"))
    var wait: Double = 300

    func validate() throws {
        try checkRange(wait, 0...86_400, flag: "--wait")
    }

    /// Opens the store for writing (created when missing, unless `mustExist`), waiting up
    /// to `--wait` seconds for another writer.
    func open(mustExist: Bool = false) throws -> Store {
        try Store(path: path, mustExist: mustExist, wait: wait)
    }

    /// Where `mstore.toml` is looked for: beside a store file, or the current directory for
    /// a store on a server.
    var configFolder: String {
        Store.isServer(path) ? "." : URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// For a dry run: the store read-only when there is one, else an empty one in memory
    /// (a dry run never creates a store).
    func openForPlanning() throws -> Store {
        if Store.isServer(path) {
            do { return try openForReading() } catch MStoreError.notFound { return try Store() }
        }
        return FileManager.default.fileExists(atPath: path) ? try openForReading() : try Store()
    }

    /// Opens an existing store read-only: nothing in the file changes, and read-only files
    /// and media work.
    func openForReading() throws -> Store {
        try Store(path: path, readOnly: true)
    }
}

/// Parses a `--since`/`--until`/`--as-of`/`--vintage` value (argument-parser names the
/// flag and the value in front of the message).
func parseBound(_ text: String) throws -> PeriodBound {
    guard let bound = PeriodBound(text) else { throw ValidationError("expected \(PeriodBound.expectation)") }
    return bound
}

/// A numeric flag outside its documented range is a usage error naming the flag and the range.
func checkRange<T: Comparable & CustomStringConvertible>(_ value: T?, _ range: ClosedRange<T>, flag: String) throws {
    guard let value else { return }
    guard range.contains(value) else { throw ValidationError("\(flag) \(value): expected \(range.lowerBound) to \(range.upperBound)") }
}

/// The same for a floating-point flag, which must also be finite.
func checkRange(_ value: Double?, _ range: ClosedRange<Double>, flag: String) throws {
    guard let value else { return }
    guard value.isFinite, range.contains(value) else {
        throw ValidationError("\(flag) \(value): expected a number from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))")
    }
}
