#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Publishers' JSON, read as a stream and turned into rows of a temporary CSV file that the
/// ingest reads like any other, with a plan made here (the JSON names its own fields):
///
/// - FRED API `series/observations`: `{"observations": [{"realtime_start", "realtime_end",
///   "date", "value"}, …]}`. Each row is stored as known from its `realtime_start`, so a
///   response for every real-time period holds the whole ALFRED history. `"."` is missing.
///   The response does not name its series: the key is `--key`, else the file name's stem.
/// - New York Fed Markets API reference rates: `{"refRates": [{"effectiveDate", "type",
///   "percentRate", "percentPercentile1", …, "volumeInBillions"}, …]}`, stored under the keys
///   of the New York Fed CSV layout (`SOFR`, `SOFR.P1`, …, `SOFR.VOLUME`).
enum PublisherJSON {
    static let expectation =
        "FRED API observations ({\"observations\": [...]}) or New York Fed reference rates ({\"refRates\": [...]})"

    static let nyfedFields: [(field: String, suffix: String, unit: String)] = [
        ("percentRate", "", "percent"), ("percentPercentile1", ".P1", "percent"), ("percentPercentile25", ".P25", "percent"),
        ("percentPercentile50", ".P50", "percent"), ("percentPercentile75", ".P75", "percent"),
        ("percentPercentile99", ".P99", "percent"), ("volumeInBillions", ".VOLUME", "USD bn"),
        ("targetRateFrom", ".TARGET_FROM", "percent"), ("targetRateTo", ".TARGET_TO", "percent"),
    ]

