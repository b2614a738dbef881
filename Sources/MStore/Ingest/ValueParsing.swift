#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parsers for the cells of an input file, working on raw bytes for speed.
enum ValueParsing {
    /// What a date cell may look like (shown in error messages).
    static let dateExpectation = "a date such as 2025-10-30, 10/30/2025, 20251030, Oct 30 2025, 2025-10 or 2025Q4"
    /// What a number cell may look like (shown in error messages).
    static let numberExpectation = "a number such as 12, -0.5, 1.2e3, 1,234.5, (12), $5 or 4.3%, or a missing-value marker"

    /// Parses `YYYY-MM-DD`, `YYYY-MM` (first of the month) or `YYYY` (1 January): the forms
    /// mstore writes, and the fast path of ``DateParser``.
    static func isoDate(_ raw: UnsafeBufferPointer<UInt8>) -> Day? {
        let b = trimmed(raw)
        let n = b.count
        @inline(__always) func digit(_ i: Int) -> Int? {
            let c = b[i] &- 48
            return c < 10 ? Int(c) : nil
        }
        @inline(__always) func number(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for i in from..<to {
                guard let d = digit(i) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        if n >= 4, let year = number(0, 4) {
            switch n {
            case 4: return Day(year: year, month: 1, day: 1)
            case 7 where b[4] == UInt8(ascii: "-"):
                guard let m = number(5, 7) else { return nil }
                return Day(year: year, month: m, day: 1)
            case 10 where b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-"):
                guard let m = number(5, 7), let d = number(8, 10) else { return nil }
                return Day(year: year, month: m, day: d)
            default: return nil
            }
        }
        return nil
    }

    enum NumberCell: Equatable {
        case value(Double)
        case missing
        case invalid
        case outOfRange
    }

    /// Parses a decimal number with optional sign, fraction and exponent, or a missing marker.
    static func number(_ raw: UnsafeBufferPointer<UInt8>) -> NumberCell {
        let b = trimmed(raw)
        let n = b.count
        if n == 0 { return .missing }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits kept in mantissa
        var sawDigit = false
        var dropped = false  // digits beyond what fits exactly
        var scale = 0  // power of ten to apply
        while i < n, case let c = b[i] &- 48, c < 10 {
            sawDigit = true
            if mantissa == 0 && c == 0 {
            } else if digits < 19 {
                mantissa = mantissa * 10 + UInt64(c)
                digits += 1
            } else {
                scale += 1
                dropped = true
            }
            i += 1
        }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, case let c = b[i] &- 48, c < 10 {
                sawDigit = true
                if mantissa == 0 && c == 0 {
                    scale -= 1
                } else if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(c)
                    digits += 1
                    scale -= 1
                } else {
                    dropped = true
                }
                i += 1
            }
        }
        guard sawDigit else { return .invalid }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var expDigits = 0
            while i < n, case let c = b[i] &- 48, c < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(c) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return .invalid }
            scale += expNegative ? -exponent : exponent
        }
        guard i == n else { return .invalid }
        let value: Double
        if mantissa == 0 {
            value = 0
        } else if !dropped, mantissa < (1 << 53), scale >= -22, scale <= 22 {
            // Exact: both operands are exactly representable, so one rounding (Clinger's fast path).
            value = scale < 0 ? Double(mantissa) / powersOfTen[-scale] : Double(mantissa) * powersOfTen[scale]
        } else {
            value = slowParse(b)
        }
        // Too large for a double is an error, and so is too small: a non-zero number that
        // would be stored as 0 (1e-400) is out of range, like 1e400.
        guard value.isFinite, mantissa == 0 || value != 0 else { return .outOfRange }
        return .value(negative && !(value < 0) ? -value : value)
    }

    private static func slowParse(_ b: UnsafeBufferPointer<UInt8>) -> Double {
        var text = Array(b)
        text.append(0)
        return text.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { abs(strtod($0, nil)) }
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { e in
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// Tokens that mean "no value" by default: FRED writes `.`, Eurostat `:`, the World Bank
    /// and OECD `..`, national offices `n.a.`, Bloomberg's sheets `#N/A N/A`.
    static let missingMarkers: Set<String> = [".", "NA", "N/A", "#N/A", "-", "NaN", "nan", ":", "..", "n.a.", "n/a", "#N/A N/A", "null", "NULL"]

    @inline(__always)
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0
        var hi = b.count
        while lo < hi, b[lo] == 32 || b[lo] == 9 { lo += 1 }
        while hi > lo, b[hi - 1] == 32 || b[hi - 1] == 9 { hi -= 1 }
        if lo == 0 && hi == b.count { return b }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }
}
