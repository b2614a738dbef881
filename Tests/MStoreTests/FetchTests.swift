import Foundation
import Testing

@testable import MStore

/// `mstore fetch` and `mstore update` against a local server that answers as FRED and the
/// New York Fed do (Fixtures/http, written by Scripts/make-http-fixtures.py). Nothing here
/// leaves the machine.
@Suite(.serialized) struct FetchTests {
    static let key = "abcdef0123456789abcdef0123456789"

    /// A FRED that serves WRESBAL in two pages, GDPC1 with every vintage, and errors.
    static func fred(_ r: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        if r.path == "/graph/fredgraph.csv" { return .file("fredgraph_WALCL.csv") }
        guard r.query["api_key"] == key else { return .file("fred_error_key.json", status: 400) }
        switch (r.path, r.query["series_id"] ?? "") {
        case ("/fred/series", "WRESBAL"): return .file("fred_series_WRESBAL.json")
        case ("/fred/series", "GDPC1"): return .file("fred_series_GDPC1.json")
        case ("/fred/series/observations", "WRESBAL"):
            return .file(r.query["offset"] == "3" ? "fred_obs_WRESBAL_page2.json" : "fred_obs_WRESBAL_page1.json")
        case ("/fred/series/observations", "GDPC1"): return .file("fred_obs_GDPC1_vintages.json")
        case ("/fred/series", "BROKEN"): return .file("fred_series_GDPC1.json")
        case ("/fred/series/observations", "BROKEN"): return .file("malformed.json")
        default: return .file("fred_error_series.json", status: 400)
        }
    }

    struct Setup {
        let server: LocalHTTPServer
        let dir: String
        let db: String
        var environment: [String: String] {
            ["FRED_API_KEY": FetchTests.key, "MSTORE_FRED_URL": server.base, "MSTORE_FRED_GRAPH_URL": server.base, "MSTORE_NYFED_URL": server.base]
        }

        func run(_ args: [String], environment extra: [String: String] = [:]) throws -> CLI.Result {
            try CLI.run(args + ["--db", db], environment: environment.merging(extra) { $1 }, in: dir)
        }
    }

    func setup(_ handler: @escaping (LocalHTTPServer.Request) -> LocalHTTPServer.Reply = fred) throws -> Setup {
        let dir = try temporaryDirectory()
        return Setup(server: try LocalHTTPServer(handler: handler), dir: dir, db: dir + "/f.db")
    }

