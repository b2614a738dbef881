import Testing

@testable import MStore

/// The placing rules on versions written by hand: (2025-01-01 → 2025-02-01) = 1 from run 1,
/// then (2025-02-01 →) = 2 from run 2.
@Suite struct PlacementTests {
    func v(_ text: String) -> [UInt8] { Array(text.utf8) }
    var versions: [Placement.Version] {
        [
            Placement.Version(knownFrom: v("2025-01-01"), ingestID: 1, knownUntil: v("2025-02-01"), value: 1, line: 2),
            Placement.Version(knownFrom: v("2025-02-01"), ingestID: 2, knownUntil: nil, value: 2, line: 2),
        ]
    }

    @Test func theVersionKnownOnAVintageDecides() {
        #expect(Placement.decide(versions, value: 2, vintage: v("2025-03-01"), runID: 9) == .unchanged)
        #expect(Placement.decide(versions, value: 3, vintage: v("2025-03-01"), runID: 9) == .revise(versions[1]))
        // On the day the second version begins, it is the one known (known_from is inclusive).
        #expect(Placement.decide(versions, value: 2, vintage: v("2025-02-01"), runID: 9) == .unchanged)
        // Between the two: the first one, which ends at 2025-02-01 (exclusive).
        #expect(Placement.decide(versions, value: 5, vintage: v("2025-01-15"), runID: 9) == .revise(versions[0]))
        #expect(Placement.decide(versions, value: 1, vintage: v("2025-01-31"), runID: 9) == .unchanged)
    }

    @Test func earlierThanEveryVersionIsABackFillUpToTheFirst() {
        #expect(Placement.decide(versions, value: 7, vintage: v("2024-12-01"), runID: 9) == .backfill(until: v("2025-01-01")))
        #expect(Placement.decide([], value: 7, vintage: v("2024-12-01"), runID: 9) == .backfill(until: nil))
        // A gap: a version that ended before the vintage, none after it.
        let ended = [Placement.Version(knownFrom: v("2025-01-01"), ingestID: 1, knownUntil: v("2025-02-01"), value: 1, line: 2)]
        #expect(Placement.decide(ended, value: 4, vintage: v("2025-03-01"), runID: 9) == .backfill(until: nil))
    }

    @Test func theSameRunsVersionAtTheSameVintageIsATwin() {
        #expect(Placement.decide(versions, value: 8, vintage: v("2025-02-01"), runID: 2) == .twin(versions[1]))
    }
}