    /// Whether a file's first non-blank byte opens a JSON object or array.
    static func looksLikeJSON(_ head: [UInt8]) -> Bool {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Converts `path` into CSV written to `out`; the plan to read that CSV with. The file
    /// may hold several JSON objects one after another: the pages of one answer, after
    /// FRED's `series` answer (`seriess`: title, units and notes for the catalog).
    static func convert(path: String, displayName: String, key: String?, out: Int32, outPath: String) throws -> IngestPlan {
        let json = try JSONStream(path: path, displayName: displayName)
        json.allowsSequence = true
        var writer = CSVOut(fd: out, path: outPath)
        var plan: IngestPlan?
        var message: String?
        var described: [String: String] = [:]
        func start(_ new: IngestPlan) throws -> Bool {
            if let plan { return plan.layout == new.layout }
            plan = new
            try writer.row(new.header)
            return true
        }
        while let first = try json.next() {
            guard first == .objectStart else {
                throw MStoreError.badRecord(SourceLocation(file: displayName, line: json.line), problem: "expected \(expectation)")
            }
            while let event = try json.next(), case let .key(name) = event {
                let value = try json.next() ?? .null
                switch (name, value) {
                case ("seriess", .arrayStart):
                    try forEachObject(json, displayName: displayName) { fields, _ in
                        if described.isEmpty { described = fields }
                    }
                case ("observations", .arrayStart):
                    guard try start(fredPlan()) else { try json.skip(after: value); continue }
                    let seriesKey = try fredKey(key ?? described["id"], displayName: displayName)
                    // FRED's notes, then its seasonal adjustment and last update, on one line.
                    var told = described["notes"].map { [$0.split(whereSeparator: \.isNewline).joined(separator: " ")] } ?? []
                    if let sa = described["seasonal_adjustment"] { told.append("Seasonal adjustment: \(sa).") }
                    if let updated = described["last_updated"] { told.append("Last updated by FRED: \(updated).") }
                    let notes: String? = told.isEmpty ? nil : told.joined(separator: " ")
                    try forEachObject(json, displayName: displayName) { fields, line in
                        try writer.row([
                            seriesKey, fields["date"] ?? "", fields["value"] ?? "", fields["realtime_start"] ?? "", String(line),
                            described["title"] ?? "", described["units"] ?? "", notes ?? "",
                        ])
                    }
                case ("refRates", .arrayStart):
                    guard try start(nyfedPlan()) else { try json.skip(after: value); continue }
                    try forEachObject(json, displayName: displayName) { fields, line in
                        try writer.row([fields["type"] ?? "", fields["effectiveDate"] ?? ""] + nyfedFields.map { fields[$0.field] ?? "" } + [String(line)])
                    }
                case ("repo", .objectStart):
                    // New York Fed repo and reverse repo operations: {"repo": {"operations": [...]}}.
                    while let inner = try json.next(), case let .key(innerName) = inner {
                        let innerValue = try json.next() ?? .null
                        guard innerName == "operations", innerValue == .arrayStart, try start(rrpPlan()) else {
                            try json.skip(after: innerValue)
                            continue
                        }
                        try forEachObject(json, displayName: displayName, keepFirstOf: "details") { fields, line in
                            guard (fields["operationType"] ?? "").lowercased().contains("reverse"),
                                (fields["term"] ?? "Overnight").lowercased() == "overnight"
                            else { return }
                            let rate = fields["details.percentAwardRate"] ?? fields["details.percentOfferingRate"] ?? ""
                            try writer.row([
                                "RRP", fields["operationDate"] ?? "", fields["totalAmtAccepted"] ?? "", fields["totalAmtSubmitted"] ?? "", rate,
                                String(line),
                            ])
                        }
                    }
                case ("error_message", let .string(text)):
                    message = text
                default:
                    try json.skip(after: value)
                }
            }
        }
        try writer.flush()
        if let message, plan == nil {
            throw MStoreError.badRecord(SourceLocation(file: displayName, line: 1), problem: "the publisher answered with an error: \(message)")
        }
        guard let plan else {
            throw MStoreError.badRecord(SourceLocation(file: displayName, line: 1), problem: "a JSON file mstore does not know; expected \(expectation)")
        }
        return plan
    }

    /// Calls `body` with the scalar fields of each object of the array just opened, and the
    /// line the object starts on. Nested values are skipped.
    private static func forEachObject(
        _ json: JSONStream, displayName: String, keepFirstOf nested: String? = nil, _ body: ([String: String], Int) throws -> Void
    ) throws {
        while let e = try json.next() {
            if e == .arrayEnd { return }
            guard e == .objectStart else {
                throw MStoreError.badRecord(SourceLocation(file: displayName, line: json.line), problem: "expected an object for each observation")
            }
            let line = json.line
            var fields: [String: String] = [:]
            while let k = try json.next(), case let .key(name) = k {
                let v = try json.next() ?? .null
                switch v {
                case let .string(s): fields[name] = s
                case let .number(n): fields[name] = n
                case let .bool(b): fields[name] = b ? "true" : "false"
                case .null: break
                case .arrayStart where name == nested:
                    // The first object of a nested list, as `name.field` (RRP's details).
                    var first = true
                    while let e = try json.next(), e != .arrayEnd {
                        guard e == .objectStart, first else {
                            try json.skip(after: e)
                            continue
                        }
                        first = false
                        while let k = try json.next(), case let .key(field) = k {
                            let fv = try json.next() ?? .null
                            switch fv {
                            case let .string(t): fields[name + "." + field] = t
                            case let .number(n): fields[name + "." + field] = n
                            default: try json.skip(after: fv)
                            }
                        }
                    }
                default: try json.skip(after: v)
                }
            }
            try body(fields, line)
        }
    }

    private static func fredKey(_ key: String?, displayName: String) throws -> String {
        if let key { return key }
        let base = displayName.split(separator: "/").last.map(String.init) ?? displayName
        var stem = base
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { stem = String(base[..<dot]) }
        guard displayName != "<stdin>", SeriesKey.isValid(stem) else {
            throw MStoreError.usage("\(displayName): a FRED observations file does not name its series: give --key SERIES (or name the file SERIES.json)")
        }
        return stem
    }

    /// The plan of a converted file: the key in column 1, ISO dates in column 2, `values`,
    /// and the JSON line each row came from in the `line` column.
    static func plan(_ layout: LayoutKind, header: [String], values: [KeyedValue], source: String) -> IngestPlan {
        var plan = IngestPlan()
        plan.layout = layout
        plan.header = header
        plan.date = .column(1)
        plan.dateForm = "ISO dates (YYYY-MM-DD)"
        plan.targets = .keyed(key: 0, values: values)
        plan.sourceLineColumn = header.firstIndex(of: "line")
        plan.defaultSource = source
        return plan
    }

    static func fredPlan() -> IngestPlan {
        var plan = plan(
            .fredJSON, header: ["series", "date", "value", "realtime_start", "line", "title", "units", "notes"],
            values: [KeyedValue(column: 2, suffix: "", unit: nil)], source: "FRED")
        plan.vintageColumn = 3
        (plan.nameColumn, plan.unitColumn, plan.notesColumn) = (5, 6, 7)
        return plan
    }

    /// New York Fed overnight reverse repo operations: `RRP.ACCEPTED` and `RRP.SUBMITTED`
    /// (US dollars, as published) and `RRP.RATE` (the award rate, percent).
    static func rrpPlan() -> IngestPlan {
        plan(
            .nyfedJSON, header: ["series", "operationDate", "totalAmtAccepted", "totalAmtSubmitted", "percentAwardRate", "line"],
            values: [
                KeyedValue(column: 2, suffix: ".ACCEPTED", unit: "USD"), KeyedValue(column: 3, suffix: ".SUBMITTED", unit: "USD"),
                KeyedValue(column: 4, suffix: ".RATE", unit: "percent"),
            ], source: "NYFED")
    }

    static func nyfedPlan() -> IngestPlan {
        plan(
            .nyfedJSON, header: ["type", "effectiveDate"] + nyfedFields.map(\.field) + ["line"],
            values: nyfedFields.enumerated().map { KeyedValue(column: $0.offset + 2, suffix: $0.element.suffix, unit: $0.element.unit) },
            source: "NYFED")
    }
}

/// Rows written as CSV (quoted where needed) through a 64 KiB buffer.
struct CSVOut {
    let fd: Int32
    let path: String
    var buffer: [UInt8] = []

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(1 << 16)
    }

    mutating func row(_ cells: [String]) throws {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            if cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                buffer.append(UInt8(ascii: "\""))
                for b in cell.utf8 {
                    if b == UInt8(ascii: "\"") { buffer.append(b) }
                    buffer.append(b)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: cell.utf8)
            }
        }
        buffer.append(10)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBufferPointer { try writeAll($0, to: fd, name: path) }
        buffer.removeAll(keepingCapacity: true)
    }
}
