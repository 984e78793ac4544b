import WalkStatsModel

/// Hedges' g for two independent groups from printed summaries (n, mean, SD), with the same
/// noncentral-t confidence interval as ``hedgesG(_:_:confidenceLevel:)`` on data.
///
/// ```
/// s_p² = ((n_A − 1) s_A² + (n_B − 1) s_B²) / (n_A + n_B − 2),   df = n_A + n_B − 2
/// d    = (mean_A − mean_B) / s_p,   t = d / √(1/n_A + 1/n_B)
/// J    = Γ(df/2) / ( √(df/2) · Γ((df − 1)/2) )
/// g    = J · d,   CI_g = J · √(1/n_A + 1/n_B) · [δ_low, δ_high]
///        P(T ≤ t; df, δ_low) = 1 − α/2,  P(T ≤ t; df, δ_high) = α/2
/// ```
///
/// *Assumptions.* Independent groups, roughly normal, with equal variances; the printed values are
/// taken as exact.
///
/// *Matches R:* `effectsize::hedges_g(a, b, ci = level)` (effectsize 0.8.3) on data with these
/// summaries: the value to rounding; the bounds are the exact noncentral-t roots (R `uniroot` on
/// `pt(t, df, ncp)`), which effectsize's optimiser reaches only to about 1e-5 relative (see
/// ``NoncentralTInterval``).
///
/// *Related GSL documentation:* `gsl_sf_lngamma_e`, `gsl_sf_beta_inc_e`.
///
/// *References:* Hedges LV (1981), Distribution theory for Glass's estimator of effect size and related
/// estimators. Journal of Educational Statistics 6(2):107–128. doi:10.3102/10769986006002107
///
/// - Parameters:
///   - summaryA: the first group (g is positive when its mean is larger).
///   - summaryB: the second group.
///   - confidenceLevel: the interval's level, R's `ci` (default 0.95).
/// - Returns: an effect size named ``EffectSizeName/hedgesG`` with `sampleSizes` = `[n_A, n_B]`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` when n < 2 in a group,
///   ``StatisticsError/zeroVariance(what:)`` when both SDs are 0, ``StatisticsError/nonFiniteInput(what:)``,
///   ``StatisticsError/invalidRequest(_:)`` for a negative SD, ``StatisticsError/invalidConfidenceLevel(_:)``.
public func hedgesG(summaryA: SummaryStatistics, summaryB: SummaryStatistics,
                    confidenceLevel: Double = 0.95) throws -> EffectSize {
    let difference = try StandardizedMeanDifference.pooled(summaryA: summaryA, summaryB: summaryB,
                                                           confidenceLevel: confidenceLevel)
    let correction = try hedgesCorrection(degreesOfFreedom: difference.degreesOfFreedom)
    return try difference.effectSize(name: .hedgesG, confidenceLevel: confidenceLevel, correction: correction)
}

/// Cohen's d (pooled SD) for two independent groups from printed summaries, with the noncentral-t
/// interval of ``cohensD(_:_:confidenceLevel:)``: d = (mean_A − mean_B) / s_p, formulas as in
/// ``hedgesG(summaryA:summaryB:confidenceLevel:)`` without J.
///
/// *Matches R:* `effectsize::cohens_d(a, b, ci = level)` on data with these summaries (bounds: exact
/// noncentral-t roots).
///
/// - Returns: an effect size named ``EffectSizeName/cohensD`` with `sampleSizes` = `[n_A, n_B]`.
/// - Throws: as ``hedgesG(summaryA:summaryB:confidenceLevel:)``.
public func cohensD(summaryA: SummaryStatistics, summaryB: SummaryStatistics,
                    confidenceLevel: Double = 0.95) throws -> EffectSize {
    let difference = try StandardizedMeanDifference.pooled(summaryA: summaryA, summaryB: summaryB,
                                                           confidenceLevel: confidenceLevel)
    return try difference.effectSize(name: .cohensD, confidenceLevel: confidenceLevel)
}

/// Cohen's d_z from the printed summary of the paired differences (n, mean, SD), with the
/// noncentral-t interval of ``cohensDz(to:from:confidenceLevel:)`` on data (the same core).
///
/// ```
/// d_z = mean_d / sd_d,   t = d_z · √n,   df = n − 1
/// CI  = [δ_low, δ_high] / √n,   P(T ≤ t; df, δ_low) = 1 − α/2,  P(T ≤ t; df, δ_high) = α/2
/// ```
///
/// *Matches R:* `effectsize::cohens_d(to, from, paired = TRUE, ci = level)` (effectsize 0.8.3) on data
/// whose differences have these summaries (bounds: exact noncentral-t roots; see ``NoncentralTInterval``).
///
/// *References:* Cohen J (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed.,
/// §2.3.5 (d_z). Erlbaum.
///
/// - Returns: an effect size named ``EffectSizeName/cohensDz`` with `sampleSizes` = `[n]`.
/// - Throws: as ``pairedTTest(differences:confidenceLevel:)``, and ``StatisticsError/invalidRequest(_:)``
///   when the mean or SD overflows.
public func cohensDz(differences: SummaryStatistics, confidenceLevel: Double = 0.95) throws -> EffectSize {
    try ConfidenceInterval.validate(level: confidenceLevel)
    try SummaryValidation.check(differences, label: "the paired differences")
    let difference = try StandardizedMeanDifference.paired(differences, what: "the paired differences")
    return try difference.effectSize(name: .cohensDz, confidenceLevel: confidenceLevel)
}

extension StandardizedMeanDifference {
    /// The two-sample form with the pooled SD from summary statistics, validating them: the entry point
    /// of the summary effect sizes into the shared d/g core (value, t, noncentral-t interval).
    static func pooled(summaryA a: SummaryStatistics, summaryB b: SummaryStatistics,
                       confidenceLevel: Double) throws -> StandardizedMeanDifference {
        try ConfidenceInterval.validate(level: confidenceLevel)
        try SummaryValidation.check(a, label: "the first summary")
        try SummaryValidation.check(b, label: "the second summary")
        return try pooled(a, b, what: "both summaries", overflowWhat: "the summaries")
    }
}
