import ArgumentParser
import MStore

/// `--as-of`: only what was known on that day (a year or month means its last day).
struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("Use only what was known on this day.", valueName: "date"),
        transform: { try parseBound($0) })
    var asOf: PeriodBound?

    var asOfDay: Day? { asOf?.last }
}

/// `--since`, `--until` and `--as-of`, parsed once here: `--since` is the first day of its
/// period, `--until` and `--as-of` the last; windows still use the history before `--since`.
struct PeriodOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("First date to show (rolling windows still use earlier history).", valueName: "date"),
        transform: { try parseBound($0) })
    var since: PeriodBound?

    @Option(help: ArgumentHelp("Last date to use.", valueName: "date"), transform: { try parseBound($0) })
    var until: PeriodBound?

    @OptionGroup var knownOn: AsOfOption

    func validate() throws {
        if let since, let until, since.first > until.last {
            throw ValidationError("--since \(since) is after --until \(until): nothing lies between them")
        }
    }

    var sinceDay: Day? { since?.first }
    var untilDay: Day? { until?.last }
    var asOfDay: Day? { knownOn.asOfDay }

    /// Why an answer over `keys` in this period is empty, for the user.
    func emptyReason(_ db: any SeriesSource, keys: [String]) -> () -> String {
        { db.emptyAnswerReason(keys: keys, since: sinceDay, until: untilDay, asOf: asOfDay) }
    }
}

extension Window: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension FredUnits: ExpressibleByArgument {}
extension Aggregation: ExpressibleByArgument {}
