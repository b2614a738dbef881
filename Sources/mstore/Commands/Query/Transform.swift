import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Transform: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "transform",
            abstract: "FRED units transforms and frequency conversion of one series.",
            discussion: """
                --units: lin, chg, ch1, pch, pc1, pca, cch, cca, log (FRED's formulas; lags count
                observations, a year being 260 business days, 365 days, 52 weeks, 12 months,
                4 quarters). --freq W, W-FRI, M, Q or A converts first, with --agg avg, sum,
                eop, first, min or max. --diff N and --lag N shift by observations.

                Examples:
                  mstore query transform WALCL --units pc1
                  mstore query transform SOFR --freq M --agg avg --units chg
                  mstore query transform WRESBAL --diff 4
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Series key or expression (A-B, A/B).", valueName: "key"))
        var key: String

        @OptionGroup var conversion: ConversionOptions

        @Option(help: ArgumentHelp("x(t) − x(t−n).", valueName: "n"))
        var diff: Int?

        @Option(help: ArgumentHelp("x(t−n).", valueName: "n"))
        var lag: Int?

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try checkRange(diff, 1...1_000_000, flag: "--diff")
            try checkRange(lag, 1...1_000_000, flag: "--lag")
        }

        func run() throws {
            try answer(keys: [key]) {
                try $0.transform(key, frequency: conversion.freq, aggregation: conversion.agg, units: conversion.units, diff: diff, lag: lag)
            }
        }
    }
}
