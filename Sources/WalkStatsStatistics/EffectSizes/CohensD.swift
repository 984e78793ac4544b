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

/// Cohen's d_av for two conditions measured in the same people: the mean of the differences
/// `to − from` in units of the average of the two conditions' standard deviations, with the
/// noncentral-t confidence interval of Algina & Keselman (2003) for the paired design.
///
/// ```
/// d_i  = to_i − from_i,  n pairs,  df = n − 1,  r = cor(to, from)
/// s_av = (sd(to) + sd(from)) / 2
/// d_av = mean(d) / s_av
/// s_d  = √(sd(to)² + sd(from)² − 2 r sd(to) sd(from))            (= sd(d))
/// t    = mean(d) / (s_d / √n)                                    (the paired t statistic)
/// λ_low, λ_high:  P(T ≤ t; df, λ_low) = 1 − α/2,  P(T ≤ t; df, λ_high) = α/2
/// CI   = [λ_low, λ_high] · s_d / (√n · s_av)
/// ```
///
/// Algina & Keselman find the interval of the noncentrality λ of the paired t and convert it to the
/// effect-size scale with the sample SDs and correlation in place of the population ones; the factor
/// s_d / (√n · s_av) is d_av / t, so the bounds are the noncentrality bounds on the same scale as d_av.
///
/// *Assumptions.* Pairs are independent and bivariate normal. The interval is approximate, not exact:
/// it treats the ratio s_d / s_av as known (Algina & Keselman studied its coverage by simulation).
///
/// *Missing values.* None accepted: the caller passes complete pairs.
///
/// *Matches R:* the formula above, computed in R 4.2.2 in
/// `Tests/WalkStatsStatisticsTests/Fixtures/within-subject/generate.R` with the bounds by
/// `uniroot(function(ncp) pt(t, n - 1, ncp) - p, tol = 1e-13)`. effectsize 0.8.3 (the installed version)
/// has no `repeated_measures_d`; its later `repeated_measures_d(to, from, method = "av", adjust = FALSE)`
/// was not available to compare.
///
/// *Differs from:* Algina & Keselman (2003) and Cumming's ESCI standardise by √((s₁² + s₂²)/2), the root
/// of the average variance; d_av here uses the average SD (s₁ + s₂)/2 of Lakens (2013, eq. 10), with
/// the interval converted by the same rule. The two standardisers agree when s₁ = s₂.
///
/// *Related GSL documentation:* `gsl_stats_mean`, `gsl_stats_sd`, `gsl_sf_beta_inc_e` (inside
/// ``NoncentralTDistribution``).
///
/// *References:* Algina J, Keselman HJ (2003), Approximate confidence intervals for effect sizes.
/// Educational and Psychological Measurement 63(4):537–553. doi:10.1177/0013164403256358
/// Cumming G (2012), Understanding the New Statistics, chapter 11. Routledge.
/// Lakens D (2013), Calculating and reporting effect sizes to facilitate cumulative science. Frontiers
/// in Psychology 4:863. doi:10.3389/fpsyg.2013.00863
///
/// - Parameters:
///   - to: values in the later (or second) condition.
///   - from: values in the earlier (or first) condition, aligned with `to` by participant.
///   - confidenceLevel: the interval's level (default 0.95).
/// - Returns: an effect size named ``EffectSizeName/cohensDav`` with `sampleSizes` = `[n]`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` with fewer than 2 pairs,
///   ``StatisticsError/zeroVariance(what:)`` when all differences are equal (R `t.test`'s rule),
///   ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidConfidenceLevel(_:)``, and
///   ``StatisticsError/invalidRequest(_:)`` when the lengths differ or the SDs overflow a double.
public func cohensDav(to: [Double], from: [Double], confidenceLevel: Double = 0.95) throws -> EffectSize {
    let difference = try StandardizedMeanDifference.averageStandardDeviation(to: to, from: from,
                                                                              confidenceLevel: confidenceLevel)
    return try difference.effectSize(name: .cohensDav, confidenceLevel: confidenceLevel)
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
