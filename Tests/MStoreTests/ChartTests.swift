import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import MStore

/// Collects element names and attributes of an SVG; fails on malformed XML.
/// An SVG that an XML parser rejects.
struct MalformedSVG: Error, CustomStringConvertible {
    var reason: String
    var description: String { "malformed SVG: \(reason)" }
}

final class SVGProbe: NSObject, XMLParserDelegate {
    var elements: [(String, [String: String])] = []
    var texts: [String] = []
    private var text = ""

    static func parse(_ svg: String) throws -> SVGProbe {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        guard parser.parse() else { throw MalformedSVG(reason: parser.parserError.map { "\($0)" } ?? "?") }
        return probe
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(text) }
    }

    func count(_ name: String, where predicate: ([String: String]) -> Bool = { _ in true }) -> Int {
        elements.filter { $0.0 == name && predicate($0.1) }.count
    }
}

@Suite struct ChartTests {
    @Test func lineChartIsWellFormedWithLinesLegendAxesAndShades() throws {
        let a = TimeSeries(key: "SOFR", dates: (0..<60).map { Day(ordinal: 18000 + $0) }, values: (0..<60).map { 2 + Double($0 % 7) / 10 })
        let b = TimeSeries(key: "WRESBAL & co", dates: (0..<60).map { Day(ordinal: 18000 + $0) }, values: (0..<60).map { 1400 + Double($0) })
        let svg = LineChart(title: "Repo <Sept>", series: [a, b], rightAxis: ["WRESBAL & co"], shades: [(Day(ordinal: 18010), Day(ordinal: 18014))]).svg()
        let probe = try SVGProbe.parse(svg)
        #expect(probe.count("svg") == 1)
        #expect(probe.count("polyline") == 2)
        #expect(probe.count("rect", where: { $0["class"] == "shade" }) == 1)
        #expect(probe.texts.contains("Repo <Sept>"))
        #expect(probe.texts.contains("SOFR"))
        #expect(probe.texts.contains("WRESBAL & co (right axis)"))
        // 60 points per line.
        let points = probe.elements.first { $0.0 == "polyline" }?.1["points"]?.split(separator: " ").count
        #expect(points == 60)
    }

    @Test func timeTicksFollowTheSpan() {
        let chart = LineChart(title: "", series: [])
        let start = Day(year: 2018, month: 1, day: 1)!
        #expect(chart.timeTicks(start, Day(year: 2025, month: 11, day: 21)!).map { $0.description }.prefix(2) == ["2018-01-01", "2019-01-01"])
        #expect(chart.timeTicks(Day(year: 2025, month: 2, day: 10)!, Day(year: 2025, month: 11, day: 21)!).first?.description == "2025-03-01")
        #expect(niceTicks((0.3, 9.7)) == [0, 2, 4, 6, 8, 10])
        #expect(niceTicks((2840, 3380)) == [2800, 3000, 3200, 3400])  // 540/5 = 108 rounds up to a step of 200
    }

    @Test func radarHasOneAxisPerIndicatorAndOnePolygonPerProfile() throws {
        let svg = RadarChart(title: "Spider", axes: ["A", "B", "C", "D"], profiles: [("2019-09", [100, 50, 0, .nan]), ("2025-10", [10, 20, 30, 40])]).svg()
        let probe = try SVGProbe.parse(svg)
        #expect(probe.count("polygon", where: { $0["class"] == "profile" }) == 2)
        #expect(probe.count("text", where: { $0["class"] == "axis" }) == 4)
        #expect(probe.texts.contains("2025-10"))
    }

    @Test func creditChartKeepsOneUnitPerAxisAndOneColourPerSeries() throws {
        let r = try CLI.run(["chart", "credit", "--since", "2024", "--db", QueryCLITests.db])
        #expect(r.status == 0, "\(r.stderr)")
        let probe = try SVGProbe.parse(r.stdout)
        let lines = probe.elements.filter { $0.0 == "polyline" && $0.1["class"] == "series" }
        // Levels only: the three configured series, not their changes and z-scores.
        #expect(lines.compactMap { $0.1["data-key"] }.sorted() == ["BAMLC0A0CM", "BAMLH0A0HYM2", "CDS.ORCL"])
        #expect(Set(lines.compactMap { $0.1["stroke"] }).count == lines.count)
        // Spreads in percent on the left axis, CDS in basis points on the right.
        let labels = probe.elements.filter { $0.0 == "text" && $0.1["class"] == "axis-label" }.count
        #expect(labels == 2)
        #expect(probe.texts.contains("percent") && probe.texts.contains("bp"))
        #expect(probe.texts.contains("CDS.ORCL (right axis)"))
    }

    @Test func chartsRenderToPNGWithARealRenderer() throws {
        let path = try #require(OutsideTool.rsvgConvert, OutsideTool.rsvgMissing)
        let dir = try temporaryDirectory()
        let outputs = [
            (["chart", "SOFR", "IORB|IOER", "--since", "2019-08", "--until", "2019-10", "--shade", "2019-09-16:2019-09-20"], "line"),
            (["chart", "spider", "--at", "2019-09", "--at", "2025-10", "--baseline", "2018-04:2019-08"], "radar"),
            (["chart", "concentration", "--since", "2024"], "concentration"),
            (["chart", "hedge", "BTC", "--vs", "NDX,GOLD", "--since", "2025"], "hedge"),
            (["chart", "fragility", "--since", "2024"], "fragility"),
        ]
        for (args, name) in outputs {
            let svgPath = "\(dir)/\(name).svg"
            let r = try CLI.run(args + ["--db", QueryCLITests.db, "-o", svgPath])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
            let probe = try SVGProbe.parse(svg)
            #expect(probe.count("polyline") + probe.count("polygon", where: { $0["class"] == "profile" }) >= 1, "\(name) draws nothing")
            let png = "\(dir)/\(name).png"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = [svgPath, "-o", png]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name): rsvg-convert failed")
            let bytes = try #require(FileManager.default.contents(atPath: png))
            #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(bytes.count > 5000)
        }
    }
}
