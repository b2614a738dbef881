import Foundation
import Testing

/// `mstore report` rendered in headless Chromium: every chart drawn, no horizontal overflow
/// at 1280 and 390 px, no console errors, screenshots and a PDF.
@Suite(.serialized) struct ReportBrowserTests {
    /// The demo store and its report, made once.
    static let demo: (dir: String, report: String)? = {
        guard let dir = try? temporaryDirectory() else { return nil }
        try? FileManager.default.createSymbolicLink(atPath: dir + "/Fixtures", withDestinationPath: CLI.fixtures)
        guard (try? CLI.run(["demo", "--db", dir + "/mstore.db"], in: dir))?.status == 0,
            (try? CLI.run(["report", "--db", dir + "/mstore.db", "-o", dir + "/story.html"]))?.status == 0
        else { return nil }
        return (dir, dir + "/story.html")
    }()

    /// What the page measures of itself once laid out, written into its title.
    static let probe = """
        <script>
        addEventListener('load', () => {
          const svgs = [...document.querySelectorAll('svg')];
          const empty = svgs.filter(s => { const r = s.getBoundingClientRect(); return !(r.width > 0 && r.height > 0); }).length;
          const wide = document.documentElement.scrollWidth > window.innerWidth;
          document.title = 'CHECK ' + JSON.stringify({svgs: svgs.length, empty, wide, sections: document.querySelectorAll('section').length});
        });
        </script>
        """

    func chromium(_ args: [String]) throws -> CLI.Result {
        let binary = try #require(OutsideTool.chromium, OutsideTool.chromiumMissing)
        return try runProcess(binary, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"] + args)
    }

    @Test(arguments: [1280, 390])
    func everyChartIsDrawnWithoutOverflow(width: Int) throws {
        _ = try #require(OutsideTool.chromium, OutsideTool.chromiumMissing)
        let (dir, report) = try #require(Self.demo)
        let page = try String(contentsOfFile: report, encoding: .utf8)
        let probed = dir + "/probe-\(width).html"
        try page.replacingOccurrences(of: "</body>", with: Self.probe + "</body>").write(toFile: probed, atomically: true, encoding: .utf8)
        let r = try chromium(["--window-size=\(width),900", "--dump-dom", "file://" + probed])
        #expect(r.status == 0, "\(r.stderr)")
        let title = try #require(r.stdout.range(of: "CHECK ").map { r.stdout[$0.upperBound...].prefix { $0 != "<" } }, "\(r.stdout.prefix(300))")
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(title.utf8)) as? [String: Any])
        #expect((facts["sections"] as? Int) == 7)
        #expect((facts["svgs"] as? Int ?? 0) >= 10)
        #expect((facts["empty"] as? Int) == 0, "an SVG with no size at \(width) px")
        #expect((facts["wide"] as? Bool) == false, "horizontal overflow at \(width) px")
        // The page has no scripts of its own: nothing may log an error.
        #expect(!r.stderr.contains(":ERROR:CONSOLE") && !r.stderr.contains("Uncaught"), "\(r.stderr)")
        let shot = dir + "/shot-\(width).png"
        #expect(try chromium(["--window-size=\(width),1600", "--screenshot=" + shot, "file://" + report]).status == 0)
        let png = try #require(FileManager.default.contents(atPath: shot))
        #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func printsToPDF() throws {
        _ = try #require(OutsideTool.chromium, OutsideTool.chromiumMissing)
        let (dir, report) = try #require(Self.demo)
        let pdf = dir + "/story.pdf"
        let r = try chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + report])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: pdf))
        #expect(bytes.starts(with: Array("%PDF".utf8)) && bytes.count > 20_000)
    }

    @Test func asOfShowsWhatWasKnownThen() throws {
        let (dir, report) = try #require(Self.demo)
        let june = dir + "/june.html"
        #expect(try CLI.run(["report", "--db", dir + "/mstore.db", "--as-of", "2025-06-30", "-o", june]).status == 0)
        let now = try String(contentsOfFile: report, encoding: .utf8)
        let then = try String(contentsOfFile: june, encoding: .utf8)
        #expect(then.contains("as known on 2025-06-30"))
        #expect(!now.contains("as known on 2025-06-30"))
        // Reserves as then known end in June 2025; today's go on to November.
        #expect(then.contains("<th scope=\"row\">WRESBAL</th>") && then.contains("2025-06-2"))
        #expect(now.contains("2025-11-19"))
        #expect(then != now)
    }

    @Test func chartsAndTablesAreAccessible() throws {
        let (_, report) = try #require(Self.demo)
        let page = try String(contentsOfFile: report, encoding: .utf8)
        let svgs = page.components(separatedBy: "<svg ").count - 1
        #expect(svgs >= 10)
        // Every chart has a title (the page's own is the one more), every table headers.
        #expect(page.components(separatedBy: "<title>").count - 1 == svgs + 1)
        #expect(page.components(separatedBy: "role=\"img\"").count - 1 == svgs)
        #expect(page.components(separatedBy: "<table").count == page.components(separatedBy: "<thead>").count)
        #expect(!page.contains("http://") || !page.contains("<link") && !page.contains("<script src"))
        #expect(page.contains("@media (prefers-color-scheme: dark)") && page.contains("@media print"))
    }

    @Test func aMissingInputLeavesItsSectionSayingWhatToIngest() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/thin.db"
        #expect(try CLI.run(["ingest", CLI.fixtures + "/story/2025-11-24/fred_reserves.csv", "--db", db]).status == 0)
        let r = try CLI.run(["report", "--db", db, "-o", dir + "/thin.html"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: dir + "/thin.html", encoding: .utf8)
        #expect(page.components(separatedBy: "<section").count - 1 == 7)
        #expect(page.contains("<strong>Not drawn:</strong> series &quot;BAMLC0A0CM&quot; (the credit input) not found: ingest it"), "\(page.prefix(2000))")
        #expect(page.contains("ingest it"))
    }
}
