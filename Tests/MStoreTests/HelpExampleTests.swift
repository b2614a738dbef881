import Foundation
import Testing

/// Every example in every `--help` runs on the demo store, from the checkout, with exit 0
/// and prints something (or writes the file it names with `-o`).
@Suite(.serialized) struct HelpExampleTests {
    /// The subcommand paths (`["show"]`, `["query", "repo"]`, …) from the help screens.
    static func commands() throws -> [[String]] {
        func subcommands(_ path: [String]) throws -> [String] {
            let help = try CLI.run(path + ["--help"]).stdout
            guard let start = help.range(of: "SUBCOMMANDS:") else { return [] }
            // The list runs to the first blank line; a subcommand line is "  name  abstract".
            let list = help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix { !$0.isEmpty }
            return list.compactMap { line in
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first else { return nil }
                return word == "help" ? nil : String(word)
            }
        }
        var paths: [[String]] = [[]]
        for command in try subcommands([]) {
            let nested = try subcommands([command])
            paths.append([command])
            paths += nested.map { [command, $0] }
        }
        return paths
    }

    /// The `mstore …` lines under "Examples:" in a help screen.
    static func examples(_ help: String) -> [String] {
        guard let start = help.range(of: "Examples:") else { return [] }
        var found: [String] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasSuffix(":") && !text.hasPrefix("mstore") { if !found.isEmpty { break } else { continue } }
            if text.hasPrefix("mstore ") || text == "mstore" { found.append(text) }
        }
        return found
    }

    /// The publishers, answered by a local server from Fixtures/http: FRED (any series id
    /// gets WRESBAL's answers), its graph CSV, the New York Fed, and files by plain HTTP
    /// through the proxy setting (`http_proxy`).
    static func publishers(_ r: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        if r.target.hasPrefix("http://example.org/") { return .text("Date,Close\n2025-11-20,6538.76\n2025-11-21,6602.99\n", status: 200) }
        switch r.path {
        case "/fred/series": return .file(r.query["series_id"] == "GDPC1" ? "fred_series_GDPC1.json" : "fred_series_WRESBAL.json")
        case "/fred/series/observations":
            if r.query["series_id"] == "GDPC1" { return .file("fred_obs_GDPC1_vintages.json") }
            return .file(r.query["offset"] == "3" ? "fred_obs_WRESBAL_page2.json" : "fred_obs_WRESBAL_page1.json")
        case "/graph/fredgraph.csv": return .file("fredgraph_WALCL.csv")
        case "/api/rates/secured/sofr/search.json": return .file("nyfed_sofr.json")
        case "/api/rp/reverserepo/propositions/search.json": return .file("nyfed_rrp.json")
        default: return .text("not found", status: 404)
        }
    }

    @Test func everyHelpExampleRunsOnTheDemoStore() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir + "/Fixtures", withDestinationPath: CLI.fixtures)
        let store = dir + "/demo.db"
        try #require(try CLI.run(["demo", "--db", store]).status == 0)
        let server = try LocalHTTPServer(handler: Self.publishers)
        defer { server.stop() }
        let environment = [
            "FRED_API_KEY": "0123456789abcdef0123456789abcdef", "MSTORE_FRED_URL": server.base, "MSTORE_FRED_GRAPH_URL": server.base,
            "MSTORE_NYFED_URL": server.base, "http_proxy": server.base, "HTTP_PROXY": server.base,
        ]
        // The store has fetched series too, so that update has sources to refresh.
        let fetched = try CLI.run(["fetch", "fred:WRESBAL", "nyfed:sofr", "--db", store], environment: environment)
        try #require(fetched.status == 0, "\(fetched.stderr)")
        let binaries = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        var count = 0
        for path in try Self.commands() {
            let help = try CLI.run(path + ["--help"]).stdout
            let examples = Self.examples(help)
            #expect(!examples.isEmpty || path == ["query"], "mstore \(path.joined(separator: " ")) --help has no examples")
            for example in examples {
                count += 1
                #expect(example.count <= 76, "too wide for an 80-column help screen: \(example)")
                // Each example on its own copy of the demo store, in its own directory.
                let work = try temporaryDirectory()
                try FileManager.default.createSymbolicLink(atPath: work + "/Fixtures", withDestinationPath: CLI.fixtures)
                try FileManager.default.copyItem(atPath: store, toPath: work + "/mstore.db")
                let r = try Self.shell(example, in: work, path: binaries, environment: environment)
                #expect(r.status == 0, "\(example): exit \(r.status)\n\(r.stderr)")
                let written = Self.outputFile(example).map { work + "/" + $0 }
                if let written {
                    let size = (try? FileManager.default.attributesOfItem(atPath: written)[.size] as? Int) ?? 0
                    #expect(size > 0, "\(example) wrote nothing to \(written)")
                } else if !example.contains("--quiet") {
                    #expect(!r.stdout.isEmpty, "\(example) printed nothing\n\(r.stderr)")
                }
            }
        }
        #expect(count >= 40, "only \(count) help examples")
    }

    /// The file named by `-o`/`--output`, if any.
    static func outputFile(_ command: String) -> String? {
        let words = command.split(separator: " ").map(String.init)
        guard let i = words.firstIndex(where: { $0 == "-o" || $0 == "--output" }), i + 1 < words.count else { return nil }
        return words[i + 1]
    }

    static func shell(_ command: String, in directory: String, path: String, environment: [String: String] = [:]) throws -> CLI.Result {
        var env = ProcessInfo.processInfo.environment
        env["MSTORE_DB"] = nil
        env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        return try runProcess("/bin/sh", ["-c", command], environment: env.merging(environment) { $1 }, directory: directory)
    }
}
