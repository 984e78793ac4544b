import WalkStatsModel
import WalkStatsGSL

/// One-way analysis of variance across k ≥ 2 independent groups, with η² and ω² and their
/// noncentral-F confidence intervals.
///
/// ```
/// SSB, SSW as in the one-way decomposition (N values, k groups), SST = SSB + SSW
/// F  = (SSB / (k − 1)) / (SSW / (N − k)),   df = (k − 1, N − k),   p = P(F_{k−1, N−k} > F)
/// η² = SSB / SST
/// ω² = max(0, (SSB − (k − 1) · MSE) / (SST + MSE)),   MSE = SSW / (N − k)
/// interval of an effect e ∈ {η², ω²} (effectsize's method):
///   f_e = (e / (k − 1)) / ((1 − e) / (N − k))
///   (λ_low, λ_high) from P(F ≤ f_e; k − 1, N − k, λ) = (1 + level)/2 and (1 − level)/2 (0 where none ≥ 0)
///   bound = λ / (λ + N − k)
/// ```
///
/// For η², f_e is the observed F. For ω², effectsize inverts the F implied by ω² itself (smaller than the
/// observed F), not the observed F, and converts with the η² formula; WalkStats does the same, so the
/// ω² interval is effectsize's, not an interval built from the λ bounds of the observed F.
///
/// *Assumptions.* Independent observations; normal errors with one common variance in every group.
///
/// *Missing values.* None accepted: pass the observed values of each group (complete cases).
///
/// *Matches R:* `anova(lm(y ~ g))` (F value, Df, Pr(>F)); `effectsize::eta_squared(fit, partial = FALSE,
/// alternative = "two.sided", ci = confidenceLevel)` and `effectsize::omega_squared(...)` (value,
/// CI_low, CI_high) with effectsize 0.8.3.
/// **Deviations:** the interval bounds are the exact roots (``NoncentralFInterval``), where effectsize's
/// optimiser stops short (by up to 2.8e-7 absolute in the
/// committed fixture); R's `anova` only warns of an essentially perfect fit,
/// where this throws.
///
/// *Related GSL documentation:* `gsl_cdf_fdist_Q`, `gsl_sf_beta_inc_e`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html#the-f-distribution).
///
/// *References:* Fisher RA (1925), Statistical Methods for Research Workers, Oliver & Boyd, chapter VII.
/// Hays WL (1963), Statistics for Psychologists, Holt, Rinehart & Winston (ω²). Steiger JH (2004),
/// Beyond the F test. Psychological Methods 9(2):164–182. doi:10.1037/1082-989X.9.2.164.
/// NIST/SEMATECH e-Handbook of Statistical Methods, section 7.4.3, One-way ANOVA.
///
/// - Parameters:
///   - groups: the values of each group (at least 2 groups, none empty, more values than groups).
///   - confidenceLevel: the level of the two-sided intervals of η² and ω² (default 0.95).
/// - Returns: a ``OneWayANOVA``: the test (named ``TestName/onewayANOVA``, method "One-way analysis of
///   variance", statistic F, `degreesOfFreedom` k − 1, `denominatorDegreesOfFreedom` N − k, the group
///   sizes) and the effect sizes ``EffectSizeName/etaSquared`` and ``EffectSizeName/omegaSquared``.
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``;
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` with fewer than 2 groups, an empty
///   group, or no more values than groups; ``StatisticsError/nonFiniteInput(what:)``;
///   ``StatisticsError/zeroVariance(what:)`` when the values are (essentially) constant within every group
///   (R's "essentially perfect fit" rule), where F is undefined.
/// - Complexity: O(N), plus the root finding of the intervals.
public func onewayANOVA(_ groups: [[Double]], confidenceLevel: Double = 0.95) throws -> OneWayANOVA {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let layout = try OneWayLayout(groups)
    let (between, within, fitted) = layout.sumsOfSquares()
    guard within > OneWayLayout.perfectFitRatio * fitted else {
        throw StatisticsError.zeroVariance(what: "the values within every group")
    }
    return try OneWayANOVA(between: between, within: within, sizes: layout.sizes, confidenceLevel: confidenceLevel)
}

/// One-way ANOVA from each group's printed n, mean and SD (the numbers a paper prints), the same test as
/// ``onewayANOVA(_:confidenceLevel:)`` on data with those summaries:
///
/// ```
/// SS_between = Σ n_g (m_g − m)²,   m = Σ n_g m_g / N,   SS_within = Σ (n_g − 1) s_g²
/// ```
/// then F, p, η² and ω² exactly as for participant-level data.
///
/// *Matches R:* `anova(lm(y ~ g))` on any data with these summaries.
/// - Throws: ``StatisticsError`` for fewer than 2 groups, a group with n < 1, no more participants than
///   groups, a non-finite or negative summary, or zero SD in every group.
public func onewayANOVA(summaries: [SummaryStatistics], confidenceLevel: Double = 0.95) throws -> OneWayANOVA {
    try ConfidenceInterval.validate(level: confidenceLevel)
    try OneWayLayout.check(summaries)
    let total = summaries.reduce(0) { $0 + $1.n }
    let grandMean = summaries.reduce(0) { $0 + Double($1.n) * $1.mean } / Double(total)
    var between = 0.0, within = 0.0, fitted = 0.0
    for summary in summaries {
        let n = Double(summary.n)
        between += n * (summary.mean - grandMean) * (summary.mean - grandMean)
        within += (n - 1) * summary.standardDeviation * summary.standardDeviation
        fitted += n * summary.mean * summary.mean
    }
    guard within > OneWayLayout.perfectFitRatio * fitted else {
        throw StatisticsError.zeroVariance(what: "the values within every group")
    }
    return try OneWayANOVA(between: between, within: within, sizes: summaries.map(\.n), confidenceLevel: confidenceLevel)
}

