/// Whether a key argument is written as an expression (a spread, ratio, splice or named
/// expression) rather than as one series key: it has an operator (`- / | =`) outside
/// double quotes. `"BRK-B"` is one key; `"BRK-B"/SPX` is a ratio.
///
/// A source can still hold a key written like an expression (`BRK-B`); use
/// ``SeriesSource/isExpression(_:)`` to ask a source.
public func isExpression(_ key: String) -> Bool {
    var inQuotes = false
    for c in key {
        if c == "\"" { inQuotes.toggle() } else if !inQuotes && (c == "-" || c == "/" || c == "|" || c == "=") { return true }
    }
    return false
}

/// A parsed expression: keys joined by spreads, ratios and splices.
indirect enum SeriesExpression: Equatable {
    case key(String)
    /// `A-B`: in basis points when both are in percent.
    case spread(SeriesExpression, SeriesExpression)
    /// `A/B`.
    case ratio(SeriesExpression, SeriesExpression)
    /// `A|B|…`: the first where it has observations, each later one before it begins.
    case splice([SeriesExpression])

    /// The series keys named, in order.
    var keys: [String] {
        switch self {
        case let .key(k): return [k]
        case let .spread(a, b), let .ratio(a, b): return a.keys + b.keys
        case let .splice(parts): return parts.flatMap(\.keys)
        }
    }

    static let syntaxHint =
        "write keys that contain - / | = or spaces in double quotes, e.g. \"BRK-B\"/SPX.MCAP"

    /// Parses `[NAME=]EXPR`. `-` binds loosest, then `/`, then `|`; a key is either bare
    /// text (spaces inside are kept, around are trimmed) or double-quoted (`""` is a quote).
    static func parse(_ text: String) throws -> (name: String?, expression: SeriesExpression) {
        enum Token: Equatable {
            case key(String)
            case op(Character)
        }
        var tokens: [Token] = []
        var bare = ""
        func flushBare() {
            let t = bare.trimmingSpaces
            if !t.isEmpty { tokens.append(.key(t)) }
            bare = ""
        }
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if c == "\"" {
                guard bare.trimmingSpaces.isEmpty else {
                    throw MStoreError.usage("\(quoted(text)): a quote inside a key; \(syntaxHint)")
                }
                bare = ""
                var key = ""
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" {
                        if chars.first == "\"" {
                            chars.removeFirst()
                            key.append("\"")
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        key.append(d)
                    }
                }
                guard closed else { throw MStoreError.usage("\(quoted(text)): a quote is not closed; \(syntaxHint)") }
                guard !key.isEmpty else { throw MStoreError.usage("\(quoted(text)): an empty quoted key") }
                tokens.append(.key(key))
                // Only spaces may follow a quoted key before an operator.
                while let d = chars.first, d == " " || d == "\t" { chars.removeFirst() }
                if let d = chars.first, !"-/|=".contains(d) {
                    throw MStoreError.usage("\(quoted(text)): text after a quoted key; \(syntaxHint)")
                }
            } else if "-/|=".contains(c) {
                flushBare()
                tokens.append(.op(c))
            } else {
                bare.append(c)
            }
        }
        flushBare()
        var name: String?
        if tokens.count >= 2, case let .key(n) = tokens[0], tokens[1] == .op("=") {
            name = n
            tokens.removeFirst(2)
        }
        var rest = tokens[...]
        func operand() throws -> SeriesExpression {
            guard case let .key(k)? = rest.popFirst() else {
                throw MStoreError.usage("\(quoted(text)): a key is missing next to an operator; \(syntaxHint)")
            }
            return .key(k)
        }
        func splice() throws -> SeriesExpression {
            var parts = [try operand()]
            while rest.first == .op("|") {
                rest.removeFirst()
                parts.append(try operand())
            }
            return parts.count == 1 ? parts[0] : .splice(parts)
        }
        func ratio() throws -> SeriesExpression {
            let a = try splice()
            guard rest.first == .op("/") else { return a }
            rest.removeFirst()
            return .ratio(a, try splice())
        }
        let a = try ratio()
        var expression = a
        if rest.first == .op("-") {
            rest.removeFirst()
            expression = .spread(a, try ratio())
        }
        if let extra = rest.first {
            let what: String
            switch extra {
            case let .op(o): what = "one more \(o)"
            case let .key(k): what = quoted(k)
            }
            throw MStoreError.usage(
                "\(quoted(text)): cannot read \(what) here (an expression is A-B, A/B, A|B or NAME=EXPR); \(syntaxHint)")
        }
        return (name, expression)
    }
}

extension SeriesSource {
    /// Whether `text` must be read as an expression for this source: it is written as one
    /// (see the free function `isExpression`) and is not the key of a series the source
    /// holds (`BRK-B` is a key when the source has it), or it quotes a key (`"BRK-B"`).
    public func isExpression(_ text: String) -> Bool {
        // A key the source holds is that key, whatever it contains (`A"B` too).
        if hasSeries(text) { return false }
        return text.contains("\"") || MStore.isExpression(text)
    }

