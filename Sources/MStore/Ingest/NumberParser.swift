/// Reads the numbers publishers write.
///
/// Plain decimals (`-0.5`, `1.2e3`) take a fast path. Otherwise the parser accepts
/// thousands separators (`1,234,567.8`, grouped by three), a `%` suffix (the series' unit
/// becomes `percent`), parenthesised negatives (`(12.5)`), currency symbols (`$`, `€`, `£`,
/// `¥`), `K`/`M`/`B`/`T` multipliers (`310.5M`, as quote sites write volumes) and, with
/// ``decimalComma``, `1.234,5`. Missing-value markers store nothing.
/// Infinity and numbers beyond the range of a double are errors.
struct NumberParser: Sendable {
    var decimalComma = false
    var missing: Set<String> = ValueParsing.missingMarkers {
        didSet { numericMarkers = missing.contains { $0.contains(where: \.isNumber) } }
    }
    /// Some marker looks like a number (`-999`): check the markers before parsing.
    private var numericMarkers = false

    struct Parsed: Equatable {
        var cell: ValueParsing.NumberCell
        var percent = false
    }

    /// Eurostat's status flags after a value (`2.1 p`, `: c`, `3.0 bep`): read and left
    /// out (the value is the number before them; `:` is missing).
    var statusFlags = false

    /// `2.1 p` → `2.1`: a space and one to four lowercase letters at the end.
    static func withoutFlag(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let space = b.lastIndex(of: 32) else { return b }
        let flag = b[(space + 1)...]
        guard !flag.isEmpty, flag.count <= 4, flag.allSatisfy({ $0 &- 97 < 26 }) else { return b }
        return ValueParsing.trimmed(UnsafeBufferPointer(rebasing: b[..<space]))
    }

    func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Parsed {
        var b = ValueParsing.trimmed(raw)
        if statusFlags { b = Self.withoutFlag(b) }
        if b.isEmpty { return Parsed(cell: .missing) }
        if numericMarkers, missing.contains(String(decoding: b, as: UTF8.self)) { return Parsed(cell: .missing) }
        if !decimalComma {
            let c = b[0]
            if c &- 48 < 10 || ((c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")) && b.count > 1) {
                let strict = ValueParsing.number(b)
                if case .value = strict { return Parsed(cell: strict) }
                if strict == .outOfRange { return Parsed(cell: .outOfRange) }
            }
        }
        let text = String(decoding: b, as: UTF8.self)
        if missing.contains(text) { return Parsed(cell: .missing) }
        return lenient(text)
    }

    private func lenient(_ original: String) -> Parsed {
        var s = Substring(original)
        var negative = false
        var percent = false
        func trim() {
            while let c = s.first, c == " " { s.removeFirst() }
            while let c = s.last, c == " " { s.removeLast() }
        }
        if s.hasPrefix("("), s.hasSuffix(")") {
            negative = true
            s = s.dropFirst().dropLast()
            trim()
        }
        if s.hasSuffix("%") {
            percent = true
            s = s.dropLast()
            trim()
        }
        if let c = s.first, c == "-" || c == "+" {
            negative = negative != (c == "-")
            s = s.dropFirst()
            trim()
        }
        for symbol in ["US$", "$", "€", "£", "¥"] {
            if s.hasPrefix(symbol) {
                s = s.dropFirst(symbol.count)
                break
            }
            if s.hasSuffix(symbol) {
                s = s.dropLast(symbol.count)
                break
            }
        }
        trim()
        if let c = s.first, c == "-" || c == "+" {
            negative = negative != (c == "-")
            s = s.dropFirst()
        }
        // Quote sites' volumes: 1.25K, 310.5M, 2.1B (thousands, millions, billions, trillions).
        var exponent = ""
        if let last = s.last, let e = ["K": "e3", "k": "e3", "M": "e6", "B": "e9", "T": "e12"][last], s.count > 1,
            s.dropLast().last?.isNumber == true
        {
            exponent = e
            s = s.dropLast()
        }
        let lower = s.lowercased()
        if lower == "inf" || lower == "infinity" { return Parsed(cell: .outOfRange) }
        let (group, point): (Character, Character) = decimalComma ? (".", ",") : (",", ".")
        // Split the integer part from the fraction and check thousands grouping.
        let parts = s.split(separator: point, maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0]
        if integer.contains(group) || (decimalComma && integer.contains(" ")) {
            let groups = integer.split(omittingEmptySubsequences: false, whereSeparator: { $0 == group || (decimalComma && $0 == " ") })
            guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return Parsed(cell: .invalid)
            }
        }
        var cleaned = integer.filter { $0 != group && !(decimalComma && $0 == " ") }
        if parts.count == 2 { cleaned += "." + parts[1] }
        guard !cleaned.isEmpty, cleaned.first != "-", cleaned.first != "+" else { return Parsed(cell: .invalid) }
        if !exponent.isEmpty {
            // Digits and one point only, so the suffix becomes an exact decimal exponent.
            guard cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return Parsed(cell: .invalid) }
            cleaned += exponent
        }
        var bytes = Array(cleaned.utf8)
        let cell = bytes.withUnsafeMutableBufferPointer { ValueParsing.number(UnsafeBufferPointer($0)) }
        switch cell {
        case let .value(v): return Parsed(cell: .value(negative ? -v : v), percent: percent)
        default: return Parsed(cell: cell == .missing ? .invalid : cell)
        }
    }
}