extension OneWayANOVA {
    /// F, p, η² and ω² from the sums of squares of k groups of `sizes`: the one home of the one-way ANOVA
    /// formulas, shared by participant-level and summary data.
    init(between: Double, within: Double, sizes: [Int], confidenceLevel: Double) throws {
        let groupCount = sizes.count
        let totalCount = sizes.reduce(0, +)
        let numeratorDF = Double(groupCount - 1)
        let denominatorDF = Double(totalCount - groupCount)
        let meanSquareError = within / denominatorDF
        let f = (between / numeratorDF) / meanSquareError
        let distribution = try FisherFDistribution(numeratorDegreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF)
        let test = HypothesisTestResult(
            name: .onewayANOVA, method: "One-way analysis of variance", statistic: f,
            degreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF,
            pValue: try distribution.survivalProbability(f), sampleSizes: sizes)

        let total = between + within
        func effect(_ name: EffectSizeName, _ value: Double) throws -> EffectSize {
            let impliedF = (value / numeratorDF) / ((1 - value) / denominatorDF)
            let bounds = try NoncentralFInterval.noncentralityBounds(
                f: impliedF, numeratorDegreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF,
                confidenceLevel: confidenceLevel)
            return EffectSize(name: name, value: value,
                              confidenceInterval: ConfidenceInterval(level: confidenceLevel,
                                                                     lower: bounds.lower / (bounds.lower + denominatorDF),
                                                                     upper: bounds.upper / (bounds.upper + denominatorDF)),
                              sampleSizes: sizes)
        }
        let omega = max(0, (between - numeratorDF * meanSquareError) / (total + meanSquareError))
        self.init(test: test, etaSquared: try effect(.etaSquared, between / total), omegaSquared: try effect(.omegaSquared, omega))
    }
}

/// The result of ``onewayANOVA(_:confidenceLevel:)``: the F test and its two effect sizes.
public struct OneWayANOVA: Sendable, Equatable {
    /// The F test (``TestName/onewayANOVA``).
    public let test: HypothesisTestResult
    /// η² = SSB / SST with its noncentral-F interval (``EffectSizeName/etaSquared``).
    public let etaSquared: EffectSize
    /// ω² with its noncentral-F interval (``EffectSizeName/omegaSquared``).
    public let omegaSquared: EffectSize

    /// Creates a result.
    public init(test: HypothesisTestResult, etaSquared: EffectSize, omegaSquared: EffectSize) {
        self.test = test
        self.etaSquared = etaSquared
        self.omegaSquared = omegaSquared
    }
}
