/// Several rows that together head a table's columns, above its first row of data: a
/// ticker row over a field row (a desk's Bloomberg sheet), a units row under the names
/// (`$/bbl`), FRED-MD's `Transform:` row, or the Office for National Statistics' `Title`,
/// `CDID`, `PreUnit`, `Unit`, `Release date`, … rows. One row names the series (the keys);
/// the others become what the catalog knows of each: its name, unit, tags and notes.
///
/// A row's role comes from its label (its first cell) or, without one, from its cells:
/// units look like units, and among unlabelled rows the one whose cells tell the columns
/// apart holds the keys. When no row does, keys join the rows (`SPX Index.PX_LAST`); when
/// even that repeats, the file is refused with the rows it saw.
struct HeaderBand {
    /// The column names: the key row's cells, and the date column's own name.
    var header: [String]
    /// What the band gives each column.
    var units: [Int: String] = [:]
    var names: [Int: String] = [:]
    var notes: [Int: String] = [:]
    var tags: [Int: [(name: String, value: String)]] = [:]
    /// For `--dry-run`: where the band was and what each row became.
    var description: [String] = []
    /// Blocks side by side, each with its own date column: each value column's date column.
    var pairedDates: [Int: Int] = [:]

    enum Role: Equatable {
        case key, unit, unitPrefix, name, notes, ignored
        case tag(String)
        /// No label says what it is: a name row, unless its cells look like units.
        case unlabelled
        /// A label no list knows (`Series Type`, `Data Type`): a tag named by it.
        case labelled(String)
    }

    static let keyLabels: Set<String> = [
        "cdid", "ticker", "tickers", "series id", "series_id", "series code", "id", "code", "mnemonic", "symbol", "identifier", "security", "series",
        "idbank", "series key", "series_key", "vector", "kennung", "code série",
    ]
    static let unitLabels: Set<String> = ["unit", "units", "unit of measure", "uom", "unit of measurement", "unité", "unite", "einheit", "unidad", "unità"]
    static let nameLabels: Set<String> = [
        "title", "description", "series description", "name", "series name", "label", "libellé", "libelle", "titre", "titel", "bezeichnung", "título",
    ]
    static let noteLabels: Set<String> = [
        "release date", "next release", "important notes", "notes", "note", "source", "last updated", "last update", "frequency",
        "seasonal adjustment", "comment", "comments", "publication date", "dernière mise à jour", "letzte aktualisierung", "stand",
    ]
    /// What a row says of the file rather than of a series (the Australian Bureau of
    /// Statistics' `Series Start`, `No. Obs`): not read.
    static let ignoredLabels: Set<String> = ["magnitude", "series start", "series end", "no. obs", "no. of obs", "collection month", "observations"]
    static let tagLabels: [String: String] = [
        "transform": "transform", "tcode": "transform", "transformation": "transform", "transformation code": "transform",
        "factors": "factors", "source dataset id": "dataset", "dataset": "dataset", "field": "field", "fields": "field",
    ]

    static func role(ofLabel raw: String) -> Role {
        var label = raw.trimmingSpaces.lowercased()
        while label.hasSuffix(":") || label.hasSuffix(" ") { label.removeLast() }
        // The ECB's old downloads: `Period\Unit:` heads the dates and labels the units row.
        if let slash = label.firstIndex(of: "\\"), Sniffer.dateNames.contains(String(label[..<slash])) {
            return role(ofLabel: String(label[label.index(after: slash)...]))
        }
        if label.isEmpty || Sniffer.dateNames.contains(label) || label == "dates" || label == "sasdate" { return .unlabelled }
        if keyLabels.contains(label) { return .key }
        if label == "preunit" { return .unitPrefix }
        if unitLabels.contains(label) { return .unit }
        if nameLabels.contains(label) { return .name }
        // `Name of time-series` (the Bank of Japan), `Series title`: a name by its words.
        if label.split(separator: " ").contains(where: { ["name", "title"].contains($0) }) { return .name }
        if noteLabels.contains(label) { return .notes }
        if let tag = tagLabels[label] { return .tag(tag) }
        if ignoredLabels.contains(label) { return .ignored }
        return .labelled(label)
    }

