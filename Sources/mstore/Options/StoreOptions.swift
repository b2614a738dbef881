import ArgumentParser
import Foundation
import MStore

/// `--db`: which store to use.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $MSTORE_DB, else ./mstore.db).", valueName: "path"))
    var db: String?

    var path: String { db ?? Store.defaultPath(environment: ProcessInfo.processInfo.environment) }

    /// Opens the store; reading commands require it to exist already.
    func open(mustExist: Bool = false) throws -> Store {
        try Store(path: path, mustExist: mustExist)
    }
}

/// Parses a `--since`/`--until`/`--as-of`/`--vintage` value.
func parseBound(_ text: String, flag: String) throws -> PeriodBound {
    guard let bound = PeriodBound(text) else {
        throw ValidationError("\(flag) \(text): expected \(PeriodBound.expectation)")
    }
    return bound
}

/// `--since` after `--until` can only give an empty answer: a usage error instead.
func checkOrder(since: String?, until: String?) throws {
    guard let since, let until, let a = PeriodBound(since), let b = PeriodBound(until) else { return }
    if a.first > b.last { throw ValidationError("--since \(since) is after --until \(until): nothing lies between them") }
}
