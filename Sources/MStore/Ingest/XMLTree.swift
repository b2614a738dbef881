import Foundation

/// A parsed XML document as a small tree (element names without namespace prefixes;
/// attribute names as written, `r:id` included).
///
/// The parts of a workbook are machine-written XML, and this reader takes exactly what
/// they use: elements, attributes, character data, the five predefined entities and
/// character references, CDATA sections, comments and processing instructions, in UTF-8
/// or UTF-16. A document type declaration is refused, so no entity can expand. Reading it
/// here rather than through FoundationXML keeps libxml2 and ICU out of every command's
/// start-up (about a millisecond each time mstore runs).
final class XMLTree {
    let name: String
    var attributes: [String: String]
    var children: [XMLTree] = []
    var content = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The document in `data`; a malformed one is ``MStoreError/badRecord(_:problem:)``
    /// naming `name` and the line.
    static func parse(_ data: Data, name: String) throws -> XMLTree {
        var bytes = [UInt8](data)
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            bytes = utf8(fromUTF16: bytes)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        var scanner = XMLScanner(bytes: bytes, name: name)
        return try scanner.document()
    }

    /// Every element named `name` below this one, in document order.
    func all(_ name: String) -> [XMLTree] {
        var out: [XMLTree] = []
        var stack: [XMLTree] = [self]
        while let node = stack.popLast() {
            if node.name == name { out.append(node) }
            stack.append(contentsOf: node.children.reversed())
        }
        return out
    }

    /// The text of the `t` elements below (or this element's own text), leaving out
    /// elements named `skipping` (phonetic runs).
    func text(skipping: String? = nil) -> String {
        if children.isEmpty { return content }
        var out = ""
        for child in children where child.name != skipping {
            out += child.name == "t" ? child.content : child.text(skipping: skipping)
        }
        return out
    }

