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
        struct Location { let outcome: Int, section: Int, group: Int, item: Int, contrast: Int? }
        var families: [String: [Location]] = [:]
        var order: [String] = []
        for (o, result) in results.enumerated() {
            for (s, section) in result.sections.enumerated() {
                for (g, group) in section.groups.enumerated() {
                    for (i, item) in group.items.enumerated() where item.role == .test {
                        let place = "\(section.key) \(group.arms.joined(separator: ",")) \(item.name)"
                        var locations: [(String, Location)] = []
                        if item.test != nil {
                            locations = [(place, Location(outcome: o, section: s, group: g, item: i, contrast: nil))]
                        } else if let contrasts = item.contrasts {
                            // Each contrast of a list is its own family across outcomes.
                            locations = contrasts.enumerated().compactMap { c, contrast in
                                contrast.pValue == nil ? nil
                                    : ("\(place) \(contrast.arms.joined(separator: ","))",
                                       Location(outcome: o, section: s, group: g, item: i, contrast: c))
                            }
                        }
                        for (key, location) in locations {
                            if families[key] == nil { order.append(key) }
                            families[key, default: []].append(location)
                        }
                    }
                }
            }
        }
        var adjusted = results
        for key in order {
            let locations = families[key]!
            let pValues = locations.map { location -> Double in
                let item = results[location.outcome].sections[location.section].groups[location.group].items[location.item]
                return location.contrast.map { item.contrasts![$0].pValue! } ?? item.test!.pValue
            }
            for (location, p) in zip(locations, try adjustPValues(pValues, method: method)) {
                let item = adjusted[location.outcome].sections[location.section].groups[location.group].items[location.item]
                if let c = location.contrast, case let .contrasts(name, pairs, list) = item.content {
                    var contrasts = list
                    contrasts[c].adjustedPValue = p
                    adjusted[location.outcome].sections[location.section].groups[location.group].items[location.item].content =
                        .contrasts(method: name, pairsAdjustment: pairs, contrasts)
                } else if var test = item.test {
                    test.adjustedPValue = p
                    adjusted[location.outcome].sections[location.section].groups[location.group].items[location.item].content = .test(test)
                }
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
