import ArgumentParser
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
                Tables: series, series_tag, observation, ingest_run.

                Examples:
                  mstore sql "SELECT series, count(*) FROM current_observation GROUP BY 1"
                  mstore sql "SELECT file_name, revised FROM ingest_run" --format json
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("One SQL statement (SELECT, WITH … SELECT, EXPLAIN, read-only PRAGMA).", valueName: "query"))
        var query: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                try output.emit(try store.openForReading().query(sql: query))
            }
        }
    }
}
