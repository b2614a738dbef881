import ArgumentParser
import Foundation
import MStore

@main
struct MStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mstore",
        abstract: "A local time-series store for macro and market series.",
        discussion: """
            mstore keeps the CSV files you download from FRED, the New York Fed, index
            providers and exchanges in one SQLite file, with every revision and where each
            value came from, and answers questions about them from the shell.

            The store is --db PATH, else $MSTORE_DB, else ./mstore.db.

            Examples:
              mstore ingest Fixtures/updates/2025-12-16/*.csv --vintage 2025-12-16
              mstore series
              mstore show WRESBAL --since 2025 --as-of 2025-06-30
              mstore sql "SELECT series, count(*) FROM current_observation GROUP BY 1"

            Exit codes:
              0   success
              1   an unexpected failure
              64  usage: a bad flag or argument, or SQL that would write
              65  bad data: a value, line or header in an input file (the message names
                  file:line:column), or invalid SQL
              66  missing input: a file, the store or a series that does not exist
              74  I/O: reading or writing a file or the store failed
            """,
        version: MStoreVersion.current,
        subcommands: [Ingest.self, Fetch.self, Update.self, Series.self, Show.self, Revisions.self, Tag.self, Query.self, Export.self, Chart.self, Status.self, Report.self, Config.self, SQL.self, Copy.self, Demo.self]
    )

    /// Parses and runs a command; every error, argument-parser's own included, is reported
    /// as `mstore: error: …` on standard error with its exit code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            if let failure = StandardOutput.finish() {
                writeToStandardError("mstore: error: standard output: cannot write: \(failure)")
                Foundation.exit(ExitStatus.ioError)
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { writeToStandardOutput(message + "\n") }
                Foundation.exit(0)
            }
            if !message.isEmpty {
                writeToStandardError(message.hasPrefix("Error: ") ? "mstore: error: " + message.dropFirst(7) : message)
            }
            Foundation.exit(code.rawValue)
        }
    }
}


/// One line on standard error that explains an answer (an empty result, a skipped step).
func note(_ text: String) {
    writeToStandardError("mstore: " + text)
}

/// Runs `body`, turning mstore's errors into a message on stderr and their exit code.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as MStoreError {
        writeToStandardError("mstore: error: \(error)")
        throw ExitCode(error.exitCode)
    }
}
