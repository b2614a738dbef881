extension PostgreSQLEngine {
    func load<T>(_ tables: [(StoreTable, [[String?]])], check: ([(series: String, value: Double)]) throws -> T) throws -> T {
        try inTransaction(writing: true) {
            let c = connection
            guard try c.scalar("SELECT (SELECT count(*) FROM series) + (SELECT count(*) FROM ingest_run)") == "0" else {
                throw MStoreError.usage("\(shown) already holds a store: mstore copy writes only into a new or empty one")
            }
            for (table, rows) in tables where !rows.isEmpty {
                var data: [UInt8] = []
                data.reserveCapacity(rows.count * 48)
                for row in rows {
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
                let stored = try c.copyIn("COPY \(table.rawValue) (\(table.columns.joined(separator: ", "))) FROM STDIN", data)
                guard stored == rows.count else {
                    throw MStoreError.io(path: shown, message: "\(table.rawValue): \(rows.count) rows sent, \(stored) stored: nothing was copied")
                }
            }
            // New series and runs continue after the copied ids.
            try c.execute("SELECT setval(pg_get_serial_sequence('series', 'id'), coalesce((SELECT max(id) FROM series), 0) + 1, false)")
            try c.execute("SELECT setval(pg_get_serial_sequence('ingest_run', 'id'), coalesce((SELECT max(id) FROM ingest_run), 0) + 1, false)")
            let back = try c.execute("SELECT series_id, value FROM observation ORDER BY series_id, date, known_from, ingest_id").rows
                .map { (series: $0[0] ?? "", value: $0[1].flatMap(Double.init) ?? .nan) }
            return try check(back)
        }
    }
}
