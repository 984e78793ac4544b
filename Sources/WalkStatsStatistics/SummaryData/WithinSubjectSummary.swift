import WalkStatsGSL
import WalkStatsModel

/// The paired t-test of two conditions measured on the same people, from the printed mean and SD of
/// each condition and an assumed correlation between them (within-subject papers print the two
/// conditions but rarely the SD of the differences).
///
/// ```
/// SD_diff = √(s_A² + s_B² − 2 ρ s_A s_B)
/// t       = (mean_A − mean_B) / (SD_diff / √n),   df = n − 1
/// p       = 2 · P(T_{n−1} > |t|)
/// CI      = mean_A − mean_B ± t_{n−1, (1 + level)/2} · SD_diff / √n
/// ```
///
/// *Assumptions.* The same n people under both conditions; differences roughly normal; ρ is the
/// correlation of the two conditions across people (unknown unless printed: see
/// ``withinSubjectCorrelationSensitivity(conditionA:conditionB:correlations:confidenceLevel:)`` and
/// ``smallestCorrelationForSignificance(conditionA:conditionB:pValueThreshold:)``).
///
/// *Matches R:* `t.test(a, b, paired = TRUE, conf.level = level)` on paired data with these means and
/// SDs and correlation ρ (the fixture builds such data); Stata `ttesti n mean_diff SD_diff 0`.
///
/// *Related GSL documentation:* `gsl_cdf_tdist_Q`, `gsl_cdf_tdist_Pinv`.
///
/// *References:* Cochrane Handbook for Systematic Reviews of Interventions, version 6.4 (2023),
/// section 6.5.2.8 and chapter 23.2 (cross-over trials). Elbourne DR et al. (2002), Meta-analyses involving
/// cross-over trials: methodological issues. Int J Epidemiol 31(1):140–149. doi:10.1093/ije/31.1.140
///
/// - Parameters:
///   - conditionA: the first condition (the estimate is positive when its mean is larger).
///   - conditionB: the second condition, with the same n.
///   - correlation: the assumed correlation ρ in [−1, 1].
///   - confidenceLevel: the interval's level (default 0.95).
/// - Returns: a result named ``TestName/pairedT`` ("Paired t-test"), estimate = mean_A − mean_B,
///   `sampleSizes` = `[n]`.
/// - Throws: ``StatisticsError/invalidRequest(_:)`` when the two n differ, for ρ outside [−1, 1] or a
///   negative SD; ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2;
///   ``StatisticsError/zeroVariance(what:)`` when SD_diff is 0 (both SDs 0, or equal SDs with ρ = 1);
///   ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidConfidenceLevel(_:)``.
public func pairedTTest(conditionA: SummaryStatistics, conditionB: SummaryStatistics, correlation: Double,
                        confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    try checkConditions(conditionA, conditionB)
    try SummaryValidation.checkCorrelation(correlation)
    let sdDiff = SummaryValidation.differenceStandardDeviation(conditionA.standardDeviation, conditionB.standardDeviation,
                                                               correlation: correlation)
    let differences = SummaryStatistics(n: conditionA.n, mean: conditionA.mean - conditionB.mean, standardDeviation: sdDiff)
    return try TInference.oneSample(differences, name: .pairedT, method: "Paired t-test", confidenceLevel: confidenceLevel,
                                    what: "the paired differences implied by these SDs and correlation")
}

/// One row of a within-subject sensitivity table: an assumed correlation, the SD of the differences it
/// implies and the paired t-test.
public struct WithinSubjectCorrelationRow: Sendable, Equatable {
    /// The assumed correlation ρ between the conditions.
    public let correlation: Double
    /// SD_diff = √(s_A² + s_B² − 2 ρ s_A s_B).
    public let differenceStandardDeviation: Double
    /// The paired t-test at this ρ.
    public let test: HypothesisTestResult

    /// Creates a row.
    public init(correlation: Double, differenceStandardDeviation: Double, test: HypothesisTestResult) {
        self.correlation = correlation
        self.differenceStandardDeviation = differenceStandardDeviation
        self.test = test
    }
}

