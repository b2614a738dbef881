import Foundation
import Testing

@testable import MStore

@Suite struct CSVReaderTests {
    /// Reads every record of `bytes` with the given chunk size: (line, fields) pairs.
    func records(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [(Int, [String])] {
        let path = try writeTemporaryFile(bytes)
        let fd = open(path, O_RDONLY)
        let reader = CSVReader(descriptor: fd, owned: true, fileName: "t.csv", hashing: false, delimiter: UInt8(ascii: ","), chunkSize: chunkSize)
        var out: [(Int, [String])] = []
        while try reader.next() { out.append((reader.line, reader.strings)) }
        return out
    }

    func records(_ text: String, chunkSize: Int = 1 << 20) throws -> [(Int, [String])] {
        try records(Array(text.utf8), chunkSize: chunkSize)
    }

    static let tricky = "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\n3,,\"\"\r\nlast,row,here"
    static let trickyExpected: [(Int, [String])] = [
        (1, ["a", "b", "c"]),
        (2, ["x,1", "say \"hi\"", "two\nlines"]),
        (5, ["3", "", ""]),
        (6, ["last", "row", "here"]),
    ]

    @Test func quotesDoubledQuotesEmbeddedNewlinesAndCRLF() throws {
        let got = try records(Self.tricky)
        #expect(got.map(\.0) == Self.trickyExpected.map(\.0))
        #expect(got.map(\.1) == Self.trickyExpected.map(\.1))
    }

    @Test(arguments: 1...9)
    func sameRecordsAtEveryChunkBoundary(chunkSize: Int) throws {
        let got = try records(Self.tricky, chunkSize: chunkSize)
        #expect(got.map(\.0) == Self.trickyExpected.map(\.0))
        #expect(got.map(\.1) == Self.trickyExpected.map(\.1))
    }

    @Test func skipsUTF8ByteOrderMark() throws {
        let got = try records([0xEF, 0xBB, 0xBF] + Array("observation_date,WRESBAL\r\n2025-01-01,1\r\n".utf8))
        #expect(got.map(\.1) == [["observation_date", "WRESBAL"], ["2025-01-01", "1"]])
    }

    @Test func lineEndingsLFAndLoneCR() throws {
        #expect(try records("a,b\n1,2\n").map(\.1) == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\r1,2\r").map(\.1) == [["a", "b"], ["1", "2"]])
    }

    @Test func raggedRowsKeepTheirOwnWidth() throws {
        #expect(try records("a,b,c\n1\n1,2,3,4\n").map(\.1.count) == [3, 1, 4])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        #expect(try records("\n\nh\n\n\nv\n").map(\.0) == [3, 6])
    }

    @Test func trailingDelimiterMeansEmptyLastField() throws {
        #expect(try records("a,\n").map(\.1) == [["a", ""]])
    }

    @Test func unterminatedQuoteIsAnErrorNamingTheLine() throws {
        #expect(throws: MStoreError.badRecord(SourceLocation(file: "t.csv", line: 2), problem: "the file ends inside a quoted field (a closing \" is missing)")) {
            try records("a,b\n\"open,1\n2\n")
        }
    }

    @Test func textAfterClosingQuoteIsAnError() throws {
        #expect(throws: MStoreError.self) { try records("a,b\n\"x\"y,1\n") }
    }

    @Test func nulByteIsAnErrorWithItsOffset() throws {
        #expect(throws: MStoreError.badRecord(SourceLocation(file: "t.csv", line: 2), problem: "NUL byte at byte offset 5: not a text file")) {
            try records([UInt8]("a,b\n1".utf8) + [0] + [UInt8](",2\n".utf8))
        }
    }

    @Test func hashesWhatItReads() throws {
        let path = try writeTemporaryFile("abc")
        let reader = try CSVReader(path: path, hashing: true)
        while try reader.next() {}
        #expect(reader.digest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, digest: String) {
        var hash = SHA256()
        hash.update(Array(input.utf8))
        #expect(hash.finalize() == digest)
    }

    @Test func millionAsInUnevenPieces() {
        var hash = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        var left = 1_000_000
        while left > 0 {
            let n = min(left, piece.count)
            hash.update(piece[0..<n])
            left -= n
        }
        #expect(hash.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
