import ArgumentParser
import Foundation
import MStore

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `-o`: how and where a command writes its data.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output format: table, csv, tsv, json, ndjson or xlsx (default: table on a terminal, csv otherwise, or from the -o file's extension).",
            valueName: "format"))
    var format: OutputFormat?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Start csv/tsv output with a byte-order mark, so Excel reads it as UTF-8.")
    var bom = false

    @Flag(help: "table: add a sparkline under each numeric column.")
    var spark = false

    @Option(help: ArgumentHelp("xlsx: the sheet to write; added to the -o workbook, replacing a sheet of that name.", valueName: "name"))
    var sheet: String?

    func validate() throws {
        if let output, format == nil, OutputFormat.forFile(output) == nil, !isSpecialFile(output) {
            throw ValidationError(
                "-o \(output): mstore cannot tell a format from that name (it writes csv, tsv, json, ndjson, xlsx and table text; .csv, .tsv, .json, .ndjson, .xlsx, .txt): give --format, or a name with one of those extensions")
        }
        if sheet != nil && resolvedFormat != .xlsx {
            throw ValidationError("--sheet adds a sheet to an xlsx workbook: write one with -o FILE.xlsx (or --format xlsx)")
        }
    }

    var resolvedFormat: OutputFormat {
        if let format { return format }
        if let output { return OutputFormat.forFile(output) ?? .csv }  // /dev/stdout, a FIFO
        return isTerminal(1) ? .table : .csv
    }

    /// Writes `table`; when it has no rows, `whenEmpty` says why on standard error.
    func emit(_ table: ResultTable, whenEmpty: (() -> String)? = nil, metadata: (() throws -> ResultTable)? = nil) throws {
        if table.rows.isEmpty, let whenEmpty { note(whenEmpty()) }
        let format = resolvedFormat
        if format == .xlsx {
            try emitWorkbook(table, metadata: metadata)
            return
        }
        if format == .csv || format == .tsv {
            let bytes = table.delimitedBytes(format)
            try emitBytes(bom ? Array("\u{FEFF}".utf8) + bytes : bytes)
            return
        }
        try emitText(spark && format == .table ? table.renderedWithSparklines() : table.rendered(as: format))
    }

    func emitBytes(_ bytes: [UInt8]) throws {
        if let output {
            try writeAtomically(bytes: bytes, to: output)
        } else {
            writeBytesToStandardOutput(bytes)
        }
    }

    func emitText(_ text: String) throws { try emitBytes(Array(text.utf8)) }
}

/// A device, a FIFO or a socket (`/dev/stdout`, `<(…)`): written as csv unless told.
func isSpecialFile(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let kind = info.st_mode & S_IFMT
    return kind == S_IFIFO || kind == S_IFCHR || kind == S_IFSOCK
}

extension OutputOptions {
    /// Writes (or adds a sheet to) an xlsx workbook: the data sheet, then the series'
    /// metadata when the command knows its series.
    func emitWorkbook(_ table: ResultTable, metadata: (() throws -> ResultTable)?) throws {
        try Workbook.checkFits(table)
        guard let output else {
            guard !isTerminal(1) else { throw MStoreError.usage("xlsx is binary: write it to a file with -o FILE.xlsx") }
            var book = Workbook()
            book.setSheet(sheet ?? "data", table)
            if let metadata { book.setSheet("metadata", try metadata()) }
            writeBytesToStandardOutput(book.bytes())
            return
        }
        var book = Workbook()
        if sheet != nil, let existing = FileManager.default.contents(atPath: output) {
            book = try Workbook(bytes: Array(existing), path: output)
        }
        let name = sheet ?? "data"
        book.setSheet(name, table)
        if let metadata { book.setSheet(sheet == nil ? "metadata" : "\(name) metadata", try metadata()) }
        try writeAtomically(bytes: book.bytes(), to: output)
    }
}
