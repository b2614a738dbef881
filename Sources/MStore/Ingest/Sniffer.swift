/// Decides an ``IngestPlan`` from a file's first records.
struct Sniffer {
    let path: String
    let fileName: String
    let options: IngestOptions

    static let sampleRecords = 200

    static let dateNames: Set<String> = [
        "date", "observation_date", "period", "day", "time", "timestamp", "effective date", "as_of", "asof", "year", "time_period", "time period",
        "sasdate",  // FRED-MD and FRED-QD
        "as of date", "as_of_date", "asofdate", "record date", "record_date", "report date", "reporting date", "trade date", "observation date",
        "reference date", "ref_date",
        // As offices in other languages head them.
        "datum", "fecha", "periodo", "période", "zeitraum", "stichtag", "monate", "monat", "quartale", "quartal", "jahr", "jahre", "mois", "année",
        "trimestre", "mes", "meses", "año", "tijdvak", "perioden",
    ]
    static let keyNames: Set<String> = [
        "series", "series_id", "key", "symbol", "ticker", "code", "id", "instrument", "series id", "vector",
        "series_reference", "series reference",  // Statistics New Zealand
    ]

    /// The first column named as a key that the sample fills (Statistics Canada's empty
    /// `SYMBOL` column, a status symbol, is no key).
    static func keyNamed(_ lower: [String], rows: [[String]]) -> Int? {
        lower.indices.first { c in
            keyNames.contains(lower[c]) && (rows.isEmpty || rows.contains { $0.count > c && !$0[c].trimmingSpaces.isEmpty })
        }
    }
    static let valueNames: Set<String> = [
        "value", "val", "price", "close", "adj_close", "adj close", "obs_value", "rate", "level", "amount", "mark", "mcap", "market_cap",
        "data_value",
    ]
    static let priceColumns: Set<String> = [
        "open", "high", "low", "close", "adj close", "adj_close", "adjclose", "volume", "price", "vol.", "change %", "close/last", "market_cap",
        "total_volume", "marketcap", "market cap",
    ]
    /// Quote sites in other languages head the same columns in theirs (German, French,
    /// Spanish, Italian, Portuguese, Dutch): keys use the English names.
    static let priceTranslations: [String: String] = [
        "close/last": "Close", "zuletzt": "Price", "schluss": "Close", "schlusskurs": "Close", "eröffn.": "Open", "eröffnung": "Open", "hoch": "High", "tief": "Low", "+/- %": "Change %",
        "dernier": "Price", "ouv.": "Open", "plus haut": "High", "plus bas": "Low", "variation %": "Change %",
        "último": "Price", "apertura": "Open", "máximo": "High", "mínimo": "Low", "% var.": "Change %",
        "ultimo": "Price", "massimo": "High", "minimo": "Low", "var. %": "Change %",
        "abertura": "Open", "máxima": "High", "mínima": "Low", "var%": "Change %",
        "slot": "Close", "openen": "Open", "hoog": "High", "laag": "Low", "vol": "Vol.", "volumen": "Volume",
    ]

    static let layoutExpectation = "a header such as observation_date,SERIES (FRED), date,series,value (long) or date,A,B,... (wide)"

