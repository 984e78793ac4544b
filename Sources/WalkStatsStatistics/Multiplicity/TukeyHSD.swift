import WalkStatsGSL
import WalkStatsModel

/// One pairwise comparison of Tukey's honestly significant difference: R's row "first-second" of
/// `TukeyHSD(aov(y ~ g))`.
public struct TukeyHSDComparison: Sendable, Equatable {
    /// The two groups compared, `[first, second]`: the estimate is mean(first) − mean(second).
    public let arms: [String]
    /// mean(first) − mean(second) (R's `diff`).
    public let estimate: Double
    /// The standard error of the difference, √(MSE · (1/n_first + 1/n_second)).
    public let standardError: Double
    /// The simultaneous interval (R's `lwr`, `upr`), with the exact studentized range quantile.
    public let confidenceInterval: ConfidenceInterval
    /// The studentized range statistic q = estimate / √(MSE/2 · (1/n_first + 1/n_second)), signed as the
    /// estimate (R's p-value uses |q|).
    public let statistic: Double
    /// The residual degrees of freedom N − k.
    public let degreesOfFreedom: Double
    /// The family-wise adjusted p-value P(Q_{k, N−k} > |q|) (R's `p adj`).
    public let pValue: Double
    /// The comparison's own p-value, not adjusted for the other pairs: 2 · P(T_{N−k} > |q|/√2), the pooled-SD
    /// t-test of this pair (R `pairwise.t.test(y, g, pool.sd = TRUE, p.adjust.method = "none")`).
    public let unadjustedPValue: Double
}

/// Tukey's HSD for every pair of k independent groups: the differences, their simultaneous intervals
/// and the adjusted p-values, with Tukey–Kramer standard errors for unequal sizes.
public struct TukeyHSDResult: Sendable, Equatable {
    /// Every pair, in R's order: for groups A, B, C given in that order, B−A, C−A, C−B.
    public let comparisons: [TukeyHSDComparison]
    /// The group names, as given.
    public let names: [String]
    /// Each group's size.
    public let sampleSizes: [Int]
    /// Each group's mean.
    public let means: [Double]
    /// The residual mean square of the one-way ANOVA, Σᵢ Σⱼ (y_ij − ȳ_i)² / (N − k).
    public let residualMeanSquare: Double
    /// N − k.
    public let degreesOfFreedom: Double
    /// The studentized range quantile q_{level; k, N−k} behind the intervals.
    public let criticalValue: Double
}

/// Tukey's honestly significant difference test (Tukey–Kramer for unequal group sizes) after a one-way
/// ANOVA of k ≥ 2 independent groups.
///
/// ```
/// MSE      = Σᵢ Σⱼ (y_ij − ȳ_i)² / (N − k),   df = N − k
/// for each pair (b, a), b after a in the given order:
/// estimate = ȳ_b − ȳ_a
/// q        = estimate / √(MSE/2 · (1/n_a + 1/n_b))
/// p        = P(Q_{k, df} > |q|)                                   (studentized range upper tail)
/// CI       = estimate ± q_{level; k, df} · √(MSE/2 · (1/n_a + 1/n_b))
/// ```
///
/// *Assumptions.* Independent observations, normal errors with one variance in every group. With
/// unequal sizes the Tukey–Kramer intervals are conservative (Hayter 1984).
///
/// *Missing values.* None are accepted: the caller passes each group's observed values.
///
/// *Matches R:* `TukeyHSD(aov(y ~ g), "g", conf.level = confidenceLevel)` with
/// `g <- factor(g, levels = names)`: `diff`, `p adj` and, within R's `qtukey` accuracy (about 1e−8
/// relative here), `lwr` and `upr`. *Deviation:* R's intervals use `qtukey`, a secant search stopping
/// at steps below 10⁻⁴; WalkStats uses the exact quantile (``StudentizedRangeDistribution/quantile(_:)``),
/// i.e. R's `diff ± uniroot(function(q) ptukey(q, k, df) - level, …, tol = 1e-14)$root · se`. With very
/// few residual degrees of freedom R's `p adj` inherits the error of its `ptukey` (up to 1e−4 relative
/// at df = 2, 3e−6 at df = 3; see ``StudentizedRangeDistribution``); WalkStats's p-values are exact there.
///
/// *References:* Tukey JW (1953), The problem of multiple comparisons (unpublished manuscript).
/// Kramer CY (1956), Extension of multiple range tests to group means with unequal numbers of
/// replications. Biometrics 12(3):307–310. doi:10.2307/3001469. Hayter AJ (1984), A proof of the
/// conjecture that the Tukey–Kramer multiple comparisons procedure is conservative. Annals of Statistics
/// 12(1):61–75. doi:10.1214/aos/1176346392. NIST/SEMATECH e-Handbook of Statistical Methods, §7.4.7.1.
///
/// - Parameters:
///   - groups: the values of each group (at least 2 groups, each with at least 1 value).
///   - names: one distinct name per group, in the order of R's factor levels.
///   - confidenceLevel: of the simultaneous intervals (R's `conf.level`, default 0.95).
/// - Returns: every pairwise comparison with the ANOVA quantities behind them.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 2 groups, an
///   empty group, or fewer than 2 residual degrees of freedom (R's `ptukey` is NaN there);
///   ``StatisticsError/zeroVariance(what:)`` when every group is constant;
///   ``StatisticsError/nonFiniteInput(what:)``; ``StatisticsError/invalidConfidenceLevel(_:)``;
///   ``StatisticsError/invalidRequest(_:)`` when names and groups differ in number or a name repeats.
/// - Complexity: O(N + k²) arithmetic plus k(k − 1)/2 studentized range probabilities and one quantile.
public func tukeyHSD(groups: [[Double]], names: [String], confidenceLevel: Double = 0.95) throws -> TukeyHSDResult {
    guard names.count == groups.count else {
        throw StatisticsError.invalidRequest("\(names.count) group names were given for \(groups.count) groups")
    }
    guard groups.count >= 2 else {
        throw StatisticsError.insufficientObservations(what: "groups", needed: 2, got: groups.count)
    }
    if let repeated = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
        throw StatisticsError.invalidRequest("group name '\(repeated)' appears more than once")
    }
    try ConfidenceInterval.validate(level: confidenceLevel)
    var means: [Double] = []
    var residualSumOfSquares = 0.0
    for (name, values) in zip(names, groups) {
        guard !values.isEmpty else {
            throw StatisticsError.insufficientObservations(what: "values in group '\(name)'", needed: 1, got: 0)
        }
        try TInference.requireFinite(values, what: "the values of group '\(name)'")
        let mean = try SampleStatistics.mean(values)
        means.append(mean)
        for value in values { residualSumOfSquares += (value - mean) * (value - mean) }
    }
    return try tukeyHSD(means: means, sizes: groups.map(\.count), residualSumOfSquares: residualSumOfSquares, names: names,
                        confidenceLevel: confidenceLevel)
}

