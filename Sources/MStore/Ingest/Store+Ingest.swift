internal import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        var input = try InputFile.prepare(path: path, displayName: options.displayName)
        defer { input.removeTemporary() }
        let vintage = options.vintage ?? Day.today
        // Only a file of a size seen before can be a repeat; hash it first so a repeat is
        // skipped without parsing. Any other file is hashed while it is parsed.
        if input.sha256 == nil, try hasRun(ofSize: input.size) {
            input.sha256 = try sha256(ofFile: input.readPath)
        }
        if let hash = input.sha256, let run = try previousRun(sha256: hash) {
            var report = IngestReport.empty(input.displayName, vintage: vintage, dryRun: options.dryRun)
            report.sha256 = hash
            report.layout = run.layout
            report.alreadyIngestedBy = run.id
            report.seconds = monotonicSeconds() - started
            return report
        }
        // From here the content is new: a file of a size never seen cannot be a repeat.
        let plan = try Sniffer(path: input.readPath, fileName: input.displayName, options: options).plan()
        let reader = try CSVReader(path: input.readPath, displayName: input.displayName, hashing: input.sha256 == nil, delimiter: plan.delimiter)
        do {
            return try dbQueue.writeWithoutTransaction { db in
                var report: IngestReport?
                try db.inTransaction(.immediate) {
                    var job = IngestJob(db: db, reader: reader, plan: plan, options: options, vintage: vintage, size: input.size)
                    try job.run(sha256: input.sha256)
                    var r = job.report()
                    if let hash = input.sha256 ?? reader.digest() {
                        r.sha256 = hash
                        try db.execute(sql: "UPDATE ingest_run SET sha256 = ? WHERE id = ?", arguments: [hash, job.runID])
                    }
                    if !options.dryRun { try job.writeRejects() }
                    r.seconds = monotonicSeconds() - started
                    report = r
                    return options.dryRun ? .rollback : .commit
                }
                guard let report else { throw MStoreError.io(path: input.displayName, message: "ingest produced no report") }
                return report
            }
        } catch let error as DatabaseError {
            throw MStoreError.io(path: input.displayName, message: "the store refused the write: \(error.message ?? "\(error)")")
        }
    }

    struct PreviousRun {
        var id: Int64
        var layout: String
    }

    func hasRun(ofSize size: Int) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingest_run WHERE size_bytes = ?)", arguments: [size]) ?? false }
    }

    func previousRun(sha256: String) throws -> PreviousRun? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, layout FROM ingest_run WHERE sha256 = ? ORDER BY id LIMIT 1", arguments: [sha256])
            else { return nil }
            return PreviousRun(id: row["id"], layout: row["layout"])
        }
    }
}

extension IngestReport {
    static func empty(_ name: String, vintage: Day, dryRun: Bool) -> IngestReport {
        IngestReport(
            fileName: name, sha256: "", layout: "", vintage: vintage, seriesKeys: [], rowsRead: 0, inserted: 0, revised: 0, unchanged: 0,
            missing: 0, skipped: 0, rejected: 0, rejectsPath: nil, seconds: 0, alreadyIngestedBy: nil, dryRun: dryRun, plan: [], preview: [])
    }
}

/// One rejected row, kept for the rejects file.
struct Reject {
    var line: Int
    var column: Int?
    var value: String
    var reason: String
    var record: [String]
}

/// One file being ingested inside an open transaction.
struct IngestJob {
    let db: Database
    let reader: CSVReader
    let plan: IngestPlan
    let options: IngestOptions
    let vintage: Day
    let size: Int
    let started = monotonicSeconds()
    private(set) var runID: Int64 = 0
    private var slots: [String: SeriesSlot] = [:]
    private var touched: [SeriesSlot] = []
    private var percentSeries: Set<Int64> = []
    private var rows = 0
    private var missing = 0
    private var skipped = 0
    private var rejects: [Reject] = []
    private var preview: [[String]] = []
    private var counts = (inserted: 0, revised: 0, unchanged: 0)

    init(db: Database, reader: CSVReader, plan: IngestPlan, options: IngestOptions, vintage: Day, size: Int) {
        self.db = db
        self.reader = reader
        self.plan = plan
        self.options = options
        self.vintage = vintage
        self.size = size
    }

    var file: String { reader.fileName }

    var rejectsPath: String {
        if let path = options.rejectsPath { return path }
        return file == "<stdin>" ? "stdin.rejects.csv" : file + ".rejects.csv"
    }

