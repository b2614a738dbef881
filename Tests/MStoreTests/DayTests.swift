import Testing
@testable import MStore

@Suite struct DayTests {
    @Test func roundTripsCivilDates() throws {
        let day = try #require(Day(year: 2025, month: 10, day: 30))
        #expect(day.description == "2025-10-30")
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1)?.ordinal == 11017)
        #expect(Day(year: 2024, month: 2, day: 30) == nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 2, day: 29)?.description == "2024-02-29")
    }

    @Test func weekdays() {
        #expect(Day(year: 2025, month: 11, day: 24)?.weekday == 1)  // a Monday
        #expect(Day(year: 1969, month: 12, day: 28)?.weekday == 7)  // a Sunday
    }

    @Test(arguments: [("2024", "2024-01-01", "2024-12-31"), ("2024-02", "2024-02-01", "2024-02-29"), ("2024-06-15", "2024-06-15", "2024-06-15")])
    func periodBounds(text: String, first: String, last: String) throws {
        let bound = try #require(PeriodBound(text))
        #expect(bound.first.description == first)
        #expect(bound.last.description == last)
    }

    @Test(arguments: ["24", "2024-6", "2024-13", "2024/06/01", "", "2024-06-31", "abcd"])
    func rejectsBadBounds(text: String) {
        #expect(PeriodBound(text) == nil)
    }
}