    func plan() throws -> IngestPlan {
        var plan = IngestPlan()
        plan.delimiter = try options.delimiter ?? detectDelimiter()
        let sample = try readSample(delimiter: plan.delimiter)
        guard !sample.isEmpty else {
            throw MStoreError.badRecord(SourceLocation(file: fileName, line: 1), problem: "the file is empty; expected \(Self.layoutExpectation)")
        }
        if let missing = options.missing { plan.numbers.missing = Set(missing) }
        if options.skipLines == nil, options.layout == nil, let grid = try yearMonthGrid(&plan, sample) { return grid }
        let headerIndex = try findHeader(sample)
        plan.headerLine = sample[headerIndex].line
        plan.header = sample[headerIndex].fields.map(\.trimmingSpaces)
        // Rows above the data that head its columns together (tickers over fields, names
        // over units): one names the series, the rest describe them.
        var band: HeaderBand?
        if options.skipLines == nil, !Self.isKnownHeader(sample[headerIndex].fields, index: headerIndex),
            let found = try HeaderBand.read(sample, headerIndex: headerIndex, fileName: fileName)
        {
            let lower = found.header.map { $0.lowercased() }
            // Blocks with dates of their own are read as such unless flags choose one reading.
            let taken = found.pairedDates.isEmpty
                ? [.wide, .fred].contains(options.layout ?? detectKind(header: found.header, lower: lower, rows: []))
                : [nil, .wide].contains(options.layout) && options.dateColumn == nil && options.valueColumns == nil
            if taken {
                band = found
                plan.header = found.header
                plan.band = found.description
                plan.pairedDates = found.pairedDates
            }
        }
        // BLS and spreadsheets end rows with a comma: an unnamed empty last column is no column.
        while plan.header.count > 2, plan.header.last == "" { plan.header.removeLast() }
        // The records that decide the layout are the table's: a narrower one (a footnote
        // table after the data, UNdata's `"1","Provisional."`) is a footer or an error.
        // (Only the first table's: the header again starts another, under its own title.)
        let headerCells = sample[headerIndex].fields.map(\.trimmingSpaces)
        let rows = Array(sample[(headerIndex + 1)...].prefix { $0.fields.map(\.trimmingSpaces) != headerCells }).map(\.fields).filter { $0.count >= plan.header.count }
        let preamble = sample[..<headerIndex].map(\.fields)
        plan.numbers.decimalComma = options.decimalComma ?? detectDecimalComma(rows: rows, delimiter: plan.delimiter)
        let transposed = band == nil ? try transposedPlan(&plan, rows: rows) : false
        if !transposed { try decideLayout(&plan, rows: rows, preamble: preamble) }
        if let band, case var .columns(targets) = plan.targets {
            for i in targets.indices {
                let c = targets[i].column
                targets[i].unit = targets[i].unit ?? band.units[c]
                targets[i].meta.name = targets[i].meta.name ?? band.names[c]
                targets[i].meta.notes = targets[i].meta.notes ?? band.notes[c]
                targets[i].meta.tags += band.tags[c] ?? []
            }
            plan.targets = .columns(targets)
        }
        if !transposed { describeFromPreamble(&plan, sample[..<headerIndex]) }
        if !transposed, band == nil { try findSections(&plan, sample[..<headerIndex]) }
        if !transposed, case let .column(c) = plan.date {
            try decideDateFormat(&plan, column: c, rows: rows)
        }
        return plan
    }