/// The correlations of a within-subject sensitivity table by default: 0, 0.1, …, 0.9.
public let defaultWithinSubjectCorrelations: [Double] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]

/// The paired t-test of ``pairedTTest(conditionA:conditionB:correlation:confidenceLevel:)`` over a grid of
/// assumed correlations: how the within-subject result depends on the correlation the paper did not print.
///
/// *Matches R:* per ρ, `t.test(a, b, paired = TRUE)` on data with these means, SDs and correlation.
///
/// - Parameters:
///   - conditionA: the first condition.
///   - conditionB: the second condition, with the same n.
///   - correlations: the grid (default ``defaultWithinSubjectCorrelations``).
///   - confidenceLevel: the level of each interval (default 0.95).
/// - Returns: one row per correlation, in the order given.
/// - Throws: ``StatisticsError/invalidRequest(_:)`` for an empty grid, and as
///   ``pairedTTest(conditionA:conditionB:correlation:confidenceLevel:)``.
public func withinSubjectCorrelationSensitivity(conditionA: SummaryStatistics, conditionB: SummaryStatistics,
                                                correlations: [Double] = defaultWithinSubjectCorrelations,
                                                confidenceLevel: Double = 0.95) throws -> [WithinSubjectCorrelationRow] {
    guard !correlations.isEmpty else { throw StatisticsError.invalidRequest("expected at least one correlation") }
    return try correlations.map { rho in
        let test = try pairedTTest(conditionA: conditionA, conditionB: conditionB, correlation: rho,
                                   confidenceLevel: confidenceLevel)
        return WithinSubjectCorrelationRow(
            correlation: rho,
            differenceStandardDeviation: SummaryValidation.differenceStandardDeviation(
                conditionA.standardDeviation, conditionB.standardDeviation, correlation: rho),
            test: test)
    }
}

/// Where, over correlations ρ in [−1, 1), a within-subject difference becomes significant at a
/// printed threshold.
public struct CorrelationThreshold: Sendable, Equatable {
    /// The answer.
    public enum Answer: Sendable, Equatable {
        /// p < threshold for every ρ in [−1, 1).
        case everyCorrelation
        /// p < threshold exactly when ρ > this value (p equals the threshold at it).
        case above(Double)
        /// p ≥ threshold for every ρ in [−1, 1) (even as ρ → 1).
        case noCorrelation
    }

    /// The two-sided p-value threshold, such as 0.01 for a printed "p < 0.01".
    public let pValueThreshold: Double
    /// t_{n−1, 1 − threshold/2}: |t| must exceed it.
    public let criticalT: Double
    /// The SD of the differences below which p < threshold: |mean_A − mean_B| · √n / criticalT.
    public let criticalDifferenceStandardDeviation: Double
    /// Where the threshold is crossed.
    public let answer: Answer

    /// Creates a result.
    public init(pValueThreshold: Double, criticalT: Double, criticalDifferenceStandardDeviation: Double, answer: Answer) {
        self.pValueThreshold = pValueThreshold
        self.criticalT = criticalT
        self.criticalDifferenceStandardDeviation = criticalDifferenceStandardDeviation
        self.answer = answer
    }

    /// A sentence for reports, such as "p < 0.01 needs a correlation above 0.298".
    public var explanation: String {
        switch answer {
        case .everyCorrelation:
            return "p < \(pValueThreshold) for every correlation between the conditions (even ρ = −1)"
        case let .above(rho):
            return "p < \(pValueThreshold) needs a correlation between the conditions above \(significant(rho)) "
                + "(SD of the differences below \(significant(criticalDifferenceStandardDeviation)))"
        case .noCorrelation:
            return "p ≥ \(pValueThreshold) for every correlation between the conditions below 1"
        }
    }
}

/// `x` to 3 significant digits for sentences (full precision stays in the fields).
private func significant(_ x: Double) -> String {
    guard x != 0, x.isFinite else { return "\(x)" }
    var magnitude = 0
    var probe = abs(x)
    while probe >= 10 { probe /= 10; magnitude += 1 }
    while probe < 1 { probe *= 10; magnitude -= 1 }
    let digits = max(0, 2 - magnitude)
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    return digits == 0 ? "\(Int(rounded))" : "\(rounded)"
}

