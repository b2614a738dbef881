import ArgumentParser
import MStore

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `-o`: how and where a command writes its data.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output format: table, csv, tsv, json or ndjson (default: table on a terminal, csv otherwise, or from the -o file's extension).",
            valueName: "format"))
    var format: OutputFormat?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Start csv/tsv output with a byte-order mark, so Excel reads it as UTF-8.")
    var bom = false

    var resolvedFormat: OutputFormat {
        if let format { return format }
        if let output { return OutputFormat.forFile(output) ?? .csv }
        return isTerminal(1) ? .table : .csv
    }

    func emit(_ table: ResultTable) throws {
        let format = resolvedFormat
        let mark = bom && (format == .csv || format == .tsv) ? "\u{FEFF}" : ""
        try emitText(mark + table.rendered(as: format))
    }

    func emitText(_ text: String) throws {
        if let output {
            try writeAtomically(text, to: output)
        } else {
            writeToStandardOutput(text)
        }
    }
}
