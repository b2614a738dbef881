/// Wide tables: a date column and a column per series (FRED, ALFRED, quote files, any
/// spreadsheet), and what their names say of the series.
extension Sniffer {
    /// A wide table (FRED, ALFRED and any date-first table): a column per series.
    func widePlan(_ plan: inout IngestPlan, _ given: LayoutGiven, rows: [[String]], preamble: [[String]]) throws {
        let header = given.header
        let lower = given.lower
        let kind = given.kind
        let dateOverride = given.dateColumn
        let valueOverride = given.valueColumns
        var used: Set<Int>
        if !plan.pairedDates.isEmpty {
            // Blocks with dates of their own: every value column is a series, read on its block's dates.
            plan.date = .column(0)
            plan.layout = .wide
            plan.targets = .columns(try plan.pairedDates.keys.sorted().map { c in
                ColumnTarget(column: c, key: try key(for: header[c], prefix: options.prefix, column: c, line: plan.headerLine))
            })
            return
        }
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
            // A column named as an identifier (CoinMarketCap's `name` holding its id 2781)
            // names or numbers the instrument: not a series.
            let identifiers = valueOverride == nil && others.count > 1 ? others.filter { ["name", "id", "symbol", "slug", "rank", "ticker", "code"].contains(lower[$0]) } : []
            if !identifiers.isEmpty {
                others.removeAll { identifiers.contains($0) }
                plan.notes.append("columns not read (they identify, not measure): " + identifiers.map { quoted(header[$0]) }.joined(separator: ", "))
            }
            let priceFile = isPriceFile(others.map { lower[$0] })
            let prefix = try options.prefix ?? (priceFile ? instrumentPrefix(header: plan.headerLine) : nil)
            // `DATE,OPEN,HIGH,LOW,CLOSE` (Cboe's VIX history) is a quote file, not FRED's.
            if priceFile, plan.defaultSource == "FRED" {
                plan.defaultSource = nil
                plan.layout = .wide
            }
            // One column named only `Value` (the Census Bureau's `Period,Value`): the file
            // names the series (`MRTSSM44X72USS.csv`); `value` would be every such file's key.
            if options.prefix == nil, !priceFile, others.count == 1, ["value", "val", "obs_value", "values", "wert", "valor", "valeur"].contains(lower[others[0]]),
                let stem = try instrumentPrefix(header: plan.headerLine, what: "a table of one column named \(quoted(header[others[0]]))")
            {
                let key = String(stem.dropLast())
                plan.notes.append("\(quoted(header[others[0]])) names no series: keyed by the file's name, \(key) (--prefix or --value-column to choose)")
                plan.targets = .columns([ColumnTarget(column: others[0], key: try self.key(for: key, prefix: nil, column: others[0], line: plan.headerLine))])
                return
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

    func alfredTarget(_ name: String, column: Int, line: Int) throws -> ColumnTarget {
        guard let (series, vintage) = Self.alfredParts(name) else {
            throw MStoreError.badValue(
                SourceLocation(file: fileName, line: line, column: column + 1, columnName: name), value: name,
                expected: "an ALFRED vintage column named SERIES_YYYYMMDD")
        }
        return ColumnTarget(column: column, key: try key(for: series, prefix: options.prefix, column: column, line: line), vintage: vintage)
    }

    func isPriceFile(_ names: [String]) -> Bool {
        !names.isEmpty && names.allSatisfy { Self.priceColumns.contains($0) || Self.priceTranslations[$0] != nil }
    }

    /// A quote file's key prefix, from its name; a name that names no instrument (Nasdaq's
    /// `HistoricalData_1704500000.csv`, `download.csv`) stops the ingest: every such file
    /// would give the same `OPEN`, `CLOSE`, … series.
    func instrumentPrefix(header line: Int, what: String = "a quote file (Open, High, Low, Close, …)") throws -> String? {
        let base = (fileName.split(separator: "/").last.map(String.init) ?? fileName).lowercased()
        let stem = base.split(separator: ".").first.map(String.init) ?? base
        let generic = stem.range(of: #"^(historicaldata|historical_data|download|export|data|chart|table|prices|quotes)([_ -]?\d+)?( \(\d+\))?$"#, options: .regularExpression) != nil
        guard generic || fileName == "<stdin>" else { return derivedPrefix() }
        throw MStoreError.badRecord(
            SourceLocation(file: fileName, line: line),
            problem: "\(what) whose name does not say which series it holds; name it with --prefix, e.g. --prefix AAPL.")
    }

    /// FRED's and ALFRED's API as CSV (`realtime_start,realtime_end,date,value`, with or
    /// without `series_id`): each row is a version known from its `realtime_start`. Without
    /// a key column the series is named by the file (`GDPC1.csv` → `GDPC1`).
    func realtimePlan(_ plan: inout IngestPlan, lower: [String], rows: [[String]]) throws -> Bool {
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
    func derivedPrefix() -> String? {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        var stem = base.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        // A browser saves a second download as "Bitcoin Historical Data (1).csv": the same series.
        stem = stem.replacingOccurrences(of: #"\s*\(\d{1,3}\)$"#, with: "", options: .regularExpression)
        // Quote sites name downloads "Bitcoin Historical Data.csv".
        // … and in their other languages: "Ibex 35 datos históricos.csv".
        let lowered = stem.lowercased()
        for suffix in [
            "_historical_data_coinmarketcap", " historical data", "_historical_data", " historische daten", " données historiques", " datos históricos",
            " dati storici", " dados históricos",
        ] where lowered.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        // A key never holds a date: the period a download covers (CoinMarketCap's
        // `Bitcoin_1_1_2024-1_4_2024`, `prices_2024-01-02`) goes, so the next download of the
        // same series revises it instead of starting another.
        let datePatterns = [
            #"[_ -]*\d{1,2}_\d{1,2}_\d{4}([_ -]+\d{1,2}_\d{1,2}_\d{4})?"#, #"[_ -]*\d{4}-\d{2}-\d{2}([_ -]+(to[_ -]+)?\d{4}-\d{2}-\d{2})?"#,
            #"[_ -]+(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b"#,
        ]
        for pattern in datePatterns {
            let trimmed = stem.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
            if trimmed != stem, trimmed.contains(where: \.isLetter) { stem = trimmed }
        }
        // Letters with accents keep their letter (`DAX_Prognose_für` → `DAX_PROGNOSE_FUR`).
        stem = stem.folding(options: .diacriticInsensitive, locale: nil)
        let key = SeriesKey.normalized(stem.isEmpty ? base : stem)
        return key.isEmpty || fileName == "<stdin>" ? nil : key + "."
    }

    /// Columns whose sampled cells hold text and no number (a weekday, a name, a rating)
    /// are left out, with one note naming them.
    func withoutTextColumns(_ columns: [Int], _ plan: inout IngestPlan, rows: [[String]]) throws -> [Int] {
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
}

#if canImport(Foundation)
    import Foundation
#endif
