import WalkStatsModel
import WalkStatsGSL

/// Welch's one-way analysis of variance across k ≥ 2 independent groups whose variances may differ.
///
/// ```
/// per group g:  n_g, mean m_g, variance s_g² (divisor n_g − 1),  w_g = n_g / s_g²,  W = Σ w_g
/// m̃   = Σ w_g m_g / W                                       (precision-weighted grand mean)
/// τ   = Σ (1 − w_g / W)² / (n_g − 1)  /  (k² − 1)
/// F   = Σ w_g (m_g − m̃)² / ((k − 1) (1 + 2 (k − 2) τ))
/// df  = (k − 1, 1 / (3 τ))                                  (the denominator df is not an integer)
/// p   = P(F_{df} > F)
/// ```
///
/// With k = 2 this is Welch's t-test (F = t², the same denominator df as ``welchSatterthwaite(_:)``).
///
/// *Assumptions.* Independent observations; approximately normal values in each group; the variances may
/// differ between groups.
///
/// *Missing values.* None accepted: pass the observed values of each group (complete cases).
///
/// *Matches R:* `oneway.test(y ~ g, var.equal = FALSE)` (statistic, parameter `num df` and `denom df`,
/// p.value), R's default.
/// **Deviation:** R returns NaN when a group has zero variance; this throws.
///
/// *Related GSL documentation:* `gsl_stats_mean`, `gsl_stats_sd`, `gsl_cdf_fdist_Q`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html#the-f-distribution).
///
/// *References:* Welch BL (1951), On the comparison of several mean values: an alternative approach.
/// Biometrika 38(3/4):330–336. doi:10.2307/2332579
///
/// - Parameter groups: the values of each group (at least 2 groups, each with at least 2 values).
/// - Returns: a result named ``TestName/welchANOVA`` with method "One-way analysis of means (not assuming
///   equal variances)" (R's), statistic F, `degreesOfFreedom` k − 1, `denominatorDegreesOfFreedom` 1/(3τ),
///   the p-value and the group sizes.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` with fewer than 2 groups or a
///   group with fewer than 2 values; ``StatisticsError/nonFiniteInput(what:)``;
///   ``StatisticsError/zeroVariance(what:)`` when a group's values are all equal.
/// - Complexity: O(N).
public func welchANOVA(_ groups: [[Double]]) throws -> HypothesisTestResult {
    let layout = try OneWayLayout(groups)
    for (index, group) in groups.enumerated() where group.count < 2 {
        throw StatisticsError.insufficientObservations(what: "values in group \(index + 1)", needed: 2, got: group.count)
    }
    let means = try groups.map { try SampleStatistics.mean($0) }
    let variances = try groups.map { try SampleStatistics.standardDeviation($0) }.map { $0 * $0 }
    for (index, variance) in variances.enumerated() where !(variance > 0) {
        throw StatisticsError.zeroVariance(what: "the values of group \(index + 1)")
    }
    return try welchANOVA(means: means, variances: variances, sizes: layout.sizes)
}

/// Welch's ANOVA from each group's printed n, mean and SD: the same test as ``welchANOVA(_:)`` on data with
/// those summaries.
///
/// *Matches R:* `oneway.test(y ~ g, var.equal = FALSE)` on any data with these summaries.
/// - Throws: ``StatisticsError`` for fewer than 2 groups, a group with n < 2, a non-finite summary, or a
///   group with SD 0.
public func welchANOVA(summaries: [SummaryStatistics]) throws -> HypothesisTestResult {
    try OneWayLayout.check(summaries)
    for (index, summary) in summaries.enumerated() where summary.n < 2 {
        throw StatisticsError.insufficientObservations(what: "values in group \(index + 1)", needed: 2, got: summary.n)
    }
    for (index, summary) in summaries.enumerated() where !(summary.standardDeviation > 0) {
        throw StatisticsError.zeroVariance(what: "the values of group \(index + 1)")
    }
    return try welchANOVA(means: summaries.map(\.mean), variances: summaries.map { $0.standardDeviation * $0.standardDeviation },
                          sizes: summaries.map(\.n))
}

/// The one home of Welch's ANOVA formulas, from the groups' means, variances and sizes.
private func welchANOVA(means: [Double], variances: [Double], sizes: [Int]) throws -> HypothesisTestResult {
    let k = Double(sizes.count)
    let weights = zip(sizes, variances).map { Double($0) / $1 }
    let weightSum = weights.reduce(0, +)
    var tau = 0.0, weightedMean = 0.0
    for (size, weight) in zip(sizes, weights) {
        let share = 1 - weight / weightSum
        tau += share * share / Double(size - 1)
    }
    tau /= k * k - 1
    for (mean, weight) in zip(means, weights) { weightedMean += weight * mean }
    weightedMean /= weightSum
    var between = 0.0
    for (mean, weight) in zip(means, weights) { between += weight * (mean - weightedMean) * (mean - weightedMean) }
    let f = between / ((k - 1) * (1 + 2 * (k - 2) * tau))
    let numeratorDF = k - 1
    let denominatorDF = 1 / (3 * tau)
    let distribution = try FisherFDistribution(numeratorDegreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF)
    return HypothesisTestResult(
        name: .welchANOVA, method: "One-way analysis of means (not assuming equal variances)", statistic: f,
        degreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF,
        pValue: try distribution.survivalProbability(f), sampleSizes: sizes)
}