    mutating func run(sha256: String?) throws {
        try db.execute(
            sql: """
                INSERT INTO ingest_run (file_name, sha256, size_bytes, layout, vintage, started_at, outcome)
                VALUES (?, ?, ?, ?, ?, ?, 'running')
                """,
            arguments: [file, sha256 ?? "", size, plan.layout.rawValue, vintage.description, timestampNow()])
        runID = db.lastInsertedRowID
        let writer = try ObservationWriter(db: db, runID: runID, vintage: vintage, fileName: file)
        // Skip the preamble and the header.
        while reader.line < plan.headerLine {
            guard try reader.next() else { break }
        }
        // Series are created when their first value arrives, so empty columns add nothing.
        var columnSlots: [SeriesSlot?] = []
        if case let .columns(targets) = plan.targets {
            var seen: [String: Int] = [:]
            for t in targets {
                let location = SourceLocation(file: file, line: plan.headerLine, column: t.column + 1, columnName: plan.header[t.column])
                let id = t.key.uppercased() + (t.vintage.map { "@\($0)" } ?? "")
                if let earlier = seen[id] {
                    throw MStoreError.badRecord(location, problem: "series \(t.key) appears twice in the header (columns \(earlier + 1) and \(t.column + 1))")
                }
                seen[id] = t.column
            }
            columnSlots = Array(repeating: nil, count: targets.count)
        }
        let width = plan.header.count
        var nextProgress = monotonicSeconds() + 0.5
        var cells: [(SeriesSlot, Double, Day?, Bool)] = []
        var lastKey: [UInt8] = []
        var lastBase: String?
        var keyedSlots: [SeriesSlot?] = []
        var lastHash = 0
        var keyCache: [Int: (bytes: [UInt8], base: String, slots: [SeriesSlot?])] = [:]
        while try reader.next() {
            rows += 1
            if let progress = options.progress, rows & 0x3FFF == 0, monotonicSeconds() >= nextProgress {
                progress(reader.bytesRead, size)
                nextProgress = monotonicSeconds() + 0.25
            }
            do {
                guard reader.count == width else { throw raggedRow(expected: width) }
                guard let date = try rowDate() else {
                    skipped += 1
                    continue
                }
                cells.removeAll(keepingCapacity: true)
                switch plan.targets {
                case let .columns(targets):
                    for (i, t) in targets.enumerated() {
                        guard let (v, pct) = try number(column: t.column) else { continue }
                        if columnSlots[i] == nil { columnSlots[i] = try slot(for: t.key, unit: t.unit, source: nil, name: nil) }
                        if let series = columnSlots[i] { cells.append((series, v, t.vintage, pct)) }
                    }
                case let .keyed(key, values):
                    let same = lastBase != nil && reader.withField(key) { bytes in
                        bytes.count == lastKey.count && (bytes.count == 0 || memcmp(bytes.baseAddress!, lastKey, bytes.count) == 0)
                    }
                    if !same {
                        // Files sorted by date change key every row: find the key by its bytes.
                        let hash = reader.withField(key) { bytes -> Int in
                            var h = Hasher()
                            h.combine(bytes: UnsafeRawBufferPointer(bytes))
                            return h.finalize()
                        }
                        if let cached = keyCache[hash], reader.withField(key, { $0.elementsEqual(cached.bytes) }) {
                            lastBase = cached.base
                            keyedSlots = cached.slots
                            lastKey = cached.bytes
                        } else {
                            let base = (options.prefix ?? "") + reader.string(at: key).trimmingSpaces
                            guard SeriesKey.isValid(base) else {
                                throw MStoreError.badValue(location(column: key), value: base, expected: SeriesKey.expectation)
                            }
                            lastBase = base
                            keyedSlots = values.map { slots[base + $0.suffix] }
                            lastKey = reader.withField(key) { Array($0) }
                        }
                        lastHash = hash
                    }
                    for (i, v) in values.enumerated() {
                        guard let (value, pct) = try number(column: v.column), let base = lastBase else { continue }
                        if keyedSlots[i] == nil {
                            keyedSlots[i] = try keyedSlot(base + v.suffix, value: v)
                            keyCache[lastHash] = (lastKey, base, keyedSlots)
                        }
                        if let series = keyedSlots[i] { cells.append((series, value, nil, pct)) }
                    }
                }
                for (series, value, cellVintage, pct) in cells {
                    switch try writer.write(series: series, date: date, value: value, line: reader.line, vintage: cellVintage) {
                    case .inserted: counts.inserted += 1
                    case .revised: counts.revised += 1
                    case .unchanged: counts.unchanged += 1
                    }
                    if pct { percentSeries.insert(series.id) }
                    if preview.count < 5 { preview.append([series.key, date.description, formatNumber(value)]) }
                }
            } catch let error as MStoreError where options.skipBad && error.isRowLevel {
                rejects.append(Reject(line: reader.line, column: error.column, value: error.offendingValue ?? "", reason: error.description, record: reader.strings))
            }
        }
        if let progress = options.progress { progress(reader.bytesRead, size) }
        try finish()
    }