    /// A year a row and a month a column (the Bureau of Labor Statistics' series report:
    /// `Year,Jan,Feb,…,Dec,HALF1,HALF2` under `Series Id:,CUUR0000SA0`): one series, each
    /// cell on its year and month. The key comes from a `Series Id`-like line above the
    /// table, else from the file's name; a `Series Title` line names it. Columns after the
    /// months (half-year and annual averages) are not read, with a note.
    func yearMonthGrid(_ plan: inout IngestPlan, _ sample: [(line: Int, fields: [String])]) throws -> IngestPlan? {
        guard let h = sample.firstIndex(where: { Self.isYearMonthHeader($0.fields) }), h + 1 < sample.count,
            HeaderBand.isYear(sample[h + 1].fields[0].trimmingSpaces)
        else { return nil }
        plan.headerLine = sample[h].line
        plan.header = sample[h].fields.map(\.trimmingSpaces)
        plan.layout = .wide
        plan.date = .column(0)
        var key: String?
        var meta = SeriesMeta()
        for r in sample[..<h] where r.fields.count >= 2 {
            var label = r.fields[0].trimmingSpaces.lowercased()
            while label.hasSuffix(":") { label.removeLast() }
            let value = r.fields[1...].map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: ", ")
            guard !value.isEmpty else { continue }
            if key == nil, HeaderBand.role(ofLabel: label) == .key { key = value }
            if meta.name == nil, HeaderBand.role(ofLabel: label) == .name { meta.name = value }
        }
        let series = try key ?? derivedPrefix().map { String($0.dropLast()) } ?? {
            throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "a table of years and months that names no series; name it with --prefix")
        }()
        let k = try self.key(for: series, prefix: options.prefix, column: 1, line: plan.headerLine)
        plan.targets = .columns((1...12).map { ColumnTarget(column: $0, key: k, meta: meta) })
        plan.monthColumns = Dictionary(uniqueKeysWithValues: (1...12).map { ($0, $0) })
        plan.band = ["a year a row, a month a column: line \(plan.headerLine)" + (key == nil ? ", keyed by the file's name" : ", the series named above the table")]
        let rest = plan.header.indices.dropFirst(13).filter { !plan.header[$0].isEmpty }
        if !rest.isEmpty { plan.notes.append("columns not read: " + rest.map { quoted(plan.header[$0]) }.joined(separator: ", ")) }
        let rows = Array(sample[(h + 1)...]).map(\.fields)
        plan.numbers.decimalComma = options.decimalComma ?? detectDecimalComma(rows: rows, delimiter: plan.delimiter)
        try decideDateFormat(&plan, column: 0, rows: rows)
        return plan
    }

    /// `Year,Jan,Feb,…,Dec` (months abbreviated or in full), with anything after.
    static func isYearMonthHeader(_ fields: [String]) -> Bool {
        let f = fields.map { $0.trimmingSpaces.lowercased() }
        let months = DateParser.Token.months
        return f.count >= 13 && ["year", "jahr", "année", "annee", "año", "anno", "jaar"].contains(f[0]) && (1...12).allSatisfy { f[$0].hasPrefix(months[$0 - 1]) }
    }

    /// A file of tables one after the other, each under a title line and the same header
    /// (Kenneth French's data library: `  Average Value Weighted Returns -- Monthly`, then
    /// `,Lo 30,Med 40,Hi 30`): when the header comes again later in the file, every
    /// table's series are keyed under its title, the first one's included (the title line
    /// right above the header). Looked for in files up to 16 MiB whose header's first cell
    /// is empty; the ingest splits the later tables as it reads.
    func findSections(_ plan: inout IngestPlan, _ preamble: ArraySlice<(line: Int, fields: [String])>) throws {
        guard case .columns = plan.targets, plan.header.first == "", let above = preamble.last, above.line == plan.headerLine - 1 else { return }
        let cells = above.fields.map(\.trimmingSpaces).filter { !$0.isEmpty }
        guard cells.count == 1, cells[0].contains(where: \.isLetter), SeriesKey.isValid(cells[0] + "."), Self.fileSize(path) <= 16 << 20 else { return }
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: plan.delimiter)
        let width = plan.header.count
        while try reader.next() {
            guard reader.line > plan.headerLine, reader.count >= width, reader.string(at: 0).trimmingSpaces.isEmpty else { continue }
            if reader.repeats(plan.header) {
                plan.firstSectionTitle = cells[0]
                plan.notes.append("tables one after the other, each under a title: series keyed by title and column (\(cells[0]).\(plan.header[1]))")
                return
            }
        }
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : .max
    }

    /// A table of the series above the data (the Bank of Canada's Valet: `"SERIES"`, then
    /// `id,label,description` and a row per series): each column's series takes its name
    /// and notes from the row of its id, where the catalog has none yet.
    func describeFromPreamble(_ plan: inout IngestPlan, _ preamble: ArraySlice<(line: Int, fields: [String])>) {
        guard case var .columns(targets) = plan.targets, !targets.isEmpty else { return }
        let idNames: Set<String> = ["id", "series id", "series_id", "series", "code", "key", "name"]
        let labelNames: Set<String> = ["label", "title", "name", "series name", "description"]
        for (i, head) in preamble.enumerated() {
            let lower = head.fields.map { $0.trimmingSpaces.lowercased() }
            guard let id = lower.firstIndex(where: idNames.contains),
                let label = lower.indices.first(where: { $0 != id && labelNames.contains(lower[$0]) && lower[$0] != "description" })
                    ?? lower.indices.first(where: { $0 != id && lower[$0] == "description" })
            else { continue }
            let description = lower.indices.first { $0 != id && $0 != label && lower[$0] == "description" }
            var entries: [String: (name: String, notes: String?)] = [:]
            var next = head.line + 1
            // Its rows: the consecutive lines under its header.
            for row in preamble.dropFirst(i + 1) {
                guard row.fields.count > max(id, label, description ?? 0), row.line == next else { break }
                next += 1
                let key = SeriesKey.folded(row.fields[id].trimmingSpaces)
                guard !key.isEmpty else { break }
                let notes = description.map { row.fields[$0].trimmingSpaces }
                entries[key] = (row.fields[label].trimmingSpaces, notes?.isEmpty == false ? notes : nil)
            }
            var named: [String] = []
            for t in targets.indices {
                guard let entry = entries[SeriesKey.folded(targets[t].key)] else { continue }
                if targets[t].meta.name == nil, !entry.name.isEmpty { targets[t].meta.name = entry.name }
                if targets[t].meta.notes == nil, let notes = entry.notes { targets[t].meta.notes = notes }
                named.append(targets[t].key)
            }
            if !named.isEmpty {
                plan.targets = .columns(targets)
                plan.notes.append("names\(description == nil ? "" : " and notes") from the table of series on line \(head.line): " + named.joined(separator: ", "))
                return
            }
        }
    }

    // MARK: - Delimiter and header

    /// The candidate that splits the first lines most consistently into more than one field.
    func detectDelimiter() throws -> UInt8 {
        let reader = try CSVReader(path: path, displayName: fileName)
        let head = try reader.peekBytes(65536)
        var lines: [[UInt8]] = [[]]
        var inQuotes = false
        for c in head {
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            if c == 10 && !inQuotes {
                lines.append([])
                if lines.count > 30 { break }
            } else {
                lines[lines.count - 1].append(c)
            }
        }
        lines = lines.filter { !$0.isEmpty }
        var best: (UInt8, Int) = (UInt8(ascii: ","), 0)
        // A tab first: where tabs split the lines as evenly as commas, the commas are inside
        // the fields (Eurostat's TSV: `freq,unit,geo\TIME_PERIOD<tab>2024-01`).
        for candidate in [9, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|")] {
            var counts: [Int: Int] = [:]
            for line in lines {
                var n = 0
                var q = false
                for c in line {
                    if c == UInt8(ascii: "\"") { q.toggle() } else if c == candidate && !q { n += 1 }
                }
                if n > 0 { counts[n, default: 0] += 1 }
            }
            let score = counts.values.max() ?? 0
            if score > best.1 { best = (candidate, score) }
        }
        return best.0
    }

    func readSample(delimiter: UInt8) throws -> [(line: Int, fields: [String])] {
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: delimiter)
        var sample: [(Int, [String])] = []
        var bytes = 0
        // At most 200 records and 4 MiB of them: enough to decide, and bounded.
        while sample.count < Self.sampleRecords, bytes < 4 << 20, try reader.next() {
            let fields = reader.strings
            bytes += fields.reduce(fields.count * 16) { $0 + $1.utf8.count }
            sample.append((reader.line, fields))
        }
        return sample
    }

    func findHeader(_ sample: [(line: Int, fields: [String])]) throws -> Int {
        if let skip = options.skipLines {
            guard let index = sample.firstIndex(where: { $0.line > skip }) else {
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: skip + 1), problem: "no header after skipping \(skip) lines")
            }
            return index
        }
        // A header a known layout names, wherever it is.
        for (i, record) in sample.enumerated() where Self.isKnownHeader(record.fields, index: i) { return i }
        // Otherwise: the last record without a date just before the first record with one,
        // among records as wide as most.
        var widths: [Int: Int] = [:]
        for r in sample where r.fields.count > 1 { widths[r.fields.count, default: 0] += 1 }
        guard let width = widths.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) })?.key else { return 0 }
        // Data begins at a record dated in some column, which most records after it are
        // dated in too, and the record above is not (a `Release date` row above the data
        // is one dated record, not the data).
        func dataStart(_ d: Int) -> Bool {
            guard d > 0, sample[d].fields.count == width, sample[d - 1].fields.count == width,
                let c = sample[d].fields.firstIndex(where: Self.looksLikeDate), !Self.looksLikeDate(sample[d - 1].fields[c])
            else { return false }
            let next = sample[d...].prefix(6).filter { $0.fields.count == width }
            return next.filter { c < $0.fields.count && Self.looksLikeDate($0.fields[c]) }.count * 2 > next.count
        }
        let start = sample.indices.first(where: dataStart).map { $0 - 1 }
        let dateColumn = start.flatMap { sample[$0 + 1].fields.firstIndex(where: Self.looksLikeDate) }
        for i in sample.indices.dropLast() where sample[i].fields.count == width && sample[i + 1].fields.count == width {
            guard start.map({ i == $0 }) ?? (!hasDate(sample[i].fields) && hasDate(sample[i + 1].fields)) else { continue }
            // A record of numbers only (`2024,5`: a year's row) is data, not a header: the
            // header is the record of names above it. So is a record whose cell in the date
            // column is a bare year (`GDP,2022,100` above `GDP,2022-Q1,25`).
            func yearRow(_ h: Int) -> Bool {
                guard let c = dateColumn, c < sample[h].fields.count, c < sample[h - 1].fields.count else { return false }
                return HeaderBand.isYear(sample[h].fields[c].trimmingSpaces) && !HeaderBand.isYear(sample[h - 1].fields[c].trimmingSpaces)
            }
            var h = i
            while h > 0, Self.onlyNumbers(sample[h].fields) || yearRow(h), sample[h - 1].fields.count == width { h -= 1 }
            return Self.onlyNumbers(sample[h].fields) ? i : h
        }
        return sample.firstIndex { $0.fields.count == width } ?? 0
    }

    /// A header a known layout names (FRED, the New York Fed, BLS, the Board, SDMX).
    static func isKnownHeader(_ fields: [String], index: Int) -> Bool {
        guard fields.count >= 2 else { return false }
        let lower = fields.map { $0.trimmingSpaces.lowercased() }
        if lower[0] == "observation_date" || fields[0].trimmingSpaces == "DATE" { return true }
        if lower.contains("effective date") && lower.contains("rate type") { return true }
        if lower.contains("series id") && lower.contains("period") { return true }
        if lower[0] == "time period" && index > 0 { return true }
        let ids = sdmxIDs(lower)
        return ids.contains("obs_value") && ids.contains("time_period")
    }

    /// Every cell a number.
    static func onlyNumbers(_ fields: [String]) -> Bool {
        fields.allSatisfy { Double($0.trimmingSpaces) != nil }
    }

    func hasDate(_ fields: [String]) -> Bool {
        fields.contains { Self.looksLikeDate($0) }
    }

    /// A cell that is a date and not just a number (bare 8-digit YYYYMMDD counts).
    static func looksLikeDate(_ text: String) -> Bool {
        var t = text.trimmingSpaces
        guard !t.isEmpty else { return false }
        let digitsOnly = t.utf8.allSatisfy { $0 &- 48 < 10 }
        if digitsOnly && t.utf8.count != 8 { return false }
        // Either order of a slash date: 30/10/2025 is a date, read day first.
        var dayFirst = DateParser()
        dayFirst.order = .dayFirst
        return t.withUTF8 { DateParser().parse($0) != nil || dayFirst.parse($0) != nil }
    }

    // MARK: - Numbers

    /// `3,45` or `16.600,12` outnumber `3.45`. In a comma-delimited file such cells were
    /// quoted, and `"1,234"` is more likely a thousands separator: there the comma counts
    /// only with a grouping point before it or a fraction of other than three digits.
    func detectDecimalComma(rows: [[String]], delimiter: UInt8) -> Bool {
        let commaDelimited = delimiter == UInt8(ascii: ",")
        var comma = 0
        var point = 0
        for row in rows.prefix(50) {
            for cell in row {
                let t = cell.trimmingSpaces
                guard t.contains(where: \.isNumber), !Self.looksLikeDate(t) else { continue }
                if t.range(of: #"^[-+(]?[$€£]?\d{1,3}(\.\d{3})*,\d+\)?%?$"#, options: .regularExpression) != nil,
                    !commaDelimited || t.contains(".") || t.split(separator: ",").last.map({ $0.filter(\.isNumber).count != 3 }) == true
                {
                    comma += 1
                }
                // A point then exactly three digits (`12.345`) is a thousands group in a
                // decimal-comma file as often as decimals: it proves neither.
                if t.range(of: #"^[-+(]?[$€£]?(\d+|\d{1,3}(,\d{3})+)\.\d+\)?%?$"#, options: .regularExpression) != nil,
                    t.contains(",") || t.range(of: #"^[-+(]?[$€£]?\d{1,3}\.\d{3}\)?%?$"#, options: .regularExpression) == nil
                {
                    point += 1
                }
            }
        }
        return comma > point
    }

    // MARK: - Layout

    func column(named spec: String, in header: [String], flag: String) throws -> Int {
        if let n = Int(spec), n >= 1, n <= header.count { return n - 1 }
        if let i = header.firstIndex(where: { $0.lowercased() == spec.lowercased() }) { return i }
        throw MStoreError.usage("\(flag) \(spec): no such column in \(fileName) (columns: \(header.map { "\"\($0)\"" }.joined(separator: ", ")))")
    }

    func decideLayout(_ plan: inout IngestPlan, rows: [[String]], preamble: [[String]]) throws {
        let header = plan.header
        // SDMX-CSV with labels names its columns `ID:Label` (`FREQ:Frequency of observation`):
        // the ids decide.
        let lower = Self.sdmxIDs(header.map { $0.lowercased() })
        guard header.count >= 2 else {
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "the header \(quoted(header.joined(separator: ","))) has \(header.count) column; expected \(Self.layoutExpectation)")
        }
        let kind = options.layout ?? (plan.pairedDates.isEmpty ? detectKind(header: header, lower: lower, rows: rows) : .wide)
        plan.layout = kind
        let dateOverride = try options.dateColumn.map { try column(named: $0, in: header, flag: "--date-column") }
        // `--key-column COUNTRY,INDICATOR`: a key made of several columns, joined by `.`.
        let keySpecs = options.keyColumn.map { spec -> [String] in
            header.contains(where: { $0.lowercased() == spec.lowercased() }) ? [spec] : spec.split(separator: ",").map { String($0).trimmingSpaces }
        }
        let keyColumns = try keySpecs.map { try $0.map { try column(named: $0, in: header, flag: "--key-column") } }
        let keyOverride = keyColumns?.first
        let valueOverride = try options.valueColumns.map { try $0.map { try column(named: $0, in: header, flag: "--value-column") } }
        if options.layout == nil, keyOverride == nil, valueOverride == nil, dateOverride == nil, plan.pairedDates.isEmpty, try realtimePlan(&plan, lower: lower, rows: rows) { return }

        let given = LayoutGiven(header: header, lower: lower, kind: kind, dateColumn: dateOverride, keyColumns: keyColumns, valueColumns: valueOverride)
        switch kind {
        case .fred, .alfred, .wide:
            try widePlan(&plan, given, rows: rows, preamble: preamble)
        case .frb:
            try frbPlan(&plan, given, rows: rows, preamble: preamble)
        case .sdmx:
            try sdmxPlan(&plan, given, rows: rows, preamble: preamble)
        case .fredJSON, .nyfedJSON:
            throw MStoreError.usage("--layout \(kind.rawValue) is for JSON files; \(fileName) is not JSON")
        case .transposed:
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "--layout transposed needs a header that names periods across its columns (1960,1961,… or 2024-01,2024-02,…) after the columns that name each row's series")
        case .nyfed:
            try nyfedPlan(&plan, given, rows: rows, preamble: preamble)
        case .bls:
            try blsPlan(&plan, given, rows: rows, preamble: preamble)
        case .long:
            try longPlan(&plan, given, rows: rows, preamble: preamble)
        }
    }

    /// SDMX-CSV's `ID:Label` column names as their ids, when that makes an SDMX header
    /// (`TIME_PERIOD` and `OBS_VALUE`); any other header as it is.
    static func sdmxIDs(_ lower: [String]) -> [String] {
        guard lower.contains(where: { $0.contains(":") }) else { return lower }
        let ids = lower.map { name -> String in
            guard let colon = name.firstIndex(of: ":") else { return name }
            let id = name[..<colon]
            return !id.isEmpty && id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? String(id) : name
        }
        return ids.contains("obs_value") && ids.contains("time_period") ? ids : lower
    }

    /// Column names that say a release stamp or extraction time, never a dimension.
    static func isStampName(_ lower: String) -> Bool {
        let name = lower.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
        return ["last update", "lastupdate", "last updated", "updated", "update", "timestamp", "time stamp", "release date", "extraction date", "vintage"]
            .contains(name) || name.hasSuffix(" timestamp") || name.hasPrefix("last update")
    }

    func detectKind(header: [String], lower: [String], rows: [[String]]) -> LayoutKind {
        if lower[0] == "time period" { return .frb }
        if lower.contains("obs_value") && lower.contains("time_period") { return .sdmx }
        // FRED's CSV: `observation_date` (or `DATE` before 2024) over series ids, which are
        // capitals, digits and underscores (`DATE,US dollar/Euro (…)` is not FRED's).
        if lower[0] == "observation_date" || (header[0] == "DATE" && header.dropFirst().allSatisfy(Self.isFREDID)) {
            let rest = header.dropFirst()
            if !rest.isEmpty, rest.allSatisfy({ Self.alfredParts($0) != nil }) { return .alfred }
            return .fred
        }
        if lower.contains("effective date") && lower.contains("rate type") { return .nyfed }
        // The BLS API's CSV names `Series ID`; its flat files (`cu.data.1.AllItems`) `series_id`.
        if lower.contains("series id") || lower.contains("series_id"), lower.contains("year") && lower.contains("period") && lower.contains("value") { return .bls }
        if options.keyColumn != nil || Self.keyNamed(lower, rows: rows) != nil { return .long }
        return .wide
    }

    func key(for name: String, prefix: String?, column: Int, line: Int) throws -> String {
        let key = prefix.map { $0 + SeriesKey.normalized(name) } ?? name
        // A header cell that is a decimal number names no series: the header found is
        // a row of data (a series called `105.8` would be a silent misreading).
        // (Digits alone may be an id: INSEE's idBank `001759970`.)
        let cell = name.trimmingSpaces
        if prefix == nil, Double(cell) != nil, cell.contains(where: { ".-+eE".contains($0) }) {
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: line, column: column + 1),
                problem: "the header found names a series \(quoted(name)), a number: that line is data, not a header; give the header's line with --skip N (the N lines above it are skipped)")
        }
        guard SeriesKey.isValid(key) else {
            let hint = prefix == nil ? " (or give --prefix to derive keys from the headers)" : ""
            throw MStoreError.badValue(
                SourceLocation(file: fileName, line: line, column: column + 1, columnName: name.isEmpty ? nil : name), value: key,
                expected: SeriesKey.expectation + hint)
        }
        return key
    }

}

#if canImport(Foundation)
    import Foundation
#endif
