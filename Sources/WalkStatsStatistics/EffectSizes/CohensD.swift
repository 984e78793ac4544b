/// Cohen's d_z for paired values: the mean of the differences `to − from` in units of their standard
/// deviation, with a noncentral-t confidence interval.
///
/// ```
/// d_i = to_i − from_i,  n pairs,  df = n − 1
/// d_z = mean(d) / sd(d)
/// t   = mean(d) / (sd(d) / √n)                       (the paired t statistic)
/// CI  = [δ_low, δ_high] / √n,   P(T ≤ t; df, δ_low) = 1 − α/2,  P(T ≤ t; df, δ_high) = α/2
/// ```
///
/// *Assumptions.* Pairs are independent; the differences are roughly normal (the interval is exact
/// under normality).
///
/// *Missing values.* None accepted: the caller passes complete pairs (``PairedValues`` keeps only
/// participants measured at both timepoints and counts the others).
///
/// *Matches R:* `effectsize::cohens_d(to, from, paired = TRUE, ci = level)` (effectsize 0.8.3). With
/// `paired = TRUE`, effectsize 0.8.3 computes exactly this d_z: `mean(x - y) / sd(x - y)`, with
/// `hn = 1/n` and `df = n - 1` for the interval (it has no `repeated_measures_d` yet). The value agrees
/// to rounding. The bounds are the exact noncentral-t roots: effectsize finds them with `optim`, which
/// stops up to about 1e-5 (relative) short of them; see ``NoncentralTInterval``.
///
/// *Related GSL documentation:* `gsl_stats_mean`, `gsl_stats_sd`, `gsl_sf_beta_inc_e` (inside
/// ``NoncentralTDistribution``).
///
/// *References:* Cohen J (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed.,
/// §2.3.5 (d_z). Erlbaum. Lakens D (2013), Calculating and reporting effect sizes to facilitate
/// cumulative science. Frontiers in Psychology 4:863. doi:10.3389/fpsyg.2013.00863
///
/// - Parameters:
///   - to: values at the later timepoint.
///   - from: values at the earlier timepoint, aligned with `to`.
///   - confidenceLevel: the interval's level, R's `ci` (default 0.95).
/// - Returns: an effect size named ``EffectSizeName/cohensDz`` with `sampleSizes` = `[n]`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` with fewer than 2 pairs,
///   ``StatisticsError/zeroVariance(what:)`` when all differences are equal (by the rule of R's
///   `t.test`; effectsize would return ±Inf or NaN), ``StatisticsError/nonFiniteInput(what:)``,
///   ``StatisticsError/invalidConfidenceLevel(_:)``, and ``StatisticsError/invalidRequest(_:)`` when
///   the lengths differ.
public func cohensDz(to: [Double], from: [Double], confidenceLevel: Double = 0.95) throws -> EffectSize {
    let difference = try StandardizedMeanDifference.paired(to: to, from: from, confidenceLevel: confidenceLevel)
    return try difference.effectSize(name: .cohensDz, confidenceLevel: confidenceLevel)
}

/// Cohen's d for two independent samples: the difference of means in units of the pooled standard
/// deviation, with a noncentral-t confidence interval.
///
/// ```
/// s_p² = ((n_a − 1) s_a² + (n_b − 1) s_b²) / (n_a + n_b − 2),   df = n_a + n_b − 2
/// d    = (mean(a) − mean(b)) / s_p
/// t    = d / √(1/n_a + 1/n_b)                         (Student's pooled t statistic)
/// CI   = [δ_low, δ_high] · √(1/n_a + 1/n_b),  P(T ≤ t; df, δ_low) = 1 − α/2,  P(T ≤ t; df, δ_high) = α/2
/// ```
///
/// *Assumptions.* Independent samples, roughly normal, with equal variances.
///
/// *Missing values.* None accepted: the caller passes the observed values of each sample.
///
/// *Matches R:* `effectsize::cohens_d(a, b, ci = level)` (effectsize 0.8.3, `pooled_sd = TRUE` by
/// default, `mu = 0`, two-sided). The value agrees to rounding; the bounds are the exact noncentral-t
/// roots, which effectsize's `optim` reaches only to about 1e-5 relative (see ``NoncentralTInterval``).
/// effectsize also accepts a sample of size 1 next to a larger one; WalkStats requires 2 per sample.
///
/// *Related GSL documentation:* `gsl_stats_mean`, `gsl_stats_sd`, `gsl_sf_beta_inc_e`.
///
/// *References:* Cohen J (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed.,
/// §2.2. Erlbaum. Hedges LV, Olkin I (1985), Statistical Methods for Meta-Analysis, chapter 5.
/// Academic Press.
///
/// - Parameters:
///   - a: the first sample (the effect is positive when its mean is larger).
///   - b: the second sample.
///   - confidenceLevel: the interval's level, R's `ci` (default 0.95).
/// - Returns: an effect size named ``EffectSizeName/cohensD`` with `sampleSizes` = `[n_a, n_b]`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` when a sample has fewer than
///   2 values, ``StatisticsError/zeroVariance(what:)`` when the pooled SD is zero (R `t.test`'s rule),
///   ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidConfidenceLevel(_:)``.
public func cohensD(_ a: [Double], _ b: [Double], confidenceLevel: Double = 0.95) throws -> EffectSize {
    let difference = try StandardizedMeanDifference.pooled(a, b, confidenceLevel: confidenceLevel)
    return try difference.effectSize(name: .cohensD, confidenceLevel: confidenceLevel)
}
