/// Decides an ``IngestPlan`` from a file's first records.
struct Sniffer {
    let path: String
    let fileName: String
    let options: IngestOptions

    static let sampleRecords = 200

    static let dateNames: Set<String> = [
        "date", "observation_date", "period", "day", "time", "timestamp", "effective date", "as_of", "asof", "year", "time_period", "time period",
        // As offices in other languages head them.
        "datum", "fecha", "periodo", "période", "zeitraum", "stichtag", "monate", "monat", "quartale", "quartal", "jahr", "jahre", "mois", "année",
        "trimestre", "mes", "meses", "año", "tijdvak", "perioden",
    ]
    static let keyNames: Set<String> = ["series", "series_id", "key", "symbol", "ticker", "code", "id", "instrument", "series id", "vector"]

    /// The first column named as a key that the sample fills (Statistics Canada's empty
    /// `SYMBOL` column, a status symbol, is no key).
    static func keyNamed(_ lower: [String], rows: [[String]]) -> Int? {
        lower.indices.first { c in
            keyNames.contains(lower[c]) && (rows.isEmpty || rows.contains { $0.count > c && !$0[c].trimmingSpaces.isEmpty })
        }
    }
    static let valueNames: Set<String> = [
        "value", "val", "price", "close", "adj_close", "adj close", "obs_value", "rate", "level", "amount", "mark", "mcap", "market_cap",
    ]
    static let priceColumns: Set<String> = [
        "open", "high", "low", "close", "adj close", "adj_close", "adjclose", "volume", "price", "vol.", "change %", "close/last",
    ]
    /// Quote sites in other languages head the same columns in theirs (German, French,
    /// Spanish, Italian, Portuguese, Dutch): keys use the English names.
    static let priceTranslations: [String: String] = [
        "close/last": "Close", "zuletzt": "Price", "schluss": "Close", "eröffn.": "Open", "eröffnung": "Open", "hoch": "High", "tief": "Low", "+/- %": "Change %",
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
            if [.wide, .fred].contains(options.layout ?? detectKind(header: found.header, lower: lower, rows: [])) {
                band = found
                plan.header = found.header
                plan.band = found.description
            }
        }
        // BLS and spreadsheets end rows with a comma: an unnamed empty last column is no column.
        while plan.header.count > 2, plan.header.last == "" { plan.header.removeLast() }
        let rows = Array(sample[(headerIndex + 1)...]).map(\.fields)
        let preamble = sample[..<headerIndex].map(\.fields)
        if let missing = options.missing { plan.numbers.missing = Set(missing) }
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
        if !transposed, case let .column(c) = plan.date {
            try decideDateFormat(&plan, column: c, rows: rows)
        }
        return plan
    }

    // MARK: - Delimiter and header

    /// The candidate that splits the first lines most consistently into more than one field.
    private func detectDelimiter() throws -> UInt8 {
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

    private func readSample(delimiter: UInt8) throws -> [(line: Int, fields: [String])] {
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

    private func findHeader(_ sample: [(line: Int, fields: [String])]) throws -> Int {
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
                return Self.isBareYear(sample[h].fields[c]) && !Self.isBareYear(sample[h - 1].fields[c])
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

    /// `1999`, `2024`: four digits from 1000 to 2999.
    static func isBareYear(_ text: String) -> Bool {
        let t = text.trimmingSpaces
        return t.utf8.count == 4 && t.utf8.allSatisfy { $0 &- 48 < 10 } && (t.hasPrefix("1") || t.hasPrefix("2"))
    }

    private func hasDate(_ fields: [String]) -> Bool {
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
    private func detectDecimalComma(rows: [[String]], delimiter: UInt8) -> Bool {
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
                if t.range(of: #"^[-+(]?[$€£]?(\d+|\d{1,3}(,\d{3})+)\.\d+\)?%?$"#, options: .regularExpression) != nil { point += 1 }
            }
        }
        return comma > point
    }

    // MARK: - Layout

    private func column(named spec: String, in header: [String], flag: String) throws -> Int {
        if let n = Int(spec), n >= 1, n <= header.count { return n - 1 }
        if let i = header.firstIndex(where: { $0.lowercased() == spec.lowercased() }) { return i }
        throw MStoreError.usage("\(flag) \(spec): no such column in \(fileName) (columns: \(header.map { "\"\($0)\"" }.joined(separator: ", ")))")
    }

    private func decideLayout(_ plan: inout IngestPlan, rows: [[String]], preamble: [[String]]) throws {
        let header = plan.header
        // SDMX-CSV with labels names its columns `ID:Label` (`FREQ:Frequency of observation`):
        // the ids decide.
        let lower = Self.sdmxIDs(header.map { $0.lowercased() })
        guard header.count >= 2 else {
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "the header \(quoted(header.joined(separator: ","))) has \(header.count) column; expected \(Self.layoutExpectation)")
        }
        let kind = options.layout ?? detectKind(header: header, lower: lower, rows: rows)
        plan.layout = kind
        let dateOverride = try options.dateColumn.map { try column(named: $0, in: header, flag: "--date-column") }
        // `--key-column COUNTRY,INDICATOR`: a key made of several columns, joined by `.`.
        let keySpecs = options.keyColumn.map { spec -> [String] in
            header.contains(where: { $0.lowercased() == spec.lowercased() }) ? [spec] : spec.split(separator: ",").map { String($0).trimmingSpaces }
        }
        let keyColumns = try keySpecs.map { try $0.map { try column(named: $0, in: header, flag: "--key-column") } }
        let keyOverride = keyColumns?.first
        let valueOverride = try options.valueColumns.map { try $0.map { try column(named: $0, in: header, flag: "--value-column") } }
        if options.layout == nil, keyOverride == nil, valueOverride == nil, dateOverride == nil, try realtimePlan(&plan, lower: lower, rows: rows) { return }

        switch kind {
        case .fred, .alfred, .wide:
            var used: Set<Int>
            if dateOverride == nil, let (columns, spec) = splitPeriod(lower) {
                plan.date = spec
                used = Set(columns)
            } else {
                let dateColumn = try dateOverride ?? findDateColumn(plan, rows: rows, excluding: [])
                plan.date = .column(dateColumn)
                used = [dateColumn]
            }
            // R's write.csv: an unnamed first column of row names.
            if header[0].isEmpty { used.insert(0) }
            let others = valueOverride ?? header.indices.filter { !used.contains($0) }
            if kind == .fred { plan.defaultSource = "FRED" }
            if kind == .alfred {
                plan.defaultSource = "ALFRED"
                plan.targets = .columns(try others.map { c in try alfredTarget(header[c], column: c, line: plan.headerLine) })
            } else {
                // Dates that repeat with code columns beside them: a long table keyed by the codes.
                if kind != .alfred, valueOverride == nil, options.layout == nil, options.prefix == nil, case let .column(d) = plan.date,
                    try multiKeyPlan(&plan, rows: rows, date: d, columns: others)
                {
                    return
                }
                var others = others
                if valueOverride == nil { others = try withoutTextColumns(others, &plan, rows: rows) }
                let priceFile = isPriceFile(others.map { lower[$0] })
                let prefix = try options.prefix ?? (priceFile ? instrumentPrefix(header: plan.headerLine) : nil)
                // `DATE,OPEN,HIGH,LOW,CLOSE` (Cboe's VIX history) is a quote file, not FRED's.
                if priceFile, plan.defaultSource == "FRED" {
                    plan.defaultSource = nil
                    plan.layout = .wide
                }
                let translated = others.filter { priceFile && Self.priceTranslations[lower[$0]] != nil }
                if !translated.isEmpty {
                    plan.notes.append("price columns read by their English names: " + translated.map { "\(quoted(header[$0])) → \(Self.priceTranslations[lower[$0]]!)" }.joined(separator: ", "))
                }
                plan.targets = .columns(try others.map { c in
                    // The ECB's portal heads a column `US dollar/Euro (EXR.D.USD.EUR.SP00.A)`:
                    // the code in brackets is the key, the words before it the name.
                    if let (words, code) = Self.namedCode(header[c]) {
                        return ColumnTarget(column: c, key: try key(for: code, prefix: prefix, column: c, line: plan.headerLine), meta: SeriesMeta(name: words))
                    }
                    let name = priceFile ? Self.priceTranslations[lower[c]] ?? header[c] : header[c]
                    return ColumnTarget(column: c, key: try key(for: name, prefix: prefix, column: c, line: plan.headerLine))
                })
            }
        case .frb:
            let dateColumn = dateOverride ?? 0
            plan.date = .column(dateColumn)
            plan.defaultSource = "FRB"
            if options.missing == nil { plan.numbers.missing.formUnion(["ND", "NC"]) }
            // The rows above the header, by their label: "Unit:" → "unit".
            var described: [String: [String]] = [:]
            for record in preamble {
                guard var label = record.first?.trimmingSpaces.lowercased() else { continue }
                while label.hasSuffix(":") || label.hasSuffix(" ") { label.removeLast() }
                described[label] = record
            }
            let others = valueOverride ?? header.indices.filter { $0 != dateColumn }
            plan.targets = .columns(try others.map { c in
                func said(_ label: String) -> String? {
                    guard let record = described[label], c < record.count else { return nil }
                    let text = record[c].trimmingSpaces
                    return text.isEmpty || text == "NA" ? nil : text
                }
                let currency = said("currency")
                var unit = said("unit").map { $0.split(whereSeparator: { $0 == "_" || $0 == ":" || $0 == " " }).joined(separator: " ") }
                if let u = unit, u.lowercased() == "currency", let currency { unit = currency }
                var target = ColumnTarget(column: c, key: try key(for: header[c], prefix: options.prefix, column: c, line: plan.headerLine), unit: unit)
                target.meta = SeriesMeta(name: said("series description"), multiplier: said("multiplier").flatMap(Double.init), currency: currency)
                return target
            })
        case .sdmx:
            guard let t = lower.firstIndex(of: "time_period"), let v = lower.firstIndex(of: "obs_value") else {
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "an SDMX-CSV file needs TIME_PERIOD and OBS_VALUE columns")
            }
            plan.date = .column(dateOverride ?? t)
            plan.defaultSource = "SDMX"
            let key: Int
            if let k = keyOverride ?? lower.firstIndex(of: "key") {
                // The ECB portal's KEY: EXR.D.USD.EUR.SP00.A.
                key = k
            } else {
                // SDMX-CSV 1.0 (DATAFLOW) and 2.0 (STRUCTURE, STRUCTURE_ID, ACTION): the
                // dimensions sit between the structure columns and TIME_PERIOD.
                var parts: [IngestPlan.KeyPart] = []
                var start = 0
                if let d = lower.firstIndex(of: "dataflow") ?? lower.firstIndex(of: "structure_id") {
                    parts.append(.dataflow(d))
                    start = max(d, lower.firstIndex(of: "action") ?? d) + 1
                }
                // A release stamp (Eurostat's LAST UPDATE) is an attribute, not a dimension: in
                // the key, each release would make new series instead of revisions.
                let stamps = (start..<t).filter { Self.isStampName(lower[$0]) }
                if !stamps.isEmpty {
                    plan.notes.append(stamps.map { "\"\(header[$0])\"" }.joined(separator: ", ") + ": a release stamp, kept out of the keys")
                }
                // The OECD's "CSV with labels" follows each code column with its label
                // (`REF_AREA`, `Reference area`): an SDMX id has no spaces, a label does.
                let labels = (start..<t).filter { lower[$0].contains(" ") && !stamps.contains($0) }
                if !labels.isEmpty {
                    plan.notes.append("label columns, kept out of the keys: " + labels.map { quoted(header[$0]) }.joined(separator: ", "))
                }
                parts += (start..<t).filter { !["structure", "structure_id", "action", "dataflow"].contains(lower[$0]) && !stamps.contains($0) && !labels.contains($0) }
                    .map { .column($0) }
                guard let first = parts.first else {
                    throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "an SDMX-CSV file needs dimension columns before TIME_PERIOD")
                }
                switch first {
                case let .column(c), let .dataflow(c), let .subfield(c, _): key = c
                }
                plan.keyParts = parts
            }
            plan.nameColumn = lower.firstIndex(of: "title") ?? lower.firstIndex(of: "title_compl")
            plan.unitColumn = lower.firstIndex(of: "unit") ?? lower.firstIndex(of: "unit_measure")
            plan.multiplierColumn = lower.firstIndex(of: "unit_mult")
            plan.targets = .keyed(key: key, values: [KeyedValue(column: v, suffix: "", unit: nil)])
        case .fredJSON, .nyfedJSON:
            throw MStoreError.usage("--layout \(kind.rawValue) is for JSON files; \(fileName) is not JSON")
        case .transposed:
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "--layout transposed needs a header that names periods across its columns (1960,1961,… or 2024-01,2024-02,…) after the columns that name each row's series")
        case .nyfed:
            guard let d = lower.firstIndex(of: "effective date"), let k = lower.firstIndex(of: "rate type") else {
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "a New York Fed file needs \"Effective Date\" and \"Rate Type\" columns")
            }
            plan.date = .column(d)
            plan.defaultSource = "NYFED"
            let known: [(String, String, String)] = [
                ("rate (%)", "", "percent"), ("1st percentile (%)", ".P1", "percent"), ("25th percentile (%)", ".P25", "percent"),
                ("50th percentile (%)", ".P50", "percent"), ("75th percentile (%)", ".P75", "percent"), ("99th percentile (%)", ".P99", "percent"),
                ("volume ($billions)", ".VOLUME", "USD bn"), ("target rate from (%)", ".TARGET_FROM", "percent"),
                ("target rate to (%)", ".TARGET_TO", "percent"),
                // The all-rates download: SOFRAI rows carry these instead of a rate.
                ("30-day average sofr", ".AVG30", "percent"), ("90-day average sofr", ".AVG90", "percent"),
                ("180-day average sofr", ".AVG180", "percent"), ("sofr index", ".INDEX", "index"),
            ]
            let values = known.compactMap { name, suffix, unit in lower.firstIndex(of: name).map { KeyedValue(column: $0, suffix: suffix, unit: unit) } }
            // A column this layout does not know would vanish: say so.
            let used = Set(values.map(\.column) + [d, k])
            let unknown = header.indices.filter { !used.contains($0) && !header[$0].isEmpty && !["footnote id", "revision indicator (y/n)"].contains(lower[$0]) }
            if !unknown.isEmpty {
                plan.notes.append("columns not read: " + unknown.map { "\"\(header[$0])\"" }.joined(separator: ", "))
            }
            plan.targets = .keyed(key: k, values: values)
        case .bls:
            guard let s = lower.firstIndex(of: "series id") ?? lower.firstIndex(of: "series_id"), let y = lower.firstIndex(of: "year"), let p = lower.firstIndex(of: "period"),
                let v = lower.firstIndex(of: "value")
            else {
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "a BLS file needs \"Series id\", \"Year\", \"Period\" and \"Value\" columns")
            }
            plan.date = .yearPeriod(year: y, period: p)
            plan.defaultSource = "BLS"
            plan.targets = .keyed(key: s, values: [KeyedValue(column: v, suffix: "", unit: nil)])
        case .long:
            guard let keyColumn = keyOverride ?? Self.keyNamed(lower, rows: rows) else {
                throw MStoreError.badRecord(
                    SourceLocation(file: fileName, line: plan.headerLine),
                    problem: "no series-key column (one of \(Self.keyNames.sorted().joined(separator: ", "))); name it with --key-column")
            }
            if dateOverride == nil, let (_, spec) = splitPeriod(lower) {
                plan.date = spec
            } else {
                plan.date = .column(try dateOverride ?? findDateColumn(plan, rows: rows, excluding: [keyColumn]))
            }
            plan.unitColumn = lower.firstIndex { ["unit", "units", "uom", "unit_measure", "unit of measure"].contains($0) }
            plan.multiplierColumn = lower.firstIndex { ["unit_mult", "scalar_factor"].contains($0) }
            plan.sourceColumn = lower.firstIndex(of: "source")
            plan.nameColumn = lower.firstIndex(of: "name") ?? lower.firstIndex(of: "title")
            var taken: Set<Int> = [keyColumn]
            switch plan.date {
            case let .column(c): taken.insert(c)
            case let .yearPeriod(a, b), let .yearQuarter(a, b), let .yearMonth(a, b): taken.formUnion([a, b])
            }
            for c in [plan.unitColumn, plan.sourceColumn, plan.nameColumn, plan.multiplierColumn].compactMap({ $0 }) { taken.insert(c) }
            plan.tagColumns = header.indices.compactMap { c in
                lower[c].hasPrefix("tag:") && lower[c].count > 4 ? (c, String(header[c].dropFirst(4)).trimmingSpaces) : nil
            }
            if let keyColumns, keyColumns.count > 1 {
                plan.keyParts = keyColumns.map { .column($0) }
                plan.tagColumns += keyColumns.map { ($0, lower[$0]) }
                taken.formUnion(keyColumns)
            }
            taken.formUnion(plan.tagColumns.map(\.column))
            let values: [Int]
            if let valueOverride {
                values = valueOverride
            } else if let v = lower.firstIndex(where: Self.valueNames.contains), !taken.contains(v) {
                values = [v]
            } else {
                let rest = header.indices.filter { !taken.contains($0) && !(header[$0].isEmpty && $0 == 0) }
                guard rest.count == 1 else {
                    throw MStoreError.badRecord(
                        SourceLocation(file: fileName, line: plan.headerLine),
                        problem: "cannot tell which column holds the values (\(rest.map { "\"\(header[$0])\"" }.joined(separator: ", "))); name it with --value-column")
                }
                values = rest
            }
            plan.targets = .keyed(
                key: keyColumn,
                values: values.map { KeyedValue(column: $0, suffix: values.count > 1 ? "." + SeriesKey.normalized(header[$0]) : "", unit: nil) })
            taken.formUnion(values)
            let unread = header.indices.filter { !taken.contains($0) && !header[$0].isEmpty }
            if !unread.isEmpty { plan.notes.append("columns not read: " + unread.map { quoted(header[$0]) }.joined(separator: ", ")) }
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

    private func detectKind(header: [String], lower: [String], rows: [[String]]) -> LayoutKind {
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

    /// `WALCL_20251105` → ("WALCL", 2025-11-05).
    static func alfredParts(_ name: String) -> (String, Day)? {
        guard let underscore = name.lastIndex(of: "_") else { return nil }
        let series = String(name[..<underscore])
        var stamp = String(name[name.index(after: underscore)...])
        guard stamp.utf8.count == 8, stamp.utf8.allSatisfy({ $0 &- 48 < 10 }), !series.isEmpty,
            let day = stamp.withUTF8({ DateParser().parse($0) })
        else { return nil }
        return (series, day)
    }

    private func alfredTarget(_ name: String, column: Int, line: Int) throws -> ColumnTarget {
        guard let (series, vintage) = Self.alfredParts(name) else {
            throw MStoreError.badValue(
                SourceLocation(file: fileName, line: line, column: column + 1, columnName: name), value: name,
                expected: "an ALFRED vintage column named SERIES_YYYYMMDD")
        }
        return ColumnTarget(column: column, key: try key(for: series, prefix: options.prefix, column: column, line: line), vintage: vintage)
    }

    private func key(for name: String, prefix: String?, column: Int, line: Int) throws -> String {
        let key = prefix.map { $0 + SeriesKey.normalized(name) } ?? name
        guard SeriesKey.isValid(key) else {
            let hint = prefix == nil ? " (or give --prefix to derive keys from the headers)" : ""
            throw MStoreError.badValue(
                SourceLocation(file: fileName, line: line, column: column + 1, columnName: name.isEmpty ? nil : name), value: key,
                expected: SeriesKey.expectation + hint)
        }
        return key
    }

    /// Columns whose sampled cells hold text and no number (a weekday, a name, a rating)
    /// are left out, with one note naming them.
    private func withoutTextColumns(_ columns: [Int], _ plan: inout IngestPlan, rows: [[String]]) throws -> [Int] {
        let text = columns.filter { Self.holdsText($0, rows: rows, numbers: plan.numbers) }
        guard !text.isEmpty else { return columns }
        let names = text.map { quoted(plan.header[$0]) }.joined(separator: ", ")
        guard text.count < columns.count else {
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "no column holds numbers (\(names) hold text); name the value column with --value-column")
        }
        plan.notes.append("skipped \(text.count == 1 ? "a column" : "\(text.count) columns") of text, not numbers: \(names)")
        return columns.filter { !text.contains($0) }
    }

    /// The column's sampled cells hold text and no number.
    static func holdsText(_ c: Int, rows: [[String]], numbers: NumberParser) -> Bool {
        var sawText = false
        for row in rows where c < row.count {
            var cell = row[c]
            switch cell.withUTF8({ numbers.parse($0) }).cell {
            case .value, .outOfRange: return false
            case .invalid: sawText = true
            case .missing: break
            }
        }
        return sawText
    }

    private func isPriceFile(_ names: [String]) -> Bool {
        !names.isEmpty && names.allSatisfy { Self.priceColumns.contains($0) || Self.priceTranslations[$0] != nil }
    }

    /// A quote file's key prefix, from its name; a name that names no instrument (Nasdaq's
    /// `HistoricalData_1704500000.csv`, `download.csv`) stops the ingest: every such file
    /// would give the same `OPEN`, `CLOSE`, … series.
    private func instrumentPrefix(header line: Int) throws -> String? {
        let base = (fileName.split(separator: "/").last.map(String.init) ?? fileName).lowercased()
        let stem = base.split(separator: ".").first.map(String.init) ?? base
        let generic = stem.range(of: #"^(historicaldata|historical_data|download|export|data|chart|table|prices|quotes)([_ -]?\d+)?( \(\d+\))?$"#, options: .regularExpression) != nil
        guard generic || fileName == "<stdin>" else { return derivedPrefix() }
        throw MStoreError.badRecord(
            SourceLocation(file: fileName, line: line),
            problem: "a quote file (Open, High, Low, Close, …) whose name does not say which instrument it holds; name it with --prefix, e.g. --prefix AAPL.")
    }

    /// FRED's and ALFRED's API as CSV (`realtime_start,realtime_end,date,value`, with or
    /// without `series_id`): each row is a version known from its `realtime_start`. Without
    /// a key column the series is named by the file (`GDPC1.csv` → `GDPC1`).
    private func realtimePlan(_ plan: inout IngestPlan, lower: [String], rows: [[String]]) throws -> Bool {
        guard let start = lower.firstIndex(of: "realtime_start"), let date = lower.firstIndex(of: "date"), let value = lower.firstIndex(of: "value") else {
            return false
        }
        plan.vintageColumn = start
        plan.date = .column(date)
        plan.defaultSource = "ALFRED"
        plan.layout = .long
        let ignored = lower.indices.filter { ![start, date, value].contains($0) && !["series_id", "series"].contains(lower[$0]) }
        if let key = lower.firstIndex(where: { ["series_id", "series"].contains($0) }) {
            plan.targets = .keyed(key: key, values: [KeyedValue(column: value, suffix: "", unit: nil)])
        } else {
            guard let prefix = derivedPrefix() else {
                throw MStoreError.badRecord(
                    SourceLocation(file: fileName, line: plan.headerLine),
                    problem: "FRED's real-time rows without a series_id column are named by their file; from standard input, give --prefix")
            }
            plan.layout = .wide
            plan.targets = .columns([ColumnTarget(column: value, key: String(prefix.dropLast()))])
        }
        plan.notes.append("each row's \(quoted(plan.header[start])) is its vintage" + (ignored.isEmpty ? "" : "; not read: " + ignored.map { quoted(plan.header[$0]) }.joined(separator: ", ") + " (a later vintage ends a version)"))
        return true
    }

    /// `DGS10`, `WALCL_20251105`: capitals, digits and underscores (or an empty header cell).
    static func isFREDID(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `US dollar/Euro (EXR.D.USD.EUR.SP00.A)` → ("US dollar/Euro", "EXR.D.USD.EUR.SP00.A"):
    /// words, then a dotted code of capitals, digits and underscores in brackets.
    static func namedCode(_ header: String) -> (String, String)? {
        guard let range = header.range(of: #"^(.*\S)\s*\(([A-Z0-9_]+(\.[A-Z0-9_@]+)+)\)$"#, options: .regularExpression), range.lowerBound == header.startIndex,
            let open = header.lastIndex(of: "(")
        else { return nil }
        let code = String(header[header.index(after: open)..<header.index(before: header.endIndex)])
        let words = String(header[..<open]).trimmingSpaces
        return words.isEmpty ? nil : (words, code)
    }

    /// `spx.csv` → `SPX.`, `BTC-USD.csv` → `BTC_USD.`.
    private func derivedPrefix() -> String? {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        var stem = base.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        // Quote sites name downloads "Bitcoin Historical Data.csv".
        // … and in their other languages: "Ibex 35 datos históricos.csv".
        for suffix in [
            " Historical Data", " historical data", "_historical_data", " Historische Daten", " historische Daten", " données historiques",
            " Données historiques", " datos históricos", " Datos históricos", " dati storici", " Dati storici", " dados históricos", " Dados históricos",
        ] where stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
        }
        // Letters with accents keep their letter (`DAX_Prognose_für` → `DAX_PROGNOSE_FUR`).
        stem = stem.folding(options: .diacriticInsensitive, locale: nil)
        let key = SeriesKey.normalized(stem.isEmpty ? base : stem)
        return key.isEmpty || fileName == "<stdin>" ? nil : key + "."
    }

    /// `year` + `quarter`/`month` columns: the columns used and how to read them.
    private func splitPeriod(_ lower: [String]) -> ([Int], DateSpec)? {
        guard let y = lower.firstIndex(of: "year") else { return nil }
        if let q = lower.firstIndex(of: "quarter") ?? lower.firstIndex(of: "qtr") { return ([y, q], .yearQuarter(year: y, quarter: q)) }
        if let m = lower.firstIndex(of: "month") { return ([y, m], .yearMonth(year: y, month: m)) }
        return nil
    }

    private func findDateColumn(_ plan: IngestPlan, rows: [[String]], excluding: Set<Int>) throws -> Int {
        let lower = plan.header.map { $0.lowercased() }
        if let named = lower.indices.first(where: { Self.dateNames.contains(lower[$0]) && !excluding.contains($0) }) { return named }
        // By content: the column whose sampled values are all dates. Two such columns (an
        // observation date and a release date) are two readings: the user chooses.
        let dated = plan.header.indices.filter { c in
            guard !excluding.contains(c) else { return false }
            let values = rows.prefix(50).compactMap { $0.count > c ? $0[c].trimmingSpaces : nil }.filter { !$0.isEmpty }
            return !values.isEmpty && values.allSatisfy(Self.looksLikeDate)
        }
        if dated.count > 1 {
            let names = dated.map { quoted(plan.header[$0]) }.joined(separator: " and ")
            let flags = dated.map { "--date-column \(SeriesKey.quotedIfNeeded(plan.header[$0].isEmpty ? String($0 + 1) : plan.header[$0]))" }.joined(separator: " or ")
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: plan.headerLine),
                problem: "two columns could be the dates (\(names) both hold dates, and neither is named as dates); choose with \(flags)")
        }
        if let c = dated.first { return c }
        if options.dateFormat == .excel { return 0 }
        throw MStoreError.badRecord(
            SourceLocation(file: fileName, line: plan.headerLine),
            problem: "no date column found (no column named date, and none whose values are all dates); name it with --date-column")
    }

    // MARK: - Dates

    private func decideDateFormat(_ plan: inout IngestPlan, column: Int, rows: [[String]]) throws {
        let first = rows.lazy.compactMap { $0.count > column ? $0[column].trimmingSpaces : nil }.first { !$0.isEmpty } ?? ""
        let slash = Self.isSlashDate(first)
        switch options.dateFormat {
        case .mdy: plan.dates.order = .monthFirst
        case .dmy: plan.dates.order = .dayFirst
        case .excel: plan.dates.excel = true
        case .auto, nil:
            // Slash dates: read the whole column to see which order it proves.
            let sampleHasSlash = rows.contains { $0.count > column && $0[column].contains(where: { $0 == "/" || $0 == "." }) }
            if sampleHasSlash { plan.dates.order = try proveSlashOrder(plan, column: column) }
            if rows.contains(where: { $0.count > column && Self.isDecimalYearMonth($0[column]) }) {
                plan.dates.decimalYearMonth = try proveDecimalYearMonth(plan, column: column)
                if plan.dates.decimalYearMonth {
                    plan.notes.append("\(quoted(plan.header[column])) writes months as decimals (2023.01 … 2023.1 … 2023.12): 2023.1 read as October")
                }
            }
            // A column named as dates holding only day numbers of 1927–2173 (a workbook's
            // date cells without a date style, a spreadsheet's CSV export): Excel serials.
            let cells = rows.prefix(50).compactMap { $0.count > column ? $0[column].trimmingSpaces : nil }.filter { !$0.isEmpty }
            if Self.dateNames.contains(plan.header[column].lowercased()), !cells.isEmpty,
                cells.allSatisfy({ cell in Double(cell).map { (10000..<100000).contains($0) } ?? false })
            {
                plan.dates.excel = true
                plan.notes.append("\(quoted(plan.header[column])) holds day numbers (\(cells[0])): read as Excel serial dates; --date-format says otherwise")
            }
        }
        switch plan.targets {
        case .columns: plan.frequencySuffix = try frequencySplit(plan, column: column, rows: rows, keyColumns: [])?.suffixes
        case let .keyed(key, _):
            var keyColumns: [Int] = []
            for part in plan.keyParts ?? [.column(key)] {
                switch part {
                case let .column(c), let .dataflow(c), let .subfield(c, _): if !keyColumns.contains(c) { keyColumns.append(c) }
                }
            }
            if let split = try frequencySplit(plan, column: column, rows: rows, keyColumns: keyColumns) {
                (plan.frequencySuffix, plan.splitKeys, plan.splitKeyColumns) = (split.suffixes, split.keys, keyColumns)
            }
        case .transposed: break
        }
        let dotted = first.contains(".") && !first.contains("/") && first.split(separator: ".").count == 3
        plan.dateForm = plan.dates.excel ? "Excel serial numbers" : dotted ? "dotted dates D.M.Y" : slash ? "slash dates \(plan.dates.order.rawValue)" : Self.dateForm(of: first)
        if plan.frequencySuffix != nil { plan.dateForm = "periods of several frequencies (\(Self.dateForm(of: first)) first)" }
        if plan.layout == .sdmx { plan.dateForm = "SDMX periods (2024, 2024-S1, 2024-Q1, 2024-01, 2024-W05, 2024-01-15)" }
    }

    /// `10/30/2025`, `30.10.25`: three groups of digits split by `/` or `.`.
    static func isSlashDate(_ text: String) -> Bool {
        let date = text.split(separator: " ").first.map(String.init) ?? text
        let groups = date.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        return (date.contains("/") || date.contains(".") || (groups.first?.count ?? 0) <= 2) && groups.count == 3
            && groups.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// How a (non-slash) date is written, in words, from one example.
    static func dateForm(of text: String) -> String {
        func matches(_ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }
        if matches(#"^\d{4}-\d{2}-\d{2}"#) { return "ISO dates (YYYY-MM-DD)" }
        if matches(#"^\d{4}/\d{1,2}/\d{1,2}"#) { return "dates as YYYY/MM/DD" }
        if matches(#"^\d{4}-\d{2}$"#) { return "ISO months (YYYY-MM)" }
        if matches(#"^\d{4}$"#) { return "years (YYYY)" }
        if matches(#"^\d{4}M\d{1,2}$"#) { return "months as YYYYMmm" }
        if matches(#"^\d{8}$"#) { return "dates as YYYYMMDD" }
        if matches(#"^\d{6}$"#) { return "dates as YYMMDD" }
        if matches(#"[Qq][1-4]"#) { return "quarters (YYYYQn)" }
        if matches(#"[A-Za-z]{3}"#) { return "dates with month names" }
        return "dates"
    }

    /// When the sample's dates name years, halves, quarters or weeks, the whole column is
    /// read for the frequencies it mixes; more than one (months and days count as one)
    /// splits each column into a series per frequency. In a keyed file, only the series
    /// whose rows mix frequencies are split (`keys`: their key columns' cells, joined by
    /// ``IngestPlan/splitIdentity``).
    private func frequencySplit(_ plan: IngestPlan, column: Int, rows: [[String]], keyColumns: [Int]) throws
        -> (suffixes: [UInt8: String], keys: Set<String>)?
    {
        let dates = plan.dates
        func precision(_ text: String) -> UInt8 {
            var t = text
            return t.withUTF8 { dates.parse($0) == nil ? 0 : dates.precision($0) }
        }
        let coarse: Set<UInt8> = [65, 83, 81, 87]
        guard rows.contains(where: { $0.count > column && coarse.contains(precision($0[column])) }) else { return nil }
        var seen: [String: Set<UInt8>] = [:]
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: plan.delimiter)
        let width = keyColumns.max().map { max($0, column) } ?? column
        while try reader.next() {
            guard reader.line > plan.headerLine, reader.count > width else { continue }
            let p = reader.withField(column) { dates.parse($0) == nil ? 0 : dates.precision($0) }
            if p != 0 { seen[IngestPlan.splitIdentity(keyColumns.map { reader.string(at: $0) }), default: []].insert(p) }
        }
        func groups(_ seen: Set<UInt8>) -> [UInt8: String] {
            let days = seen.contains(68) ? ".D" : ".M"
            var groups: [UInt8: String] = [:]
            for p in seen { groups[p] = p == 68 || p == 77 ? days : "." + String(UnicodeScalar(p)) }
            return groups
        }
        let mixed = seen.filter { Set(groups($0.value).values).count > 1 }
        guard !mixed.isEmpty else { return nil }
        return (groups(mixed.values.reduce(into: Set<UInt8>()) { $0.formUnion($1) }), Set(mixed.keys))
    }

    /// `2023.01`, `2023.1`, `2023.12`.
    static func isDecimalYearMonth(_ text: String) -> Bool {
        let t = text.trimmingSpaces.utf8
        guard t.count == 6 || t.count == 7, Array(t)[4] == UInt8(ascii: ".") else { return false }
        return t.enumerated().allSatisfy { $0.offset == 4 || $0.element &- 48 < 10 }
    }

    /// Whether a column of `YYYY.M` dates is written as decimal numbers (`.01` for
    /// January, `.1` for October) or as month numbers (`.1` for January, `.10` for October),
    /// from the whole column: `.01`–`.09` prove decimals; `.2`–`.9` and `.10` prove month
    /// numbers. A column with both, or with neither (only `.1`, `.11`, `.12`), is refused.
    private func proveDecimalYearMonth(_ plan: IngestPlan, column: Int) throws -> Bool {
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: plan.delimiter)
        var decimalLine: Int?
        var monthLine: Int?
        var sawOne = false
        while try reader.next() {
            guard reader.line > plan.headerLine, reader.count > column else { continue }
            let text = reader.string(at: column).trimmingSpaces
            guard Self.isDecimalYearMonth(text) else { continue }
            let fraction = text.split(separator: ".")[1]
            if fraction.count == 2 && fraction.hasPrefix("0") { decimalLine = decimalLine ?? reader.line }
            if (fraction.count == 1 && fraction != "1") || fraction == "10" { monthLine = monthLine ?? reader.line }
            if fraction == "1" { sawOne = true }
        }
        let location = SourceLocation(file: fileName, line: max(decimalLine ?? plan.headerLine, monthLine ?? plan.headerLine), column: column + 1, columnName: plan.header[column])
        switch (decimalLine, monthLine) {
        case let (d?, m?):
            throw MStoreError.badRecord(location, problem: "dates in column \(quoted(plan.header[column])) write months as decimals on line \(d) (2023.01) but as month numbers on line \(m) (2023.2, 2023.10); write them one way")
        case (nil, nil) where sawOne:
            throw MStoreError.badRecord(location, problem: "dates in column \(quoted(plan.header[column])) such as 2023.1 could be January (month numbers) or October (decimals); write the months as 2023-01 … 2023-10")
        case (_?, nil): return true
        default: return false
        }
    }

    private func proveSlashOrder(_ plan: IngestPlan, column: Int) throws -> DateParser.SlashOrder {
        let reader = try CSVReader(path: path, displayName: fileName, delimiter: plan.delimiter)
        var monthFirstLine: Int?
        var dayFirstLine: Int?
        while try reader.next() {
            guard reader.line > plan.headerLine, reader.count > column else { continue }
            switch reader.withField(column, DateParser.proves) {
            case .monthFirst?: monthFirstLine = monthFirstLine ?? reader.line
            case .dayFirst?: dayFirstLine = dayFirstLine ?? reader.line
            case nil: break
            }
            if let m = monthFirstLine, let d = dayFirstLine {
                throw MStoreError.badRecord(
                    SourceLocation(file: fileName, line: max(m, d), column: column + 1, columnName: plan.header[column]),
                    problem: "dates in column \"\(plan.header[column])\" are month-first on line \(m) but day-first on line \(d); declare one with --date-format mdy|dmy")
            }
        }
        return dayFirstLine != nil ? .dayFirst : .monthFirst
    }
}

#if canImport(Foundation)
    import Foundation
#endif
