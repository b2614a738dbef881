import Dispatch

/// The rolling long table written straight to csv or tsv bytes (the query itself is
/// ``NamedQueries/rolling(eachOf:_:_:)``; this is how its bytes are written fast).
extension NamedQueries {
    /// The same long table as ``rolling(eachOf:_:_:)``, as csv or tsv bytes (the header
    /// first), for large universes: series are read in turn and their statistics computed
    /// and written on every core, a batch at a time (at most 64 series or about two million
    /// observations in memory); `body` receives the bytes in the order of `keys`.
    public func rollingBytes(eachOf keys: [String], _ request: RollingRequest, format: OutputFormat, _ body: ([UInt8]) throws -> Void) throws {
        var header = DelimitedWriter(format)
        for (i, c) in Self.longColumns(request).enumerated() {
            if i > 0 { header.nextField() }
            header.text(neutralized(c))
        }
        header.endLine()
        try body(header.bytes)
        var next = 0
        while next < keys.count {
            var batch: [TimeSeries] = []
            var held = 0
            while next < keys.count, batch.count < 64, held < 2_000_000 {
                let s = try typedSeries(keys[next])
                held += s.count
                batch.append(s)
                next += 1
            }
            let series = batch
            let since = since
            let chunks = [[UInt8]](unsafeUninitializedCapacity: series.count) { buffer, initialized in
                // Each iteration writes its own slot, once.
                let slots = Slots(base: buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: series.count) { b in
                    let s = series[b]
                    let result = Self.compute(request, on: s)
                    let first = Self.firstVisible(s, since: since)
                    let key = neutralized(s.key)
                    var w = DelimitedWriter(format, capacity: (s.count - first) * (key.utf8.count + 48))
                    for i in first..<s.count {
                        w.text(key)
                        w.nextField()
                        w.day(s.dates[i])
                        w.nextField()
                        w.number(s.values[i])
                        w.nextField()
                        if i < result.count { w.number(result.values[i]) }
                        w.endLine()
                    }
                    (slots.base + b).initialize(to: w.bytes)
                }
                initialized = series.count
            }
            for chunk in chunks { try body(chunk) }
        }
    }

    /// Where concurrent iterations put their results, each in its own slot.
    private struct Slots: @unchecked Sendable {
        let base: UnsafeMutablePointer<[UInt8]>
    }
}
