import Testing

@testable import MStore

@Suite struct ValueParsingTests {
    func date(_ s: String) -> String? {
        var copy = s
        return copy.withUTF8 { DateParser().parse($0) }?.description
    }

    func number(_ s: String) -> ValueParsing.NumberCell {
        var copy = s
        return copy.withUTF8 { ValueParsing.number($0) }
    }

    @Test(arguments: [
        ("2025-10-30", "2025-10-30"), ("2025-10", "2025-10-01"), ("2025", "2025-01-01"),
        ("10/30/2025", "2025-10-30"), ("1/2/2025", "2025-01-02"), (" 2024-02-29 ", "2024-02-29"),
    ])
    func acceptsDates(text: String, expected: String) {
        #expect(date(text) == expected)
    }

    @Test(arguments: ["2025-13-01", "2025-02-30", "30/10/2025", "", "x", "12345", "2025Q5", "Foo 2025", "13/13/2025", "2025-10-30 junk:00"])
    func rejectsDates(text: String) {
        #expect(date(text) == nil)
    }

    @Test(arguments: [
        "0", "12", "-0.5", "+3.25", "1.2e3", "1E-7", "3281567.123", ".5", "5.", "-1.5e+10", "0.1", "0.3",
        "123456789012345678901234567890", "1.7976931348623157e308", "4.9e-324", "0.000000000000000000000000001",
        "9007199254740993", "2.2250738585072011e-308",
    ])
    func numbersMatchTheCorrectlyRoundedDouble(text: String) throws {
        let expected = try #require(Double(text))
        #expect(number(text) == .value(expected))
    }

    @Test(arguments: ["abc", "1,000", "1.2.3", "e5", "1e", "--1", "12%", "0x10", "1 2", ".", "-", "NA"])
    func strictPathRejectsAllButPlainDecimals(text: String) {
        #expect(number(text) == .invalid || number(text) == .missing)
    }

    @Test(arguments: ["1e999", "-1e400", "1e-400", "-2e-330", "0.0000000001e-320"])
    func outOfRangeNumbers(text: String) {
        #expect(number(text) == .outOfRange)
    }
}
