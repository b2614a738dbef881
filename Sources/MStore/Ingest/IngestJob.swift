#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file being ingested inside an open transaction.
struct IngestJob {
    let catalog: any IngestCatalog
    let reader: CSVReader
    var plan: IngestPlan
    let options: IngestOptions
    let vintage: Day
    let size: Int
    let started = monotonicSeconds()
    var runID: Int64 = 0
    var slots: [String: SeriesSlot] = [:]
    var touched: [SeriesSlot] = []
    var percentSeries: Set<Int64> = []
    var rows = 0
    /// Where each section after the first began (for `--dry-run`).
    var sections: [String] = []
    var missing = 0
    var skipped = 0
    var rejects: [Reject] = []
    var preview: [[String]] = []
    var counts = (inserted: 0, revised: 0, unchanged: 0)
    /// Snapshots built while writing (see `track`): values held; the series written last
    /// and how many of its values came one after another (see `moveOn`).
    var heldValues = 0
    var lastSlot: SeriesSlot?
    var runLength = 0

    init(catalog: any IngestCatalog, reader: CSVReader, plan: IngestPlan, options: IngestOptions, vintage: Day, size: Int) {
        self.catalog = catalog
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
        if !options.dryRun {
            runID = try catalog.beginRun(file: file, sha256: sha256 ?? "", size: size, layout: plan.layout.rawValue, vintage: vintage)
        }
        // A dry run only reads: the writer works out each outcome without writing.
        let writer = try catalog.observationSink(runID: runID, vintage: vintage, fileName: file, dryRun: options.dryRun, rowByRow: options.rowByRow)
        // Skip the preamble and the header.
        while reader.line < plan.headerLine {
            guard try reader.next() else { break }
        }
        // Series are created when their first value arrives, so empty columns add nothing.
        var columnSlots: [SeriesSlot?] = []
        var splitSlots: [Int: SeriesSlot] = [:]
        if case let .columns(targets) = plan.targets {
            var seen: [String: Int] = [:]
            for t in targets {
                let location = SourceLocation(file: file, line: plan.headerLine, column: t.column + 1, columnName: plan.header[t.column])
                // (A year-by-month table gives one series twelve columns, a month each.)
                let id = t.key.uppercased() + (t.vintage.map { "@\($0)" } ?? "") + (plan.monthColumns[t.column].map { "#\($0)" } ?? "")
                if let earlier = seen[id] {
                    throw MStoreError.badRecord(location, problem: "series \(t.key) appears twice in the header (columns \(earlier + 1) and \(t.column + 1))")
                }
                seen[id] = t.column
            }
            columnSlots = Array(repeating: nil, count: targets.count)
        }
        let width = plan.header.count
        var nextProgress = monotonicSeconds() + 0.5
        // A value and its series, vintage and whether written with `%`; the date and its
        // precision when the cell has its own (a transposed table's), else the row's.
        var cells: [(SeriesSlot, Double, Day?, Bool, Day, UInt8)] = []
        var periodCells: [(SeriesSlot, Double, Bool, PeriodColumn)] = []
        var lastKey: [UInt8] = []
        var lastBase: String?
        var keyedSlots: [SeriesSlot?] = []
        var lastHash = 0
        var keyCache: [Int: (bytes: [UInt8], base: String, slots: [SeriesSlot?])] = [:]
        var footer: [(line: Int, record: [String], error: MStoreError)] = []
        // The key prefix of the current section (a file of several tables, each under a title).
        var sectionPrefix = plan.firstSectionTitle.map { $0 + "." } ?? ""
        while try reader.next() {
            rows += 1
            if let progress = options.progress, rows & 0x3FFF == 0, monotonicSeconds() >= nextProgress {
                progress(reader.bytesRead, size)
                nextProgress = monotonicSeconds() + 0.25
            }
            do {
                // A narrower record of words after the data (a source line, a footnote table)
                // is a footer, if no data follows it.
                if reader.count < width, isFooterLike() {
                    footer.append((sourceLine, reader.strings, raggedRow(expected: width)))
                    rows -= 1
                    continue
                }
                // The header again under a title line (Kenneth French's files: monthly, then
                // annual, then other weightings): a new section whose series take the title's name.
                if !footer.isEmpty, case .columns = plan.targets, reader.count >= width, reader.repeats(plan.header),
                    let title = footer.last.flatMap({ f -> String? in
                        let cells = f.record.map(\.trimmingSpaces).filter { !$0.isEmpty }
                        return cells.count == 1 && f.line == sourceLine - 1 ? cells[0] : nil
                    })
                {
                    guard SeriesKey.isValid(title + ".") else { throw footer[footer.count - 1].error }
                    sectionPrefix = title + "."
                    sections.append("line \(sourceLine): section \(quoted(title))")
                    columnSlots = Array(repeating: nil, count: columnSlots.count)
                    splitSlots.removeAll()
                    footer.removeAll()
                    rows -= 1
                    continue
                }
                if !footer.isEmpty {
                    guard options.skipBad else { throw footer[0].error }
                    for f in footer { rejects.append(Reject(line: f.line, column: nil, value: "", reason: f.error.description, record: f.record)) }
                    footer.removeAll()
                }
                guard reader.count == width || (reader.count > width && onlyEmptyFields(from: width)) else { throw raggedRow(expected: width) }
                for c in plan.emptyColumns where reader.withField(c, { !ValueParsing.trimmed($0).isEmpty }) {
                    throw MStoreError.badValue(
                        location(column: c), value: reader.string(at: c),
                        expected: "nothing: the column was empty in every record the plan was made from, so it is neither key nor value; name the key columns with --key-column and the values with --value-column")
                }
                // A transposed table's dates are in its header.
                var date = Day(ordinal: 0)
                if case .transposed = plan.targets {
                } else if !plan.pairedDates.isEmpty {
                    // Each block's own date is read with its values, below.
                } else {
                    guard let day = try rowDate() else {
                        skipped += 1
                        continue
                    }
                    date = day
                }
                cells.removeAll(keepingCapacity: true)
                periodCells.removeAll(keepingCapacity: true)
                switch plan.targets {
                case let .transposed(periods):
                    let parts = try composedKeyParts()
                    let key = try validKey(parts)
                    let series = try slots[SeriesKey.folded(key)] ?? transposedSlot(key, parts: parts)
                    for p in periods {
                        guard let (v, pct) = try number(column: p.column) else { continue }
                        periodCells.append((series, v, pct, p))
                    }
                case let .columns(targets):
                    // A column mixing frequencies feeds one series per frequency.
                    let split = plan.frequencySuffix.map { ($0, rowPrecision()) }
                    // Cells with dates of their own: blocks side by side, or a month a column.
                    let ownDates = !plan.pairedDates.isEmpty || !plan.monthColumns.isEmpty
                    let rowVintage = try vintageOfRow()
                    for (i, t) in targets.enumerated() {
                        guard let (v, pct) = try number(column: t.column) else { continue }
                        var (date, precision): (Day, UInt8) = (date, 0)
                        if !ownDates {
                        } else if let d = plan.pairedDates[t.column] {
                            date = try blockDate(column: d, valueColumn: t.column)
                            precision = reader.withField(d) { plan.dates.precision($0) }
                        } else if let month = plan.monthColumns[t.column], let day = Day(year: date.parts.year, month: month, day: 1) {
                            (date, precision) = (day, UInt8(ascii: "M"))
                        }
                        if let (suffixes, precision) = split, let suffix = suffixes[precision] {
                            let id = i << 8 | Int(precision)
                            if splitSlots[id] == nil { splitSlots[id] = try slot(for: sectionPrefix + t.key + suffix, unit: t.unit, source: nil, meta: t.meta) }
                            if let series = splitSlots[id] { cells.append((series, v, t.vintage ?? rowVintage, pct, date, 0)) }
                            continue
                        }
                        if columnSlots[i] == nil { columnSlots[i] = try slot(for: sectionPrefix + t.key, unit: t.unit, source: nil, meta: t.meta) }
                        if let series = columnSlots[i] { cells.append((series, v, t.vintage ?? rowVintage, pct, date, precision)) }
                    }
                case let .keyed(key, values):
                    // SDMX-CSV 1.0 and 2.0 compose the key from several columns; any other
                    // keyed layout reads it from one, recognised by its bytes.
                    let composed = plan.keyParts != nil
                    if composed {
                        let base = try composedKey()
                        if base != lastBase {
                            lastBase = base
                            keyedSlots = values.map { slots[SeriesKey.folded(base + $0.suffix)] }
                        }
                    } else if lastBase == nil || !reader.withField(key, { bytes in
                        bytes.count == lastKey.count && (bytes.count == 0 || memcmp(bytes.baseAddress!, lastKey, bytes.count) == 0)
                    }) {
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
                                throw MStoreError.badValue(location(column: key), value: reader.string(at: key), expected: SeriesKey.expectation)
                            }
                            lastBase = base
                            keyedSlots = values.map { slots[SeriesKey.folded(base + $0.suffix)] }
                            lastKey = reader.withField(key) { Array($0) }
                        }
                        lastHash = hash
                    }
                    let rowVintage = try vintageOfRow()
                    // A series whose rows mix frequencies: one series per frequency.
                    if let keys = plan.splitKeys, let base = lastBase, let suffixes = plan.frequencySuffix,
                        keys.contains(IngestPlan.splitIdentity(plan.splitKeyColumns.map { reader.string(at: $0) })),
                        let suffix = suffixes[rowPrecision()]
                    {
                        for v in values {
                            guard let (value, pct) = try number(column: v.column) else { continue }
                            let series = try slots[SeriesKey.folded(base + suffix + v.suffix)] ?? keyedSlot(base + suffix + v.suffix, value: v)
                            cells.append((series, value, rowVintage, pct, date, 0))
                        }
                        break
                    }
                    for (i, v) in values.enumerated() {
                        guard let (value, pct) = try number(column: v.column), let base = lastBase else { continue }
                        if keyedSlots[i] == nil {
                            keyedSlots[i] = try keyedSlot(base + v.suffix, value: v)
                            if !composed { keyCache[lastHash] = (lastKey, base, keyedSlots) }
                        }
                        if let series = keyedSlots[i] { cells.append((series, value, rowVintage, pct, date, 0)) }
                    }
                }
                let ownPrecision = periodCells.isEmpty ? rowPrecision() : 0
                for (series, value, pct, p) in periodCells { cells.append((series, value, nil, pct, p.date, p.precision)) }
                for (series, value, cellVintage, pct, cellDate, cellPrecision) in cells {
                    // (Blocks with dates of their own carry each value's date and precision.)
                    let (date, precision) = cellPrecision == 0 && plan.pairedDates.isEmpty && plan.monthColumns.isEmpty ? (date, ownPrecision) : (cellDate, cellPrecision)
                    // Months and days may mix ("December 2025" among days is its 1st); a
                    // year, half or quarter among finer rows, or weeks among months, may not.
                    if precision != 0 && series.precision != precision {
                        if series.precision == 0 {
                            (series.precision, series.precisionLine) = (precision, sourceLine)
                        } else if !DateParser.compatible(series.precision, precision) {
                            throw mixedFrequencies(series, precision)
                        }
                    }
                    if !options.dryRun { try moveOn(to: series, writer: writer) }
                    let outcome = try writer.write(series: series, date: date, value: value, line: sourceLine, vintage: cellVintage)
                    if !options.dryRun { track(series, date: date, value: value, inserted: outcome.isInserted && cellVintage == nil) }
                    switch outcome {
                    case .inserted:
                        counts.inserted += 1
                        series.inserted += 1
                    case let .revised(old):
                        counts.revised += 1
                        series.revised += 1
                        if series.largest.map({ abs(value - old) > abs($0.new - $0.old) }) ?? true { series.largest = (date, old, value) }
                    case .unchanged: counts.unchanged += 1
                    }
                    if pct { percentSeries.insert(series.id) }
                    if preview.count < 5 { preview.append([series.key, date.description, formatNumber(value)]) }
                }
            } catch let error as MStoreError where options.skipBad && error.isRowLevel {
                rejects.append(Reject(line: sourceLine, column: error.column, value: error.offendingValue ?? "", reason: error.description, record: reader.strings))
            }
        }
        if let first = footer.first {
            let text = first.record.map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: ",")
            plan.notes.append("\(footer.count == 1 ? "line \(first.line)" : "lines \(first.line)–\(footer[footer.count - 1].line)") after the data read as a footer, not data: \(quoted(String(text.prefix(80))))")
        }
        try writer.flush()
        if !options.dryRun {
            for slot in touched {
                guard let first = slot.coverFirst, let last = slot.coverLast else { continue }
                try catalog.recordCoverage(seriesID: slot.id, runID: runID, vintage: vintage, first: Day(ordinal: first), last: Day(ordinal: last))
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
        r.plan = plan.description + sections
        r.notes = plan.notes
        r.changes = touched.map { slot in
            var change = SeriesChange(key: slot.key)
            change.inserted = slot.inserted
            change.revised = slot.revised
            change.largest = slot.largest
            return change
        }
        r.preview = preview
        r.seconds = monotonicSeconds() - started
        return r
    }

    mutating func number(column: Int) throws -> (Double, Bool)? {
        let parsed = reader.withField(column) { plan.numbers.parse($0) }
        switch parsed.cell {
        case let .value(v): return (v, parsed.percent)
        case .missing:
            missing += 1
            return nil
        case .invalid:
            throw MStoreError.badValue(location(column: column), value: reader.string(at: column), expected: ValueParsing.numberExpectation)
        case .outOfRange:
            throw MStoreError.badValue(location(column: column), value: reader.string(at: column), expected: "a number up to 1.8e308 in size and not so small that it rounds to 0 (this one is out of range)")
        }
    }

    func location(column: Int) -> SourceLocation {
        SourceLocation(file: file, line: sourceLine, column: column + 1, columnName: column < plan.header.count ? plan.header[column] : nil)
    }

    /// The line of the original file the current row came from (a JSON file's, when the
    /// rows were read out of one).
    var sourceLine: Int {
        guard let c = plan.sourceLineColumn, c < reader.count, let line = Int(reader.string(at: c)) else { return reader.line }
        return line
    }

    /// Fields from `index` on are all empty (a trailing comma).
    func onlyEmptyFields(from index: Int) -> Bool {
        (index..<reader.count).allSatisfy { reader.withField($0) { ValueParsing.trimmed($0).isEmpty } }
    }

    /// SDMX-CSV with labels writes `CODE: Label`; the code is what keys are made of.
    static func sdmxCode(_ cell: String) -> String {
        guard let range = cell.range(of: ": ") else { return cell }
        return String(cell[..<range.lowerBound]).trimmingSpaces
    }

    /// `2025-11-24`, `2025-11-24T11:00:00+0100`, `2025-11-24 11:00`: a date or a time.
    static func looksLikeStamp(_ value: String) -> Bool {
        let b = Array(value.utf8.prefix(10))
        guard b.count == 10 else { return false }
        func digit(_ i: Int) -> Bool { b[i] >= 48 && b[i] <= 57 }
        return (0..<4).allSatisfy(digit) && b[4] == 45 && digit(5) && digit(6) && b[7] == 45 && digit(8) && digit(9)
    }

    /// SDMX-CSV 1.0 and 2.0: the dataflow id and the dimensions, joined by `.`.
    func composedKey() throws -> String {
        try validKey(composedKeyParts())
    }

    func validKey(_ parts: [String]) throws -> String {
        let key = (options.prefix ?? "") + parts.joined(separator: ".")
        guard SeriesKey.isValid(key) else {
            throw MStoreError.badValue(SourceLocation(file: file, line: sourceLine), value: key, expected: SeriesKey.expectation)
        }
        return key
    }

    /// The codes a composed key is made of, in order.
    func composedKeyParts() throws -> [String] {
        var parts: [String] = []
        for part in plan.keyParts ?? [] {
            switch part {
            case let .column(c):
                let code = Self.sdmxCode(reader.string(at: c).trimmingSpaces)
                if Self.looksLikeStamp(code) {
                    throw MStoreError.badRecord(
                        SourceLocation(file: file, line: sourceLine, column: c + 1, columnName: plan.header[c]),
                        problem: "\(quoted(code)) is a date or time, which cannot be part of a series key (a release stamp?): name the key's column with --key-column")
                }
                parts.append(code)
            case let .dataflow(c):
                // BIS:WS_CBPOL(1.0) → WS_CBPOL
                var id = Substring(Self.sdmxCode(reader.string(at: c).trimmingSpaces))
                if let colon = id.lastIndex(of: ":") { id = id[id.index(after: colon)...] }
                if let paren = id.firstIndex(of: "(") { id = id[..<paren] }
                if !id.isEmpty { parts.append(String(id)) }
            case let .subfield(c, index):
                let codes = reader.string(at: c).split(separator: ",", omittingEmptySubsequences: false)
                guard index < codes.count, codes.count == plan.dimensionNames.count else {
                    throw MStoreError.badValue(
                        location(column: c), value: reader.string(at: c),
                        expected: "\(plan.dimensionNames.count) codes separated by commas (\(plan.dimensionNames.joined(separator: ",")))")
                }
                parts.append(String(codes[index]).trimmingSpaces)
            }
        }
        return parts
    }

    /// The row's own vintage (FRED's `realtime_start`), when the layout has one.
    func vintageOfRow() throws -> Day? {
        guard let c = plan.vintageColumn, reader.withField(c, { !ValueParsing.trimmed($0).isEmpty }) else { return nil }
        guard let day = reader.withField(c, { ValueParsing.isoDate($0) }) else {
            throw MStoreError.badValue(location(column: c), value: reader.string(at: c), expected: "a real-time start date as YYYY-MM-DD")
        }
        return day
    }

    /// A record of one cell of text (`"International Monetary Fund, World Economic Outlook
    /// Database, October 2024"`, `Source: …`, a `__________` rule), not a date or a number.
    /// A narrower record of several cells with words and no date (UNdata's footnote table
    /// after a blank line: `"footnoteSeqID","Footnote"`, `"1","Provisional."`) too. A short
    /// record holding a date is a row of data cut short: an error, never a footer.
    func isFooterLike() -> Bool {
        let cells = (0..<reader.count).map { reader.string(at: $0).trimmingSpaces }.filter { !$0.isEmpty }
        guard !cells.isEmpty, !cells.contains(where: Sniffer.looksLikeDate) else { return false }
        if cells.count == 1 {
            let text = cells[0]
            let rule = text.count >= 3 && text.allSatisfy { "_-=*".contains($0) }
            return (rule || text.contains(where: \.isLetter)) && Double(text) == nil
        }
        return cells.contains { $0.contains(where: \.isLetter) && Double($0) == nil }
    }

    func raggedRow(expected: Int) -> MStoreError {
        .badRecord(
            SourceLocation(file: file, line: sourceLine),
            problem: "\(reader.count) field\(reader.count == 1 ? "" : "s") but the header has \(expected)")
    }
}
