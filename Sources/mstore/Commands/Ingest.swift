import ArgumentParser
import Foundation
import MStore

extension LayoutKind: ExpressibleByArgument {}
extension DateFormatOption: ExpressibleByArgument {}

extension MStoreCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Option(help: ArgumentHelp("Force the layout: fred, alfred, nyfed, bls, long, wide, frb or sdmx.", valueName: "layout"))
        var layout: LayoutKind?

        @Option(help: ArgumentHelp("Field delimiter: , ; tab or |.", valueName: "char"))
        var delimiter: String?

        @Option(help: ArgumentHelp("Lines to skip before the header (a preamble; detected by default).", valueName: "n"))
        var skip: Int?

        @Option(help: ArgumentHelp("The date column, by header name or 1-based number.", valueName: "column"))
        var dateColumn: String?

        @Option(help: ArgumentHelp("How dates are written: auto, mdy, dmy or excel.", valueName: "format"))
        var dateFormat: DateFormatOption?

        @Option(help: ArgumentHelp("The series-key column of a long file.", valueName: "column"))
        var keyColumn: String?

        @Option(help: ArgumentHelp("A value column (repeat for several).", valueName: "column"))
        var valueColumn: [String] = []

        @Option(help: ArgumentHelp("The sheet of an .xlsx workbook (default: the first with a table of dates).", valueName: "name"))
        var sheet: String?

        @Option(help: ArgumentHelp("The series key of a FRED API JSON file (default: the file name's stem).", valueName: "key"))
        var key: String?

        @Option(help: ArgumentHelp("Prefix every series key (SPX. turns Close into SPX.CLOSE).", valueName: "prefix"))
        var prefix: String?

        @Option(help: ArgumentHelp("Unit recorded for every series in the file.", valueName: "unit"))
        var unit: String?

        @Option(help: ArgumentHelp("Frequency recorded for every series (D, B, W-WED, M, Q, A).", valueName: "code"))
        var frequency: String?

        @Option(help: ArgumentHelp("Source recorded for every series (e.g. FRED, NYFED).", valueName: "name"))
        var source: String?

        @Option(help: ArgumentHelp("Missing-value markers, comma-separated (replaces the default set).", valueName: "list"))
        var missing: String?

        @Flag(help: "Numbers use a decimal comma (1.234,5); detected for ;-delimited files.")
        var decimalComma = false

        @Option(help: ArgumentHelp("Tag every series in the file (repeatable).", valueName: "key=value"))
        var tag: [String] = []

        @Flag(help: "Store the good rows; write the bad ones with their reasons to a rejects file.")
        var skipBad = false

        @Option(help: ArgumentHelp("Where --skip-bad writes rejected rows (default: FILE.rejects.csv).", valueName: "file"))
        var rejects: String?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one file (or - for standard input)") }
            try checkRange(skip, 0...1_000_000, flag: "--skip")
            if let delimiter { _ = try delimiterByte(delimiter) }
            _ = try parsedTags()
            if let prefix, prefix.contains(where: { $0 == " " || $0 == "-" || $0 == "/" }) {
                throw ValidationError("--prefix \(prefix): keys may not contain spaces, - or /")
            }
        }

        func delimiterByte(_ text: String) throws -> UInt8 {
            switch text {
            case ",": return UInt8(ascii: ",")
            case ";": return UInt8(ascii: ";")
            case "|": return UInt8(ascii: "|")
            case "tab", "\\t", "\t": return 9
            default: throw ValidationError("--delimiter \(text): expected , ; tab or |")
            }
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
                return FileManager.default.fileExists(atPath: store.path) ? try store.openForReading() : try Store()
            }
            var options = IngestOptions(vintage: vintage?.first, dryRun: dryRun)
            options.layout = layout
            options.delimiter = try delimiter.map(delimiterByte)
            options.skipLines = skip
            options.dateColumn = dateColumn
            options.dateFormat = dateFormat
            options.keyColumn = keyColumn
            options.valueColumns = valueColumn.isEmpty ? nil : valueColumn
            options.prefix = prefix
            options.key = key
            options.sheet = sheet
            options.unit = unit
            options.frequency = frequency
            options.source = source
            options.missing = missing.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            options.decimalComma = decimalComma ? true : nil
            options.tags = try parsedTags()
            options.skipBad = skipBad
            options.rejectsPath = rejects
            var firstFailure: Int32?
            for file in files {
                let bar = ProgressBar(label: file)
                if let bar {
                    options.progress = { done, total in bar.update(done: done, total: total) }
                } else {
                    options.progress = nil
                }
                do {
                    let report = try db.ingest(path: file, options: options)
                    bar?.clear()
                    writeToStandardOutput(report.summary + "\n")
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

/// `key=value` → (key, value).
func parseTag(_ text: String) throws -> (String, String) {
    let parts = text.split(separator: "=", maxSplits: 1)
    guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("\(text): expected a tag as key=value") }
    return (String(parts[0]), String(parts[1]))
}
