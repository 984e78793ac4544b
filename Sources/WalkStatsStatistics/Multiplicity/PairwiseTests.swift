/// A two-sample test run on every listed pair of groups, with the p-values adjusted across the pairs — R's
/// `pairwise.t.test(x, g, pool.sd = FALSE)` and `pairwise.wilcox.test(x, g)`, which keep only the p-values,
/// extended with each pair's own estimate and interval.
///
/// ```
/// for each pair (a, b):  test(group_a, group_b)        (difference a − b)
/// p (pairs) = p.adjust(p_1 … p_m, method)              (m = number of pairs)
/// ```
///
/// The estimates and intervals are the pair's own (`t.test(a, b)`, `wilcox.test(a, b, conf.int = TRUE)`):
/// they are **not** adjusted for the other pairs; only the p-values are.
///
/// *Missing values.* None accepted: pass each group's observed values (complete cases).
///
/// *Matches R:* with `test` = ``welchTTest(_:_:confidenceLevel:)``, the `p.value` matrix of
/// `pairwise.t.test(x, g, pool.sd = FALSE, p.adjust.method = m)`; with ``mannWhitneyTest(_:_:confidenceLevel:)``,
/// that of `pairwise.wilcox.test(x, g, p.adjust.method = m)` (R's default exact/normal choice per pair).
/// R's own `pairwise.t.test` compares `g`'s later level with its earlier one; here the pairs are given.
///
/// - Parameters:
///   - groups: the values of each group.
///   - pairs: index pairs `(a, b)` into `groups`, each tested as a − b.
///   - adjustment: the adjustment across the pairs (R's default for both functions is Holm).
///   - test: the two-sample test.
/// - Returns: one ``PairwiseTestResult`` per pair, in the order of `pairs`.
/// - Throws: whatever `test` throws for a pair the data cannot support (the whole family fails, as R's
///   does); ``StatisticsError/invalidRequest(_:)`` for an index outside `groups` or a group paired with itself.
/// - Complexity: the cost of `test` on each pair, plus O(m log m) for the adjustment.
public func pairwiseTests(_ groups: [[Double]], pairs: [(Int, Int)], adjustment: PValueAdjustment,
                          test: ([Double], [Double]) throws -> HypothesisTestResult) throws -> [PairwiseTestResult] {
    for (a, b) in pairs where !groups.indices.contains(a) || !groups.indices.contains(b) || a == b {
        throw StatisticsError.invalidRequest("pair (\(a), \(b)) does not name two different groups of \(groups.count)")
    }
    let tests = try pairs.map { try test(groups[$0.0], groups[$0.1]) }
    let adjusted = try adjustPValues(tests.map(\.pValue), method: adjustment)
    return zip(tests, adjusted).map { PairwiseTestResult(test: $0, adjustedPValue: $1) }
}

/// One pair of ``pairwiseTests(_:pairs:adjustment:test:)``.
public struct PairwiseTestResult: Sendable, Equatable {
    /// The pair's own test (estimate and interval not adjusted for the other pairs).
    public let test: HypothesisTestResult
    /// Its p-value adjusted across the pairs.
    public let adjustedPValue: Double

    /// Creates a result.
    public init(test: HypothesisTestResult, adjustedPValue: Double) {
        self.test = test
        self.adjustedPValue = adjustedPValue
    }
}
