extension Store {
    /// Ingests one CSV file (`-` for standard input) as a single transaction.
    ///
    /// The layout, delimiter, header row, date column and date format are detected (see
    /// ``IngestOptions`` to override each). Every value is checked, and the first bad one
    /// aborts the file with an ``MStoreError`` naming file, line, column and value —
    /// nothing of that file is written — unless ``IngestOptions/skipBad`` is set. A file
    /// whose exact content (SHA-256) was ingested before is skipped without being parsed.
    ///
    /// ```swift
    /// let report = try store.ingest(path: "WRESBAL.csv", options: IngestOptions(vintage: Day(year: 2025, month: 7, day: 3)))
    /// print(report.summary)
    /// ```
    @discardableResult
    public func ingest(path: String, options: IngestOptions = IngestOptions()) throws -> IngestReport {
        let started = monotonicSeconds()
        if path != "-" { ProtectedFiles.shared.register(input: path) }
        var input = try InputFile.prepare(path: path, displayName: options.displayName, options: options)
        defer { input.removeTemporary() }
        let vintage = options.vintage ?? Day.today
        // Only a file of a size seen before can be a repeat; hash it first so a repeat is
        // skipped without parsing. Any other file is hashed while it is parsed.
        if input.sha256 == nil, try engine.hasRun(ofSize: input.size) {
            input.sha256 = try sha256(ofFile: input.readPath)
        }
        // A workbook counts as a repeat only when the same sheet was read from it.
        if let hash = input.sha256, let run = try engine.previousRun(sha256: hash, nameEnding: input.sheet.map { "[\($0)]" }) {
            var report = IngestReport.empty(input.displayName, vintage: vintage, dryRun: options.dryRun)
            report.sha256 = hash
            report.layout = run.layout
            report.alreadyIngestedBy = run.id
            // The same content downloaded again later is evidence too: its values were still
            // the known ones on this vintage (see series_coverage). Nothing else is written.
            if !options.dryRun, try engine.confirmAgain(run: run, sha256: hash, name: input.displayName, size: input.size, vintage: vintage) {
                report.confirmedAt = vintage
            }
            report.seconds = monotonicSeconds() - started
            return report
        }
        // From here the content is new: a file of a size never seen cannot be a repeat.
        let plan = try input.plan ?? Sniffer(path: input.readPath, fileName: input.displayName, options: options).plan()
        let reader = try CSVReader(path: input.readPath, displayName: input.displayName, hashing: input.sha256 == nil, delimiter: plan.delimiter)
        // The same job either way: a dry run reads in a read transaction (no write lock,
        // other writers never wait) and its sink places values in memory only.
        let body = { (catalog: any IngestCatalog) throws -> IngestReport in
            var job = IngestJob(catalog: catalog, reader: reader, plan: plan, options: options, vintage: vintage, size: input.size)
            try job.run(sha256: input.sha256)
            try input.checkUnchanged(reader: reader)
            var report = job.report()
            if let hash = input.sha256 ?? reader.digest() {
                report.sha256 = hash
                if !options.dryRun { try catalog.setDigest(job.runID, sha256: hash) }
            }
            if !options.dryRun { try job.writeRejects() }
            report.seconds = monotonicSeconds() - started
            return report
        }
        return options.dryRun
            ? try engine.inReadTransaction(file: input.displayName, body)
            : try engine.inWriteTransaction(file: input.displayName, body)
    }
}

extension IngestReport {
    static func empty(_ name: String, vintage: Day, dryRun: Bool) -> IngestReport {
        IngestReport(
            fileName: name, sha256: "", layout: "", vintage: vintage, seriesKeys: [], rowsRead: 0, inserted: 0, revised: 0, unchanged: 0,
            missing: 0, skipped: 0, rejected: 0, rejectsPath: nil, seconds: 0, alreadyIngestedBy: nil, dryRun: dryRun, plan: [], preview: [])
    }
}
