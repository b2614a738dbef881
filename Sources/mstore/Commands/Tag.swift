import ArgumentParser
import MStore

extension MStoreCommand {
    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Set or remove tags on series.",
            discussion: """
                Tags are key=value pairs that group series. mstore series --tag and mstore
                export --tag select by them; two queries read them: concentration takes the
                series tagged universe=SPX, marks the series tagged instrument=… and
                holder=…. Other tags (category=funding, sector=tech) are yours to filter on;
                the fragility index takes its indicators from config ([fragility] in
                mstore.toml, see mstore config), not from tags. Setting a tag that exists
                replaces its value.

                Examples:
                  mstore tag MCAP.AAPL universe=SPX sector=tech
                  mstore tag SOFR category=funding
                  mstore tag SOFR --remove category
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The series key.", valueName: "key"))
        var key: String

        @Argument(help: ArgumentHelp("Tags to set.", valueName: "key=value"))
        var tags: [String] = []

        @Option(help: ArgumentHelp("A tag to remove (repeatable).", valueName: "name"))
        var remove: [String] = []

        func validate() throws {
            guard !tags.isEmpty || !remove.isEmpty else { throw ValidationError("give tags to set (key=value) or --remove NAME") }
            for t in tags { _ = try parseTag(t) }
        }

        func run() throws {
            try reportingErrors {
                let db = try store.open(mustExist: true)
                let canonical = try db.canonicalKey(key)
                try db.setTags(key: canonical, set: try tags.map(parseTag), remove: remove)
                let now = try db.tags(key: canonical).map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                writeToStandardOutput("\(canonical): \(now.isEmpty ? "no tags" : now)\n")
            }
        }
    }
}
