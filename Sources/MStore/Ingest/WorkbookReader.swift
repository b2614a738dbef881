import Foundation


/// Reads an Office Open XML workbook (`.xlsx`, as Excel and FRED write it) and turns one
/// sheet into CSV rows for the ingest: shared and inline strings, formulas' cached values,
/// date cells (by their number format) and serials in the 1900 and 1904 date systems
/// written as ISO dates. Row N of the sheet is line N of the CSV, so messages name the
/// sheet's own rows. A workbook is read whole.
struct WorkbookReader {
    let displayName: String
    private let archive: ZipParts
    /// Sheets in workbook order: name and the part that holds it.
    let sheets: [(name: String, part: String)]
    private let sharedStrings: [String]
    /// Per cell style index: whether its number format shows a date.
    private let dateStyles: [Bool]
    private let date1904: Bool

    /// Whether a file starts like a zip archive (`PK\u{3}\u{4}`).
    static func looksLikeZip(_ head: [UInt8]) -> Bool {
        head.count >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 3 && head[3] == 4
    }

    init(path: String, displayName: String) throws {
        self.displayName = displayName
        let archive: ZipParts
        do {
            archive = try ZipParts(path: path)
        } catch let ZipParts.Failure.damaged(why) {
            throw Self.notAWorkbook(displayName, "it is not a readable zip archive (\(why))")
        } catch {
            throw Self.notAWorkbook(displayName, "it is not a readable zip archive")
        }
        self.archive = archive
        func part(_ name: String) throws -> Data? { try Self.extract(archive, name, displayName: displayName) }
        guard let workbook = try part("xl/workbook.xml") else {
            throw Self.notAWorkbook(displayName, "it has no xl/workbook.xml (is it an .xlsx workbook?)")
        }
        let book = try XMLTree.parse(workbook, name: displayName + ": xl/workbook.xml")
        let relations = try part("xl/_rels/workbook.xml.rels").map { try XMLTree.parse($0, name: displayName + ": workbook.xml.rels") }
        var targets: [String: String] = [:]
        for r in relations?.all("Relationship") ?? [] {
            guard let id = r.attributes["Id"], var target = r.attributes["Target"] else { continue }
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            targets[id] = target
        }
        var sheets: [(String, String)] = []
        for (i, s) in book.all("sheet").enumerated() {
            let name = s.attributes["name"] ?? "Sheet\(i + 1)"
            let id = s.attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value
            sheets.append((name, id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(i + 1).xml"))
        }
        self.sheets = sheets
        let pr = book.all("workbookPr").first?.attributes["date1904"]
        date1904 = pr == "1" || pr == "true"
        sharedStrings = try part("xl/sharedStrings.xml").map { data in
            try XMLTree.parse(data, name: displayName + ": sharedStrings.xml").all("si").map { $0.text(skipping: "rPh") }
        } ?? []
        var dateStyles: [Bool] = []
        if let styles = try part("xl/styles.xml").map({ try XMLTree.parse($0, name: displayName + ": styles.xml") }) {
            var custom: [Int: String] = [:]
            for f in styles.all("numFmt") {
                if let id = f.attributes["numFmtId"].flatMap(Int.init) { custom[id] = f.attributes["formatCode"] ?? "" }
            }
            let xfs = styles.all("cellXfs").first?.children.filter { $0.name == "xf" } ?? []
            dateStyles = xfs.map { xf in
                let id = xf.attributes["numFmtId"].flatMap(Int.init) ?? 0
                return custom[id].map(Self.isDateFormat) ?? Self.builtInDateFormats.contains(id)
            }
        }
        self.dateStyles = dateStyles
    }

    private func rawPart(_ name: String) throws -> Data? { try Self.extract(archive, name, displayName: displayName) }

    /// The most a part may unpack to (documented in the README). Counted as the bytes come
    /// out of the inflater: the size an archive declares is not trusted.
    static let maxPartSize = 512 << 20

    private static func extract(_ archive: ZipParts, _ name: String, displayName: String) throws -> Data? {
        do {
            return try archive.extract(name, limit: maxPartSize)
        } catch ZipParts.Failure.tooLarge {
            throw tooLarge(displayName, name)
        } catch let ZipParts.Failure.damaged(why) {
            throw notAWorkbook(displayName, why)
        }
    }


    private static func tooLarge(_ displayName: String, _ name: String) -> MStoreError {
        notAWorkbook(displayName, "\(name) unpacks to more than \(maxPartSize >> 20) MiB (a zip bomb, or a sheet past a spreadsheet's limits)")
    }

    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// A format shows a date when, outside quoted text and [brackets], it has y or d.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for c in code {
            if escaped {
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case _ where "yYdD".contains(c) && !inQuotes && !inBrackets: return true
            default: break
            }
        }
        return false
    }

