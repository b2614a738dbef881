extension PostgreSQLEngine {
    func scan(_ body: (StoreTable, [String?]) throws -> Void) throws {
        // One snapshot for every table (REPEATABLE READ), each read through a cursor.
        try inTransaction(writing: false) {
            for table in StoreTable.allCases {
                var types: [UInt32] = []
                try connection.forEachRow(
                    "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.rawValue) ORDER BY \(table.order)", [], binary: false
                ) { r in
                    if types.isEmpty { types = (0..<Int32(table.columns.count)).map { r.type($0) } }
                    try body(table, types.indices.map { j in r.text(Int32(j)).flatMap { Self.cell($0, type: types[j]).copyText } })
                }
            }
        }
    }

    func load(fill: ((StoreTable, [String?]) throws -> Void) throws -> Void, verify: (((Int64, Double) throws -> Void) throws -> Void) throws -> Void) throws {
        try inTransaction(writing: true) {
            let c = connection
            guard try c.scalar("SELECT (SELECT count(*) FROM series) + (SELECT count(*) FROM ingest_run)") == "0" else {
                throw MStoreError.usage("\(shown) already holds a store: mstore copy writes only into a new or empty one")
            }
            // Each table streamed through COPY as its rows arrive (text format, escaped).
            try fill { table, row in
                try c.streamCopyRow("COPY \(table.rawValue) (\(table.columns.joined(separator: ", "))) FROM STDIN") { data in
                    for (i, cell) in row.enumerated() {
                        if i > 0 { data.append(9) }
                        guard let cell else {
                            data.append(contentsOf: [92, 78])  // \N
                            continue
                        }
                        for byte in cell.utf8 {
                            switch byte {
                            case 92: data.append(contentsOf: [92, 92])
                            case 9: data.append(contentsOf: [92, 116])
                            case 10: data.append(contentsOf: [92, 110])
                            case 13: data.append(contentsOf: [92, 114])
                            default: data.append(byte)
                            }
                        }
                    }
                    data.append(10)
                }
            }
            try c.endCopy()
            // New series and runs continue after the copied ids.
            try c.execute("SELECT setval(pg_get_serial_sequence('series', 'id'), coalesce((SELECT max(id) FROM series), 0) + 1, false)")
            try c.execute("SELECT setval(pg_get_serial_sequence('ingest_run', 'id'), coalesce((SELECT max(id) FROM ingest_run), 0) + 1, false)")
            try verify { visit in
                try c.forEachRow("SELECT series_id, value FROM observation ORDER BY series_id, date, known_from, ingest_id", []) { r in
                    try visit(r.int64(0), r.double(1))
                }
            }
        }
    }
}
