/// How to ingest a file. Every field left `nil` is guessed from the file.
public struct IngestOptions: Sendable {
    /// The day from which the file's values were known; today when `nil`.
    public var vintage: Day?
    /// Parse and check everything, report what would change, and write nothing.
    public var dryRun: Bool
    /// The name recorded for the file (defaults to the path; `<stdin>` for standard input).
    public var displayName: String?

    /// Force a layout instead of detecting it.
    public var layout: LayoutKind?
    /// The field delimiter (`,`, `;`, tab or `|`).
    public var delimiter: UInt8?
    /// Lines before the header (a preamble); detected when `nil`.
    public var skipLines: Int?
    /// The date column, by header name or 1-based number.
    public var dateColumn: String?
    /// `auto`, `mdy`, `dmy` or `excel`: how to read the dates.
    public var dateFormat: DateFormatOption?
    /// The series-key column of a long file, by header name or 1-based number.
    public var keyColumn: String?
    /// The value column(s), by header name or 1-based number.
    public var valueColumns: [String]?
    /// The sheet of an `.xlsx` workbook to read (by default the first that holds a table with a date column).
    public var sheet: String?
    /// The series key of a file that holds one series without naming it (a FRED API
    /// observations response); the file name's stem when `nil`.
    public var key: String?
    /// Prepended to every series key (`SPX.` turns `Close` into `SPX.CLOSE`).
    public var prefix: String?
    /// Unit, frequency and source recorded for every series in the file.
    public var unit: String?
    /// The frequency to record (`D`, `B`, `W-WED`, `M`, …) instead of inferring it.
    public var frequency: String?
    /// The source to record (`FRED`, `NYFED`, …) instead of the layout's.
    public var source: String?
    /// Replaces the default missing-value markers (`.`, `NA`, `N/A`, `#N/A`, `-`, `NaN`; empty is always missing).
    public var missing: [String]?
    /// Numbers are written `1.234,5`.
    public var decimalComma: Bool?
    /// `key=value` tags set on every series in the file.
    public var tags: [(String, String)]
    /// Store the good rows and write the bad ones, with their reasons, to a rejects file.
    public var skipBad: Bool
    /// Where rejected rows go (default: `<file>.rejects.csv`).
    public var rejectsPath: String?
    /// Where a fetched payload came from: recorded in the run (API key redacted) and, for
    /// every series it stored, remembered for `mstore update`.
    public var fetched: FetchRecord?
    /// Called now and then with (bytes read, total bytes) on long files.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// The most standard input, a FIFO or a device may bring (it is copied to a temporary
    /// file first): 16 GiB.
    public var maxSpoolBytes = InputFile.defaultSpoolLimit
    /// Every value placed by reading its date's versions, one row at a time: the reference
    /// the batched paths are tested against.
    var rowByRow = false

    /// Options with every guess left to the sniffer: a vintage (today when `nil`), a dry run, the name to show.
    public init(vintage: Day? = nil, dryRun: Bool = false, displayName: String? = nil) {
        self.vintage = vintage
        self.dryRun = dryRun
        self.displayName = displayName
        tags = []
        skipBad = false
    }
}

/// The provenance of a fetched payload.
public struct FetchRecord: Sendable, Equatable {
    /// The source as the user named it: `fred:WRESBAL`, `nyfed:sofr`, a URL.
    public var source: String
    /// The URL asked (any API key redacted).
    public var url: String
    /// FRED's every real-time period was asked for.
    public var allVintages: Bool
    /// How to read a URL's file again (ingest flags, as a JSON array), or nil.
    public var flags: String?

    /// A record of fetching `source` from `url`.
    public init(source: String, url: String, allVintages: Bool = false, flags: String? = nil) {
        self.source = source
        self.url = url
        self.allVintages = allVintages
        self.flags = flags
    }
}

/// What one ingest did to one series.
public struct SeriesChange: Sendable, Equatable {
    /// The series key as stored.
    public var key: String
    /// Values stored for dates the series had no value for.
    public var inserted: Int
    /// Values that revised a stored one.
    public var revised: Int
    /// The revision with the largest absolute change: date, old and new value.
    public var largest: (date: Day, old: Double, new: Double)?