    /// A cell that reads as a unit: `$/bbl`, `%`, `USD bn`, `index`, `£m`.
    static func looksLikeUnit(_ text: String) -> Bool {
        let t = text.trimmingSpaces
        // An index's base period: `2015=100`, `2020 = 100`.
        if t.range(of: #"^(\d{4}|\d{4}-\d{2}|\d{4}Q\d)\s*=\s*100$"#, options: .regularExpression) != nil { return true }
        guard !t.isEmpty, t.count <= 24, !(t.first?.isNumber ?? false) else { return false }
        if t.contains(where: { "$€£¥%/‰".contains($0) }) { return true }
        return [
            "percent", "pct", "index", "bp", "bps", "basis points", "usd", "eur", "gbp", "jpy", "chf", "level", "ratio", "units", "thousands",
            "millions", "billions", "usd bn", "usd mn", "usd m", "eur bn", "eur mn", "bn", "mn", "number", "persons", "rate",
        ].contains(t.lowercased())
    }

    /// The band that ends at `headerIndex` (the record right above the first row of data),
    /// or nil when one row heads the table.
    static func read(_ sample: [(line: Int, fields: [String])], headerIndex h: Int, fileName: String) throws -> HeaderBand? {
        let width = sample[h].fields.count
        guard width >= 2, h + 1 < sample.count else { return nil }
        // The data below must carry its dates in the first column.
        let firstData = sample[h + 1].fields[0].trimmingSpaces
        guard Sniffer.looksLikeDate(firstData) || isYear(firstData) else { return nil }
        var top = h
        // A title of one cell between the band's rows (the ECB's `Collection: …`), or an
        // empty row (the Reserve Bank of Australia's `,,`), is passed over when a row of the
        // band's width is above it.
        func passable(_ i: Int) -> Bool { sample[i].fields.dropFirst().allSatisfy { $0.trimmingSpaces.isEmpty } }
        func banded(_ i: Int) -> Bool {
            sample[i].fields.count == width && !passable(i) && !Sniffer.looksLikeDate(sample[i].fields[0])
        }
        while top > 0, h - top < 14, sample[top - 1].line == sample[top].line - 1, !Sniffer.looksLikeDate(sample[top - 1].fields[0]) {
            if banded(top - 1) {
                top -= 1
                continue
            }
            // Passable rows count only with a banded row above them.
            var above = top - 1
            while above >= 0, passable(above), sample[above].line == sample[above + 1].line - 1, top - above <= 3 { above -= 1 }
            guard above >= 0, above < top - 1, banded(above), sample[above].line == sample[above + 1].line - 1 else { break }
            top = above
        }
        if let paired = try pairedBlocks(sample, top: top, headerIndex: h, fileName: fileName) { return paired }
        // A title row (`Daily prices,,,`) heads no column.
        let rows = (top...h).filter { i in sample[i].fields.dropFirst().contains { !$0.trimmingSpaces.isEmpty } }
        guard rows.count > 1 else { return nil }
        var roles: [Int: Role] = [:]
        for i in rows {
            var role = role(ofLabel: sample[i].fields[0])
            if role == .unlabelled {
                let cells = sample[i].fields.dropFirst().map(\.trimmingSpaces).filter { !$0.isEmpty }
                if cells.allSatisfy(looksLikeUnit) { role = .unit }
            }
            roles[i] = role
        }
        func cells(_ i: Int, fill: Bool) -> [String] {
            var out = sample[i].fields.map(\.trimmingSpaces)
            // Merged cells: a ticker written once over its fields.
            if fill {
                var last = ""
                for c in 1..<out.count {
                    if out[c].isEmpty { out[c] = last } else { last = out[c] }
                }
            }
            return out
        }
        func distinct(_ values: [String]) -> Bool {
            let v = values.dropFirst()
            return !v.contains("") && Set(v.map(SeriesKey.folded)).count == v.count
        }
        let line = { (i: Int) in sample[i].line }
        var band = HeaderBand(header: sample[h].fields.map(\.trimmingSpaces))
        band.description.append("header band: lines \(line(rows[0]))–\(line(h)), data from line \(sample[h + 1].line)")
        // The key row: a labelled one, else the unlabelled row that tells the columns apart,
        // else the unlabelled rows joined.
        let labelled = rows.filter { roles[$0] == .key }
        let unlabelled = rows.filter { roles[$0] == .unlabelled }
        // Rows under labels no list knows, whose cells are codes told apart (no spaces).
        let codeRows = rows.filter { r in
            if case .labelled = roles[r] { return distinct(cells(r, fill: false)) && !sample[r].fields.dropFirst().contains { $0.trimmingSpaces.contains(" ") } }
            return false
        }
        let candidates = !unlabelled.isEmpty ? unlabelled : !codeRows.isEmpty ? codeRows : rows.filter { roles[$0] == .name }
        let keyRows: [Int]
        if let k = labelled.first {
            keyRows = [k]
        } else if let k = candidates.first(where: { distinct(cells($0, fill: false)) }) ?? candidates.first(where: { distinct(cells($0, fill: true)) }) {
            keyRows = [k]
        } else {
            keyRows = candidates
        }
        guard !keyRows.isEmpty else { return nil }
        var keys = cells(keyRows[0], fill: keyRows.count > 1 || !distinct(cells(keyRows[0], fill: false)))
        for r in keyRows.dropFirst() {
            let more = cells(r, fill: true)
            for c in 1..<width where !more[c].isEmpty { keys[c] = keys[c].isEmpty ? more[c] : keys[c] + "." + more[c] }
        }
        guard distinct(keys) else {
            let seen = rows.map { "line \(line($0)): " + sample[$0].fields.prefix(6).map { quoted($0) }.joined(separator: ",") }.joined(separator: "; ")
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: line(h)),
                problem: "the rows above the data do not name each column once (\(seen)); read one row as the header with --skip N (the N lines above it are skipped)")
        }
        // The date column keeps a date name when a row gives one.
        let dateName = (top...h).map { sample[$0].fields[0].trimmingSpaces }.compactMap { label -> String? in
            let head = label.split(separator: "\\").first.map(String.init) ?? label
            return Sniffer.dateNames.contains(head.lowercased()) || ["dates", "sasdate"].contains(head.lowercased()) ? head : nil
        }.first
        keys[0] = dateName ?? (roles[keyRows[0]] == .unlabelled && !keys[0].isEmpty ? keys[0] : "date")
        band.header = keys
        band.description.append(
            "keys: " + keyRows.map { "line \(line($0))" + (sample[$0].fields[0].trimmingSpaces.isEmpty ? "" : " \(quoted(sample[$0].fields[0].trimmingSpaces))") }
                .joined(separator: " + "))
        var prefixes: [Int: String] = [:]
        for r in rows where !keyRows.contains(r) {
            let row = cells(r, fill: false)
            let label = row[0]
            var role = roles[r] ?? .ignored
            if role == .unlabelled {
                // Words (`Yields on debt securities …`) name the series; codes (`PX_LAST`) are a field.
                let words = row.dropFirst().filter { !$0.isEmpty }
                role = !words.isEmpty && words.allSatisfy({ $0.contains(" ") && $0.count > 24 }) && band.names.isEmpty ? .name : .tag("field")
            }
            if case let .labelled(name) = role { role = .tag(name.replacingOccurrences(of: " ", with: "_")) }
            let said: String
            switch role {
            case .unit:
                // `[US dollar ]` as the ECB brackets it.
                for c in 1..<width where !row[c].isEmpty {
                    band.units[c] = row[c].hasPrefix("[") && row[c].hasSuffix("]") ? String(row[c].dropFirst().dropLast()).trimmingSpaces : row[c]
                }
                said = "unit"
            case .unitPrefix:
                for c in 1..<width where !row[c].isEmpty { prefixes[c] = row[c] }
                said = "unit prefix"
            case .name:
                for c in 1..<width where !row[c].isEmpty { band.names[c] = row[c] }
                said = "series names"
            case .notes:
                for c in 1..<width where !row[c].isEmpty { band.notes[c] = (band.notes[c].map { $0 + "; " } ?? "") + "\(label): \(row[c])" }
                said = "notes"
            case let .tag(name):
                for c in 1..<width where !row[c].isEmpty { band.tags[c, default: []].append((name, row[c])) }
                said = "tag \(name)"
            case .key, .ignored, .unlabelled, .labelled:
                said = "not read"
            }
            band.description.append("line \(line(r))\(label.isEmpty ? "" : " \(quoted(label))"): \(said)")
        }
        for (c, prefix) in prefixes { band.units[c] = prefix + (band.units[c] ?? "") }
        return band
    }

    /// Blocks side by side, each a date column and the fields of one instrument under its
    /// name (Bloomberg's BDH with dates per security: `SPX Index,,NDX Index,` over
    /// `Date,PX_LAST,Date,PX_LAST`), whose dates may differ from block to block. Nil when
    /// the header row names no date column after the first, or a block has no values or
    /// no name above it.
    static func pairedBlocks(_ sample: [(line: Int, fields: [String])], top: Int, headerIndex h: Int, fileName: String) throws -> HeaderBand? {
        let header = sample[h].fields.map(\.trimmingSpaces)
        let width = header.count
        let isDateName = { (text: String) in Sniffer.dateNames.contains(text.lowercased()) || text.lowercased() == "dates" }
        // A date column: named so, with a date under it in one of the first rows of data.
        let data = sample[(h + 1)...].prefix(5).filter { $0.fields.count == width }
        let dateColumns = header.indices.filter { c in isDateName(header[c]) && data.contains { Sniffer.looksLikeDate($0.fields[c].trimmingSpaces) } }
        guard dateColumns.count >= 2, dateColumns[0] == 0, top < h else { return nil }
        var blocks: [(date: Int, values: Range<Int>)] = []
        for (i, d) in dateColumns.enumerated() {
            let end = i + 1 < dateColumns.count ? dateColumns[i + 1] : width
            guard d + 1 < end else { return nil }
            blocks.append((d, (d + 1)..<end))
        }
        // The row that names every block (the nearest above the header that does).
        guard let nameRow = (top..<h).reversed().first(where: { r in
            sample[r].fields.count == width && blocks.allSatisfy { b in (b.date..<b.values.upperBound).contains { !sample[r].fields[$0].trimmingSpaces.isEmpty } }
        }) else { return nil }
        var band = HeaderBand(header: header)
        var keys = header
        for b in blocks {
            let name = (b.date..<b.values.upperBound).map { sample[nameRow].fields[$0].trimmingSpaces }.first { !$0.isEmpty } ?? ""
            keys[b.date] = "date"
            for c in b.values {
                band.pairedDates[c] = b.date
                // One field in a block: the name is the key (the field a tag); several: joined.
                keys[c] = b.values.count == 1 || header[c].isEmpty ? name : name + "." + header[c]
                if !header[c].isEmpty { band.tags[c, default: []].append(("field", header[c])) }
            }
        }
        let valueKeys = blocks.flatMap { b in b.values.map { keys[$0] } }
        guard !valueKeys.contains(""), Set(valueKeys.map(SeriesKey.folded)).count == valueKeys.count else {
            let seen = (top...h).map { "line \(sample[$0].line): " + sample[$0].fields.prefix(6).map { quoted($0) }.joined(separator: ",") }.joined(separator: "; ")
            throw MStoreError.badRecord(
                SourceLocation(file: fileName, line: sample[h].line),
                problem: "the blocks of this sheet (a date column each) do not name each series once (\(seen)); read one block at a time with --date-column and --value-column")
        }
        band.header = keys
        band.description = [
            "header band: lines \(sample[top].line)–\(sample[h].line), data from line \(sample[h + 1].line)",
            "\(blocks.count) blocks side by side, each with its own dates: " + blocks.map { b in
                "column \(b.date + 1) dates " + b.values.map { quoted(keys[$0]) }.joined(separator: ", ")
            }.joined(separator: "; "),
            "keys: line \(sample[nameRow].line) (+ line \(sample[h].line) where a block has several fields); line \(sample[h].line): tag field",
        ]
        return band
    }

    static func isYear(_ text: String) -> Bool {
        text.utf8.count == 4 && text.utf8.allSatisfy { $0 &- 48 < 10 } && (1000...2999).contains(Int(text) ?? 0)
    }
}
