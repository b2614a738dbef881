/// csv and tsv written straight into bytes: no string per cell. Numbers come out in the
/// same form as ``formatNumber(_:)`` (whole numbers without a decimal point, others in
/// their shortest exact form), dates as ISO, text quoted only when it holds the separator,
/// a quote or a line break.
struct DelimitedWriter: TextOutputStream {
    let separator: UInt8
    let lineEnd: [UInt8]
    var bytes: [UInt8] = []

    init(separator: UInt8, lineEnd: [UInt8], capacity: Int = 0) {
        self.separator = separator
        self.lineEnd = lineEnd
        bytes.reserveCapacity(capacity)
    }

    /// The dialect of `format`: csv with CRLF line ends (RFC 4180), tsv with LF.
    init(_ format: OutputFormat, capacity: Int = 0) {
        if format == .tsv {
            self.init(separator: UInt8(ascii: "\t"), lineEnd: [10], capacity: capacity)
        } else {
            self.init(separator: UInt8(ascii: ","), lineEnd: [13, 10], capacity: capacity)
        }
    }

    // TextOutputStream: `Double.write(to:)` hands its digits to `_writeASCII` from a stack
    // buffer, so a number costs no allocation.
    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    @inline(__always) mutating func nextField() { bytes.append(separator) }
    @inline(__always) mutating func endLine() { bytes.append(contentsOf: lineEnd) }

    /// Text as given (callers neutralize formulas), quoted when it must be.
    mutating func text(_ s: String) {
        let sep = separator
        if s.utf8.contains(where: { $0 == sep || $0 == 34 || $0 == 10 || $0 == 13 }) {
            bytes.append(34)
            for b in s.utf8 {
                if b == 34 { bytes.append(34) }
                bytes.append(b)
            }
            bytes.append(34)
        } else {
            bytes.append(contentsOf: s.utf8)
        }
    }

    /// `YYYY-MM-DD`.
    mutating func day(_ d: Day) { d.appendISO(to: &bytes) }

    /// A whole number (a short one's text is not allocated).
    mutating func integer(_ n: Int64) { bytes.append(contentsOf: String(n).utf8) }

    /// A number as ``formatNumber(_:)`` writes it; nothing for NaN and infinities.
    mutating func number(_ v: Double) {
        guard v.isFinite else { return }
        if v == v.rounded(), abs(v) < 1e15 {
            integer(Int64(v))
        } else {
            v.write(to: &self)
        }
    }

    mutating func cell(_ c: Cell) {
        switch c {
        case .null: break
        case let .integer(n): integer(n)
        case let .number(v): number(v)
        case let .text(t): text(neutralized(t))
        case let .date(d): day(d)
        }
    }
}
