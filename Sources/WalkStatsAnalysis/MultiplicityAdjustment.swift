import WalkStatsStatistics

/// Adjusts the p-values of results for multiplicity across outcomes.
///
/// A *family* is one test in one place applied to every outcome: for example the paired t-test within the
/// backward arm across pain, strength and walking speed, or the ANCOVA of one contrast across those
/// outcomes. Each family is adjusted separately with R's `p.adjust(p, method)`, and each adjusted test
/// carries ``HypothesisTestResult/adjustedPValue``. Only items whose role is ``ResultItem/Role/test`` join
/// a family: assumption checks and effect sizes are descriptions, not claims.
public enum MultiplicityAdjustment {
    /// `results` with every test's adjusted p-value filled in and the adjustment recorded.
    /// - Throws: ``StatisticsError`` if a p-value is outside [0, 1] (not possible for computed tests).
    public static func adjust(_ results: [OutcomeResult], method: PValueAdjustment) throws -> [OutcomeResult] {
        struct Location { let outcome: Int, section: Int, group: Int, item: Int }
        var families: [String: [Location]] = [:]
        var order: [String] = []
        for (o, result) in results.enumerated() {
            for (s, section) in result.sections.enumerated() {
                for (g, group) in section.groups.enumerated() {
                    for (i, item) in group.items.enumerated() where item.isAdjustable {
                        let key = "\(section.key) \(group.arms.joined(separator: ",")) \(item.name)"
                        if families[key] == nil { order.append(key) }
                        families[key, default: []].append(Location(outcome: o, section: s, group: g, item: i))
                    }
                }
            }
        }
        var adjusted = results
        for key in order {
            let locations = families[key]!
            let pValues = locations.map { results[$0.outcome].sections[$0.section].groups[$0.group].items[$0.item].test!.pValue }
            for (location, p) in zip(locations, try adjustPValues(pValues, method: method)) {
                var test = results[location.outcome].sections[location.section].groups[location.group].items[location.item].test!
                test.adjustedPValue = p
                adjusted[location.outcome].sections[location.section].groups[location.group].items[location.item].content = .test(test)
            }
        }
        let familySize = families.values.map(\.count).max() ?? 0
        let applied = AppliedAdjustment(method: method, familySize: familySize, sentence: sentence(method, familySize: familySize))
        for index in adjusted.indices { adjusted[index].adjustment = applied }
        return adjusted
    }

    private static func sentence(_ method: PValueAdjustment, familySize: Int) -> String {
        familySize > 1
            ? "Multiplicity: \(method.reportDescription) across the \(familySize) outcomes of this report, separately for "
                + "each test in each place (an arm, a pair of arms or a pair of conditions; family = one test applied to every "
                + "outcome); assumption checks are not adjusted."
            : "Multiplicity: \(method.reportDescription) over a family of this one outcome, so adjusted and unadjusted p "
                + "are equal; `walkstats report` adjusts across all outcomes."
    }
}
