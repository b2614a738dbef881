import Foundation
import Testing

/// The README is one walkthrough on one store: every `$ mstore …` line in its code blocks
/// runs, in order, in a fresh directory where `mstore demo` made the store (the README's
/// first set-up command), on a terminal as a reader would paste it, and prints what the
/// README shows.
@Suite struct ReadmeExampleTests {
    struct Example {
        var command: String
        var expected: [String]
        var line: Int
    }

    /// `$ mstore …` lines in fenced blocks and the lines shown after each, up to the next
    /// `$` line or the end of the block.
    static func examples(in text: String) -> [Example] {
        var examples: [Example] = []
        var inBlock = false
        var open = false  // the lines read belong to the last example
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                inBlock.toggle()
                open = false
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                open = line.hasPrefix("$ mstore ")
                if open { examples.append(Example(command: String(line.dropFirst(2)), expected: [], line: number + 1)) }
            } else if open {
                examples[examples.count - 1].expected.append(line)
            }
        }
        return examples.map { example in
            var e = example
            while e.expected.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { e.expected.removeLast() }
            return e
        }
    }

    /// What may differ from run to run: timings, clock times, the temporary directory.
    static func masked(_ line: String, directory: String) -> String {
        var s = line.replacingOccurrences(of: directory + "/", with: "")
        s = s.replacingOccurrences(of: #"\(\d+\.\d+ s\)"#, with: "(… s)", options: .regularExpression)
        s = s.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "…T…Z", options: .regularExpression)
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// Whether `actual` matches `expected`, where an expected line `…` stands for any
    /// number of lines (none included).
    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "…" {
            let rest = expected.dropFirst()
            var tail = actual
            while true {
                if matches(rest, tail) { return true }
                if tail.isEmpty { return false }
                tail = tail.dropFirst()
            }
        }
        guard let got = actual.first, got == first else { return false }
        return matches(expected.dropFirst(), actual.dropFirst())
    }

    @Test func everyExampleRunsAndPrintsWhatTheReadmeShows() throws {
        let readme = try String(contentsOf: READMETests.readme, encoding: .utf8)
        let examples = Self.examples(in: readme)
        #expect(examples.count >= 30, "the README shows \(examples.count) examples")
        let dir = try temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir + "/Fixtures", withDestinationPath: CLI.fixtures)
        let demo = try CLI.run(["demo"], in: dir)
        try #require(demo.status == 0, "mstore demo failed: \(demo.stderr)")
        let binaries = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        for example in examples {
            let (status, output) = try Self.onTerminal(example.command, in: dir, path: binaries)
            let actual = output.components(separatedBy: "\n").map { Self.masked($0, directory: dir) }
            let expected = example.expected.map { Self.masked($0, directory: dir) }
            var trimmed = actual[...]
            while trimmed.last?.isEmpty == true { trimmed = trimmed.dropLast() }
            let failing = expected.contains { $0.hasPrefix("mstore: error:") }
            #expect(failing ? status != 0 : status == 0, "README.md:\(example.line): $ \(example.command) exited \(status)\n\(output)")
            #expect(
                Self.matches(expected[...], trimmed),
                "README.md:\(example.line): $ \(example.command)\n--- the README shows:\n\(expected.joined(separator: "\n"))\n--- mstore printed:\n\(trimmed.joined(separator: "\n"))"
            )
        }
    }

    @Test func blocksAreFoundWithTheirOutput() {
        let text = "a\n```\n$ mstore series\nkey\n---\nX\n\n$ mstore show X --until 2020\ndate\n```\n$ mstore not-in-a-block\n```sh\n$ echo hi\n```\n"
        let found = Self.examples(in: text)
        #expect(found.map(\.command) == ["mstore series", "mstore show X --until 2020"])
        #expect(found.map(\.expected) == [["key", "---", "X"], ["date"]])
        #expect(Self.matches(["a", "…", "d"], ["a", "b", "c", "d"]))
        #expect(Self.matches(["a", "…"], ["a"]))
        #expect(!Self.matches(["a", "…", "d"], ["a", "b", "c"]))
    }

    /// Runs a shell command line on a pseudo-terminal (util-linux `script`, in every Debian),
    /// as a reader's terminal would: tables, not csv; standard error interleaved.
    static func onTerminal(_ command: String, in directory: String, path: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["MSTORE_DB"] = nil
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "200"
        env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r", with: ""))
    }
}
