/// Where in an input file something was found: file name, 1-based line and column.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// 1-based field number; `nil` when the problem concerns a whole line.
    public var column: Int?
    /// The header name of the column, when the file has one.
    public var columnName: String?

    /// A place in an input file; the column (1-based) and its header name when known.
    public init(file: String, line: Int, column: Int? = nil, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// The place as `file:line:column` (with the column's name when known).
    public var description: String {
        var s = "\(file):\(line)"
        if let column { s += ":\(column)" }
        return s
    }
}

/// Every failure mstore reports. Each case carries what a user needs to find and fix it.
///
/// Problems with data, files, flags and the store are reported as one of these, with a
/// one-line ``description`` and an ``exitCode`` scripts can test; only programmer mistakes
/// (a broken invariant) stop with a precondition.
public enum MStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value in an input file is not what its column must hold.
    case badValue(SourceLocation, value: String, expected: String)
    /// A line or the header of an input file has the wrong shape.
    case badRecord(SourceLocation, problem: String)
    /// The same series and date appear twice in one file with different values.
    case conflictingValues(file: String, key: String, date: Day, firstLine: Int, firstValue: Double, line: Int, value: Double)
    /// A file, a directory or a series that does not exist.
    case notFound(what: String, hint: String)
    /// The command was used wrongly (a bad flag value, a refused SQL statement).
    case usage(String)
    /// SQL given to `mstore sql` is not valid.
    case badSQL(String)
    /// Reading or writing a file or the store failed.
    case io(path: String, message: String)
    /// A publisher could not be reached, or kept failing (after retries); the URL has any
    /// API key redacted.
    case network(url: String, message: String)
    /// A publisher answered that the request is wrong (a bad series id or API key), in its
    /// own words; the URL has any API key redacted.
    case publisher(url: String, message: String)

    /// The process exit code for this failure (see `mstore --help`).
    public var exitCode: Int32 {
        switch self {
        case .usage: return ExitStatus.usage
        case .badValue, .badRecord, .conflictingValues, .badSQL: return ExitStatus.dataError
        case .notFound: return ExitStatus.noInput
        case .io: return ExitStatus.ioError
        case .network: return ExitStatus.unavailable
        case .publisher: return ExitStatus.dataError
        }
    }

    /// The one-line message shown after `mstore: error:`.
    public var description: String {
        switch self {
        case let .badValue(loc, value, expected):
            let column = loc.columnName.map { " in column \"\($0)\"" } ?? ""
            return "\(loc): bad value \(quoted(value))\(column): expected \(expected)"
        case let .badRecord(loc, problem):
            return "\(loc): \(problem)"
        case let .conflictingValues(file, key, date, firstLine, firstValue, line, value):
            return "\(file):\(line): \(key) on \(date) is \(formatNumber(value)) here but \(formatNumber(firstValue)) on line \(firstLine): "
                + "a file may give one value per series and date (if its rows hold several series, name the columns that tell them apart with --key-column A,B)"
        case let .notFound(what, hint):
            return "\(what) not found" + (hint.isEmpty ? "" : ": \(hint)")
        case let .usage(message):
            return message
        case let .badSQL(message):
            return "SQL error: \(message)"
        case let .io(path, message):
            return "\(path): \(message)"
        case let .network(url, message):
            return "\(url): \(message)"
        case let .publisher(url, message):
            return "\(url): the publisher said: \(message)"
        }
    }
}

extension MStoreError {
    /// The same failure with every occurrence of `secret` (an API key) in its text replaced
    /// by `REDACTED`.
    public func redacting(_ secret: String) -> MStoreError {
        guard !secret.isEmpty else { return self }
        func r(_ s: String) -> String { s.replacingOccurrences(of: secret, with: "REDACTED") }
        func r(_ l: SourceLocation) -> SourceLocation {
            SourceLocation(file: r(l.file), line: l.line, column: l.column, columnName: l.columnName.map { r($0) })
        }
        switch self {
        case let .badValue(loc, value, expected): return .badValue(r(loc), value: r(value), expected: r(expected))
        case let .badRecord(loc, problem): return .badRecord(r(loc), problem: r(problem))
        case let .conflictingValues(file, key, date, firstLine, firstValue, line, value):
            return .conflictingValues(file: r(file), key: r(key), date: date, firstLine: firstLine, firstValue: firstValue, line: line, value: value)
        case let .notFound(what, hint): return .notFound(what: r(what), hint: r(hint))
        case let .usage(message): return .usage(r(message))
        case let .badSQL(message): return .badSQL(r(message))
        case let .io(path, message): return .io(path: r(path), message: r(message))
        case let .network(url, message): return .network(url: r(url), message: r(message))
        case let .publisher(url, message): return .publisher(url: r(url), message: r(message))
        }
    }
}

/// Exit codes, after BSD's sysexits.h.
public enum ExitStatus {
    /// Success.
    public static let ok: Int32 = 0
    /// An unexpected failure.
    public static let failure: Int32 = 1
    /// A bad flag or argument, or SQL that would write (EX_USAGE).
    public static let usage: Int32 = 64
    /// Bad data in an input file, or invalid SQL (EX_DATAERR).
    public static let dataError: Int32 = 65
    /// A file, the store or a series that does not exist (EX_NOINPUT).
    public static let noInput: Int32 = 66
    /// A publisher could not be reached or kept failing (EX_UNAVAILABLE).
    public static let unavailable: Int32 = 69
    /// Reading or writing a file or the store failed (EX_IOERR).
    public static let ioError: Int32 = 74
    /// `mstore update`: some sources failed while the others were stored (EX_TEMPFAIL: run
    /// it again later).
    public static let partial: Int32 = 75
}

/// Quotes a value for an error message, showing invisible characters.
func quoted(_ value: String) -> String {
    var s = "\""
    for scalar in value.unicodeScalars.prefix(80) {
        switch scalar {
        case "\"": s += "\\\""
        case "\\": s += "\\\\"
        case "\n": s += "\\n"
        case "\r": s += "\\r"
        case "\t": s += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7f:
            s += "\\u{\(String(scalar.value, radix: 16))}"
        default: s.unicodeScalars.append(scalar)
        }
    }
    if value.unicodeScalars.count > 80 { s += "…" }
    return s + "\""
}

/// The shortest text that reads back as the same double; integers without a fraction.
public func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return "\(value)"
}

/// `value` with exactly `digits` decimals (no exponent), e.g. `fixed(0.126, digits: 2) == "0.13"`.
public func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e18 else { return "\(value)" }
    let n = Int64(scaled)
    let whole = n / Int64(scale)
    var frac = String(n % Int64(scale))
    while frac.count < digits { frac = "0" + frac }
    let sign = value < 0 && n != 0 ? "-" : ""
    return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
}
