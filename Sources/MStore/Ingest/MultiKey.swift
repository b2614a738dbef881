/// Long tables without a column named as a key: their series is the combination of code
/// columns (a central-bank portal's `DATE;COUNTRY;INDICATOR;VALUE`), and they may carry
/// several measures a row (Treasury's operating cash balance: `account_type` with
/// `open_today_bal`, `open_month_bal`, …). Told from a wide table by its dates, which
/// repeat from row to row.
///
/// Text columns are dimensions, except those whose names say they are attributes (status,
/// flags, notes, names, units, sources); numeric columns are measures, except date parts
/// (`record_fiscal_year`) and line numbers (`src_line_nbr`), named in a note. The key is
/// every dimension's code in column order, joined by `.`, each also a tag; with several
/// measures each is a series of its own, `KEY.MEASURE`.
extension Sniffer {
    static let attributeWords = ["status", "flag", "note", "comment", "footnote", "obs_conf", "confidential", "decimals"]
    /// Last words of names that number a publisher's rows or tables (`src_line_nbr`).
    static let lineNumberWords = ["nbr", "no", "number", "line", "seq"]
    /// Last words of names that hold a part of a date (`record_fiscal_year`).
    static let datePartWords = ["year", "quarter", "month", "day", "week"]

    func multiKeyPlan(_ plan: inout IngestPlan, rows: [[String]], date: Int, columns: [Int]) throws -> Bool {
        // Dates that repeat: several series a date.
        var seen: Set<String> = []
        var repeated = false
        for row in rows where date < row.count {
            let d = row[date].trimmingSpaces
            if !d.isEmpty && !seen.insert(d).inserted {
                repeated = true
                break
            }
        }
        guard repeated else { return false }
        let header = plan.header
        let lower = header.map { $0.lowercased() }
        var dimensions: [Int] = []
        var measures: [Int] = []
        var notRead: [Int] = []
        for c in columns where !header[c].isEmpty {
            let name = lower[c]
            let words = name.split(whereSeparator: { $0 == "_" || $0 == " " }).map(String.init)
            let text = Self.holdsText(c, rows: rows, numbers: plan.numbers)
            if Self.attributeWords.contains(where: name.contains) {
                notRead.append(c)
            } else if ["unit", "units", "unit_measure", "unit of measure"].contains(name) {
                plan.unitColumn = plan.unitColumn ?? c
            } else if ["name", "title", "description", "label"].contains(where: name.contains) || name.hasSuffix("_nm") {
                plan.nameColumn = plan.nameColumn ?? c
            } else if name == "source" {
                plan.sourceColumn = c
            } else if Self.lineNumberWords.contains(words.last ?? "") {
                // Line and table numbers identify a row of the publisher's table, not a series.
                notRead.append(c)
            } else if text, rows.contains(where: { c < $0.count && !$0[c].trimmingSpaces.isEmpty }),
                rows.allSatisfy({ c >= $0.count || $0[c].trimmingSpaces.isEmpty || Self.looksLikeDate($0[c].trimmingSpaces) })
            {
                // Another date beside the observation date (a security's `Maturity Date`)
                // describes the row: never part of a key.
                notRead.append(c)
            } else if text || ["code", "id"].contains(words.last ?? "") {
                // Codes are dimensions even when they are numbers (the IMF's country codes, `134`).
                dimensions.append(c)
            } else if words.filter({ !["record", "calendar", "fiscal", "reporting"].contains($0) }).count == 1,
                let part = words.last, Self.datePartWords.contains(part)
            {
                // Date parts (`record_fiscal_year`) are numbers that measure nothing.
                notRead.append(c)
            } else {
                // Numbers, or nothing yet (a column missing in every sampled row).
                measures.append(c)
            }
        }
        // A column named as the value is the one measure: others empty in every sampled
        // row (the Swiss National Bank's unused `D1`) must stay empty, or the ingest stops.
        if measures.count > 1, let v = measures.first(where: { Self.valueNames.contains(lower[$0]) }) {
            let empty = measures.filter { c in c != v && rows.allSatisfy { $0.count <= c || $0[c].trimmingSpaces.isEmpty } }
            if !empty.isEmpty {
                plan.emptyColumns = empty
                measures.removeAll { empty.contains($0) }
                plan.notes.append("empty in every record read: " + empty.map { quoted(header[$0]) }.joined(separator: ", "))
            }
        }
        guard !dimensions.isEmpty, !measures.isEmpty else { return false }
        plan.layout = .long
        plan.defaultSource = nil
        plan.keyParts = dimensions.map { .column($0) }
        plan.tagColumns = dimensions.map { ($0, lower[$0]) }
        plan.targets = .keyed(
            key: dimensions[0],
            values: measures.map { KeyedValue(column: $0, suffix: measures.count > 1 ? "." + SeriesKey.normalized(header[$0]) : "", unit: nil) })
        if !notRead.isEmpty { plan.notes.append("columns not read: " + notRead.map { quoted(header[$0]) }.joined(separator: ", ")) }
        return true
    }
}
