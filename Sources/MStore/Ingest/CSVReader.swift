#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming RFC 4180 reader over a file descriptor.
///
/// Reads in fixed-size chunks and never holds more than one chunk plus the current record:
/// quoted fields, doubled quotes, embedded newlines, CRLF, LF or CR line ends and a leading
/// UTF-8 byte-order mark are all handled. Blank lines are skipped (but counted, so line
/// numbers in messages match what an editor shows).
///
/// ```swift
/// let reader = try CSVReader(path: "WRESBAL.csv")
/// while try reader.next() {
///     print(reader.line, reader.string(at: 0))
/// }
/// ```
final class CSVReader {
    let fileName: String
    let delimiter: UInt8
    private let fd: Int32
    private let ownsDescriptor: Bool

    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var start = 0  // first unconsumed byte
    @exclusivity(unchecked) private var end = 0  // one past the last valid byte
    @exclusivity(unchecked) private var eof = false
    @exclusivity(unchecked) private var consumedBefore = 0  // bytes dropped from the buffer before `start`
    @exclusivity(unchecked) private var hasher: BackgroundHasher?
    @exclusivity(unchecked) private var validated = 0  // bytes before this index are known to be valid UTF-8

    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var fieldEnds: [Int] = []
    @exclusivity(unchecked) private var nextLine = 1
    @exclusivity(unchecked) private var atStart = true

    /// The 1-based line on which the current record starts.
    private(set) var line = 0
    /// Number of fields in the current record.
    var count: Int { fieldEnds.count }
    /// The input file's identity now (through the open descriptor).
    var descriptorIdentity: FileIdentity? { FileIdentity(descriptor: fd) }
    /// Bytes read from the input so far.
    var bytesRead: Int { consumedBefore + end }

    static let chunkSize = 1 << 20
    /// Limits that keep memory bounded whatever the input (documented in the README): a
    /// record of at most 16 MiB, a field of at most 1 MiB, at most 100,000 fields a record.
    static let maxRecordSize = 16 << 20
    static let maxFieldSize = 1 << 20
    static let maxFields = 100_000

