/// The bitemporal placing rules, engine-free: where a value read at a vintage goes in the
/// timeline of its (series, date), given the versions stored. Every engine's writer asks
/// these (and a dry run asks them too), so there is one rule for all.
///
/// A version is known from its vintage (`knownFrom`, inclusive) until the next one
/// (`knownUntil`, exclusive; `nil` while current). Vintages are `YYYY-MM-DD` bytes, so that
/// their order is the bytes' order.
enum Placement {
    /// One stored version of an observation.
    struct Version: Equatable {
        var knownFrom: [UInt8]
        var ingestID: Int64
        var knownUntil: [UInt8]?
        var value: Double
        var line: Int
    }

    /// What placing a value does.
    enum Decision: Equatable {
        /// The same value is the one known at the vintage.
        case unchanged
        /// This run gave the date already (`twin`): the same value is unchanged, another is
        /// a conflict within the file.
        case twin(Version)
        /// The value replaces `covering`, the version known at the vintage: it is closed
        /// there, and the new one holds until `covering` did.
        case revise(Version)
        /// Earlier than every stored version, or the first: it holds until `until` (the next
        /// version's vintage, or for ever).
        case backfill(until: [UInt8]?)
    }

    /// The version known on vintage `v`: the last one known from on or before it and not
    /// yet ended at it.
    static func covering(_ versions: [Version], at v: [UInt8]) -> Version? {
        guard let last = versions.last(where: { $0.knownFrom.lexicographicallyPrecedes(v) || $0.knownFrom == v }),
            last.knownUntil.map({ v.lexicographicallyPrecedes($0) }) ?? true
        else { return nil }
        return last
    }

    /// Where `value`, read by run `runID` at vintage `v`, goes among `versions` (ordered by
    /// `knownFrom`).
    static func decide(_ versions: [Version], value: Double, vintage v: [UInt8], runID: Int64) -> Decision {
        if let twin = versions.first(where: { $0.ingestID == runID && $0.knownFrom == v }) { return .twin(twin) }
        if let covering = covering(versions, at: v) { return covering.value == value ? .unchanged : .revise(covering) }
        return .backfill(until: versions.first(where: { v.lexicographicallyPrecedes($0.knownFrom) })?.knownFrom)
    }

    /// A value given again for a date this run already placed (`twin`): unchanged when it
    /// is the same value, else the file contradicts itself.
    static func twinOutcome(_ twin: Version, value: Double, file: String, key: String, date: Day, line: Int) throws -> WriteOutcome {
        guard twin.value == value else {
            throw MStoreError.conflictingValues(file: file, key: key, date: date, firstLine: twin.line, firstValue: twin.value, line: line, value: value)
        }
        return .unchanged
    }
}

extension MStoreError {
    /// A store written by a newer mstore, refused for writing (every engine says it alike).
    static func newerStore(_ shown: String, unknown: [String], knownUpTo: String?) -> MStoreError {
        .usage(
            "\(shown) was written by a newer mstore (migration \(unknown.joined(separator: ", ")) is unknown to mstore \(MStoreVersion.current), which knows up to \(knownUpTo ?? "none")): upgrade mstore to write to it; reading works")
    }
}
