/// How to ingest a file.
public struct IngestOptions: Sendable {
    /// The day from which the file's values were known; today when `nil`.
    public var vintage: Day?
    /// Parse and check everything, report what would change, and write nothing.
    public var dryRun: Bool
    /// The name recorded for the file (defaults to the path; `<stdin>` for standard input).
    public var displayName: String?

    public init(vintage: Day? = nil, dryRun: Bool = false, displayName: String? = nil) {
        self.vintage = vintage
        self.dryRun = dryRun
        self.displayName = displayName
    }
}

/// What ingesting one file did.
public struct IngestReport: Sendable, Equatable {
    public var fileName: String
    public var sha256: String
    public var layout: String
    public var vintage: Day
    /// Series keys the file touched, in first-seen order.
    public var seriesKeys: [String]
    /// Data rows read (not counting the header or blank lines).
    public var rowsRead: Int
    public var inserted: Int
    public var revised: Int
    public var unchanged: Int
    /// Cells holding a missing-value marker (`.`, empty, `NA`, …), which store nothing.
    public var missing: Int
    public var seconds: Double
    /// The same content was ingested before (by the run with this id): nothing was done.
    public var alreadyIngestedBy: Int64?
    public var dryRun: Bool

    /// One line for the terminal.
    public var summary: String {
        if let run = alreadyIngestedBy {
            return "\(fileName): already ingested (run \(run), sha256 \(sha256.prefix(12))): nothing to do"
        }
        let verb = dryRun ? "would insert" : "inserted"
        let series = seriesKeys.count == 1 ? "1 series (\(seriesKeys[0]))" : "\(seriesKeys.count) series"
        var s = "\(fileName): \(layout), \(series), \(rowsRead) rows: \(inserted) \(verb), \(revised) revised, \(unchanged) unchanged"
        if missing > 0 { s += ", \(missing) missing" }
        s += " (\(fixed(seconds, digits: 2)) s)"
        if dryRun { s += " [dry run: nothing written]" }
        return s
    }
}
