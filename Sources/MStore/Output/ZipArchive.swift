/// A minimal ZIP writer and reader for stored (uncompressed) entries: enough for the
/// workbooks mstore writes, which spreadsheet programs open like any other.
struct ZipArchive {
    struct Entry {
        var name: String
        var data: [UInt8]
    }

    var entries: [Entry] = []

    /// The archive's bytes.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = CRC32.checksum(entry.data)
            let offset = UInt32(out.count)
            out += le32(0x0403_4b50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count)) + le16(UInt16(name.count)) + le16(0)
            out += name + entry.data
            central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count)) + le16(UInt16(name.count))
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    /// Reads an archive of stored entries; `nil` if it is not one (or uses compression).
    static func read(_ bytes: [UInt8]) -> ZipArchive? {
        var archive = ZipArchive()
        var i = 0
        while i + 30 <= bytes.count, u32(bytes, i) == 0x0403_4b50 {
            let method = u16(bytes, i + 8)
            let size = Int(u32(bytes, i + 18))
            let nameLength = Int(u16(bytes, i + 26))
            let extra = Int(u16(bytes, i + 28))
            let start = i + 30 + nameLength + extra
            guard method == 0, start + size <= bytes.count, u16(bytes, i + 6) & 0x8 == 0 else { return nil }
            let name = String(decoding: bytes[(i + 30)..<(i + 30 + nameLength)], as: UTF8.self)
            archive.entries.append(Entry(name: name, data: Array(bytes[start..<(start + size)])))
            i = start + size
        }
        return archive.entries.isEmpty ? nil : archive
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)] }
    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

/// CRC-32 (IEEE 802.3), as ZIP uses.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
