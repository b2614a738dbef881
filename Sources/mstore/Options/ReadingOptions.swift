import ArgumentParser
import Foundation
import MStore

extension LayoutKind: ExpressibleByArgument {
    /// The layouts a CSV file can be forced into (JSON brings its own).
    public static var allValueStrings: [String] { allCases.filter { !$0.rawValue.hasSuffix("json") }.map(\.rawValue) }

    public init?(argument: String) {
        guard Self.allValueStrings.contains(argument) else { return nil }
        self.init(rawValue: argument)
    }
}
extension DateFormatOption: ExpressibleByArgument {}

/// How to read an input: every guess of the sniffer has a flag (`ingest`, and `fetch` for URLs).
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Force the layout: fred, alfred, nyfed, bls, long, wide, transposed, frb or sdmx.", valueName: "layout"))
    var layout: LayoutKind?

    @Option(help: ArgumentHelp("Field delimiter: , ; tab or |.", valueName: "char"))
    var delimiter: String?

    @Option(help: ArgumentHelp("Lines to skip before the header (a preamble; detected by default).", valueName: "n"))
    var skip: Int?

    @Option(help: ArgumentHelp("The date column, by header name or 1-based number.", valueName: "column"))
    var dateColumn: String?

    @Option(help: ArgumentHelp("How dates are written: auto, mdy, dmy or excel.", valueName: "format"))
    var dateFormat: DateFormatOption?

    @Option(help: ArgumentHelp("The series-key column of a long file; several, comma-separated, make a key joined by dots (COUNTRY,INDICATOR gives DE.CPI).", valueName: "column"))
    var keyColumn: String?

    @Option(help: ArgumentHelp("A value column (repeat for several).", valueName: "column"))
    var valueColumn: [String] = []

    @Option(help: ArgumentHelp("The sheet of an .xlsx workbook (default: the first with a table of dates).", valueName: "name"))
    var sheet: String?

    @Option(help: ArgumentHelp("The series key of a FRED API JSON file (default: the file name's stem).", valueName: "key"))
    var key: String?

    @Option(help: ArgumentHelp("Prefix every series key (SPX. turns Close into SPX.CLOSE).", valueName: "prefix"))
    var prefix: String?

    @Option(help: ArgumentHelp("Unit recorded for every series in the file.", valueName: "unit"))
    var unit: String?

    @Option(help: ArgumentHelp("Frequency recorded for every series (D, B, W-WED, M, Q, A).", valueName: "code"))
    var frequency: String?

    @Option(help: ArgumentHelp("Source recorded for every series (e.g. FRED, NYFED).", valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp("Missing-value markers, comma-separated (replaces the default set).", valueName: "list"))
    var missing: String?

    @Flag(help: "Numbers use a decimal comma (1.234,5); detected for ;-delimited files.")
    var decimalComma = false

    func validate() throws {
        try checkRange(skip, 0...1_000_000, flag: "--skip")
        if let delimiter { _ = try Self.delimiterByte(delimiter) }
        if let prefix, prefix.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--prefix: keys may not contain control characters")
        }
    }

    static func delimiterByte(_ text: String) throws -> UInt8 {
        switch text {
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "|": return UInt8(ascii: "|")
        case "tab", "\\t", "\t": return 9
        default: throw ValidationError("--delimiter \(text): expected , ; tab or |")
        }
    }

    /// Sets what these flags say on `options`.
    func apply(to options: inout IngestOptions) throws {
        options.layout = layout
        options.delimiter = try delimiter.map(Self.delimiterByte)
        options.skipLines = skip
        options.dateColumn = dateColumn
        options.dateFormat = dateFormat
        options.keyColumn = keyColumn
        options.valueColumns = valueColumn.isEmpty ? nil : valueColumn
        options.prefix = prefix
        options.key = key
        options.sheet = sheet
        options.unit = unit
        options.frequency = frequency
        options.source = source
        options.missing = missing.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        options.decimalComma = decimalComma ? true : nil
    }

    /// The flags as given, to read the same source the same way later (`mstore update`):
    /// read off the declarations above (each property's name is its flag), so that a flag
    /// added there is replayed with no second list to keep.
    var arguments: [String] {
        var args: [String] = []
        for child in Mirror(reflecting: self).children {
            guard var name = child.label, let value = child.value as? any ReplayableArgument else { continue }
            if name.hasPrefix("_") { name.removeFirst() }
            let flag = "--" + name.unicodeScalars.map { CharacterSet.uppercaseLetters.contains($0) ? "-" + String($0).lowercased() : String($0) }.joined()
            for text in value.replayed {
                args += text.map { [flag, $0] } ?? [flag]
            }
        }
        return args
    }
}

/// An option or flag that says how it was given: each value as text (nil for a flag that
/// takes none), nothing when it was not given.
protocol ReplayableArgument {
    var replayed: [String?] { get }
}

/// A value that becomes one argument again.
protocol ArgumentText {
    var argumentText: String { get }
}

extension String: ArgumentText { var argumentText: String { self } }
extension Int: ArgumentText { var argumentText: String { String(self) } }
extension LayoutKind: ArgumentText { var argumentText: String { rawValue } }
extension DateFormatOption: ArgumentText { var argumentText: String { rawValue } }

extension Option: ReplayableArgument {
    var replayed: [String?] {
        var value: Any = wrappedValue
        // An optional that was not given says nothing.
        if let optional = value as? any OptionalArgument {
            guard let wrapped = optional.wrapped else { return [] }
            value = wrapped
        }
        switch value {
        case let values as [any ArgumentText]: return values.map(\.argumentText)
        case let value as any ArgumentText: return [value.argumentText]
        default: preconditionFailure("ReadingOptions: an option of a type with no ArgumentText")
        }
    }
}

extension Flag: ReplayableArgument {
    var replayed: [String?] {
        guard let on = wrappedValue as? Bool else { preconditionFailure("ReadingOptions: a flag that is not a Bool") }
        return on ? [nil] : []
    }
}

/// An optional's value, whatever it wraps.
protocol OptionalArgument { var wrapped: Any? { get } }
extension Optional: OptionalArgument { var wrapped: Any? { self.map { $0 as Any } } }