    @Test func fredSeriesArePagedStoredWithTheirMetadataAndNoKey() throws {
        let s = try setup()
        defer { s.server.stop() }
        let r = try s.run(["fetch", "fred:WRESBAL"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("fred:WRESBAL: fred-json, 1 series (WRESBAL), 5 rows: 5 inserted"), "\(r.stdout)")
        // Two pages: offset 0, then the offset the first page's count and limit call for.
        let pages = s.server.requests.filter { $0.path == "/fred/series/observations" }.map { $0.query["offset"] ?? "" }
        #expect(pages == ["0", "3"])
        let show = try s.run(["show", "WRESBAL", "--format", "csv"])
        #expect(show.stdout == "date,WRESBAL\n2025-10-22,2899.117\n2025-10-29,2829.105\n2025-11-05,2849.621\n2025-11-12,2831.477\n2025-11-19,2884.712\n")
        let info = try s.run(["series", "WRESBAL", "--format", "csv"])
        #expect(info.stdout.contains("name,Reserve Balances with Federal Reserve Banks\nunit,Billions of U.S. Dollars\n"), "\(info.stdout)")
        #expect(info.stdout.contains(
            "notes,Reserve balances held at the Federal Reserve Banks. Wednesday level. Seasonal adjustment: Not Seasonally Adjusted. Last updated by FRED: 2025-11-20 15:46:02-06.\n"),
            "\(info.stdout)")
        // Provenance: the source and the URL with the key redacted; the key is nowhere in the file.
        let run = try s.run(["sql", "SELECT file_name, url FROM ingest_run", "--format", "csv"])
        #expect(run.stdout.contains("fred:WRESBAL,\(s.server.base)/fred/series/observations?api_key=REDACTED&file_type=json&limit=100000&offset=0&series_id=WRESBAL"), "\(run.stdout)")
        let bytes = try #require(FileManager.default.contents(atPath: s.db))
        #expect(bytes.range(of: Data(Self.key.utf8)) == nil)
        #expect(!r.stdout.contains(Self.key) && !r.stderr.contains(Self.key))
    }

    @Test func updateBringsARevisionAndSaysWhatChanged() throws {
        let s = try setup()
        defer { s.server.stop() }
        #expect(try s.run(["fetch", "fred:WRESBAL", "fredgraph:WALCL"]).status == 0)
        s.server.handler = { r in
            if r.path == "/fred/series/observations" { return .file("fred_obs_WRESBAL_update.json") }
            if r.path == "/graph/fredgraph.csv" { return .file("fredgraph_WALCL.csv") }
            return Self.fred(r)
        }
        let dry = try s.run(["update", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("WRESBAL: 1 new, 1 revised (largest: 2025-11-19 2884.712 → 2885.9) (dry run)"), "\(dry.stdout)")
        let r = try s.run(["update"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "WRESBAL: 1 new, 1 revised (largest: 2025-11-19 2884.712 → 2885.9)\nWALCL: no change\n", "\(r.stdout)")
        // Incremental: from two years before the last observation.
        let asked = s.server.requests.last { $0.path == "/fred/series/observations" }
        #expect(asked?.query["observation_start"] == "2023-11-19")
        let arrived = try s.run(["revisions", "--arrived-since", "2025-12-01", "--format", "csv"])
        #expect(arrived.stdout == "series,date,old,new,change,vintage\nWRESBAL,2025-11-19,2884.712,2885.9,1.188,2025-12-01\n")
        // The fog: as of the first fetch the old value, now the revised one.
        #expect(try s.run(["show", "WRESBAL", "--since", "2025-11-19", "--as-of", "2025-11-30", "--format", "csv"]).stdout == "date,WRESBAL\n2025-11-19,2884.712\n")
        let quiet = try s.run(["update", "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty, "\(quiet.stdout)")
    }

    /// fetch and update on a PostgreSQL store say and store what they do on a file.
    @Test func fetchAndUpdateOnAServerAsOnAFile() throws {
        let file = try setup()
        defer { file.server.stop() }
        let server = Setup(server: file.server, dir: file.dir, db: try PostgresServer.newStoreURL())
        let mask = { (text: String) in
            text.replacingOccurrences(of: file.db, with: "STORE").replacingOccurrences(of: Store.shown(server.db), with: "STORE")
                .replacingOccurrences(of: #"\([0-9.]+ m?s\)"#, with: "(T)", options: .regularExpression)
        }
        let steps: [[String]] = [
            ["fetch", "fred:WRESBAL", "fredgraph:WALCL", "fred:GDPC1", "--all-vintages"], ["fetch", "fred:NOSUCH"], ["update", "--dry-run"], ["update"],
            ["show", "WRESBAL", "--format", "csv"], ["show", "GDPC1", "--as-of", "2025-06-01", "--format", "csv"], ["series", "WRESBAL"],
            ["revisions", "--format", "csv"], ["sql", "SELECT file_name, url, layout, outcome FROM ingest_run ORDER BY id", "--format", "csv"],
        ]
        for (i, step) in steps.enumerated() {
            if i == 3 {
                file.server.handler = { r in
                    if r.path == "/fred/series/observations", r.query["series_id"] == "WRESBAL" { return .file("fred_obs_WRESBAL_update.json") }
                    return Self.fred(r)
                }
            }
            let a = try file.run(step)
            let b = try server.run(step)
            #expect(b.status == a.status, "\(step): \(b.stderr)")
            #expect(mask(b.stdout) == mask(a.stdout), "\(step)")
            #expect(mask(b.stderr) == mask(a.stderr), "\(step)")
        }
        #expect(try server.run(["show", "WRESBAL", "--since", "2025-11-19", "--format", "csv"]).stdout.contains("2025-11-19,2885.9"))
    }

    @Test func allVintagesStoreFREDsOwnHistory() throws {
        let s = try setup()
        defer { s.server.stop() }
        let r = try s.run(["fetch", "fred:GDPC1", "--all-vintages"])
        #expect(r.status == 0, "\(r.stderr)")
        let asked = s.server.requests.last { $0.path == "/fred/series/observations" }
        #expect(asked?.query["realtime_start"] == "1776-07-04" && asked?.query["realtime_end"] == "9999-12-31")
        #expect(try s.run(["show", "GDPC1", "--as-of", "2025-06-01", "--format", "csv"]).stdout == "date,GDPC1\n2025-01-01,23526.085\n")
        #expect(try s.run(["show", "GDPC1", "--format", "csv"]).stdout == "date,GDPC1\n2025-01-01,23512.717\n2025-04-01,23703.782\n")
        let revisions = try s.run(["revisions", "GDPC1", "--format", "csv"])
        #expect(revisions.stdout.split(separator: "\n").count == 4)
    }

    @Test func newYorkFedRatesAndReverseRepo() throws {
        let s = try setup { r in
            switch r.path {
            case "/api/rates/secured/sofr/search.json": return .file("nyfed_sofr.json")
            case "/api/rp/reverserepo/propositions/search.json": return .file("nyfed_rrp.json")
            default: return .text("not found", status: 404)
            }
        }
        defer { s.server.stop() }
        let r = try s.run(["fetch", "nyfed:sofr", "nyfed:rrp", "--since", "2025-11-01"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.server.requests.first?.query["startDate"] == "2025-11-01")
        #expect(try s.run(["show", "SOFR.P99", "--format", "csv"]).stdout == "date,SOFR.P99\n2025-11-20,4.1\n2025-11-21,4.05\n")
        #expect(try s.run(["show", "SOFR.VOLUME", "--format", "csv"]).stdout == "date,SOFR.VOLUME\n2025-11-20,3105\n2025-11-21,3072\n")
        #expect(try s.run(["show", "RRP.ACCEPTED", "--format", "csv"]).stdout == "date,RRP.ACCEPTED\n2025-11-21,3125000000\n")
        #expect(try s.run(["show", "RRP.RATE", "--format", "csv"]).stdout == "date,RRP.RATE\n2025-11-21,3.75\n")
    }

    @Test func anyURLWithLayoutFlagsIsRememberedForUpdate() throws {
        let s = try setup { _ in .text("Date,Close\n2025-11-20,6538.76\n2025-11-21,6602.99\n", status: 200) }
        defer { s.server.stop() }
        let url = s.server.base + "/files/spx.csv"
        let r = try s.run(["fetch", url, "--prefix", "SPX."])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try s.run(["show", "SPX.CLOSE", "--format", "csv"]).stdout == "date,SPX.CLOSE\n2025-11-20,6538.76\n2025-11-21,6602.99\n")
        s.server.handler = { _ in .text("Date,Close\n2025-11-21,6602.99\n2025-11-24,6705.12\n", status: 200) }
        let u = try s.run(["update"])
        #expect(u.stdout == "SPX.CLOSE: 1 new\n", "\(u.stdout) \(u.stderr)")
    }

    @Test func everyReadingFlagIsRememberedAsGivenAndReplayedByUpdate() throws {
        // Every flag of "How to read a URL's file" in `fetch --help`, given once: stored in
        // series_fetch.flags as given, and replayed by update (the second answer reads only
        // with them: `;`, decimal commas, `n/a`).
        let help = try CLI.run(["fetch", "--help"])
        let section = (help.stdout.components(separatedBy: "HOW TO READ A URL'S FILE:").last ?? "").components(separatedBy: "\nOPTIONS:")[0]
        let declared = Set(section.split(separator: "\n").compactMap { line -> String? in
            let t = line.drop(while: { $0 == " " })
            guard t.hasPrefix("--") else { return nil }
            return String(t.prefix(while: { $0 != " " }))
        })
        let given: [[String]] = [
            ["--layout", "wide"], ["--delimiter", ";"], ["--skip", "1"], ["--date-column", "Datum"], ["--date-format", "dmy"],
            ["--value-column", "Close"], ["--value-column", "Open"], ["--prefix", "DAX."], ["--unit", "EUR"], ["--frequency", "B"],
            ["--source", "BOERSE"], ["--missing", "n/a,-"], ["--decimal-comma"],
        ]
        let elsewhere: [[String]] = [["--key-column", "series"], ["--sheet", "Data"], ["--key", "X"]]
        #expect(declared == Set((given + elsewhere).map { $0[0] }), "\(declared)")
        var answer = "Kurse\nDatum;Open;Close;Note\n20.11.2025;23.100,5;23.278,85;x\n21.11.2025;n/a;23.091,87;y\n"
        let s = try setup { _ in .text(answer, status: 200) }
        defer { s.server.stop() }
        let url = s.server.base + "/files/dax.csv"
        let r = try s.run(["fetch", url] + given.flatMap { $0 })
        #expect(r.status == 0, "\(r.stderr)")
        let flags = try s.run(["sql", "SELECT DISTINCT flags FROM series_fetch", "--format", "json"])
        let stored = try JSONSerialization.jsonObject(with: Data(flags.stdout.utf8)) as? [[String: String]]
        let replay = try stored?.first?["flags"].map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] } ?? nil
        #expect(replay == given.flatMap { $0 }, "\(flags.stdout)")
        answer = "Kurse\nDatum;Open;Close;Note\n21.11.2025;-;23.091,87;y\n24.11.2025;23.200,25;23.239,18;z\n"
        s.server.handler = { _ in .text(answer, status: 200) }
        let u = try s.run(["update"])
        #expect(u.status == 0, "\(u.stderr)")
        let shown = try s.run(["sql", "SELECT series, date, value, unit FROM current_observation JOIN series ON series.key = series ORDER BY 1, 2", "--format", "csv"])
        #expect(shown.stdout == """
            series,date,value,unit
            DAX.CLOSE,2025-11-20,23278.85,EUR
            DAX.CLOSE,2025-11-21,23091.87,EUR
            DAX.CLOSE,2025-11-24,23239.18,EUR
            DAX.OPEN,2025-11-20,23100.5,EUR
            DAX.OPEN,2025-11-24,23200.25,EUR

            """, "\(shown.stdout)\(shown.stderr)")
    }

    @Test func retriesHonourRetryAfterAndBackOffOn5xx() throws {
        var answered = 0
        let s = try setup { r in
            answered += 1
            if answered == 1 { return .text("slow down", status: 429, headers: ["Retry-After": "1"]) }
            if answered == 2 { return .text("oops", status: 500) }
            return .file("fredgraph_WALCL.csv")
        }
        defer { s.server.stop() }
        let started = Date()
        let r = try s.run(["fetch", "fredgraph:WALCL"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("fredgraph:WALCL: the publisher answered 429 Too Many Requests; trying again in 1 s"), "\(r.stderr)")
        #expect(r.stderr.contains("answered 500"), "\(r.stderr)")
        #expect(Date().timeIntervalSince(started) >= 1.5)
        let always = try setup { _ in .text("down", status: 503) }
        defer { always.server.stop() }
        let failed = try always.run(["fetch", "fredgraph:WALCL", "--tries", "2"])
        #expect(failed.status == 69)
        #expect(failed.stderr.contains("answered 503 Service Unavailable 2 times; try again later"), "\(failed.stderr)")
    }

    @Test func timeoutsBadIdsBadKeysAndMalformedAnswers() throws {
        let s = try setup()
        defer { s.server.stop() }
        let hang = try setup { _ in LocalHTTPServer.Reply(status: 200, body: Data(), delay: 4) }
        defer { hang.server.stop() }
        let slow = try hang.run(["fetch", "fredgraph:WALCL", "--timeout", "1"])
        #expect(slow.status == 69)
        #expect(slow.stderr.contains("no answer within 1 s"), "\(slow.stderr)")
        let bad = try s.run(["fetch", "fred:NOSUCH"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("api_key=REDACTED"), "\(bad.stderr)")
        #expect(bad.stderr.contains("the publisher said: Bad Request.  The series does not exist."), "\(bad.stderr)")
        let wrongKey = try s.run(["fetch", "fred:WRESBAL"], environment: ["FRED_API_KEY": "wrongwrongwrong"])
        #expect(wrongKey.status == 65)
        #expect(wrongKey.stderr.contains("api_key is not registered") && !wrongKey.stderr.contains("wrongwrongwrong"), "\(wrongKey.stderr)")
        let malformed = try s.run(["fetch", "fred:BROKEN"])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("not valid JSON"), "\(malformed.stderr)")
        let noKey = try s.run(["fetch", "fred:WRESBAL"], environment: ["FRED_API_KEY": ""])
        #expect(noKey.status == 64)
        #expect(noKey.stderr.contains("FRED's API needs a key"))
        // One failing source never stops the others: exit 75, the good one stored.
        let partial = try s.run(["fetch", "fred:NOSUCH", "fred:WRESBAL"])
        #expect(partial.status == 75, "\(partial.stderr)")
        #expect(partial.stdout.contains("fred:WRESBAL: fred-json"))
        let count = try s.run(["sql", "SELECT count(*) FROM observation", "--format", "csv"])
        #expect(count.stdout == "count(*)\n5\n")
    }

    @Test func rateLimiterKeepsToItsBudget() {
        var clock = 0.0
        var slept: [Double] = []
        let limiter = RateLimiter(limit: 3, window: 60, now: { clock }, sleep: { slept.append($0); clock += $0 })
        for _ in 0..<3 { limiter.waitForSlot() }
        #expect(slept.isEmpty)
        clock = 10
        limiter.waitForSlot()
        #expect(slept == [50])
        #expect(HTTPClient.redacted("https://x/fred?api_key=SECRET&series_id=A") == "https://x/fred?api_key=REDACTED&series_id=A")
        #expect(HTTPClient.retryAfter(["retry-after": "7"]) == 7)
        #expect(HTTPClient.retryAfter(["retry-after": "100000"]) == 120)
        #expect(HTTPClient.retryAfter(["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"]) == 0)
        // A value found by fuzzing that crashed DateFormatter: no date, no crash.
        let fuzzed = String(decoding: FileManager.default.contents(atPath: CLI.fixtures + "/http/fuzz_retry_after.bin") ?? Data(), as: UTF8.self)
        #expect(HTTPClient.retryAfter(["retry-after": String(fuzzed.prefix(256))]) == nil)
    }

    /// Nothing stored and no store bytes holding `text` (the key must never reach the file).
    static func storeHolds(_ s: Setup, _ text: String) -> Bool {
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: s.db + suffix), data.range(of: Data(text.utf8)) != nil { return true }
        }
        return false
    }

    @Test func endlessAndInflatingAnswersStopAtTheCapAndStoreNothing() throws {
        let line = Data("2025-01-01,1\n".utf8)
        let endless = try setup { _ in
            LocalHTTPServer.Reply(status: 200, body: Data("date,X\n".utf8), endless: Data((0..<4096).flatMap { _ in line }))
        }
        defer { endless.server.stop() }
        let r = try endless.run(["fetch", endless.server.base + "/x.csv", "--max-response", "2"])
        #expect(r.status == 69, "\(r.stderr)")
        #expect(r.stderr.contains("the answer is larger than 2 MB (--max-response); nothing of it was stored"), "\(r.stderr)")
        let count = try endless.run(["sql", "SELECT count(*) FROM observation", "--format", "csv"])
        #expect(count.stdout == "count(*)\n0\n" || count.status == 66, "\(count.stdout)\(count.stderr)")

        // 130 KB that inflate to 64 MiB: the inflated bytes count.
        let bomb = try setup { _ in
            var reply = LocalHTTPServer.Reply.file("bomb_64MiB.csv.gz")
            reply.headers["Content-Encoding"] = "gzip"
            return reply
        }
        defer { bomb.server.stop() }
        let capped = try bomb.run(["fetch", bomb.server.base + "/b.csv", "--max-response", "16"])
        #expect(capped.status == 69, "\(capped.stderr)")
        #expect(capped.stderr.contains("the answer is larger than 16 MB"), "\(capped.stderr)")
        // (130 KB sent: only the inflated bytes pass 16 MB.)
        let bad = try bomb.run(["fetch", bomb.server.base + "/b.csv", "--max-response", "0"])
        #expect(bad.status == 64 && bad.stderr.contains("--max-response"), "\(bad.stderr)")
    }

    @Test func fredPagesThatDoNotAdvanceStopWithAnError() throws {
        // A FRED that answers the first page whatever offset is asked for.
        let s = try setup { r in
            guard r.path == "/fred/series/observations" else { return FetchTests.fred(r) }
            return .file("fred_obs_WRESBAL_page1.json")
        }
        defer { s.server.stop() }
        let r = try s.run(["fetch", "fred:WRESBAL"])
        #expect(r.status == 69, "\(r.stderr)")
        #expect(r.stderr.contains("FRED's pages do not advance (asked for offset 3, answered offset 0"), "\(r.stderr)")
        #expect(s.server.requests.filter { $0.path == "/fred/series/observations" }.count == 2)
        let count = try s.run(["sql", "SELECT count(*) FROM observation", "--format", "csv"])
        #expect(count.stdout == "count(*)\n0\n" || count.status == 66, "\(count.stdout)\(count.stderr)")
    }

    @Test func theKeyIsNeverShownNorStoredWhateverThePublisherEchoes() throws {
        let key = FetchTests.key
        let s = try setup { r in
            switch r.query["series_id"] ?? "" {
            // A 404 page that echoes the request, key and all.
            case "ECHO": return .text("<html>Not found: \(r.target)</html>", status: 404)
            // An error message that quotes the key without "api_key=".
            case "QUOTE": return .text("{\"error_code\":400,\"error_message\":\"key \(key) has no access\"}", status: 400)
            // Notes that carry the key: stored without it.
            case "NOTES" where r.path == "/fred/series":
                let text = String(decoding: FileManager.default.contents(atPath: CLI.fixtures + "/http/fred_series_WRESBAL.json")!, as: UTF8.self)
                return .text(text.replacingOccurrences(of: "Wednesday level.", with: "Wednesday level (\(key))."), status: 200)
            case "NOTES": return .file(r.query["offset"] == "3" ? "fred_obs_WRESBAL_page2.json" : "fred_obs_WRESBAL_page1.json")
            default: return FetchTests.fred(r)
            }
        }
        defer { s.server.stop() }
        for id in ["ECHO", "QUOTE"] {
            let r = try s.run(["fetch", "fred:" + id])
            #expect(r.status == 65, "\(r.stderr)")
            #expect(!r.stderr.contains(key) && !r.stdout.contains(key), "\(r.stderr)")
            #expect(r.stderr.contains("REDACTED"), "\(r.stderr)")
        }
        let notes = try s.run(["fetch", "fred:NOTES"])
        #expect(notes.status == 0, "\(notes.stderr)")
        let info = try s.run(["series", "NOTES", "--format", "csv"])
        #expect(info.stdout.contains("Wednesday level (REDACTED)."), "\(info.stdout)")
        #expect(!FetchTests.storeHolds(s, key))
        // The test can fail: the same bytes are found when they are there.
        #expect(FetchTests.storeHolds(s, "REDACTED"))
    }
}
