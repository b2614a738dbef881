import ArgumentParser
import Foundation
import MStore

extension MStoreCommand {
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run a read-only SQL query over the store.",
            discussion: """
                The query runs on a read-only connection; statements that would write are
                refused. Handy views: current_observation (series, date, value, vintage),
                observation_history (every version with its file and line), series_tags.
                Tables: series, series_tag, observation, ingest_run. No statement can run away:
                it is stopped after --timeout seconds (30), --max-rows rows (1000000) or
                --max-memory MiB (1024), and Ctrl-C stops it with a message.

                Examples:
                  mstore sql "SELECT series, count(*) FROM current_observation GROUP BY 1"
                  mstore sql "SELECT file_name, revised FROM ingest_run" --format json
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("One SQL statement (SELECT, WITH … SELECT, EXPLAIN, read-only PRAGMA).", valueName: "query"))
        var query: String

        @Option(help: ArgumentHelp("Stop the statement after this many seconds, 0.1 to 86400 (default 30).", valueName: "seconds"))
        var timeout: Double = 30

        @Option(help: ArgumentHelp("Stop after this many rows, 1 to 100000000 (default 1000000).", valueName: "n"))
        var maxRows: Int = 1_000_000

        @Option(help: ArgumentHelp("Memory SQLite may use, in MiB, 16 to 65536 (default 1024).", valueName: "mib"))
        var maxMemory: Int = 1024

        @OptionGroup var output: OutputOptions

        func validate() throws {
            try checkRange(timeout, 0.1...86_400, flag: "--timeout")
            try checkRange(maxRows, 1...100_000_000, flag: "--max-rows")
            try checkRange(maxMemory, 16...65_536, flag: "--max-memory")
        }

        func run() throws {
            try reportingErrors {
                var limits = SQLLimits()
                limits.seconds = timeout
                limits.rows = maxRows
                limits.memoryBytes = Int64(maxMemory) << 20
                // Ctrl-C stops the statement at its next step instead of killing mstore.
                signal(SIGINT) { _ in interruptSQL() }
                var blocked = sigset_t()
                sigemptyset(&blocked)
                sigaddset(&blocked, SIGINT)
                sigprocmask(SIG_UNBLOCK, &blocked, nil)  // a parent may have left it blocked
                try output.emit(try store.openForReading().query(sql: query, limits: limits))
            }
        }
    }
}
