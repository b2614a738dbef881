import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Spider: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "spider",
            abstract: "A spider profile: each indicator's percentile against a baseline, at dates or periods.",
            discussion: """
                Indicators come from config spider.indicators (a leading - means lower is more
                stress, so every percentile, 0-100 like status and kshape, reads "higher = more
                stress"; ties count half). With no flags, the essay's comparison: the share of
                repo volume at or above IORB (@repo_share), peak daylight overdrafts, fed funds
                purchased and late payments, for 2018-2019Q3 (the baseline), September 2019,
                June 2025 and October 2025 (config spider.periods). --at takes a day (its last
                value), a month or year (the mean over it) or FROM:TO.

                Examples:
                  mstore query spider
                  mstore query spider --at 2019-09 --at 2025-06 --at 2025-10
                  mstore query spider --at 2019-09-17 --at 2025-10-31
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("A date or period to profile (repeatable; default: config spider.periods).", valueName: "date|period"))
        var at: [String] = []
        @Option(help: ArgumentHelp("The baseline period (default from config: 2018-04:2019-09).", valueName: "from:to"))
        var baseline: String?
        @OptionGroup var period: PeriodOptions
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: OutputOptions
        var configOptions: ConfigOptions? { config }

        func validate() throws {
            for a in at where NamedQueries.Period(a) == nil { throw ValidationError("--at \(a): expected a date, a month, a year or FROM:TO") }
            if let baseline, NamedQueries.Period(baseline) == nil { throw ValidationError("--baseline \(baseline): expected FROM:TO") }
        }

        func run() throws {
            try answer { try $0.spider(at: at.compactMap(NamedQueries.Period.init), baseline: baseline.flatMap(NamedQueries.Period.init)) }
        }
    }
}
