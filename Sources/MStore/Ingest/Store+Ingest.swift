internal import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Store {
    /// Ingests one CSV file (`-` for standard input) as a single transaction.
    ///
    /// The layout is detected from the header; every value is checked, and the first bad
    /// one aborts the file with an ``MStoreError`` naming file, line, column and value —
    /// nothing of that file is written. A file whose exact content (SHA-256) was ingested
    /// before is skipped without being parsed.
    ///
    /// ```swift
    /// let report = try store.ingest(path: "WRESBAL.csv", options: IngestOptions(vintage: Day(year: 2025, month: 7, day: 3)))
    /// print(report.summary)
    /// ```
    public func ingest(path: String, options: IngestOptions = IngestOptions()) throws -> IngestReport {
        let started = monotonicSeconds()
        let isStdin = path == "-"
        let name = options.displayName ?? (isStdin ? "<stdin>" : path)
        var knownHash: String?
        var size = 0
        if !isStdin {
            var info = stat()
            guard stat(path, &info) == 0 else { throw MStoreError.openFailure(path: path, errno: errno) }
            guard (info.st_mode & S_IFMT) != S_IFDIR else { throw MStoreError.io(path: path, message: "is a directory, not a file") }
            size = Int(info.st_size)
            // Only a file of a size seen before can be a repeat; hash it first so a repeat is
            // skipped without parsing. Any other file is hashed while it is parsed.
            if try hasRun(ofSize: size) {
                let hash = try sha256(ofFile: path)
                knownHash = hash
                if let run = try previousRun(sha256: hash) {
                    return IngestReport(
                        fileName: name, sha256: hash, layout: run.layout, vintage: run.vintage, seriesKeys: [], rowsRead: 0,
                        inserted: 0, revised: 0, unchanged: 0, missing: 0, seconds: monotonicSeconds() - started,
                        alreadyIngestedBy: run.id, dryRun: options.dryRun)
                }
            }
        }
        let hashWhileReading = knownHash == nil
        let reader = try CSVReader(path: path, displayName: name, hashing: hashWhileReading)
        let vintage = options.vintage ?? Day.today
        do {
            return try dbQueue.writeWithoutTransaction { db in
                var report: IngestReport?
                try db.inTransaction(.immediate) {
                    var job = try IngestJob(db: db, reader: reader, vintage: vintage, startedAt: started)
                    try job.run(sha256: knownHash, size: size)
                    var r = job.report(dryRun: options.dryRun)
                    if hashWhileReading, let hash = reader.digest() {
                        r.sha256 = hash
                        if let run = try Self.previousRun(db: db, sha256: hash, excluding: job.runID) {
                            r = IngestReport(
                                fileName: name, sha256: hash, layout: run.layout, vintage: run.vintage, seriesKeys: [], rowsRead: 0,
                                inserted: 0, revised: 0, unchanged: 0, missing: 0, seconds: monotonicSeconds() - started,
                                alreadyIngestedBy: run.id, dryRun: options.dryRun)
                            report = r
                            return .rollback
                        }
                        try db.execute(sql: "UPDATE ingest_run SET sha256 = ?, size_bytes = ? WHERE id = ?", arguments: [hash, reader.bytesRead, job.runID])
                    }
                    r.seconds = monotonicSeconds() - started
                    report = r
                    return options.dryRun ? .rollback : .commit
                }
                guard let report else { throw MStoreError.io(path: name, message: "ingest produced no report") }
                return report
            }
        } catch let error as DatabaseError {
            throw MStoreError.io(path: name, message: "the store refused the write: \(error.message ?? "\(error)")")
        }
    }

    struct PreviousRun {
        var id: Int64
        var layout: String
        var vintage: Day
    }

    func hasRun(ofSize size: Int) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingest_run WHERE size_bytes = ?)", arguments: [size]) ?? false }
    }

    func previousRun(sha256: String) throws -> PreviousRun? {
        try read { db in try Self.previousRun(db: db, sha256: sha256, excluding: nil) }
    }

    static func previousRun(db: Database, sha256: String, excluding: Int64?) throws -> PreviousRun? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, layout, vintage FROM ingest_run WHERE sha256 = ? AND id IS NOT ? ORDER BY id LIMIT 1",
                arguments: [sha256, excluding])
        else { return nil }
        let vintageText: String = row["vintage"]
        return PreviousRun(id: row["id"], layout: row["layout"], vintage: PeriodBound(vintageText)?.first ?? Day(ordinal: 0))
    }
}

