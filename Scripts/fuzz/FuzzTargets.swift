// libFuzzer targets for mstore's parsers, built by Scripts/fuzz.sh with
// `-sanitize=fuzzer` (it is not part of the package's normal build). The target is chosen
// by MSTORE_FUZZ_TARGET: csv, ingest, dates, numbers, expressions, config, xml, workbook
// (a whole .xlsx: zip, inflated sizes, XML depth, cells), http (the publishers' answers as
// fetch stores them: FRED and New York Fed JSON, and the helper's head).
import Foundation
@testable import MStore

nonisolated(unsafe) let target = ProcessInfo.processInfo.environment["MSTORE_FUZZ_TARGET"] ?? "ingest"
nonisolated(unsafe) let scratch = NSTemporaryDirectory() + "mstore-fuzz-\(getpid())"
/// One in-memory store for the whole run: a new one per input would spend the time on
/// migrations.
nonisolated(unsafe) let store: Store? = try? Store()
nonisolated(unsafe) var memory: MemorySource = {
    let days = (1...40).map { Day(ordinal: 20_000 + Int32($0)) }
    var source = MemorySource()
    for (i, key) in ["SOFR", "IORB", "IOER", "BTC", "NDX", "MCAP.A", "MCAP.B"].enumerated() {
        source.add(
            TimeSeries(key: key, dates: days, values: days.indices.map { Double(($0 * 7 + i) % 13) + 0.5 }, unit: i < 3 ? "percent" : nil),
            tags: key.hasPrefix("MCAP") ? ["universe": "X"] : [:])
    }
    return source
}()

/// Runs one input through the chosen parser. Errors are expected; crashes, hangs and
/// sanitizer reports are what libFuzzer looks for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch target {
    case "dates":
        for order in [DateParser.SlashOrder.monthFirst, .dayFirst] {
            var parser = DateParser()
            parser.order = order
            _ = parser.parse(bytes)
            _ = DateParser.proves(bytes)
        }
    case "numbers":
        _ = ValueParsing.number(bytes)
        _ = NumberParser().parse(bytes)
        var comma = NumberParser()
        comma.decimalComma = true
        _ = comma.parse(bytes)
    case "expressions":
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? memory.timeSeries(text)
        _ = try? NamedQueries(source: memory).rolling(text, .statistic(.zscore, Window(text) ?? .count(5), minPeriods: nil))
        _ = NamedQueries.Period(text)
        _ = Window(text)
        _ = PeriodBound(text)
    case "config":
        if let config = try? QueryConfig(file: "fuzz.toml", text: String(decoding: bytes, as: UTF8.self)) {
            _ = try? NamedQueries(source: memory, config: config).status()
        }
    case "xml":
        if let tree = try? XMLTree.parse(Data(bytes), name: "fuzz.xml") {
            _ = tree.all("c").map { $0.text(skipping: "rPh") }
        }
    case "workbook":
        let path = scratch + ".xlsx"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { unlink(path) }
        if let book = try? WorkbookReader(path: path, displayName: "fuzz.xlsx") {
            _ = try? book.defaultSheet()
            for sheet in book.sheets { _ = try? book.rows(ofSheet: sheet.part) }
        }
    case "http":
        // A publisher's answer as fetch writes it to its payload, ingested by its layout.
        let text = String(decoding: bytes.prefix(256), as: UTF8.self)
        _ = HTTPClient.retryAfter(["retry-after": text])
        _ = Fetcher.removing("abcdef0123456789", from: Data(bytes))
        let path = scratch + ".json"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { unlink(path) }
        if let store {
            var options = IngestOptions(vintage: Day(ordinal: 20_000))
            options.key = "FUZZ"
            _ = try? store.ingest(path: path, options: options)
        }
    case "csv", "ingest":
        let path = scratch + ".csv"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { unlink(path) }
        if target == "csv" {
            if let reader = try? CSVReader(path: path) {
                while (try? reader.next()) == true { _ = reader.strings }
            }
        } else if let store {
            _ = try? store.ingest(path: path, options: IngestOptions(vintage: Day(ordinal: 20_000)))
            var skip = IngestOptions(vintage: Day(ordinal: 20_001))
            skip.skipBad = true
            skip.rejectsPath = scratch + ".rejects.csv"
            _ = try? store.ingest(path: path, options: skip)
            unlink(scratch + ".rejects.csv")
        }
    default:
        fatalError("unknown MSTORE_FUZZ_TARGET \(target)")
    }
    return 0
}

/// libFuzzer's driver, from its runtime (linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// SwiftPM links an executable's entry point under this name; hand over to libFuzzer.
@_cdecl("mstore_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
