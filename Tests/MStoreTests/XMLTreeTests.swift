import Foundation
import Testing

@testable import MStore

/// The XML reader of workbook parts: what Excel, openpyxl and LibreOffice write, and
/// malformed documents refused with the line.
@Suite struct XMLTreeTests {
    func parse(_ text: String) throws -> XMLTree { try XMLTree.parse(Data(text.utf8), name: "t.xml") }

    func problem(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "parsed"
        } catch {
            return "\(error)"
        }
    }

    @Test func elementsAttributesAndText() throws {
        let root = try parse("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- written by hand -->
            <x:worksheet xmlns:x="urn:x" xmlns:r="urn:r"><x:sheetData>
              <x:row r="1"><x:c r="A1" t='s'><x:v>0</x:v></x:c><x:c r="B1" r:id="rId7"/></x:row>
            </x:sheetData></x:worksheet>
            """)
        #expect(root.name == "worksheet")
        let cells = root.all("c")
        #expect(cells.map { $0.attributes["r"] } == ["A1", "B1"])
        #expect(cells[0].attributes["t"] == "s")
        #expect(cells[1].attributes["r:id"] == "rId7")
        #expect(cells[0].children.map(\.name) == ["v"])
        #expect(cells[0].text() == "0")
        #expect(root.all("row").first?.attributes["r"] == "1")
    }

    @Test func entitiesCharacterReferencesAndCDATA() throws {
        let root = try parse(#"<si a="x &amp; y&#10;z" b="1&#x9;2"><t>&lt;b&gt; &quot;Q&quot; &apos;s &#233;&#x1F600;</t><t><![CDATA[<raw> & ]]></t></si>"#)
        #expect(root.text() == "<b> \"Q\" 's é😀<raw> & ")
        #expect(root.attributes["a"] == "x & y\nz")
        #expect(root.attributes["b"] == "1\t2")
    }

    @Test func lineEndsAndWhiteSpaceAreNormalized() throws {
        let root = try parse("<t a=\"1\r\n2\tb\">one\r\ntwo\rthree</t>")
        #expect(root.content == "one\ntwo\nthree")
        #expect(root.attributes["a"] == "1 2 b")
    }

    @Test func phoneticRunsAreLeftOut() throws {
        let si = try parse("<si><r><t>東京</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>")
        #expect(si.text(skipping: "rPh") == "東京")
    }

    @Test func utf16AndByteOrderMarksAreRead() throws {
        let text = "<t a=\"é\">ü</t>"
        var le: [UInt8] = [0xFF, 0xFE]
        var be: [UInt8] = [0xFE, 0xFF]
        for u in text.utf16 {
            le += [UInt8(u & 0xFF), UInt8(u >> 8)]
            be += [UInt8(u >> 8), UInt8(u & 0xFF)]
        }
        for bytes in [le, be, [0xEF, 0xBB, 0xBF] + Array(text.utf8)] {
            let t = try XMLTree.parse(Data(bytes), name: "t.xml")
            #expect(t.content == "ü" && t.attributes["a"] == "é")
        }
    }

    @Test func malformedDocumentsAreRefusedWithTheLine() {
        let cases: [(String, String)] = [
            ("<a>\n<b>\n</a>", "t.xml:3: not valid XML: </a> closes <b>"),
            ("<a>\n<b>", "t.xml:2: not valid XML: the document ends inside <b>"),
            ("<a>&nbsp;</a>", "the entity &nbsp; is not one of XML's five"),
            ("<a>AT&T</a>", "a bare & (write &amp;)"),
            ("<a>&#0;</a>", "the character reference &#0; names no character"),
            ("<a>&#xD800;</a>", "names no character"),
            ("<!DOCTYPE a [<!ENTITY x \"xx\">]><a>&x;</a>", "a document type declaration"),
            ("<a x=\"1\" x=\"2\"/>", "has the attribute x twice"),
            ("<a x=1/>", "the value of x in <a> is not quoted"),
            ("<a x=\"<\"/>", "a < inside the value of x"),
            ("<a/><b/>", "a second root element <b>"),
            ("text<a/>", "text outside the root element"),
            ("", "no root element"),
            ("<a><!-- open", "the document ends inside a comment"),
            ("<a><![CDATA[ open", "the document ends inside a CDATA section"),
            ("</a>", "</a> closes no element"),
            ("<a x></a>", "the attribute x of <a> has no value"),
        ]
        for (text, message) in cases {
            let p = problem(text)
            #expect(p.contains(message), "\(text): \(p)")
        }
        let invalid = Data([0x3C, 0x61, 0x3E, 0xFF, 0xFE, 0x3C, 0x2F, 0x61, 0x3E])  // <a>\xFF\xFE</a>
        #expect(throws: MStoreError.self) { try XMLTree.parse(invalid, name: "t.xml") }
    }

    /// Any bytes at all: an answer or an error, never a crash or a hang.
    @Test func arbitraryBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("<>/=\"'&;#x![]CDATA?-ab1 \n\r".utf8)
        for _ in 0..<5_000 {
            let n = Int.random(in: 0...40, using: &rng)
            let bytes = (0..<n).map { _ in Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng) }
            _ = try? XMLTree.parse(Data(bytes), name: "fuzz.xml")
        }
    }
}
