#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pull parser for JSON (RFC 8259) that reads a file in 64 KiB chunks: memory stays
/// bounded by the deepest nesting and the longest string, not by the file.
///
/// Each call to ``next()`` returns one event; ``line`` is the line the last event began on.
final class JSONStream {
    enum Event: Equatable {
        case objectStart, objectEnd, arrayStart, arrayEnd
        case key(String)
        case string(String)
        /// The number as written (checked against JSON's grammar).
        case number(String)
        case bool(Bool)
        case null
    }

    static let maxDepth = 64
    static let maxString = 1 << 20

    private enum State {
        case objectKey(first: Bool), objectValue, objectAfterValue
        case arrayValue(first: Bool), arrayAfterValue
    }

    private let fd: Int32
    private let name: String
    private var buffer = [UInt8](repeating: 0, count: 65536)
    private var pos = 0
    private var end = 0
    private var eof = false
    private var stack: [State] = []
    private var started = false
    /// Several top-level values may follow one another.
    var allowsSequence = false
    /// The line the last event began on (1-based).
    private(set) var line = 1
    private var currentLine = 1
    private var lineStart = 0
    private var consumed = 0

    init(path: String, displayName: String) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MStoreError.openFailure(path: displayName, errno: errno) }
        name = displayName
    }

    deinit { close(fd) }

    // MARK: - Bytes

    private func fill() throws -> Bool {
        if pos < end { return true }
        if eof { return false }
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { throw MStoreError.io(path: name, message: "read failed: \(String(cString: strerror(errno)))") }
        if n == 0 {
            eof = true
            return false
        }
        pos = 0
        end = n
        return true
    }

    private func peek() throws -> UInt8? {
        try fill() ? buffer[pos] : nil
    }

    private func take() throws -> UInt8? {
        guard try fill() else { return nil }
        let c = buffer[pos]
        pos += 1
        consumed += 1
        if c == 10 {
            currentLine += 1
            lineStart = consumed
        }
        return c
    }

    private func skipSpace() throws {
        while let c = try peek(), c == 32 || c == 9 || c == 10 || c == 13 { _ = try take() }
    }

    func error(_ what: String) -> MStoreError {
        .badRecord(SourceLocation(file: name, line: currentLine), problem: "not valid JSON at column \(consumed - lineStart + 1): \(what)")
    }

    // MARK: - Events

    /// The next event, or `nil` after the one top-level value (and only white space after it).
    func next() throws -> Event? {
        while true {
            try skipSpace()
            line = currentLine
            guard let top = stack.last else {
                if started {
                    guard try peek() != nil else { return nil }
                    // Pages of one answer, one after another (as `mstore fetch` keeps them).
                    guard allowsSequence else { throw error("more text after the end of the JSON value") }
                    return try value()
                }
                started = true
                if try peek() == nil { throw error("the file is empty") }
                return try value()
            }
            switch top {
            case let .objectKey(first):
                if first, try peek() == UInt8(ascii: "}") {
                    _ = try take()
                    stack.removeLast()
                    return .objectEnd
                }
                guard try peek() == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
                let key = try string()
                try skipSpace()
                guard try take() == UInt8(ascii: ":") else { throw error("expected : after the key \(quoted(key))") }
                stack[stack.count - 1] = .objectValue
                return .key(key)
            case .objectValue:
                stack[stack.count - 1] = .objectAfterValue
                return try value()
            case .objectAfterValue:
                switch try take() {
                case UInt8(ascii: ","): stack[stack.count - 1] = .objectKey(first: false)
                case UInt8(ascii: "}"):
                    stack.removeLast()
                    return .objectEnd
                default: throw error("expected , or } in an object")
                }
            case let .arrayValue(first):
                if first, try peek() == UInt8(ascii: "]") {
                    _ = try take()
                    stack.removeLast()
                    return .arrayEnd
                }
                stack[stack.count - 1] = .arrayAfterValue
                return try value()
            case .arrayAfterValue:
                switch try take() {
                case UInt8(ascii: ","): stack[stack.count - 1] = .arrayValue(first: false)
                case UInt8(ascii: "]"):
                    stack.removeLast()
                    return .arrayEnd
                default: throw error("expected , or ] in an array")
                }
            }
        }
    }

    /// Skips the value whose first event was `first` (a whole object or array).
    func skip(after first: Event) throws {
        guard first == .objectStart || first == .arrayStart else { return }
        var depth = 1
        while depth > 0 {
            guard let e = try next() else { throw error("the file ends inside a value") }
            if e == .objectStart || e == .arrayStart { depth += 1 }
            if e == .objectEnd || e == .arrayEnd { depth -= 1 }
        }
    }

    private func push(_ state: State) throws {
        guard stack.count < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels deep") }
        stack.append(state)
    }

    private func value() throws -> Event {
        guard let c = try peek() else { throw error("the file ends where a value was expected") }
        switch c {
        case UInt8(ascii: "{"):
            _ = try take()
            try push(.objectKey(first: true))
            return .objectStart
        case UInt8(ascii: "["):
            _ = try take()
            try push(.arrayValue(first: true))
            return .arrayStart
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default: throw error("unexpected character \(quoted(String(UnicodeScalar(c))))")
        }
    }

    private func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard try take() == expected else { throw error("expected \(word)") }
        }
    }

    private func number() throws -> String {
        var bytes: [UInt8] = []
        func digits() throws -> Int {
            var n = 0
            while let c = try peek(), c &- 48 < 10 {
                bytes.append(try take()!)
                n += 1
                guard bytes.count <= 400 else { throw error("a number longer than 400 characters") }
            }
            return n
        }
        if try peek() == UInt8(ascii: "-") { bytes.append(try take()!) }
        let leadingZero = try peek() == UInt8(ascii: "0")
        let whole = try digits()
        guard whole > 0, !(leadingZero && whole > 1) else { throw error("a number must start with one digit, or 0 alone") }
        if try peek() == UInt8(ascii: ".") {
            bytes.append(try take()!)
            guard try digits() > 0 else { throw error("expected digits after the decimal point") }
        }
        if let c = try peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            bytes.append(try take()!)
            if let s = try peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { bytes.append(try take()!) }
            guard try digits() > 0 else { throw error("expected digits in the exponent") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = try take() else { throw error("the file ends inside a \\u escape") }
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw error("expected four hex digits after \\u")
            }
            v = v << 4 | d
        }
        return v
    }

    private func string() throws -> String {
        _ = try take()  // the opening quote
        var bytes: [UInt8] = []
        while true {
            guard let c = try take() else { throw error("the file ends inside a string") }
            guard bytes.count < Self.maxString else { throw error("a string longer than 1 MiB") }
            switch c {
            case UInt8(ascii: "\""):
                guard let s = String(validating: bytes, as: UTF8.self) else { throw error("a string that is not valid UTF-8") }
                return s
            case UInt8(ascii: "\\"):
                guard let e = try take() else { throw error("the file ends inside a string") }
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
                case UInt8(ascii: "b"): bytes.append(8)
                case UInt8(ascii: "f"): bytes.append(12)
                case UInt8(ascii: "n"): bytes.append(10)
                case UInt8(ascii: "r"): bytes.append(13)
                case UInt8(ascii: "t"): bytes.append(9)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard try take() == UInt8(ascii: "\\"), try take() == UInt8(ascii: "u") else { throw error("a lone UTF-16 surrogate in \\u escapes") }
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("a lone UTF-16 surrogate in \\u escapes") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("a lone UTF-16 surrogate in \\u escapes") }
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                default: throw error("an unknown escape \\\(String(UnicodeScalar(e)))")
                }
            case 0..<32: throw error("a control character inside a string (write it as an escape)")
            default: bytes.append(c)
            }
        }
    }
}