    /// A change with no rows.
    public init(key: String) {
        self.key = key
        inserted = 0
        revised = 0
    }

    /// Equal counts and the same largest revision.
    public static func == (a: SeriesChange, b: SeriesChange) -> Bool {
        a.key == b.key && a.inserted == b.inserted && a.revised == b.revised && a.largest?.date == b.largest?.date
            && a.largest?.old == b.largest?.old && a.largest?.new == b.largest?.new
    }
}

/// How dates are written in a file, when declared instead of detected.
public enum DateFormatOption: String, Sendable, CaseIterable {
    /// Whatever the parser recognises, slash dates month first (the default guess).
    case auto
    /// Slash dates are month first: 10/30/2025.
    case mdy
    /// Slash dates are day first: 30/10/2025.
    case dmy
    /// Excel serial day numbers (45960 is 2025-10-30).
    case excel
}

/// What ingesting one file did.
public struct IngestReport: Sendable, Equatable {
    /// The file as named to the user (`-` is `<stdin>`).
    public var fileName: String
    /// The SHA-256 of the content, in hex.
    public var sha256: String
    /// The layout it was read as (`fred`, `alfred`, `nyfed`, `bls`, `long`, `wide`, `frb`, `sdmx`, `fred-json`, `nyfed-json`).
    public var layout: String
    /// The day its values became known.
    public var vintage: Day
    /// Series keys the file touched, in first-seen order.
    public var seriesKeys: [String]
    /// Data rows read (not counting preamble, header or blank lines).
    public var rowsRead: Int
    /// Observations stored for dates the series had no value for.
    public var inserted: Int
    /// Observations whose stored value changed (the old one is kept, closed at the vintage).
    public var revised: Int
    /// Observations equal to what the store already held.
    public var unchanged: Int
    /// Cells holding a missing-value marker (`.`, empty, `NA`, …), which store nothing.
    public var missing: Int
    /// Rows left out on purpose (BLS annual averages, `M13`).
    public var skipped: Int
    /// Rows rejected under `--skip-bad`, and where they were written.
    public var rejected: Int
    /// Where the rejected rows were written, under `skipBad`.
    public var rejectsPath: String?
    /// Wall-clock time of the ingest.
    public var seconds: Double
    /// The content was ingested before, at an earlier vintage: its values were recorded as
    /// still known on this one.
    public var confirmedAt: Day?
    /// The same content was ingested before (by the run with this id): nothing was done.
    public var alreadyIngestedBy: Int64?
    /// Nothing was written: the counts say what an ingest would do.
    public var dryRun: Bool
    /// How the file was read (layout, delimiter, date column and format, series), for `--dry-run`.
    public var plan: [String]
    /// The first observations read: key, date, value.
    public var preview: [[String]]
    /// What the user should know about how the file was read (text columns skipped, …).
    public var notes: [String] = []
    /// Per series touched: new and revised values and the largest revision.
    public var changes: [SeriesChange] = []

    /// One line for the terminal.
    public var summary: String {
        if let run = alreadyIngestedBy {
            if let confirmedAt {
                return "\(fileName): already ingested (run \(run), sha256 \(sha256.prefix(12))): its values recorded as still known on \(confirmedAt)"
            }
            return "\(fileName): already ingested (run \(run), sha256 \(sha256.prefix(12))): nothing to do"
        }
        let verb = dryRun ? "would insert" : "inserted"
        let series = seriesKeys.count == 1 ? "1 series (\(seriesKeys[0]))" : "\(seriesKeys.count) series"
        var s = "\(fileName): \(layout), \(series), \(rowsRead) rows: \(inserted) \(verb), \(revised) revised, \(unchanged) unchanged"
        if missing > 0 { s += ", \(missing) missing" }
        if skipped > 0 { s += ", \(skipped) skipped" }
        if rejected > 0 { s += ", \(rejected) rejected" + (rejectsPath.map { " (see \($0))" } ?? "") }
        s += " (\(fixed(seconds, digits: 2)) s)"
        if dryRun { s += " [dry run: nothing written]" }
        return s
    }
}
