import WalkStatsStatistics

/// Adjusts p-values across the pairs of one outcome (pairs of arms, or pairs of conditions), as R's
/// `pairwise.t.test` and `pairwise.wilcox.test` do with `p.adjust.method`: each named test is one family
/// over the groups given, and its adjusted p-value goes to ``HypothesisTestResult/pairwiseAdjustedPValue``
/// (the across-outcome ``HypothesisTestResult/adjustedPValue`` keeps its meaning).
enum PairwiseAdjustment {
    /// `groups` with the tests named `tests` adjusted across the groups by `method`.
    static func adjust(_ groups: [ResultGroup], tests: [String], method: PValueAdjustment) -> [ResultGroup] {
        var adjusted = groups
        for name in tests {
            let places = groups.indices.flatMap { g in
                groups[g].items.indices.filter { groups[g].items[$0].name == name && groups[g].items[$0].test != nil }.map { (g, $0) }
            }
            guard let pValues = try? adjustPValues(places.map { groups[$0.0].items[$0.1].test!.pValue }, method: method) else { continue }
            for ((g, i), p) in zip(places, pValues) {
                var test = groups[g].items[i].test!
                test.pairwiseAdjustedPValue = p
                adjusted[g].items[i].content = .test(test)
            }
        }
        return adjusted
    }
}
