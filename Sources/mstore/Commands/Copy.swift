import ArgumentParser
import Foundation
import MStore

extension MStoreCommand {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a whole store into a new one: a file to a server, a server to a file, or a file to a file.",
            discussion: """
                Copies everything: the catalog, tags, the sources update refreshes from,
                every version of every observation with its vintage, and the provenance of
                every ingest (runs and lines). DESTINATION must be new or empty; the copy is
                one transaction there, checked before it commits (each series' number of
                versions and sum of values against the source), so a failure leaves it as it
                was. The source is only read. Either side may be a server: an analyst's file
                goes to the desk's store with mstore copy mstore.db
                postgresql://analyst@HOST/desk, and back with the two swapped.

                Examples:
                  mstore copy mstore.db backup.db
                  mstore copy mstore.db rates.db --wait 10
                """)

        @Argument(help: ArgumentHelp("The store to copy: a file or a postgresql:// URL.", valueName: "source"))
        var source: String

        @Argument(help: ArgumentHelp("The new store: a file or a postgresql:// URL.", valueName: "destination"))
        var destination: String

        @Option(help: ArgumentHelp("Wait this many seconds for another writer of the destination, 0 to 86400 (default 300).", valueName: "seconds"))
        var wait: Double = 300

        func validate() throws {
            try checkRange(wait, 0...86_400, flag: "--wait")
            guard source != destination else { throw ValidationError("the source and the destination are the same store") }
        }

        func run() throws {
            try reportingErrors {
                let from = try Store(path: source, readOnly: true)
                // A file this command creates is removed again if the copy fails.
                let newFile = !Store.isServer(destination) && !FileManager.default.fileExists(atPath: destination)
                let started = Date()
                let report: CopyReport
                do {
                    let to = try Store(path: destination, wait: wait)
                    report = try from.copy(to: to)
                } catch {
                    if newFile { for suffix in ["", "-wal", "-shm"] { unlink(destination + suffix) } }
                    throw error
                }
                let to = Store.shown(destination)
                writeToStandardOutput("copied \(from.path) to \(to): \(report.summary) (\(formatNumber((Date().timeIntervalSince(started) * 100).rounded() / 100)) s)\n")
            }
        }
    }
}
