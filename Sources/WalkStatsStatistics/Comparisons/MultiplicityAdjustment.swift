/// Adjusts the p-values of a report's comparisons for multiplicity across its outcomes.
///
/// A *family* is one test in one place applied to every outcome of the report: for example the paired
/// t-test within the backward arm across pain, strength and walking speed, or the ANCOVA between arms
/// across those outcomes. Each family is adjusted separately with R's `p.adjust(p, method)`, and each
/// adjusted test carries ``HypothesisTestResult/adjustedPValue``. Assumption checks are not adjusted:
/// they are descriptions of the data, not claims.
public struct MultiplicityAdjustment: Sendable {
    /// The method applied.
    public let method: PValueAdjustment
    /// The comparisons with adjusted p-values filled in.
    public let comparisons: [OutcomeComparison]
    /// The largest family size (the number of outcomes a test was applied to).
    public let familySize: Int

    /// Adjusts `comparisons` with `method`.
    /// - Throws: ``StatisticsError`` if a p-value is outside [0, 1] (not possible for computed tests).
    public init(_ comparisons: [OutcomeComparison], method: PValueAdjustment) throws {
        struct Location { let comparison: Int; let arm: Int?; let test: Int }
        var families: [String: [Location]] = [:]
        var order: [String] = []
        func add(_ key: String, _ location: Location) {
            if families[key] == nil { order.append(key) }
            families[key, default: []].append(location)
        }
        for (c, comparison) in comparisons.enumerated() {
            for (a, arm) in comparison.within.enumerated() {
                for (t, test) in arm.tests.enumerated() { add("within \(arm.arm) \(test.name.rawValue)", Location(comparison: c, arm: a, test: t)) }
            }
            for (t, test) in (comparison.between?.tests ?? []).enumerated() {
                add("between \(test.name.rawValue)", Location(comparison: c, arm: nil, test: t))
            }
        }
        var adjusted = comparisons
        for key in order {
            let locations = families[key]!
            let pValues = locations.map { location in
                location.arm.map { comparisons[location.comparison].within[$0].tests[location.test].pValue }
                    ?? comparisons[location.comparison].between!.tests[location.test].pValue
            }
            for (location, p) in zip(locations, try adjustPValues(pValues, method: method)) {
                if let arm = location.arm {
                    adjusted[location.comparison].within[arm].tests[location.test].adjustedPValue = p
                } else {
                    adjusted[location.comparison].between!.tests[location.test].adjustedPValue = p
                }
            }
        }
        self.method = method
        self.comparisons = adjusted
        familySize = families.values.map(\.count).max() ?? 0
    }
}