    /// The series keys an expression names (the key itself for a plain key).
    public func keys(inExpression text: String) -> [String] {
        if hasSeries(text) { return [text] }
        if !MStore.isExpression(text) { return [Self.unquoted(text)] }
        return (try? SeriesExpression.parse(text).expression.keys) ?? [text]
    }

    static func unquoted(_ text: String) -> String {
        guard case let .key(k)? = try? SeriesExpression.parse(text).expression else { return text }
        return k
    }

    /// A series by key or by expression: `A-B` (a spread; in basis points when both are in
    /// percent), `A/B` (a ratio), `A|B` (A, spliced onto B before A begins: `IORB|IOER`) and
    /// `NAME=EXPR` (an expression with a name). In a spread or ratio the second series is
    /// matched to the first's dates by its last observation on or before each (never past
    /// its own last observation).
    ///
    /// Keys that contain an operator or a space are written in double quotes:
    /// `"BRK-B"/SPX.MCAP`. A key the source holds is read as that key even when it looks
    /// like an expression (`BRK-B`).
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` naming the key that is missing;
    ///   ``MStoreError/usage(_:)`` for an expression that does not parse.
    public func timeSeries(_ expression: String, until: Day? = nil, asOf: Day? = nil) throws -> TimeSeries {
        if hasSeries(expression) || (!expression.contains("\"") && !MStore.isExpression(expression)) {
            return try series(key: expression, until: until, asOf: asOf)
        }
        let (name, parsed) = try SeriesExpression.parse(expression)
        if name == nil, case let .key(k) = parsed { return try series(key: k, until: until, asOf: asOf) }
        var s: TimeSeries
        do {
            s = try evaluate(parsed, until: until, asOf: asOf)
        } catch let error as MStoreError where !expression.contains("\"") {
            // `BRK-C` may be a mistyped key rather than a spread: say so when a key is close.
            guard case .notFound = error, case let MStoreError.notFound(what, hint)? = wholeKeyError(expression),
                hint.contains("did you mean")
            else { throw error }
            throw MStoreError.notFound(what: what, hint: hint)
        }
        s.key = name ?? expression
        return s
    }

    /// The error of reading `text` as one key.
    private func wholeKeyError(_ text: String) -> MStoreError? {
        do {
            _ = try series(key: text, until: nil, asOf: nil)
            return nil
        } catch {
            return error as? MStoreError
        }
    }

    private func evaluate(_ e: SeriesExpression, until: Day?, asOf: Day?) throws -> TimeSeries {
        switch e {
        case let .key(k):
            return try series(key: k, until: until, asOf: asOf)
        case let .spread(x, y), let .ratio(x, y):
            let a = try evaluate(x, until: until, asOf: asOf)
            let b = try evaluate(y, until: until, asOf: asOf).aligned(to: a.dates)
            let label = Self.label(e)
            if case .spread = e {
                let bp = isPercentUnit(a.unit) && isPercentUnit(b.unit)
                let values = zip(a.values, b.values).map { cleaned(($0 - $1) * (bp ? 100 : 1)) }
                return TimeSeries(key: label, dates: a.dates, values: values, unit: bp ? "bp" : a.unit).droppingMissing()
            }
            return TimeSeries(key: label, dates: a.dates, values: zip(a.values, b.values).map { $0 / $1 }, unit: nil).droppingMissing()
        case let .splice(parts):
            // A|B splices: A where it has observations, B before A begins (IORB|IOER).
            var spliced: TimeSeries?
            for part in parts.reversed() {
                guard let s = try? evaluate(part, until: until, asOf: asOf) else { continue }
                guard let earlier = spliced, let start = s.dates.first else {
                    spliced = spliced ?? s
                    continue
                }
                let before = earlier.slice(until: start.adding(days: -1))
                spliced = TimeSeries(key: "", dates: before.dates + s.dates, values: before.values + s.values, unit: s.unit ?? earlier.unit)
            }
            guard var result = spliced else {
                throw MStoreError.notFound(
                    what: "series \(parts.flatMap(\.keys).map { quoted($0) }.joined(separator: " or "))",
                    hint: "see `mstore series` for the keys in the store")
            }
            result.key = Self.label(e)
            return result
        }
    }

    /// The expression written back with stored keys quoted where needed.
    static func label(_ e: SeriesExpression) -> String {
        switch e {
        case let .key(k): return SeriesKey.quotedIfNeeded(k)
        case let .spread(a, b): return label(a) + "-" + label(b)
        case let .ratio(a, b): return label(a) + "/" + label(b)
        case let .splice(parts): return parts.map(label).joined(separator: "|")
        }
    }
}
