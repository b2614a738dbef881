import ArgumentParser
import Foundation
import MStore


extension MStoreCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Load CSV, .xlsx and publisher JSON files into the store, keeping every revision.",
            discussion: """
                Each file is one transaction: all of it is stored or, at the first bad value,
                none of it (unless --skip-bad). The layout is recognised from the header:
                  fred    observation_date,WRESBAL,...  (or DATE,...); "." is missing
                  alfred  observation_date,WALCL_20251029,WALCL_20251105,...  (one column per vintage)
                  nyfed   Effective Date,Rate Type,Rate (%),1st Percentile (%),...,Volume ($Billions)
                          → SOFR, SOFR.P1, SOFR.P25, SOFR.P75, SOFR.P99, SOFR.VOLUME, ...
                  bls     [preamble] Series id,Year,Period,Value  (M01-M12, Q01-Q04, A01; M13 skipped)
                  long    date,series,value[,unit,source,name]  (key column may be symbol, ticker, ...)
                  wide    date,A,B,C  (one series per column; the date column is found by content;
                          columns of text are skipped with a note)
                  frb     Federal Reserve Board downloads: Series Description, Unit:, Multiplier:,
                          Currency:, Unique Identifier: rows, then Time Period,RIFSPFF_N.B,...
                  sdmx    SDMX-CSV: ECB (KEY,...,TIME_PERIOD,OBS_VALUE,...) and 1.0/2.0 (DATAFLOW
                          or STRUCTURE_ID, dimensions, TIME_PERIOD, OBS_VALUE): key EXR.D.USD.EUR.SP00.A
                Price files (Date,Open,High,Low,Close,Adj Close,Volume, or a quote site's
                Date,Price,Open,High,Low,Vol.,Change %) get keys prefixed with the file name:
                spx.csv gives SPX.OPEN ... SPX.ADJ_CLOSE (or give --prefix).
                Series keys are any text (BRK-B, EUR/USD, AAPL US Equity), matched
                case-insensitively.

                Also read: .xlsx workbooks (the first sheet with a table of dates, or
                --sheet), FRED API observations JSON (each value known from its
                realtime_start; --key names the series) and New York Fed reference rates JSON.

                Dates: ISO, M/D/YYYY or D/M/YYYY (decided from the whole column), YYYYMMDD,
                month names (Oct 30 2025, 30-Oct-25, October 2025), quarters (2025Q3, 2025-Q3),
                two-digit years (00-68 → 20xx, 69-99 → 19xx), Excel serials with --date-format excel.
                Numbers: 1,234.5  (12.5)  $5  4.3% (unit percent)  2.5B  1.234,5 (;-delimited files).
                Missing: empty . NA N/A #N/A - NaN (replace the set with --missing).
                Encodings: UTF-8 with or without BOM; UTF-16 with a BOM.

                A value that differs from the one stored for the same series and date is a
                revision: the old value is kept, known until the vintage day. A file whose
                exact content was ingested before is skipped.

                Examples:
                  mstore ingest Fixtures/corpus/bls_preamble.csv
                  mstore ingest Fixtures/updates/2025-12-16/*.csv --vintage 2025-12-16
                  mstore ingest Fixtures/long/spx_market_caps.csv --tag universe=SPX --dry-run
                  mstore ingest Fixtures/corpus/spx.csv --prefix SPX. --unit USD
                  mstore ingest Fixtures/corpus/dmy_dates.csv --date-format dmy --skip-bad
                  mstore ingest Fixtures/corpus/semicolon_decimal_comma.csv --delimiter ';'
                  mstore ingest Fixtures/corpus/nyfed_rates.csv --dry-run
                  mstore ingest Fixtures/corpus/desk_book.xlsx --sheet Data --dry-run
                  mstore ingest Fixtures/corpus/GDPC1.json --dry-run
                  mstore ingest Fixtures/corpus/frb_h41.csv --dry-run
                  cat sofr.csv | mstore ingest - --source nyfed
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("CSV, .xlsx or JSON files to ingest; - reads standard input.", valueName: "file"))
        var files: [String] = []

        @Option(help: ArgumentHelp("The day the values became known (default: today).", valueName: "date"), transform: { try parseBound($0) })
        var vintage: PeriodBound?

        @Flag(help: "Check the files and show how they would be read and what would change, writing nothing.")
        var dryRun = false

        @OptionGroup(title: "How to read the files") var reading: ReadingOptions

        @Option(help: ArgumentHelp("Tag every series in the file (repeatable).", valueName: "key=value"))
        var tag: [String] = []

        @Flag(help: "Store the good rows; write the bad ones with their reasons to a rejects file.")
        var skipBad = false

        @Option(
            help: ArgumentHelp(
                "Where --skip-bad writes rejected rows (default: FILE.rejects.csv); with several files, a directory that gets FILE.rejects.csv for each.",
                valueName: "file|dir"))
        var rejects: String?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one file (or - for standard input)") }
            _ = try parsedTags()
            if let rejects, files.count > 1, !isDirectory(rejects) {
                throw ValidationError(
                    "--rejects \(rejects) names one file for \(files.count) input files: give a directory (each file's rejects go to DIR/FILE.rejects.csv) or ingest one file at a time")
            }
        }

        /// Where the rejects of `file` go.
        func rejectsPath(for file: String) -> String? {
            guard let rejects, isDirectory(rejects) else { return rejects }
            let name = file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent
            return rejects + "/" + name + ".rejects.csv"
        }

        func parsedTags() throws -> [(String, String)] {
            try tag.map { try parseTag($0) }
        }

        func run() throws {
            TemporaryFiles.removeOnSignals()
            // A dry run never creates a store: with none there yet, it plans against an empty one.
            let db = try reportingErrors {
                // A dry run only reads: an existing store is opened read-only.
                guard dryRun else { return try store.open() }
                return try store.openForPlanning()
            }
            var options = IngestOptions(vintage: vintage?.first, dryRun: dryRun)
            try reading.apply(to: &options)
            options.tags = try parsedTags()
            options.skipBad = skipBad
            var firstFailure: Int32?
            for file in files {
                options.rejectsPath = rejectsPath(for: file)
                let bar = ProgressBar(label: file)
                if let bar {
                    options.progress = { done, total in bar.update(done: done, total: total) }
                } else {
                    options.progress = nil
                }
                do {
                    let report = try db.ingest(path: file, options: options)
                    bar?.clear()
                    writeToStandardOutput(escapingControls(report.summary) + "\n")
                    for note in report.notes { writeToStandardError("mstore: note: \(report.fileName): \(note)") }
                    if dryRun && report.alreadyIngestedBy == nil {
                        writeToStandardOutput(report.plan.map { "  " + $0 }.joined(separator: "\n") + "\n")
                        let preview = ResultTable(columns: ["series", "date", "value"], rows: report.preview.map { $0.map(Cell.text) })
                        writeToStandardOutput(preview.rendered(as: .table).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
                    }
                } catch let error as MStoreError {
                    bar?.clear()
                    writeToStandardError("mstore: error: \(error)")
                    if files.count > 1 { writeToStandardError("mstore: \(file): nothing of this file was stored") }
                    firstFailure = firstFailure ?? error.exitCode
                }
            }
            if let firstFailure { throw ExitCode(firstFailure) }
        }
    }
}

func isDirectory(_ path: String) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
}

/// `key=value` → (key, value).
func parseTag(_ text: String) throws -> (String, String) {
    let parts = text.split(separator: "=", maxSplits: 1)
    guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("\(text): expected a tag as key=value") }
    return (String(parts[0]), String(parts[1]))
}