    func report() -> IngestReport {
        var r = IngestReport.empty(file, vintage: vintage, dryRun: options.dryRun)
        r.layout = plan.layout.rawValue
        r.seriesKeys = touched.map(\.key)
        r.rowsRead = rows
        (r.inserted, r.revised, r.unchanged) = counts
        r.missing = missing
        r.skipped = skipped
        r.rejected = rejects.count
        r.rejectsPath = rejects.isEmpty || options.dryRun ? nil : rejectsPath
        r.plan = plan.description
        r.preview = preview
        r.seconds = monotonicSeconds() - started
        return r
    }

    /// Writes the rejected rows (line, column, value, reason, then the row's own fields).
    func writeRejects() throws {
        guard !rejects.isEmpty else { return }
        var table = ResultTable(columns: ["line", "column", "value", "reason"] + plan.header, rows: [])
        for r in rejects {
            table.rows.append([.integer(Int64(r.line)), r.column.map { .integer(Int64($0)) } ?? .null, .text(r.value), .text(r.reason)] + r.record.map(Cell.text))
        }
        try writeAtomically(table.rendered(as: .csv), to: rejectsPath)
    }

    // MARK: - Cells

    private mutating func number(column: Int) throws -> (Double, Bool)? {
        let parsed = reader.withField(column) { plan.numbers.parse($0) }
        switch parsed.cell {
        case let .value(v): return (v, parsed.percent)
        case .missing:
            missing += 1
            return nil
        case .invalid:
            throw MStoreError.badValue(location(column: column), value: reader.string(at: column), expected: ValueParsing.numberExpectation)
        case .outOfRange:
            throw MStoreError.badValue(location(column: column), value: reader.string(at: column), expected: "a finite number (this one is out of range)")
        }
    }

    /// The row's date; `nil` for rows left out on purpose (BLS `M13` annual averages).
    private func rowDate() throws -> Day? {
        switch plan.date {
        case let .column(c):
            guard let day = reader.withField(c, { plan.dates.parse($0) }) else {
                throw MStoreError.badValue(location(column: c), value: reader.string(at: c), expected: ValueParsing.dateExpectation)
            }
            return day
        case let .yearPeriod(y, p):
            let year = try yearValue(y)
            let code = reader.string(at: p).trimmingSpaces.uppercased()
            let kind = code.first
            let n = Int(code.dropFirst())
            switch (kind, n) {
            case ("M", 13?): return nil
            case ("M", let m?) where (1...12).contains(m): return Day(year: year, month: m, day: 1)
            case ("Q", let q?) where (1...4).contains(q): return Day(year: year, month: q * 3 - 2, day: 1)
            case ("A", 1?), ("S", 3?): return Day(year: year, month: 1, day: 1)
            case ("S", let h?) where (1...2).contains(h): return Day(year: year, month: h * 6 - 5, day: 1)
            default:
                throw MStoreError.badValue(location(column: p), value: reader.string(at: p), expected: "a BLS period code: M01–M12, M13, Q01–Q04, S01–S02 or A01")
            }
        case let .yearQuarter(y, q):
            let year = try yearValue(y)
            var text = reader.string(at: q).trimmingSpaces.uppercased()
            if text.hasPrefix("Q") { text.removeFirst() }
            guard let quarter = Int(text), (1...4).contains(quarter), let day = Day(year: year, month: quarter * 3 - 2, day: 1) else {
                throw MStoreError.badValue(location(column: q), value: reader.string(at: q), expected: "a quarter: 1–4 or Q1–Q4")
            }
            return day
        case let .yearMonth(y, m):
            let year = try yearValue(y)
            let text = reader.string(at: m).trimmingSpaces
            let month = Int(text) ?? DateParser.Token(isDigits: false, count: text.count, value: 0, letters: text.lowercased()).month
            guard let month, let day = Day(year: year, month: month, day: 1) else {
                throw MStoreError.badValue(location(column: m), value: reader.string(at: m), expected: "a month: 1–12 or a month name")
            }
            return day
        }
    }

    private func yearValue(_ column: Int) throws -> Int {
        let text = reader.string(at: column).trimmingSpaces
        guard text.count == 4, let year = Int(text), year >= 1 else {
            throw MStoreError.badValue(location(column: column), value: text, expected: "a four-digit year")
        }
        return year
    }

