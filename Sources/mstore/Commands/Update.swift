import ArgumentParser
import Foundation
import MStore

extension MStoreCommand {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Refetch every series that has a source, and say what changed.",
            discussion: """
                Every series stored by mstore fetch remembers its source. update asks each
                source again, from a window before its last observation wide enough to catch
                revisions (FRED: two years; New York Fed: 35 days; FRED with --all-vintages:
                every version published since the last update), stores new observations and
                revisions (the old values stay, known until the revision), and prints per
                series: new values, revised values with the largest revision, or no change.
                Made for cron: --quiet prints only changes and errors. Exit 0 when every
                source was refreshed; 75 when some failed and the others were stored; the
                failure's own code when all failed. mstore revisions --arrived-since DATE
                lists what the updates revised.

                Examples:
                  mstore update
                  mstore update WRESBAL SOFR --dry-run
                  mstore update --quiet
                  # crontab: every weekday at 18:30
                  # 30 18 * * 1-5  cd ~/data && mstore update --quiet
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Series to update (default: every series with a source).", valueName: "key"))
        var keys: [String] = []

        @Option(help: ArgumentHelp("Only series with this tag (repeatable; all must match).", valueName: "key=value"))
        var tag: [String] = []

        @Flag(help: "Fetch and compare, show what would change, write nothing.")
        var dryRun = false

        @Flag(help: "Print only what changed, and errors.")
        var quiet = false

        @OptionGroup var network: NetworkOptions
        @OptionGroup var config: ConfigOptions

        func validate() throws {
            for t in tag { _ = try parseTag(t) }
        }

        func run() throws {
            TemporaryFiles.removeOnSignals()
            let db = try reportingErrors { dryRun ? try store.openForReading() : try store.open() }
            let targets = try reportingErrors { try db.updateTargets(keys: keys, tags: try tag.map(parseTag)) }
            if targets.isEmpty {
                if !quiet { note("no series has a source to update from: add some with mstore fetch") }
                return
            }
            let base = try reportingErrors { try network.fetchOptions(config: config, configFolder: store.configFolder) }
            let fetcher = Fetcher(endpoints: FetchEndpoints(environment: ProcessInfo.processInfo.environment))
            try eachSource(targets, verb: "updating", label: { "\($0.source)" }, failed: { "\($0.source): not updated (\($0.keys.joined(separator: ", ")))" }) { target in
                var options = base
                options.allVintages = target.allVintages
                options.since = target.allVintages ? nil : target.window
                options.realtimeSince = target.allVintages ? target.lastFetched : nil
                options.flags = target.flags
                options.ingest = IngestOptions(dryRun: dryRun)
                if let flags = target.flags {
                    let args = (try? JSONSerialization.jsonObject(with: Data(flags.utf8))) as? [String] ?? []
                    try ReadingOptions.parse(args).apply(to: &options.ingest)
                }
                let report = try db.fetch(target.source, fetcher: fetcher, options: options)
                return { for line in Self.lines(report, target: target, quiet: quiet) { writeToStandardOutput(line + "\n") } }
            }
        }

        /// One line per series: "WRESBAL: 1 new, 2 revised (largest: 2025-11-05 2849.621 → 2850.1)".
        static func lines(_ report: IngestReport, target: UpdateTarget, quiet: Bool) -> [String] {
            let verb = report.dryRun ? " (dry run)" : ""
            var out: [String] = []
            var seen = Set<String>()
            for change in report.changes {
                seen.insert(change.key.lowercased())
                var parts: [String] = []
                if change.inserted > 0 { parts.append("\(change.inserted) new") }
                if change.revised > 0 {
                    var text = "\(change.revised) revised"
                    if let l = change.largest { text += " (largest: \(l.date) \(formatNumber(l.old)) → \(formatNumber(l.new)))" }
                    parts.append(text)
                }
                if parts.isEmpty {
                    if !quiet { out.append("\(change.key): no change\(verb)") }
                } else {
                    out.append("\(change.key): " + parts.joined(separator: ", ") + verb)
                }
            }
            if !quiet {
                for key in target.keys where !seen.contains(key.lowercased()) { out.append("\(key): no change\(verb)") }
            }
            return out
        }
    }
}
