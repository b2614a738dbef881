/// An .xlsx workbook of result tables, one sheet each.
///
/// Dates are real date cells (serial numbers with a `yyyy-mm-dd` format), numbers are
/// numbers, text is text (text that starts like a formula gets the cell style a
/// spreadsheet gives a typed `'`, so it shows exactly as stored and never runs), columns
/// are as wide as their content, and each sheet's header row is frozen. Parts are
/// deflated. Sheets can be added to or replaced in a workbook mstore wrote. A sheet holds
/// at most 1,048,576 rows, a spreadsheet's limit: a larger table is refused
/// (``checkFits(_:)``), never cut.
///
/// ```swift
/// var book = Workbook()
/// book.setSheet("funding", table)
/// try writeAtomically(bytes: book.bytes(), to: "book.xlsx")
/// ```
public struct Workbook: Sendable {
    /// Sheets in order: name and its worksheet XML.
    private(set) var sheets: [(name: String, xml: String)] = []

    /// An empty workbook.
    public init() {}

    /// Opens a workbook mstore wrote, to add or replace sheets.
    public init(bytes: [UInt8], path: String) throws {
        guard let archive = ZipArchive.read(bytes) ?? Self.readDeflated(bytes),
            let workbook = archive.entries.first(where: { $0.name == "xl/workbook.xml" }).map({ String(decoding: $0.data, as: UTF8.self) })
        else {
            throw MStoreError.io(path: path, message: "not a workbook mstore wrote (sheets can only be added to those); write to a new file")
        }
        var names: [String] = []
        var rest = Substring(workbook)
        while let r = rest.range(of: "<sheet name=\"") {
            rest = rest[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            names.append(unescapeXML(String(rest[..<end])))
        }
        for (i, name) in names.enumerated() {
            guard let sheet = archive.entries.first(where: { $0.name == "xl/worksheets/sheet\(i + 1).xml" }) else {
                throw MStoreError.io(path: path, message: "workbook lacks the sheet \(name)")
            }
            sheets.append((name, String(decoding: sheet.data, as: UTF8.self)))
        }
    }

    /// The rows a sheet can hold, its header included (Excel's and LibreOffice's limit).
    public static let maxRows = 1_048_576

    /// Throws ``MStoreError/usage(_:)`` when `table` (with its header row) has more rows
    /// than a sheet holds: a spreadsheet would drop the rest without a word.
    public static func checkFits(_ table: ResultTable) throws {
        guard table.rows.count + 1 > maxRows else { return }
        throw MStoreError.usage(
            "\(table.rows.count) rows do not fit in a spreadsheet (\(maxRows) rows a sheet, the header included): narrow the period, or write --format csv")
    }

    /// The entries of a deflated archive (a workbook mstore wrote).
    static func readDeflated(_ bytes: [UInt8]) -> ZipArchive? {
        guard let parts = try? ZipParts(data: Data(bytes)) else { return nil }
        var zip = ZipArchive()
        for name in parts.names {
            guard let data = (try? parts.extract(name, limit: WorkbookReader.maxPartSize)) ?? nil else { return nil }
            zip.entries.append(.init(name: name, data: Array(data)))
        }
        return zip
    }

    /// The sheets, in order.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// Adds `table` as sheet `name`, replacing a sheet of that name.
    public mutating func setSheet(_ name: String, _ table: ResultTable) {
        let clean = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        let xml = Self.worksheet(table)
        if let i = sheets.firstIndex(where: { $0.name.lowercased() == clean.lowercased() }) {
            sheets[i] = (clean, xml)
        } else {
            sheets.append((clean, xml))
        }
    }

    /// The workbook as an .xlsx file (a zip of SpreadsheetML parts).
    public func bytes() -> [UInt8] {
        var zip = ZipArchive()
        func add(_ name: String, _ text: String) { zip.entries.append(.init(name: name, data: Array(text.utf8))) }

        let overrides = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\(overrides)</Types>
            """)
        add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        let sheetList = sheets.enumerated().map { "<sheet name=\"\(xml($0.element.name))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
        add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetList)</sheets></workbook>
            """)
        let rels = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)<Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        add(
            "xl/styles.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        for (i, sheet) in sheets.enumerated() { add("xl/worksheets/sheet\(i + 1).xml", sheet.xml) }
        return Self.deflated(zip) ?? zip.bytes()
    }

    /// The entries as a deflated zip archive (ZIPFoundation), in order.
    static func deflated(_ zip: ZipArchive) -> [UInt8]? {
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { return nil }
        for entry in zip.entries {
            let data = Data(entry.data)
            do {
                try archive.addEntry(
                    with: entry.name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                    provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
            } catch {
                return nil
            }
        }
        return archive.data.map { Array($0) }
    }

    /// Column letters: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    static func worksheet(_ table: ResultTable) -> String {
        var rows = ""
        // Widths in characters, from the longest cell of each column (8 to 60).
        var widths = table.columns.map { $0.count + 2 }
        func text(_ ref: String, _ s: String, bold: Bool = false) -> String {
            // Text that starts like a formula gets the quote-prefix style: shown and stored
            // as written, never evaluated (the `'` of csv would become part of the value).
            let style = bold ? " s=\"2\"" : neutralized(s) != s ? " s=\"3\"" : ""
            return "<c r=\"\(ref)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(xml(s))</t></is></c>"
        }
        func widen(_ c: Int, _ n: Int) { if c < widths.count, n + 2 > widths[c] { widths[c] = n + 2 } }
        rows += "<row r=\"1\">" + table.columns.enumerated().map { text("\(column($0.offset))1", $0.element, bold: true) }.joined() + "</row>"
        for (r, row) in table.rows.enumerated() {
            let n = r + 2
            rows += "<row r=\"\(n)\">"
            for (c, cell) in row.enumerated() {
                let ref = "\(column(c))\(n)"
                switch cell {
                case .null: continue
                case let .integer(v):
                    let t = String(v)
                    widen(c, t.count)
                    rows += "<c r=\"\(ref)\"><v>\(t)</v></c>"
                case let .number(v):
                    if v.isFinite {
                        let t = formatNumber(v)
                        widen(c, min(t.count, 12))
                        rows += "<c r=\"\(ref)\"><v>\(t)</v></c>"
                    }
                case let .date(d):
                    widen(c, 10)
                    rows += "<c r=\"\(ref)\" s=\"1\"><v>\(Int(d.ordinal) + 25569)</v></c>"
                case let .text(s):
                    widen(c, s.count)
                    rows += text(ref, s)
                }
            }
            rows += "</row>"
        }
        let cols = widths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\(min(60, max(8, $0.element)))\" customWidth=\"1\"/>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>\(cols)</cols><sheetData>\(rows)</sheetData></worksheet>
            """
    }
}

func unescapeXML(_ s: String) -> String {
    s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
}

import Foundation
import ZIPFoundation