    private func location(column: Int) -> SourceLocation {
        SourceLocation(file: file, line: reader.line, column: column + 1, columnName: column < plan.header.count ? plan.header[column] : nil)
    }

    private func raggedRow(expected: Int) -> MStoreError {
        .badRecord(
            SourceLocation(file: file, line: reader.line),
            problem: "\(reader.count) field\(reader.count == 1 ? "" : "s") but the header has \(expected)")
    }

    // MARK: - Catalog

    /// The series `key` of a keyed layout, with the row's unit, source and name columns.
    private mutating func keyedSlot(_ key: String, value: KeyedValue) throws -> SeriesSlot {
        func optional(_ column: Int?) -> String? {
            guard let column else { return nil }
            let v = reader.string(at: column).trimmingSpaces
            return v.isEmpty ? nil : v
        }
        let slot = try slot(for: key, unit: value.unit ?? optional(plan.unitColumn), source: optional(plan.sourceColumn), name: optional(plan.nameColumn))
        for (column, name) in plan.tagColumns {
            guard let tag = optional(column) else { continue }
            try db.execute(sql: "INSERT OR REPLACE INTO series_tag (series_id, name, value) VALUES (?, ?, ?)", arguments: [slot.id, name, tag])
        }
        return slot
    }

    /// The series for `key`, created in the catalog when new.
    private mutating func slot(for key: String, unit fileUnit: String?, source fileSource: String?, name: String?) throws -> SeriesSlot {
        if let slot = slots[key] { return slot }
        // Flags override; what the file says fills only what the catalog lacks.
        let unit = options.unit ?? fileUnit ?? KnownSeries.unit(for: key)
        let source = options.source ?? fileSource ?? plan.defaultSource
        let slot: SeriesSlot
        if let row = try Row.fetchOne(db, sql: "SELECT id, key FROM series WHERE key = ?", arguments: [key]) {
            let id: Int64 = row["id"]
            let hasData = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM observation WHERE series_id = ?)", arguments: [id]) ?? true
            try db.execute(
                sql: """
                    UPDATE series SET unit = coalesce(?, unit, ?), source = coalesce(?, source, ?), name = coalesce(name, ?)
                    WHERE id = ?
                    """,
                arguments: [options.unit, unit, options.source, source, name, id])
            slot = SeriesSlot(id: id, key: row["key"], fresh: !hasData)
        } else {
            try db.execute(
                sql: "INSERT INTO series (key, name, unit, source, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [key, name, unit, source, timestampNow()])
            slot = SeriesSlot(id: db.lastInsertedRowID, key: key, fresh: true)
        }
        for (tag, value) in options.tags {
            try db.execute(sql: "INSERT OR REPLACE INTO series_tag (series_id, name, value) VALUES (?, ?, ?)", arguments: [slot.id, tag, value])
        }
        slots[key] = slot
        touched.append(slot)
        return slot
    }

    private func finish() throws {
        for series in touched {
            if let frequency = options.frequency {
                try db.execute(sql: "UPDATE series SET frequency = ? WHERE id = ?", arguments: [frequency, series.id])
            } else {
                let dates = try String.fetchAll(
                    db, sql: "SELECT date FROM observation WHERE series_id = ? AND known_until IS NULL ORDER BY date DESC LIMIT 60",
                    arguments: [series.id])
                if let frequency = Frequency.infer(dates.compactMap { Day(iso: $0) }) {
                    try db.execute(sql: "UPDATE series SET frequency = ? WHERE id = ?", arguments: [frequency.code, series.id])
                }
            }
            if percentSeries.contains(series.id) {
                try db.execute(sql: "UPDATE series SET unit = coalesce(unit, 'percent') WHERE id = ?", arguments: [series.id])
            }
        }
        try db.execute(
            sql: """
                UPDATE ingest_run SET finished_at = ?, rows_read = ?, inserted = ?, revised = ?, unchanged = ?, rejected = ?, outcome = ?
                WHERE id = ?
                """,
            arguments: [timestampNow(), rows, counts.inserted, counts.revised, counts.unchanged, rejects.count, rejects.isEmpty ? "ok" : "partial", runID])
    }
}

extension MStoreError {
    /// Problems confined to one row, which `--skip-bad` can set aside.
    var isRowLevel: Bool {
        switch self {
        case .badValue, .badRecord, .conflictingValues: return true
        default: return false
        }
    }

    var column: Int? {
        switch self {
        case .badValue(let loc, _, _), .badRecord(let loc, _): return loc.column
        default: return nil
        }
    }

    var offendingValue: String? {
        switch self {
        case .badValue(_, let value, _): return value
        case let .conflictingValues(_, _, _, _, _, _, value): return formatNumber(value)
        default: return nil
        }
    }
}