/// The smallest correlation ρ in [−1, 1) between two within-subject conditions at which the paired
/// t-test of their printed means and SDs reaches a printed significance threshold (such as Roos 2012's
/// "p < 0.01"): how strongly the two conditions must have been correlated for the printed claim to
/// hold.
///
/// ```
/// t_crit  = t_{n−1, 1 − α/2}
/// p < α  ⇔  |t| > t_crit  ⇔  SD_diff < D = |mean_A − mean_B| · √n / t_crit
///        ⇔  ρ > ρ* = (s_A² + s_B² − D²) / (2 s_A s_B)
/// ```
///
/// SD_diff² = s_A² + s_B² − 2ρ s_A s_B falls linearly in ρ, so the p-value falls monotonically and
/// the threshold is crossed once. Inverting t(ρ) in closed form gives ρ* exactly, so no root search is
/// needed (the R fixture finds the same ρ* with `uniroot` on `p(ρ) − α`). ρ* ≤ −1 means every
/// correlation works; no ρ < 1 works when D ≤ |s_A − s_B| (the SD of the differences as ρ → 1).
///
/// *Matches R:* `uniroot(function(r) p(r) - alpha, c(-1, 1))$root` with `p(r)` the paired
/// `t.test` p-value at correlation r.
///
/// *Related GSL documentation:* `gsl_cdf_tdist_Pinv`.
///
/// - Parameters:
///   - conditionA: the first condition.
///   - conditionB: the second condition, with the same n.
///   - pValueThreshold: α, strictly between 0 and 1 (0.01 for "p < 0.01").
/// - Returns: the threshold with ``CorrelationThreshold/Answer``.
/// - Throws: ``StatisticsError/invalidRequest(_:)`` for α outside (0, 1), different n or a negative SD;
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2;
///   ``StatisticsError/zeroVariance(what:)`` when both SDs are 0.
public func smallestCorrelationForSignificance(conditionA: SummaryStatistics, conditionB: SummaryStatistics,
                                               pValueThreshold alpha: Double) throws -> CorrelationThreshold {
    guard alpha > 0, alpha < 1 else {
        throw StatisticsError.invalidRequest("a p-value threshold must lie strictly between 0 and 1, got \(alpha)")
    }
    try checkConditions(conditionA, conditionB)
    let (sA, sB) = (conditionA.standardDeviation, conditionB.standardDeviation)
    guard sA > 0 || sB > 0 else { throw StatisticsError.zeroVariance(what: "both conditions") }
    let n = Double(conditionA.n)
    let criticalT = try StudentTDistribution(degreesOfFreedom: n - 1).quantile(1 - alpha / 2)
    let critical = abs(conditionA.mean - conditionB.mean) * n.squareRoot() / criticalT
    func result(_ answer: CorrelationThreshold.Answer) -> CorrelationThreshold {
        CorrelationThreshold(pValueThreshold: alpha, criticalT: criticalT, criticalDifferenceStandardDeviation: critical,
                             answer: answer)
    }
    if critical <= abs(sA - sB) { return result(.noCorrelation) }
    if critical > sA + sB { return result(.everyCorrelation) }
    // Here sA > 0 and sB > 0 (otherwise SD_diff is constant and one of the cases above applied).
    let rho = (sA * sA + sB * sB - critical * critical) / (2 * sA * sB)
    return result(.above(min(1, max(-1, rho))))
}

/// Same n in both conditions, each a valid summary.
private func checkConditions(_ a: SummaryStatistics, _ b: SummaryStatistics) throws {
    try SummaryValidation.check(a, label: "the first condition")
    try SummaryValidation.check(b, label: "the second condition")
    guard a.n == b.n else {
        throw StatisticsError.invalidRequest(
            "within-subject conditions are measured on the same people, so their n must be equal; got \(a.n) and \(b.n)")
    }
}
