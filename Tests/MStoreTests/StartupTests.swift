import Foundation
import Testing

/// What every run of mstore pays before it does anything: guarded by structure, not by
/// timings (those are in Benchmarks/compare.sh).
@Suite struct StartupTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/mstore")

    /// A command without a `commandName` is named by `String(describing:)` of its type,
    /// which makes the Swift runtime scan every protocol conformance in the binary, once
    /// per command, at every start (2 ms of a 7 ms `--help`).
    @Test func everyCommandNamesItself() throws {
        let files = FileManager.default.enumerator(atPath: Self.sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        var configurations = 0
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            let parts = text.components(separatedBy: "CommandConfiguration(").dropFirst()
            for part in parts {
                configurations += 1
                let first = part.drop { $0 == " " || $0 == "\n" }
                #expect(first.hasPrefix("commandName: \""), "\(file): a CommandConfiguration without commandName")
            }
        }
        #expect(configurations >= 25)
    }

    /// mstore loads neither libxml2 (workbooks are read by MStore's own XML reader) nor
    /// curl (HTTP goes through mstore-http): each would add about a millisecond to every start.
    @Test func mstoreLinksNoXMLOrNetworkingLibrary() throws {
        let ldd = "/usr/bin/ldd"
        try #require(FileManager.default.isExecutableFile(atPath: ldd), "ldd is missing: sudo apt-get install -y libc-bin")
        let r = try runProcess(ldd, [CLI.binary])
        // A static build (the README's release build) links nothing at run time at all.
        if (r.stdout + r.stderr).contains("not a dynamic executable") { return }
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("libc.so"))
        for library in ["libxml2", "FoundationXML", "FoundationNetworking", "libcurl"] {
            #expect(!r.stdout.contains(library), "mstore links \(library)")
        }
    }
}