/// One file being ingested inside an open transaction.
struct IngestJob {
    let db: Database
    let reader: CSVReader
    let vintage: Day
    let startedAt: Double
    private(set) var runID: Int64 = 0
    private var layout: Layout = .wide(seriesColumns: [])
    private var header: [String] = []
    private var slots: [String: SeriesSlot] = [:]
    private var touched: [SeriesSlot] = []
    private var rows = 0
    private var missing = 0
    private var counts = (inserted: 0, revised: 0, unchanged: 0)

    init(db: Database, reader: CSVReader, vintage: Day, startedAt: Double) throws {
        self.db = db
        self.reader = reader
        self.vintage = vintage
        self.startedAt = startedAt
    }

    var file: String { reader.fileName }

    mutating func run(sha256: String?, size: Int) throws {
        guard try reader.next() else {
            throw MStoreError.badRecord(SourceLocation(file: file, line: 1), problem: "the file is empty; expected \(Layout.expectation)")
        }
        header = reader.strings.map(\.trimmingSpaces)
        layout = try Layout.detect(header: header, file: file)
        try db.execute(
            sql: """
                INSERT INTO ingest_run (file_name, sha256, size_bytes, layout, vintage, started_at, outcome)
                VALUES (?, ?, ?, ?, ?, ?, 'running')
                """,
            arguments: [file, sha256 ?? "", size, layout.description, vintage.description, timestampNow()])
        runID = db.lastInsertedRowID
        let writer = try ObservationWriter(db: db, runID: runID, vintage: vintage, fileName: file)
        switch layout {
        case let .fred(columns), let .wide(columns):
            let source = layout == .fred(seriesColumns: columns) ? "FRED" : nil
            try ingestWide(columns: columns, source: source, writer: writer)
        case let .long(date, key, value, unit, source, name):
            try ingestLong(date: date, key: key, value: value, unit: unit, source: source, name: name, writer: writer)
        }
        try finish()
    }

    func report(dryRun: Bool) -> IngestReport {
        IngestReport(
            fileName: file, sha256: "", layout: layout.description, vintage: vintage, seriesKeys: touched.map(\.key), rowsRead: rows,
            inserted: counts.inserted, revised: counts.revised, unchanged: counts.unchanged, missing: missing,
            seconds: monotonicSeconds() - startedAt, alreadyIngestedBy: nil, dryRun: dryRun)
    }

    // MARK: - Layouts

    private mutating func ingestWide(columns: [Int], source: String?, writer: ObservationWriter) throws {
        var seen: [String: Int] = [:]
        var series: [SeriesSlot] = []
        for c in columns {
            let key = header[c]
            let location = SourceLocation(file: file, line: 1, column: c + 1, columnName: key.isEmpty ? nil : key)
            guard SeriesKey.isValid(key) else { throw MStoreError.badValue(location, value: key, expected: SeriesKey.expectation) }
            if let earlier = seen[key.uppercased()] {
                throw MStoreError.badRecord(location, problem: "series \(key) appears twice in the header (columns \(earlier + 1) and \(c + 1))")
            }
            seen[key.uppercased()] = c
            series.append(try slot(for: key, unit: nil, source: source, name: nil))
        }
        let width = header.count
        while try reader.next() {
            rows += 1
            guard reader.count == width else { throw raggedRow(expected: width) }
            let date = try parseDate(column: 0)
            for (i, c) in columns.enumerated() {
                try store(series[i], date: date, column: c, writer: writer)
            }
        }
    }