    /// Opens `path`; `-` reads standard input.
    convenience init(path: String, displayName: String? = nil, hashing: Bool = false, delimiter: UInt8 = UInt8(ascii: ",")) throws {
        if path == "-" {
            self.init(descriptor: 0, owned: false, fileName: displayName ?? "<stdin>", hashing: hashing, delimiter: delimiter)
        } else {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw MStoreError.openFailure(path: path, errno: errno) }
            self.init(descriptor: fd, owned: true, fileName: displayName ?? path, hashing: hashing, delimiter: delimiter)
        }
    }

    /// - Parameter chunkSize: bytes per read; small values exercise the chunk boundaries in tests.
    init(descriptor: Int32, owned: Bool, fileName: String, hashing: Bool, delimiter: UInt8, chunkSize: Int = CSVReader.chunkSize) {
        fd = descriptor
        ownsDescriptor = owned
        self.fileName = fileName
        self.delimiter = delimiter
        capacity = max(1, chunkSize)
        buffer = .allocate(capacity: capacity)
        hasher = hashing ? BackgroundHasher() : nil
        scratch.reserveCapacity(256)
        fieldEnds.reserveCapacity(16)
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// The SHA-256 of everything read, once the input is exhausted (only when hashing).
    func digest() -> String? {
        guard let hasher, eof else { return nil }
        return hasher.finalize()
    }

    /// The first `n` bytes of the input (after a byte-order mark), without consuming them.
    func peekBytes(_ n: Int) throws -> [UInt8] {
        if atStart {
            guard try ensure(3) else { return [] }
            if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
            atStart = false
        }
        while end - start < n, !eof, end < capacity { _ = try refill() }
        return Array(UnsafeBufferPointer(start: buffer + start, count: min(n, end - start)))
    }

    /// Calls `body` with the raw bytes of field `index` (unquoted, unescaped).
    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let lower = index == 0 ? 0 : fieldEnds[index - 1]
        let upper = fieldEnds[index]
        return try scratch.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[lower..<upper]))
        }
    }

    /// Field `index` as a string (invalid UTF-8 is replaced).
    func string(at index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// All fields of the current record as strings.
    var strings: [String] { (0..<count).map(string(at:)) }

    /// Whether the current record is `header` again (trimmed, nothing after it): another
    /// table of the same columns starts here.
    func repeats(_ header: [String]) -> Bool {
        count >= header.count && header.indices.allSatisfy { string(at: $0).trimmingSpaces == header[$0] }
            && (header.count..<count).allSatisfy { string(at: $0).trimmingSpaces.isEmpty }
    }

    /// Advances to the next non-blank record; `false` at the end of the input.
    func next() throws -> Bool {
        while true {
            switch try parseRecord() {
            case .record: return true
            case .blank: continue
            case .endOfInput: return false
            }
        }
    }

    private enum Outcome { case record, blank, endOfInput }

    private func parseRecord() throws -> Outcome {
        while true {
            if atStart {
                guard try ensure(3) else { return .endOfInput }
                if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
                atStart = false
            }
            if start == end {
                guard try refill() else { return .endOfInput }
            }
            if let outcome = try scan() { return outcome }
            // The record runs past the buffer: keep it, read more, and scan again.
            guard try refill() else {
                // The input ended inside the record: scan once more knowing it is the end.
                if let outcome = try scan() { return outcome }
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: nextLine), problem: "the file ends inside a quoted field (a closing \" is missing)")
            }
        }
    }

    /// Scans one record starting at `start`. Returns `nil` when it needs more bytes.
    private func scan() throws -> Outcome? {
        scratch.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        var p = start
        var lines = 0
        let d = delimiter
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        fieldLoop: while true {
            // One field.
            if p < end, buffer[p] == quote {
                p += 1
                while true {
                    guard p < end else { return nil }
                    let c = buffer[p]
                    if c == quote {
                        guard p + 1 < end else {
                            if eof { p += 1; break }
                            return nil
                        }
                        if buffer[p + 1] == quote {
                            scratch.append(quote)
                            p += 2
                            continue
                        }
                        p += 1
                        break
                    }
                    if c == 0 { throw nulError(at: p, line: nextLine + lines) }
                    if c == lf { lines += 1 }
                    scratch.append(c)
                    p += 1
                }
                // After a closing quote: delimiter, line end or end of input.
                if p < end, buffer[p] != d, buffer[p] != lf, buffer[p] != cr {
                    throw MStoreError.badRecord(
                        SourceLocation(file: fileName, line: nextLine + lines, column: fieldEnds.count + 1),
                        problem: "unexpected \(quoted(String(decoding: [buffer[p]], as: UTF8.self))) after a closing quote (quotes inside a quoted field are written \"\")")
                }
            } else {
                var q = p
                while q < end {
                    let c = buffer[q]
                    if c == d || c == lf || c == cr { break }
                    if c == 0 { throw nulError(at: q, line: nextLine + lines) }
                    q += 1
                }
                if q == end && !eof { return nil }
                if q > p { scratch.append(contentsOf: UnsafeBufferPointer(start: buffer + p, count: q - p)) }
                p = q
            }
            if scratch.count - (fieldEnds.last ?? 0) > Self.maxFieldSize {
                throw MStoreError.badRecord(
                    SourceLocation(file: fileName, line: nextLine, column: fieldEnds.count + 1),
                    problem: "a field longer than \(Self.maxFieldSize >> 20) MiB (is a quote left open?)")
            }
            fieldEnds.append(scratch.count)
            if fieldEnds.count > Self.maxFields {
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: nextLine), problem: "a record of more than \(Self.maxFields) fields")
            }
            // What ends the field.
            if p == end {
                guard eof else { return nil }
                break fieldLoop
            }
            let c = buffer[p]
            if c == d {
                p += 1
                continue fieldLoop
            }
            if c == cr {
                guard p + 1 < end || eof else { return nil }
                p += (p + 1 < end && buffer[p + 1] == lf) ? 2 : 1
            } else {
                p += 1
            }
            lines += 1
            break fieldLoop
        }
        start = p
        line = nextLine
        nextLine += lines
        if fieldEnds.count == 1 && scratch.isEmpty { return .blank }
        return .record
    }

    /// Checks the bytes from `validated` to `end`, leaving an incomplete last sequence for later.
    private func validateUTF8() throws {
        var i = validated
        while i < end {
            // Eight ASCII bytes at a time.
            if i + 8 <= end, UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = buffer[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let length: Int
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: throw notUTF8(at: i)
            }
            if i + length > end { break }  // completed by the next read
            for k in 1..<length where buffer[i + k] & 0xC0 != 0x80 { throw notUTF8(at: i) }
            // Overlong and out-of-range forms.
            if (c == 0xE0 && buffer[i + 1] < 0xA0) || (c == 0xED && buffer[i + 1] > 0x9F) || (c == 0xF0 && buffer[i + 1] < 0x90)
                || (c == 0xF4 && buffer[i + 1] > 0x8F)
            {
                throw notUTF8(at: i)
            }
            i += length
        }
        validated = i
    }

    private func notUTF8(at offset: Int) -> MStoreError {
        // The bad byte may lie in a record already consumed (an incomplete sequence at the
        // very end of the input), so count lines back from `start` as well as forward.
        let index = Swift.max(0, Swift.min(offset, end - 1))
        var line = nextLine
        if index >= start {
            for k in start..<index where buffer[k] == 10 { line += 1 }
        } else {
            for k in index..<start where buffer[k] == 10 { line -= 1 }
        }
        let byte = index < end ? "0x" + String(buffer[index], radix: 16, uppercase: true) : "?"
        return .badRecord(
            SourceLocation(file: fileName, line: Swift.max(1, line)),
            problem: "not UTF-8 at byte offset \(consumedBefore + index) (byte \(byte)); save the file as UTF-8")
    }

    private func nulError(at index: Int, line: Int) -> MStoreError {
        .badRecord(SourceLocation(file: fileName, line: line), problem: "NUL byte at byte offset \(consumedBefore + index): not a text file")
    }

    /// Makes sure at least `n` bytes are buffered unless the input ends first.
    private func ensure(_ n: Int) throws -> Bool {
        while end - start < n && !eof { _ = try refill() }
        return end > start
    }

    /// Moves the unconsumed bytes to the front and reads more. `false` when nothing more came.
    private func refill() throws -> Bool {
        if eof { return false }
        if start > 0 {
            let keep = end - start
            if keep > 0 { (buffer).update(from: buffer + start, count: keep) }
            consumedBefore += start
            validated -= start
            end = keep
            start = 0
        }
        if end == capacity {
            guard capacity < Self.maxRecordSize else {
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: nextLine), problem: "a record longer than \(Self.maxRecordSize >> 20) MiB (is a quote left open?)")
            }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while true {
            let n = read(fd, buffer + end, capacity - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw MStoreError.io(path: fileName, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                eof = true
                if validated < end { throw notUTF8(at: validated) }
                return false
            }
            hasher?.update(Array(UnsafeBufferPointer(start: buffer + end, count: n)))
            end += n
            try validateUTF8()
            return true
        }
    }
}

extension MStoreError {
    static func openFailure(path: String, errno code: Int32) -> MStoreError {
        if code == ENOENT {
            return .notFound(what: "file \(quoted(path))", hint: "check the path")
        }
        return .io(path: path, message: String(cString: strerror(code)))
    }
}
