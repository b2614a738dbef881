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
                --max-memory MiB (1024: SQLite's memory and the rows held for output, and
                the longest value a tenth of it), and Ctrl-C stops it with a message. A
                statement stuck inside one long call (instr over huge strings) is ended a
                second past its deadline or after Ctrl-C all the same: mstore exits with the
                same message (the store is only read, so nothing can be left half-done).
                SQL that begins with - (a -- comment) goes after --, as for any program.

                Examples:
                  mstore sql "SELECT series, count(*) FROM current_observation GROUP BY 1"
                  mstore sql "SELECT file_name, revised FROM ingest_run" --format json
                  mstore sql "PRAGMA journal_mode"
                  mstore sql -- "$(printf -- '-- a note\\nSELECT count(*) FROM series')"
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
                // Ctrl-C stops the statement at its next step instead of killing mstore; a
                // statement inside one long call is ended by the alarm a second later, as
                // is one that outlives its deadline.
                signal(SIGINT) { _ in
                    interruptSQL()
                    sqlStopWasInterrupt = 1
                    alarm(1)
                }
                signal(SIGALRM) { _ in
                    let message = sqlStopWasInterrupt != 0 ? sqlInterruptedMessage : sqlTimeoutMessage
                    _ = message.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
                    _exit(ExitStatus.usage)
                }
                sqlTimeoutMessage = Array("mstore: error: the query ran longer than \(formatNumber(timeout)) s and was stopped: narrow it, or raise --timeout\n".utf8)
                alarm(UInt32(timeout.rounded(.up)) + 1)
                var blocked = sigset_t()
                sigemptyset(&blocked)
                sigaddset(&blocked, SIGINT)
                sigaddset(&blocked, SIGALRM)
                sigprocmask(SIG_UNBLOCK, &blocked, nil)  // a parent may have left it blocked
                let table = try store.openForReading().query(sql: query, limits: limits)
                alarm(0)
                signal(SIGINT, SIG_DFL)
                try output.emit(table)
            }
        }
    }
}

/// What the alarm prints (prepared before, since a signal handler may only write bytes).
nonisolated(unsafe) private var sqlTimeoutMessage: [UInt8] = []
nonisolated(unsafe) private var sqlStopWasInterrupt: Int32 = 0
private let sqlInterruptedMessage = Array("mstore: error: the query was interrupted\n".utf8)