    private static func utf8(fromUTF16 bytes: [UInt8]) -> [UInt8] {
        let little = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(little ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}

/// The byte-level reader behind ``XMLTree/parse(_:name:)``.
private struct XMLScanner {
    let bytes: [UInt8]
    let name: String
    var i = 0
    var line = 1

    init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    private func fail(_ why: String) -> MStoreError {
        .badRecord(SourceLocation(file: name, line: line), problem: "not valid XML: \(why)")
    }

    private func starts(with text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let p = text.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { return false }
        return true
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    private mutating func skipSpace() {
        while i < bytes.count, Self.isSpace(bytes[i]) {
            if bytes[i] == 10 { line += 1 }
            i += 1
        }
    }

    /// Moves past the next `end`, counting lines; `what` names the construct left open.
    private mutating func skip(past end: StaticString, what: String) throws {
        while i < bytes.count {
            if starts(with: end) {
                i += end.utf8CodeUnitCount
                return
            }
            if bytes[i] == 10 { line += 1 }
            i += 1
        }
        throw fail("the document ends inside \(what)")
    }

    private mutating func readName() throws -> String {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if Self.isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") || b == UInt8(ascii: "=") || b == UInt8(ascii: "<") { break }
            i += 1
        }
        guard i > start else { throw fail(i < bytes.count ? "a name was expected before \(quoted(String(decoding: [bytes[i]], as: UTF8.self)))" : "the document ends inside a tag") }
        return try string(bytes[start..<i])
    }

    private func string(_ slice: ArraySlice<UInt8>) throws -> String {
        guard let s = String(validating: slice, as: UTF8.self) else { throw fail("text that is not UTF-8") }
        return s
    }

    /// `&…;` at `i`, decoded into `out`.
    private mutating func entity(into out: inout [UInt8]) throws {
        let start = i + 1
        guard let semicolon = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw fail("a bare & (write &amp;)")
        }
        let ref = bytes[start..<semicolon]
        i = semicolon + 1
        switch String(decoding: ref, as: UTF8.self) {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "quot": out.append(UInt8(ascii: "\""))
        case "apos": out.append(UInt8(ascii: "'"))
        case let r where r.hasPrefix("#"):
            let digits = r.dropFirst()
            let code = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let code, code != 0, let scalar = Unicode.Scalar(code) else { throw fail("the character reference &\(r); names no character") }
            out.append(contentsOf: String(Character(scalar)).utf8)
        case let r:
            throw fail("the entity &\(r); is not one of XML's five (a workbook declares no others)")
        }
    }

    /// The deepest nesting read (a worksheet's is 5: worksheet, sheetData, row, c, v).
    static let maxDepth = 256

    mutating func document() throws -> XMLTree {
        var root: XMLTree?
        var open: [(node: XMLTree, tag: String)] = []
        var text: [UInt8] = []

        func flush() throws {
            guard !text.isEmpty else { return }
            if let node = open.last?.node {
                node.content += try string(text[...])
            } else if text.contains(where: { !Self.isSpace($0) }) {
                throw fail("text outside the root element")
            }
            text.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "&") {
                try entity(into: &text)
                continue
            }
            if b != UInt8(ascii: "<") {
                // Line ends are normalized to LF, as XML requires.
                if b == 13 {
                    text.append(10)
                    line += 1
                    i += 1
                    if i < bytes.count, bytes[i] == 10 { i += 1 }
                    continue
                }
                if b == 10 { line += 1 }
                text.append(b)
                i += 1
                continue
            }
            if starts(with: "<![CDATA[") {
                guard !open.isEmpty else { throw fail("a CDATA section outside the root element") }
                i += 9
                let start = i
                while i < bytes.count, !starts(with: "]]>") {
                    if bytes[i] == 10 { line += 1 }
                    i += 1
                }
                guard i < bytes.count else { throw fail("the document ends inside a CDATA section") }
                text.append(contentsOf: bytes[start..<i])
                i += 3
                continue
            }
            try flush()
            if starts(with: "<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if starts(with: "<!--") {
                try skip(past: "-->", what: "a comment")
            } else if starts(with: "<!") {
                throw fail("a document type declaration (<!DOCTYPE …>) is not allowed in a workbook")
            } else if starts(with: "</") {
                i += 2
                let tag = try readName()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw fail("</\(tag) is not closed with >") }
                i += 1
                guard let last = open.popLast() else { throw fail("</\(tag)> closes no element") }
                guard last.tag == tag else { throw fail("</\(tag)> closes <\(last.tag)>") }
            } else {
                i += 1
                let tag = try readName()
                var attributes: [String: String] = [:]
                var selfClosing = false
                while true {
                    skipSpace()
                    guard i < bytes.count else { throw fail("the document ends inside <\(tag)>") }
                    if bytes[i] == UInt8(ascii: ">") {
                        i += 1
                        break
                    }
                    if bytes[i] == UInt8(ascii: "/") {
                        guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw fail("a / inside <\(tag)> not followed by >") }
                        i += 2
                        selfClosing = true
                        break
                    }
                    let attribute = try readName()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw fail("the attribute \(attribute) of <\(tag)> has no value") }
                    i += 1
                    skipSpace()
                    guard i < bytes.count, bytes[i] == 34 || bytes[i] == 39 else { throw fail("the value of \(attribute) in <\(tag)> is not quoted") }
                    let quote = bytes[i]
                    i += 1
                    var value: [UInt8] = []
                    while true {
                        guard i < bytes.count else { throw fail("the document ends inside the value of \(attribute)") }
                        let c = bytes[i]
                        if c == quote {
                            i += 1
                            break
                        }
                        if c == UInt8(ascii: "<") { throw fail("a < inside the value of \(attribute) in <\(tag)>") }
                        if c == UInt8(ascii: "&") {
                            try entity(into: &value)
                            continue
                        }
                        // Attribute values normalize white space to spaces (CRLF is one).
                        if c == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1 }
                        if c == 10 || c == 13 { line += 1 }
                        value.append(c == 9 || c == 10 || c == 13 ? 32 : c)
                        i += 1
                    }
                    guard attributes.updateValue(try string(value[...]), forKey: attribute) == nil else {
                        throw fail("<\(tag)> has the attribute \(attribute) twice")
                    }
                }
                let local = tag.split(separator: ":").last.map(String.init) ?? tag
                let node = XMLTree(name: local, attributes: attributes)
                if let parent = open.last?.node {
                    parent.children.append(node)
                } else {
                    guard root == nil else { throw fail("a second root element <\(tag)>") }
                    root = node
                }
                if !selfClosing {
                    // Workbook parts nest a handful of levels; a document nested deeper is
                    // hostile (freeing such a tree would recurse as deep as it nests).
                    guard open.count < Self.maxDepth else { throw fail("elements nested more than \(Self.maxDepth) deep") }
                    open.append((node, tag))
                }
            }
        }
        try flush()
        if let last = open.last { throw fail("the document ends inside <\(last.tag)>") }
        guard let root else { throw fail("no root element") }
        return root
    }
}
