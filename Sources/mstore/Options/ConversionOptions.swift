import ArgumentParser
import MStore

/// `--freq`, `--agg` and `--units`: convert a series' frequency, then apply a FRED units
/// transform (export and query transform).
struct ConversionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Convert to W, W-FRI (any weekday), M, Q or A first.", valueName: "freq"),
        transform: { text in
            guard let frequency = TargetFrequency(text) else { throw ValidationError("expected W, W-MON … W-SUN, M, Q or A") }
            return frequency
        })
    var freq: TargetFrequency?

    @Option(help: ArgumentHelp("Aggregation for --freq: avg, sum, eop, first, min, max.", valueName: "agg"))
    var agg: Aggregation = .avg

    @Option(help: ArgumentHelp("FRED units: lin, chg, ch1, pch, pc1, pca, cch, cca, log.", valueName: "units"))
    var units: FredUnits = .lin
}
