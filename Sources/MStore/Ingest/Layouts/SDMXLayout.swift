/// SDMX-CSV as the ECB, BIS, IMF, OECD and Eurostat write it.
extension Sniffer {
    /// SDMX-CSV 1.0 and 2.0: the key is the dataflow and the dimension columns joined by `.`.
    func sdmxPlan(_ plan: inout IngestPlan, _ given: LayoutGiven, rows: [[String]], preamble: [[String]]) throws {
        let header = given.header
        let lower = given.lower
        let dateOverride = given.dateColumn
        let keyOverride = given.keyColumns?.first
        guard let t = lower.firstIndex(of: "time_period"), let v = lower.firstIndex(of: "obs_value") else {
            throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "an SDMX-CSV file needs TIME_PERIOD and OBS_VALUE columns")
        }
        plan.date = .column(dateOverride ?? t)
        plan.defaultSource = "SDMX"
        let key: Int
        if let k = keyOverride ?? lower.firstIndex(of: "key") {
            // The ECB portal's KEY: EXR.D.USD.EUR.SP00.A.
            key = k
        } else {
            // SDMX-CSV 1.0 (DATAFLOW) and 2.0 (STRUCTURE, STRUCTURE_ID, ACTION): the
            // dimensions sit between the structure columns and TIME_PERIOD.
            var parts: [IngestPlan.KeyPart] = []
            var start = 0
            if let d = lower.firstIndex(of: "dataflow") ?? lower.firstIndex(of: "structure_id") {
                parts.append(.dataflow(d))
                start = max(d, lower.firstIndex(of: "action") ?? d) + 1
            }
            // A release stamp (Eurostat's LAST UPDATE) is an attribute, not a dimension: in
            // the key, each release would make new series instead of revisions.
            let stamps = (start..<t).filter { Self.isStampName(lower[$0]) }
            if !stamps.isEmpty {
                plan.notes.append(stamps.map { "\"\(header[$0])\"" }.joined(separator: ", ") + ": a release stamp, kept out of the keys")
            }
            // The OECD's "CSV with labels" follows each code column with its label
            // (`REF_AREA`, `Reference area`): an SDMX id has no spaces, a label does.
            let labels = (start..<t).filter { lower[$0].contains(" ") && !stamps.contains($0) }
            if !labels.isEmpty {
                plan.notes.append("label columns, kept out of the keys: " + labels.map { quoted(header[$0]) }.joined(separator: ", "))
            }
            parts += (start..<t).filter { !["structure", "structure_id", "action", "dataflow"].contains(lower[$0]) && !stamps.contains($0) && !labels.contains($0) }
                .map { .column($0) }
            guard let first = parts.first else {
                throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "an SDMX-CSV file needs dimension columns before TIME_PERIOD")
            }
            switch first {
            case let .column(c), let .dataflow(c), let .subfield(c, _): key = c
            }
            plan.keyParts = parts
        }
        plan.nameColumn = lower.firstIndex(of: "title") ?? lower.firstIndex(of: "title_compl")
        plan.unitColumn = lower.firstIndex(of: "unit") ?? lower.firstIndex(of: "unit_measure")
        plan.multiplierColumn = lower.firstIndex(of: "unit_mult")
        plan.targets = .keyed(key: key, values: [KeyedValue(column: v, suffix: "", unit: nil)])
    }
}
