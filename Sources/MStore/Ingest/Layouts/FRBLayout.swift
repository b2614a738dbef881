/// The Federal Reserve Board's Data Download Program files.
extension Sniffer {
    /// The Federal Reserve Board's Data Download Program CSV: descriptor rows above the header.
    func frbPlan(_ plan: inout IngestPlan, _ given: LayoutGiven, rows: [[String]], preamble: [[String]]) throws {
        let header = given.header
        let dateOverride = given.dateColumn
        let valueOverride = given.valueColumns
        let dateColumn = dateOverride ?? 0
        plan.date = .column(dateColumn)
        plan.defaultSource = "FRB"
        if options.missing == nil { plan.numbers.missing.formUnion(["ND", "NC"]) }
        // The rows above the header, by their label: "Unit:" → "unit".
        var described: [String: [String]] = [:]
        for record in preamble {
            guard var label = record.first?.trimmingSpaces.lowercased() else { continue }
            while label.hasSuffix(":") || label.hasSuffix(" ") { label.removeLast() }
            described[label] = record
        }
        let others = valueOverride ?? header.indices.filter { $0 != dateColumn }
        plan.targets = .columns(try others.map { c in
            func said(_ label: String) -> String? {
                guard let record = described[label], c < record.count else { return nil }
                let text = record[c].trimmingSpaces
                return text.isEmpty || text == "NA" ? nil : text
            }
            let currency = said("currency")
            var unit = said("unit").map { $0.split(whereSeparator: { $0 == "_" || $0 == ":" || $0 == " " }).joined(separator: " ") }
            if let u = unit, u.lowercased() == "currency", let currency { unit = currency }
            var target = ColumnTarget(column: c, key: try key(for: header[c], prefix: options.prefix, column: c, line: plan.headerLine), unit: unit)
            target.meta = SeriesMeta(name: said("series description"), multiplier: said("multiplier").flatMap(Double.init), currency: currency)
            return target
        })
    }
}