    static func notAWorkbook(_ name: String, _ why: String) -> MStoreError {
        .badRecord(SourceLocation(file: name, line: 1), problem: "cannot read the workbook: \(why)")
    }

    /// The cells of a sheet, row by row (row numbers from 1; missing rows are empty).
    func rows(ofSheet part: String) throws -> [[String]] {
        guard let data = try rawPart(part) else { throw Self.notAWorkbook(displayName, "the sheet part \(part) is missing") }
        let sheet = try XMLTree.parse(data, name: displayName + ": " + part)
        var rows: [[String]] = []
        for row in sheet.all("row") {
            let number = row.attributes["r"].flatMap(Int.init) ?? rows.count + 1
            guard number >= rows.count + 1, number <= 1_048_576 else { continue }
            while rows.count < number - 1 { rows.append([]) }
            var cells: [String] = []
            for c in row.children where c.name == "c" {
                let column = c.attributes["r"].flatMap(Self.columnIndex) ?? cells.count
                guard column < 16384 else { continue }
                while cells.count < column { cells.append("") }
                cells.append(text(of: c))
            }
            rows.append(cells)
        }
        // A sheet leaves empty cells out: every row with content spans the sheet's width.
        let width = rows.map(\.count).max() ?? 0
        return rows.map { $0.isEmpty ? $0 : $0 + Array(repeating: "", count: width - $0.count) }
    }

    /// A cell as text: dates as ISO, numbers as written in the file.
    private func text(of cell: XMLTree) -> String {
        let value = cell.children.first { $0.name == "v" }?.text() ?? ""
        switch cell.attributes["t"] ?? "n" {
        case "s": return Int(value).flatMap { $0 < sharedStrings.count ? sharedStrings[$0] : nil } ?? ""
        case "inlineStr": return cell.children.first { $0.name == "is" }?.text(skipping: "rPh") ?? ""
        case "str", "e": return value
        case "b": return value == "1" ? "TRUE" : "FALSE"
        case "d": return String(value.prefix(10))
        default:
            let style = cell.attributes["s"].flatMap(Int.init) ?? 0
            if style < dateStyles.count, dateStyles[style], let serial = Double(value) {
                return dayFromSerial(serial)?.description ?? value
            }
            return value
        }
    }

    /// Excel's serial day numbers: 1900 system (with its phantom 1900-02-29) or 1904.
    func dayFromSerial(_ serial: Double) -> Day? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int32(serial.rounded(.down))
        if date1904 { return Day(ordinal: whole - 24107) }
        // Serials before 1900-03-01 count from 1899-12-31 (Excel's 1900 is a leap year).
        return Day(ordinal: whole < 61 ? whole - 25568 : whole - 25569)
    }

    /// `BC12` → 54 (0-based column).
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0
        var letters = 0
        for c in reference.unicodeScalars {
            guard c.value >= 65 && c.value <= 90 else { break }
            n = n * 26 + Int(c.value - 64)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : n - 1
    }

    /// The sheet that holds a table with a date column: the first whose rows include two
    /// with a date and a number (a notes sheet has none).
    func defaultSheet() throws -> (name: String, rows: [[String]]) {
        for sheet in sheets {
            let rows = try rows(ofSheet: sheet.part)
            var tableRows = 0
            // A year a row under `Year,Jan,…,Dec` (the BLS series report) is a table too.
            if let h = rows.prefix(300).firstIndex(where: Sniffer.isYearMonthHeader), h + 1 < rows.count, !rows[h + 1].isEmpty,
                HeaderBand.isYear(rows[h + 1][0].trimmingSpaces)
            {
                return (sheet.name, rows)
            }
            for row in rows.prefix(300) {
                // A date and a number in another cell: values such as 3138.7 or 2025 look
                // like dates on their own, so only the first date-like cell is the date.
                guard let date = row.firstIndex(where: { Sniffer.looksLikeDate($0) }) else { continue }
                let number = row.indices.contains { $0 != date && !row[$0].isEmpty && Double(row[$0].trimmingSpaces) != nil }
                if number { tableRows += 1 }
                if tableRows >= 2 { return (sheet.name, rows) }
            }
        }
        throw MStoreError.badRecord(
            SourceLocation(file: displayName, line: 1),
            problem: "no sheet holds a table with a date column (sheets: \(sheets.map { quoted($0.name) }.joined(separator: ", "))); choose one with --sheet")
    }

    /// The sheet named `name` (case-insensitive).
    func sheet(named name: String) throws -> (name: String, rows: [[String]]) {
        guard let s = sheets.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw MStoreError.usage("--sheet \(name): \(displayName) has no such sheet (sheets: \(sheets.map { quoted($0.name) }.joined(separator: ", ")))")
        }
        return (s.name, try rows(ofSheet: s.part))
    }
}
