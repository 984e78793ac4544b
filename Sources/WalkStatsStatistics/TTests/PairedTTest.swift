import WalkStatsGSL

/// Paired t-test of the mean of `to − from` against 0, for values measured twice on the same participants.
///
/// ```
/// d_i = to_i − from_i,  n pairs
/// t   = mean(d) / (sd(d) / √n),  df = n − 1
/// p   = 2 · P(T_{n−1} > |t|)
/// CI  = mean(d) ± t_{n−1, (1 + level)/2} · sd(d) / √n
/// ```
///
/// *Assumptions.* Pairs are independent; the differences are roughly normal (or n is large).
///
/// *Missing values.* None accepted: the caller passes complete pairs (``PairedValues`` keeps only
/// participants measured at both timepoints and counts the others).
///
/// *Matches R:* `t.test(to, from, paired = TRUE, conf.level = level)`; the estimate is R's
/// "mean difference" (`mean of the differences` in R ≥ 4.2 output).
///
/// *Related GSL documentation:* `gsl_stats_mean`, `gsl_stats_sd`, `gsl_cdf_tdist_Q`, `gsl_cdf_tdist_Pinv`.
///
/// *References:* Student (1908), The probable error of a mean. Biometrika 6(1):1–25. doi:10.1093/biomet/6.1.1
///
/// - Parameters:
///   - to: values at the later timepoint.
///   - from: values at the earlier timepoint, aligned with `to`.
///   - confidenceLevel: the interval's level, R's `conf.level` (default 0.95).
/// - Returns: a result named ``TestName/pairedT``, estimate = mean change.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` with fewer than 2 pairs,
///   ``StatisticsError/zeroVariance(what:)`` when all differences are equal (R: "data are essentially
///   constant"), ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidConfidenceLevel(_:)``,
///   and ``StatisticsError/invalidRequest(_:)`` when the lengths differ.
public func pairedTTest(to: [Double], from: [Double], confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    let differences = try TInference.pairedDifferences(to: to, from: from, confidenceLevel: confidenceLevel)
    return try TInference.oneSample(differences, name: .pairedT, method: "Paired t-test", confidenceLevel: confidenceLevel,
                                    what: "the paired differences")
}
