import Foundation
import Testing

@testable import MStore

/// The named queries on the story fixtures, run through the built binary. Expected values
/// are computed here from the fixture files themselves, not from mstore.
@Suite(.serialized) struct QueryCLITests {
    /// The last download of the story (the demo stores four; this one is today's answer).
    static let story = CLI.fixtures + "/story/2025-11-24"

    /// One store with the story ingested (by `mstore demo`), shared by the suite.
    static let db: String = {
        let dir = (try? temporaryDirectory()) ?? NSTemporaryDirectory()
        let path = dir + "/story.db"
        _ = try? CLI.run(["demo", "--db", path, "--fixtures", CLI.fixtures])
        return path
    }()

    func query(_ args: [String]) throws -> CLI.Result {
        try CLI.run(["query"] + args + ["--db", Self.db, "--format", "csv"])
    }

    /// A fixture CSV as rows of fields (the fixtures have no quoted commas).
    func rows(_ file: String) throws -> [[String]] {
        try String(contentsOfFile: Self.story + "/" + file, encoding: .utf8).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// A cell as a number, or a recorded failure.
    func num(_ text: String?) throws -> Double {
        try #require(text.flatMap(Double.init))
    }

    /// A csv result as dictionaries by column.
    func records(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func demoTellsTheStory() throws {
        let r = try CLI.run(["demo", "--db", Self.db, "--fixtures", CLI.fixtures])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("already ingested"))
        for title in ["Repo in September 2019", "Concentration", "Credit", "Private credit", "Bitcoin vs hedges", "Spider", "Fragility"] {
            #expect(r.stdout.contains("== \(title)"))
        }
    }

    @Test func repoShowsTheSeptember2019SpikeInBasisPoints() throws {
        let r = try query(["repo", "--since", "2019-09-17", "--until", "2019-09-17"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(records(r.stdout).first)
        // SOFR 5.25% against IOER 2.10% that day.
        #expect(row["sofr_iorb_bp"] == "315")
        #expect(row["iorb"] == "2.1")
        #expect(row["share_at_or_above_iorb"] == "1")
    }

    @Test func repoShareAtOrAboveIORBFollowsTheLadder() throws {
        let r = try query(["repo", "--since", "2025-10-31", "--until", "2025-10-31"])
        let row = try #require(records(r.stdout).first)
        // Hand calculation from the fixture's percentiles for 10/31/2025 against IORB 3.90.
        let sofr = try #require(try rows("nyfed_reference_rates.csv").first { $0[0] == "10/31/2025" && $0[1] == "SOFR" })
        let ladder = [(0.01, Double(sofr[3])!), (0.25, Double(sofr[4])!), (0.5, Double(sofr[2])!), (0.75, Double(sofr[5])!), (0.99, Double(sofr[6])!)]
        var below = 0.0
        for (p, q) in zip(ladder, ladder.dropFirst()) where 3.90 > p.1 && 3.90 <= q.1 {
            below = p.0 + (q.0 - p.0) * (3.90 - p.1) / (q.1 - p.1)
        }
        let share = try num(row["share_at_or_above_iorb"])
        #expect(abs(share - (1 - below)) < 1e-9)
        #expect(try num(row["sofr_iorb_bp"]) == ((Double(sofr[2])! - 3.90) * 100).rounded())
    }

    @Test func concentrationIsTopTenOverTheIndexTotal() throws {
        let r = try query(["concentration", "--since", "2025-11-21", "--names"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(records(r.stdout).first)
        let caps = try rows("spx_member_caps.csv").filter { $0[0] == "2025-11-21" }.map { ($0[1], Double($0[2])!) }
        let total = try #require(try rows("spx_total_cap.csv").first { $0[0] == "2025-11-21" }.flatMap { Double($0[1]) })
        let top = caps.sorted { $0.1 > $1.1 }.prefix(10)
        let share = top.reduce(0) { $0 + $1.1 } / total
        let hhi = caps.reduce(0) { $0 + ($1.1 / total) * ($1.1 / total) }
        #expect(abs(try num(row["top10_share"]) - share) < 1e-12)
        #expect(abs(try num(row["hhi"]) - hhi) < 1e-12)
        #expect(abs(try num(row["effective_n"]) - 1 / hhi) < 1e-9)
        #expect(row["top10"] == top.map(\.0).joined(separator: " "))
        #expect(share > 0.38 && share < 0.46)  // the story: about 40%
    }

    @Test func creditFlagsOracleCDSWidening() throws {
        let r = try query(["credit", "--latest"])
        #expect(r.status == 0, "\(r.stderr)")
        let orcl = try #require(records(r.stdout).first { $0["series"] == "CDS.ORCL" })
        let cds = try rows("cds_single_names.csv")
        let last = try #require(cds.last)
        let threeMonthsEarlier = try #require(cds.last { $0[0] <= "2025-08-21" })
        #expect(try num(orcl["level"]) == Double(last[2])!)
        #expect(try num(orcl["chg3m_bp"]) == cleaned(Double(last[2])! - Double(threeMonthsEarlier[2])!))
        #expect(orcl["alert"] == "WIDENING")
        #expect(Double(last[2])! > 100)
    }

    @Test func marksFindTheLoanHoldersDisagreeOn() throws {
        let r = try query(["marks", "--min-spread", "15", "--since", "2025-10-31"])
        #expect(r.status == 0, "\(r.stderr)")
        let found = records(r.stdout)
        #expect(found.map { $0["instrument"] } == ["LOAN07"])
        let marks = try rows("private_credit_marks.csv").filter { $0[0] == "2025-10-31" && $0[3] == "LOAN07" }.map { Double($0[2])! }
        let row = try #require(found.first)
        #expect(row["holders"] == String(marks.count))
        #expect(try num(row["spread"]) == cleaned(marks.max()! - marks.min()!))
    }

    @Test func hedgeShowsBitcoinTradingWithNasdaqNotGold() throws {
        let r = try query(["hedge", "BTC", "--vs", "NDX,GOLD", "--window", "90", "--since", "2025-11-21"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(records(r.stdout).first)
        let withNasdaq = try num(row["corr_NDX"])
        let withGold = try num(row["corr_GOLD"])
        #expect(withNasdaq > withGold)
        let btc = try rows("prices.csv").map { Double($0[1])! }
        #expect(abs(try num(row["drawdown_BTC"]) - (btc.last! / btc.max()! - 1)) < 1e-12)
    }

    @Test func spiderRanksAgainstTheBaseline() throws {
        // Indicators from a config of their own: a spread and reserves, where lower is stress.
        let config = try writeTemporaryFile("[spider]\nindicators = [\"SOFR-IORB|IOER\", \"-WRESBAL\"]\n", name: "mstore.toml")
        let r = try query(["spider", "--at", "2019-09-17", "--at", "2025-10", "--baseline", "2018-04:2019-08", "--config", config])
        #expect(r.status == 0, "\(r.stderr)")
        let byIndicator = Dictionary(uniqueKeysWithValues: records(r.stdout).map { ($0["indicator"] ?? "", $0) })
        // 2019-09-17's spread (315 bp) is above every baseline day; late-2025 reserves are
        // above every 2018-19 value, so "-WRESBAL" (lower is stress) ranks 0.
        #expect(byIndicator["SOFR-IORB|IOER"]?["2019-09-17"] == "100")
        #expect(byIndicator["WRESBAL"]?["2025-10"] == "0")
        #expect(byIndicator["WRESBAL"]?["stress_when"] == "lower")
        #expect(byIndicator["SOFR-IORB|IOER"]?["stress_when"] == "higher")
        #expect(byIndicator.count == 2)
    }

    /// With no flags, the essay's spider: four axes, four periods; September 2019 and
    /// October 2025 near the top of the 2018-2019Q3 range on every axis, June 2025 calm.
    @Test func spiderDefaultsToTheEssaysComparison() throws {
        let r = try query(["spider"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("indicator,stress_when,2018-2019Q3,September 2019,June 2025,October 2025\n"), "\(r.stdout)")
        let table = records(r.stdout)
        #expect(table.map { $0["indicator"] ?? "" } == ["Repo volume at or above IORB", "Daylight overdrafts (peak)", "Fed funds purchased", "Late payments"])
        for row in table {
            #expect(try num(row["September 2019"]) > 90, "\(row)")
            #expect(try num(row["October 2025"]) > 90, "\(row)")
            #expect(try num(row["June 2025"]) < 40, "\(row)")
        }
        // @repo_share is the repo query's share at or above IORB, averaged over the month.
        let repo = records(try query(["repo", "--since", "2019-09-01", "--until", "2019-09-30"]).stdout)
        let shares = try repo.map { try num($0["share_at_or_above_iorb"]) }
        #expect(shares.count > 15)
        #expect(shares.max()! > 0.5)
    }

    @Test func fragilityContributionsAddUpToTheIndex() throws {
        let r = try query(["fragility", "--since", "2025-01"])
        #expect(r.status == 0, "\(r.stderr)")
        let found = records(r.stdout)
        #expect(found.count >= 10)
        for row in found {
            let parts = NamedQueries.categories.compactMap { row[$0].flatMap(Double.init) }
            #expect(String(parts.count) == row["categories"])
            let index = try num(row["fragility"])
            #expect(abs(parts.reduce(0, +) - index) < 1e-9)
        }
    }

    /// The index worked out by hand on two categories of one indicator each.
    @Test func fragilityMatchesAHandComputation() throws {
        // Month-end values: A rises 1, 2, …, 12 then jumps to 20; B (lower = more stress)
        // falls 24, 23, …, 13 then to 10. Window 3y with at least 12 months: the thirteenth
        // month is the first with a z-score of its own history (13 values).
        let dates = (1...12).map { day(String(format: "2024-%02d-01", $0)) } + [day("2025-01-01")]
        let a = (1...12).map(Double.init) + [20]
        let b = (13...24).reversed().map(Double.init) + [10]
        var source = MemorySource()
        source.add(TimeSeries(key: "A", dates: dates, values: a))
        source.add(TimeSeries(key: "B", dates: dates, values: b))
        let config = try QueryConfig(file: "hand.toml", text: "[fragility]\nfunding = [\"A\"]\ncredit = [\"-B\"]\nprivate_credit = []\nhousehold = []\nconcentration = []\nwindow = \"3y\"\n")
        let table = try NamedQueries(source: source, config: config).fragility()
        func z(_ xs: [Double]) -> Double {
            let mean = xs.reduce(0, +) / Double(xs.count)
            let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)).squareRoot()
            return (xs[xs.count - 1] - mean) / sd
        }
        // Month 12 has 12 values (the minimum); month 13 has 13.
        let expected = [(day("2024-12-01"), z(Array(a.prefix(12))), -z(Array(b.prefix(12)))), (day("2025-01-01"), z(a), -z(b))]
        #expect(table.rows.count == expected.count)
        for (row, want) in zip(table.rows, expected) {
            #expect(row[0] == .date(want.0))
            guard case let .number(index) = row[1], case let .number(funding) = row[3], case let .number(credit) = row[4] else {
                Issue.record("no numbers in \(row)")
                continue
            }
            #expect(abs(index - (want.1 + want.2) / 2) < 1e-12)
            #expect(abs(funding - want.1 / 2) < 1e-12)
            #expect(abs(credit - want.2 / 2) < 1e-12)
        }
    }

    @Test func kshapeGapIsUpperMinusLower() throws {
        let r = try query(["kshape", "--since", "2025-10"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(records(r.stdout).first)
        let hh = try #require(try rows("household_stress.csv").first { $0[0] == "2025-10-01" })
        #expect(try num(row["expectations_gap"]) == cleaned(Double(hh[3])! - Double(hh[4])!))
        #expect(try num(row["subprime_auto_dq60"]) == Double(hh[1])!)
        // Percentiles are on the 0-100 scale of status and spider: delinquency near its high.
        let pct = try num(row["subprime_auto_dq60_pct"])
        #expect(pct > 90 && pct <= 100)
    }

    @Test func transformRollingAndCorrOnTheStory() throws {
        let diff = try query(["transform", "WRESBAL", "--diff", "4", "--since", "2025-11-19"])
        let reserves = try rows("fred_reserves.csv")
        let n = reserves.count
        let diffRows = records(diff.stdout)
        #expect(diffRows.count == 1 && diffRows.first?["date"] == "2025-11-19")
        #expect(abs(try num(diffRows.first?["WRESBAL:diff4"]) - (Double(reserves[n - 1][1])! - Double(reserves[n - 5][1])!)) < 1e-9)
        let monthly = try query(["transform", "SOFR", "--freq", "M", "--agg", "eop", "--since", "2025-10", "--until", "2025-10"])
        let lastOctober = try #require(try rows("nyfed_reference_rates.csv").first { $0[0].hasPrefix("10/") && $0[0].hasSuffix("/2025") && $0[1] == "SOFR" })
        let monthlyRows = records(monthly.stdout)
        #expect(monthlyRows.count == 1 && monthlyRows.first?["date"] == "2025-10-01")
        #expect(try num(monthlyRows.first?["SOFR"]) == Double(lastOctober[2])!)
        let z = try query(["rolling", "SOFR-IORB", "--stat", "zscore", "--window", "252", "--since", "2025-11-21"])
        #expect(z.status == 0 && z.stdout.hasPrefix("date,SOFR-IORB,SOFR-IORB:zscore(252)\n2025-11-21,"))
        let corr = try query(["corr", "BTC", "NDX", "--window", "90d", "--since", "2025-11-21"])
        #expect(corr.stdout.hasPrefix("date,corr,cov,beta\n2025-11-21,"))
        let ewma = try query(["rolling", "BTC", "--stat", "ewma"])
        #expect(ewma.status == 64)
        #expect(try query(["transform", "SOFR", "--units", "pc1", "--since", "2025-11-21"]).status == 0)
    }

    @Test func showAcceptsAnExpression() throws {
        let r = try CLI.run(["show", "SOFR-IORB", "--since", "2025-10-31", "--until", "2025-10-31", "--db", Self.db, "--format", "csv"])
        #expect(r.stdout == "date,SOFR-IORB\n2025-10-31,7\n")
        let t = try query(["transform", "SOFR-IORB", "--since", "2025-10-31", "--until", "2025-10-31"])
        #expect(t.stdout == "date,SOFR-IORB\n2025-10-31,7\n")
    }

    @Test func configMapsRolesAndAMissingSeriesIsNamed() throws {
        let listed = try CLI.run(["config", "--db", Self.db, "--format", "csv"])
        #expect(listed.stdout.contains("repo,reserves,WRESBAL,default"))
        let dir = try temporaryDirectory()
        let config = try writeTemporaryFile("# desk settings\n[repo]\nreserves = \"RESERVES.TOTAL\"  # renamed\n", name: "desk.toml", in: dir)
        let r = try query(["repo", "--config", config, "--since", "2025-11-21"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("reserves"))  // optional input absent: its columns are left out
        let missing = try writeTemporaryFile("[repo]\nsofr = \"NOPE\"\n", name: "missing.toml", in: dir)
        let m = try query(["repo", "--config", missing])
        #expect(m.status == 66)
        #expect(m.stderr.contains("series \"NOPE\" (the SOFR input) not found"))
        let bad = try writeTemporaryFile("[repo]\nsofr = SOFR\n", name: "bad.toml", in: dir)
        let b = try query(["repo", "--config", bad])
        #expect(b.status == 65)
        #expect(b.stderr.contains("bad.toml:2: \"SOFR\" is not a value: write text in quotes"), "\(b.stderr)")
        let shown = try CLI.run(["config", "--config", config, "--db", Self.db, "--format", "csv"])
        #expect(shown.stdout.contains("repo,reserves,RESERVES.TOTAL,file"))
    }

    @Test func configIsRealTOML() throws {
        let dir = try temporaryDirectory()
        // A quoted comma inside a list item (the default status indicator could not be
        // written before), a multi-line array, comments and a literal string.
        let toml = """
            [status]
            indicators = [
              "Hedges: @corr(BTC,NDX,90) > 0.5",  # commas inside quotes
              'Funding: WRESBAL < 3000',
            ]
            """
        let config = try writeTemporaryFile(toml, name: "mstore.toml", in: dir)
        let r = try CLI.run(["status", "--config", config, "--db", Self.db, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(r.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("Hedges,\"'@corr(BTC,NDX,90)\",0.8059") == true, "\(r.stdout)")
        // Unknown tables and keys are errors that name them, with the line.
        let table = try writeTemporaryFile("[hedge]\nasset = \"BTC\"\n", name: "t.toml", in: dir)
        let t = try CLI.run(["config", "--config", table, "--db", Self.db])
        #expect(t.status == 65 && t.stderr.contains("t.toml:1: bad value \"hedge\""), "\(t.stderr)")
        let key = try writeTemporaryFile("[repo]\n\nsofer = \"SOFR\"\n", name: "k.toml", in: dir)
        let k = try CLI.run(["config", "--config", key, "--db", Self.db])
        #expect(k.status == 65 && k.stderr.contains("k.toml:3: bad value \"sofer\": expected a setting of [repo]"), "\(k.stderr)")
    }

    /// A story file as downloaded on `vintage`.
    func rows(_ file: String, downloadedOn vintage: String) throws -> [[String]] {
        try String(contentsOfFile: CLI.fixtures + "/story/\(vintage)/\(file)", encoding: .utf8).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test func asOfUsesOnlyWhatWasKnown() throws {
        // WALCL comes from the balance-sheet file of each download; recent weeks get revised.
        let early = try query(["transform", "WALCL", "--as-of", "2025-10-15"])
        let late = try query(["transform", "WALCL"])
        let september = try rows("fred_balance_sheet.csv", downloadedOn: "2025-09-30")
        let november = try rows("fred_balance_sheet.csv", downloadedOn: "2025-11-24")
        let earlyLines = early.stdout.split(separator: "\n").map(String.init)
        #expect(earlyLines.last == september.last?.joined(separator: ","))
        #expect(late.stdout.split(separator: "\n").last.map(String.init) == november.last?.joined(separator: ","))
        // A week the November download revised reads its September value as of October.
        let revised = try #require(september.first { row in november.contains { $0[0] == row[0] && $0[1] != row[1] } })
        #expect(earlyLines.contains(revised.joined(separator: ",")))
        #expect(!late.stdout.contains(revised.joined(separator: ",")))
    }

    @Test func weeklyAveragesAreNotRoundedBeforeTheyAreDifferenced() throws {
        // BTC trades every day: weekly means (W: weeks ending Friday, as FRED's), then their
        // change, by hand; the last week holds the days up to --until.
        let r = try query(["transform", "BTC", "--freq", "W", "--agg", "avg", "--units", "chg", "--since", "2025-10", "--until", "2025-11-16"])
        #expect(r.status == 0, "\(r.stderr)")
        var weeks: [String: [Double]] = [:]
        let calendar = Calendar(identifier: .gregorian)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        for row in try rows("prices.csv") where row[0] >= "2025-09-20" && row[0] <= "2025-11-16" {
            let date = try #require(formatter.date(from: row[0]))
            let toFriday = (6 - utc.component(.weekday, from: date) + 7) % 7
            let friday = formatter.string(from: try #require(utc.date(byAdding: .day, value: toFriday, to: date)))
            weeks[friday, default: []].append(Double(row[1])!)
        }
        let means = weeks.keys.sorted().map { ($0, weeks[$0]!.reduce(0, +) / Double(weeks[$0]!.count)) }
        let got = records(r.stdout)
        #expect(got.count >= 6)
        for record in got {
            let date = try #require(record["date"])
            let i = try #require(means.firstIndex { $0.0 == date })
            let want = means[i].1 - means[i - 1].1
            let value = try num(record["BTC:chg"])
            #expect(abs(value - want) <= abs(want) * 1e-11, "\(date): \(value) vs \(want)")
        }
    }

    @Test func everyNamedQueryAnswersAsOfAnEarlierDownload() throws {
        for args in [["repo", "--since", "2025-06"], ["concentration", "--since", "2025-06"], ["credit", "--latest"], ["marks", "--min-spread", "5"],
                     ["kshape", "--since", "2025"], ["hedge", "BTC", "--vs", "NDX,GOLD", "--since", "2025-06"], ["fragility", "--since", "2025"],
                     ["spider", "--at", "2019-09", "--at", "2025-06"]] {
            let then = try query(args + ["--as-of", "2025-06-30"])
            let now = try query(args)
            #expect(then.status == 0, "\(args): \(then.stderr)")
            #expect(then.stdout.split(separator: "\n").count > 1, "\(args) as of 2025-06-30 printed no rows")
            #expect(then.stdout != now.stdout, "\(args) answers the same as of 2025-06-30 as today")
            // Nothing observed after the as-of date shows up.
            #expect(!then.stdout.contains("2025-07-"), "\(args)")
        }
    }

    @Test func revisionsShowTheFog() throws {
        let r = try CLI.run(["revisions", "--db", Self.db, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = records(r.stdout)
        #expect(Set(summary.compactMap { $0["series"] }) == ["GDPC1", "PAYEMS", "TOTBKCR", "WALCL"])
        // PAYEMS: count by hand from the four downloads: every month whose value differs
        // between one download and the next is one revision.
        var expected = 0
        var maxChange = 0.0
        for (a, b) in zip(["2025-03-31", "2025-06-30", "2025-09-30"], ["2025-06-30", "2025-09-30", "2025-11-24"]) {
            let before = Dictionary(try rows("fred_macro.csv", downloadedOn: a).map { ($0[0], $0[2]) }, uniquingKeysWith: { x, _ in x })
            for row in try rows("fred_macro.csv", downloadedOn: b) where row[2] != "." {
                if let old = before[row[0]], old != ".", old != row[2] {
                    expected += 1
                    maxChange = max(maxChange, abs(Double(row[2])! - Double(old)!))
                }
            }
        }
        let payems = try #require(summary.first { $0["series"] == "PAYEMS" })
        #expect(payems["revisions"] == String(expected))
        #expect(try num(payems["max_abs_change"]) == maxChange)
    }
}

@Suite struct QueryHelpTests {
    @Test(arguments: ["concentration", "repo", "credit", "marks", "kshape", "hedge", "spider", "fragility", "transform", "rolling", "corr"])
    func everyQueryHasHelpWithExamples(name: String) throws {
        let r = try CLI.run(["query", name, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("mstore query \(name)"))
    }

    @Test func signalsAreDocumented() throws {
        let doc = try String(contentsOfFile: CLI.fixtures + "/../docs/SIGNALS.md", encoding: .utf8)
        for topic in ["FRED units", "Frequency conversion", "As-of alignment", "Rolling windows", "min_periods", "EWMA", "correlation",
                      "Concentration", "Mark dispersion", "Share of volume", "Fragility", "Spider", "as-of"] {
            #expect(doc.contains(topic), "docs/SIGNALS.md lacks \(topic)")
        }
    }
}

@Suite struct StatusTests {
    @Test func statusScreenMatchesItsSnapshot() throws {
        let r = try CLI.run(["status", "--db", QueryCLITests.db, "--format", "table"], environment: ["NO_COLOR": "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let snapshot = try String(contentsOfFile: CLI.fixtures + "/snapshots/status.txt", encoding: .utf8)
        #expect(r.stdout == snapshot, "run Scripts/update-snapshots.sh after a deliberate change")
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func statusFlagsAndStaleness() throws {
        let r = try CLI.run(["status", "--db", QueryCLITests.db, "--format", "csv"])
        let rows = r.stdout.split(separator: "\n").map(String.init)
        let orcl = try #require(rows.first { $0.contains(",CDS.ORCL,") })
        #expect(orcl.hasSuffix(",ALERT > 100"))
        // The demo's first download is of 2025-03-31: as of a day before that, nothing was
        // known yet, and every line says so instead of showing later data.
        let early = try CLI.run(["status", "--db", QueryCLITests.db, "--as-of", "2025-03-30", "--format", "csv"])
        #expect(early.status == 0)
        #expect(!early.stdout.contains(",2025-"))
        #expect(early.stdout.contains("MISSING: no observations"))
        let known = try CLI.run(["status", "--db", QueryCLITests.db, "--as-of", "2025-11-24", "--format", "csv"])
        #expect(known.stdout.contains(",CDS.ORCL,128.1,2025-11-21,"))
        // As of the June download: Oracle's last quote then, from that file.
        let june = try QueryCLITests().rows("cds_single_names.csv", downloadedOn: "2025-06-30")
        let last = try #require(june.last)
        let then = try CLI.run(["status", "--db", QueryCLITests.db, "--as-of", "2025-06-30", "--format", "csv"])
        #expect(then.stdout.contains(",CDS.ORCL,\(last[2]),\(last[0]),"))
    }

    @Test func staleSeriesAreFlagged() throws {
        let store = try Store()
        try store.ingest(path: try writeTemporaryFile("observation_date,A,B\n2025-01-06,1,1\n2025-01-13,2,2\n2025-01-20,3,3\n2025-03-03,4,\n2025-03-10,5,\n"))
        let config = try QueryConfig(file: "t.toml", text: "[status]\nindicators = [\"X: A\", \"X: B > 2\", \"X: NOPE\"]\n")
        let lines = try NamedQueries(source: store, config: config).status()
        #expect(lines.map(\.stale) == [false, true, false])
        #expect(lines[1].flagged)
        #expect(lines[2].problem?.contains("NOPE") == true)
    }

    @Test func sparklinesAndColour() {
        #expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(sparkline([5, 5]) == "▄▄")
        #expect(sparkline([]) == "")
        #expect(colourised("x ALERT > 1", colour: true).contains("\u{1B}[31m"))
        #expect(colourised("x ALERT > 1", colour: false) == "x ALERT > 1")
    }
}

@Suite struct QueryInputTests {
    @Test(arguments: [
        ["query", "rolling", "SOFR", "--window", "99999999999d"], ["query", "rolling", "SOFR", "--window", "0"],
        ["query", "transform", "SOFR", "--diff=-3"], ["query", "transform", "SOFR", "--lag", "0"],
        ["query", "concentration", "--top", "0"], ["query", "transform", "SOFR", "--freq", "X"],
        ["query", "spider", "--at", "2019-13"], ["export", "SOFR", "--fill", "bfill"], ["chart", "spider", "--at", "soon"],
        // Each of these crashed the binary once (exit 132/134).
        ["query", "rolling", "SOFR", "--window", "3000y"], ["query", "rolling", "SOFR", "--window", "30000m"],
        ["query", "corr", "BTC", "NDX", "--window", "3000y"], ["query", "hedge", "BTC", "--vs", "NDX", "--window", "30000m"],
        ["chart", "hedge", "BTC", "--vs", "NDX", "--window", "3000y"], ["query", "spider", "--at", ""], ["query", "spider", "--at", ":"],
        ["query", "spider", "--at", "2019", "--baseline", ""], ["chart", "SOFR", "--shade", ""],
        ["query", "concentration", "--top", "1000000000000"], ["query", "concentration", "--top", "9223372036854775807"],
        ["ingest", "x.csv", "--skip", "9223372036854775807"], ["query", "marks", "--min-spread", "nan"],
        ["query", "rolling", "SOFR", "--stat", "ewma", "--half-life", "0"], ["query", "transform", "SOFR", "--lag", "9223372036854775807"],
    ])
    func badArgumentsAreUsageErrorsNotCrashes(args: [String]) throws {
        let r = try CLI.run(args + ["--db", QueryCLITests.db])
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stderr.hasPrefix("mstore: error: "), "\(args): \(r.stderr)")
    }

    @Test(arguments: [
        ("[concentration]\ntop = nan\n", "concentration.top"), ("[concentration]\ntop = 1e300\n", "concentration.top"),
        ("[spider]\nbaseline = \"\"\n", "spider.baseline"), ("[credit]\nwindow = \"3000y\"\n", "credit.window"),
        ("[fragility]\nwindow = \"0\"\n", "fragility.window"), ("[marks]\nmin_spread = -1\n", "marks.min_spread"),
    ])
    func configValuesOutOfRangeAreDataErrors(text: String, setting: String) throws {
        let config = try writeTemporaryFile(text, name: "mstore.toml")
        let r = try CLI.run(["query", "concentration", "--config", config, "--db", QueryCLITests.db])
        #expect(r.status == 65, "\(text): \(r.stderr)")
        #expect(r.stderr.hasPrefix("mstore: error: ") && r.stderr.contains(setting), "\(r.stderr)")
    }

    /// Inputs the fuzzer found that stopped the program; each must now be a clear error.
    @Test(arguments: [
        "[\\re[porepo]\ns", "[ \\x]\n", "[repo]\nso\\fr = \"SOFR\"\n", "[[\\a]]\n", "\u{FEFF}[\u{80}\0\0repo]\nors => 0.5]\n", "[repo]\nsofr = \"\0\"\n", "[[[r[r", "[re[po]\n", "[]\n", "[\u{0619}U  ]\"[[r[repo]\nePsoO", "[[..Mut]bleCollectio", "[a..b]\n", "[a b]\n", "[repo]\na..b = 1\n",
        "[repo]\n#ofr  \"SOFR\"\n[status]\nindicators =[}= H\"[r(BeND-,89) >%0[5\"]\n", "[repo]\nsofr = [\"a\" \"b\"]\n", "[repo]\nsofr = \"a\\q\"\n",
    ])
    func configTextsFoundByFuzzingAreErrors(text: String) {
        #expect(throws: MStoreError.self) { try QueryConfig(file: "fuzz.toml", text: text) }
    }

    @Test func dateArithmeticIsTotal() {
        let d = day("2025-03-31")
        #expect(d.adding(months: -1) == day("2025-02-28"))
        #expect(d.adding(months: -30_000) == Day.distantPast)
        #expect(d.adding(months: Int.max) == Day.distantFuture)
        #expect(d.adding(months: Int.min) == Day.distantPast)
        #expect(d.adding(days: Int.max) == Day.distantFuture)
        #expect(d.adding(days: -10_000_000) == Day.distantPast)
        #expect(day("0001-03-15").adding(months: -3) == Day.distantPast)
    }

    @Test func hugeButValidSpansDoNotOverflow() throws {
        let r = try CLI.run(["query", "rolling", "SOFR", "--window", "100000d", "--since", "2025-11-21", "--db", QueryCLITests.db, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(sparkline([-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude]).count == 2)
    }
}

@Suite struct RollingManyTests {
    /// `rolling --tag` gives, per series, exactly the rows of `rolling KEY`, long and in key order.
    @Test func rollingOverATagIsEachSeriesLong() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/r.db"
        let file = try writeTemporaryFile(
            "date,series,value\n2025-01-01,B,1\n2025-01-02,B,3\n2025-01-03,B,2\n2025-01-01,A,10\n2025-01-02,A,14\n2025-01-03,A,12\n",
            name: "r.csv", in: dir)
        #expect(try CLI.run(["ingest", file, "--db", db, "--tag", "universe=T"]).status == 0)
        let long = try CLI.run(["query", "rolling", "--tag", "universe=T", "--stat", "mean", "--window", "2", "--db", db, "--format", "csv"])
        // By hand: means of consecutive pairs.
        #expect(long.stdout == "series,date,value,mean(2)\nA,2025-01-01,10,\nA,2025-01-02,14,12\nA,2025-01-03,12,13\nB,2025-01-01,1,\nB,2025-01-02,3,2\nB,2025-01-03,2,2.5\n", "\(long.stdout)")
        let both = try CLI.run(["query", "rolling", "A", "--tag", "universe=T", "--db", db])
        #expect(both.status == 64)
    }
}