/// Tukey's HSD from each group's printed n, mean and SD (residual sum of squares Σ (n_g − 1) s_g²): the
/// same comparisons as ``tukeyHSD(groups:names:confidenceLevel:)`` on data with those summaries.
///
/// *Matches R:* `TukeyHSD(aov(y ~ g))` on any data with these summaries.
/// - Throws: as ``tukeyHSD(groups:names:confidenceLevel:)``, and ``StatisticsError/nonFiniteInput(what:)``
///   for a non-finite or negative summary.
public func tukeyHSD(summaries: [SummaryStatistics], names: [String], confidenceLevel: Double = 0.95) throws -> TukeyHSDResult {
    guard names.count == summaries.count else {
        throw StatisticsError.invalidRequest("\(names.count) group names were given for \(summaries.count) groups")
    }
    try ConfidenceInterval.validate(level: confidenceLevel)
    try OneWayLayout.check(summaries)
    if let repeated = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
        throw StatisticsError.invalidRequest("group name '\(repeated)' appears more than once")
    }
    let residual = summaries.reduce(0) { $0 + Double($1.n - 1) * $1.standardDeviation * $1.standardDeviation }
    return try tukeyHSD(means: summaries.map(\.mean), sizes: summaries.map(\.n), residualSumOfSquares: residual, names: names,
                        confidenceLevel: confidenceLevel)
}

/// The one home of Tukey's HSD formulas, from the groups' means, sizes and residual sum of squares.
private func tukeyHSD(means: [Double], sizes: [Int], residualSumOfSquares: Double, names: [String],
                      confidenceLevel: Double) throws -> TukeyHSDResult {
    let total = sizes.reduce(0, +)
    let k = sizes.count
    guard total - k >= 2 else {
        throw StatisticsError.insufficientObservations(
            what: "values in all groups together (the \(k) groups plus 2 residual degrees of freedom)",
            needed: k + 2, got: total)
    }
    let degreesOfFreedom = Double(total - k)
    let meanSquare = residualSumOfSquares / degreesOfFreedom
    guard !TInference.isEssentiallyConstant(standardError: meanSquare.squareRoot(),
                                            scale: means.map(abs).max() ?? 0) else {
        throw StatisticsError.zeroVariance(what: "the values within every group")
    }
    let distribution = try StudentizedRangeDistribution(numberOfMeans: k, degreesOfFreedom: degreesOfFreedom)
    let critical = try distribution.quantile(confidenceLevel)
    let t = try StudentTDistribution(degreesOfFreedom: degreesOfFreedom)
    var comparisons: [TukeyHSDComparison] = []
    for a in 0..<k {
        for b in (a + 1)..<k {
            let estimate = means[b] - means[a]
            let inverseSizes = 1 / Double(sizes[a]) + 1 / Double(sizes[b])
            let rangeScale = (meanSquare / 2 * inverseSizes).squareRoot()
            let q = estimate / rangeScale
            comparisons.append(TukeyHSDComparison(
                arms: [names[b], names[a]], estimate: estimate, standardError: (meanSquare * inverseSizes).squareRoot(),
                confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: estimate - critical * rangeScale,
                                                       upper: estimate + critical * rangeScale),
                statistic: q, degreesOfFreedom: degreesOfFreedom,
                pValue: try distribution.survivalProbability(abs(q)),
                unadjustedPValue: try TInference.twoSidedPValue(q / 2.0.squareRoot(), distribution: t)))
        }
    }
    return TukeyHSDResult(comparisons: comparisons, names: names, sampleSizes: sizes, means: means,
                          residualMeanSquare: meanSquare, degreesOfFreedom: degreesOfFreedom, criticalValue: critical)
}
