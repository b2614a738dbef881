import ArgumentParser
import MStore

extension MStoreCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load CSV files into the store, keeping every revision.",
            discussion: """
                Each file is one transaction: all of it is stored or, at the first bad value,
                none of it. The layout is read from the header:
                  FRED graph   observation_date,WRESBAL,...   (or DATE,...); "." is missing
                  long         date,series,value[,unit,source,name]
                  wide         date,A,B,C   (one series per column)
                Dates: YYYY-MM-DD, YYYY-MM, YYYY or M/D/YYYY. Empty cells and . NA N/A #N/A - NaN
                are missing values and store nothing.

                A value that differs from the one stored for the same series and date is a
                revision: the old value is kept, known until the vintage day, and the new one
                is known from it. A file whose exact content was ingested before is skipped.

                Examples:
                  mstore ingest Fixtures/fred/WRESBAL.csv
                  mstore ingest data/*.csv --vintage 2025-11-05
                  curl -s ... | mstore ingest -
                  mstore ingest big.csv --dry-run
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("CSV files to ingest; - reads standard input.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The day the values became known (default: today).", valueName: "date"))
        var vintage: String?

        @Flag(help: "Check the files and report what would change, without writing anything.")
        var dryRun = false

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one file (or - for standard input)") }
            if let vintage { _ = try parseBound(vintage, flag: "--vintage") }
        }

        func run() throws {
            let db = try reportingErrors { try store.open() }
            let day = try vintage.map { try parseBound($0, flag: "--vintage").first }
            var firstFailure: Int32?
            for file in files {
                do {
                    let report = try db.ingest(path: file, options: IngestOptions(vintage: day, dryRun: dryRun))
                    writeToStandardOutput(report.summary + "\n")
                } catch let error as MStoreError {
                    writeToStandardError("mstore: error: \(error)")
                    if files.count > 1 { writeToStandardError("mstore: \(file): nothing of this file was stored") }
                    firstFailure = firstFailure ?? error.exitCode
                }
            }
            if let firstFailure { throw ExitCode(firstFailure) }
        }
    }
}