    private mutating func ingestLong(date: Int, key: Int, value: Int, unit: Int?, source: Int?, name: Int?, writer: ObservationWriter) throws {
        let width = header.count
        var lastKey: [UInt8] = []
        var lastSlot: SeriesSlot?
        while try reader.next() {
            rows += 1
            guard reader.count == width else { throw raggedRow(expected: width) }
            let day = try parseDate(column: date)
            let same = lastSlot != nil && reader.withField(key) { bytes in
                bytes.count == lastKey.count && (bytes.count == 0 || memcmp(bytes.baseAddress!, lastKey, bytes.count) == 0)
            }
            if !same {
                let text = reader.string(at: key).trimmingSpaces
                if let existing = slots[text] {
                    lastSlot = existing
                } else {
                    guard SeriesKey.isValid(text) else {
                        throw MStoreError.badValue(location(column: key), value: text, expected: SeriesKey.expectation)
                    }
                    func optional(_ column: Int?) -> String? {
                        guard let column else { return nil }
                        let v = reader.string(at: column).trimmingSpaces
                        return v.isEmpty ? nil : v
                    }
                    lastSlot = try slot(for: text, unit: optional(unit), source: optional(source), name: optional(name))
                }
                lastKey = reader.withField(key) { Array($0) }
            }
            guard let series = lastSlot else { continue }
            try store(series, date: day, column: value, writer: writer)
        }
    }

    // MARK: - Cells

    private mutating func store(_ series: SeriesSlot, date: Day, column: Int, writer: ObservationWriter) throws {
        switch reader.withField(column, ValueParsing.number) {
        case let .value(v):
            switch try writer.write(series: series, date: date, value: v, line: reader.line) {
            case .inserted: counts.inserted += 1
            case .revised: counts.revised += 1
            case .unchanged: counts.unchanged += 1
            }
        case .missing:
            missing += 1
        case .invalid:
            throw MStoreError.badValue(location(column: column), value: reader.string(at: column), expected: ValueParsing.numberExpectation)
        case .outOfRange:
            throw MStoreError.badValue(location(column: column), value: reader.string(at: column), expected: "a finite number (this one is out of range)")
        }
    }

    private func parseDate(column: Int) throws -> Day {
        guard let day = reader.withField(column, ValueParsing.date) else {
            throw MStoreError.badValue(location(column: column), value: reader.string(at: column), expected: ValueParsing.dateExpectation)
        }
        return day
    }

    private func location(column: Int) -> SourceLocation {
        SourceLocation(file: file, line: reader.line, column: column + 1, columnName: column < header.count ? header[column] : nil)
    }

    private func raggedRow(expected: Int) -> MStoreError {
        .badRecord(
            SourceLocation(file: file, line: reader.line),
            problem: "\(reader.count) field\(reader.count == 1 ? "" : "s") but the header has \(expected)")
    }

    // MARK: - Catalog

    /// The series for `key`, created in the catalog when new.
    private mutating func slot(for key: String, unit: String?, source: String?, name: String?) throws -> SeriesSlot {
        if let slot = slots[key] { return slot }
        let slot: SeriesSlot
        if let row = try Row.fetchOne(db, sql: "SELECT id, key FROM series WHERE key = ?", arguments: [key]) {
            let id: Int64 = row["id"]
            let hasData = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM observation WHERE series_id = ?)", arguments: [id]) ?? true
            try db.execute(
                sql: "UPDATE series SET unit = coalesce(unit, ?), source = coalesce(source, ?), name = coalesce(name, ?) WHERE id = ?",
                arguments: [unit, source, name, id])
            slot = SeriesSlot(id: id, key: row["key"], fresh: !hasData)
        } else {
            try db.execute(
                sql: "INSERT INTO series (key, name, unit, source, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [key, name, unit, source, timestampNow()])
            slot = SeriesSlot(id: db.lastInsertedRowID, key: key, fresh: true)
        }
        slots[key] = slot
        touched.append(slot)
        return slot
    }

    private func finish() throws {
        for series in touched {
            let dates = try String.fetchAll(
                db, sql: "SELECT date FROM observation WHERE series_id = ? AND known_until IS NULL ORDER BY date DESC LIMIT 60",
                arguments: [series.id])
            if let frequency = Frequency.infer(dates.compactMap { PeriodBound($0)?.first }) {
                try db.execute(sql: "UPDATE series SET frequency = ? WHERE id = ?", arguments: [frequency.code, series.id])
            }
        }
        try db.execute(
            sql: """
                UPDATE ingest_run SET finished_at = ?, rows_read = ?, inserted = ?, revised = ?, unchanged = ?, outcome = 'ok'
                WHERE id = ?
                """,
            arguments: [timestampNow(), rows, counts.inserted, counts.revised, counts.unchanged, runID])
    }
}
