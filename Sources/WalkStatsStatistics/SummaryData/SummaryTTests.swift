import WalkStatsModel

/// Welch's t-test of mean_A − mean_B = 0 from printed summaries (n, mean, SD of two independent
/// groups), without assuming equal variances.
///
/// ```
/// se = √(s_A²/n_A + s_B²/n_B)
/// t  = (mean_A − mean_B) / se
/// df = se⁴ / ( (s_A²/n_A)²/(n_A − 1) + (s_B²/n_B)²/(n_B − 1) )      (Welch–Satterthwaite)
/// p  = 2 · P(T_df > |t|)
/// CI = mean_A − mean_B ± t_{df, (1 + level)/2} · se
/// ```
///
/// These are the formulas of R's `t.test` applied to the summaries instead of the data, so the result
/// equals `t.test(a, b)` for any samples a, b with these n, means and SDs.
///
/// *Assumptions.* Independent groups (a parallel design), each roughly normal or large. The printed
/// means and SDs are taken as exact; see ``pValueConsistency(_:_:test:reported:)`` for their rounding.
///
/// *Matches R:* `t.test(a, b, conf.level = level)` on data with these summaries (the fixture builds
/// such data); Stata `ttesti n_A mean_A sd_A n_B mean_B sd_B, unequal level(95)` (Satterthwaite's df;
/// Stata's `welch` option uses a different df formula).
///
/// *Related GSL documentation:* `gsl_cdf_tdist_Q`, `gsl_cdf_tdist_Pinv`.
///
/// *References:* Welch BL (1947), The generalization of "Student's" problem when several different
/// population variances are involved. Biometrika 34:28–35. doi:10.1093/biomet/34.1-2.28
///
/// - Parameters:
///   - summaryA: the first group (the estimate is positive when its mean is larger).
///   - summaryB: the second group.
///   - confidenceLevel: the interval's level, R's `conf.level` (default 0.95).
/// - Returns: a result named ``TestName/welchT`` ("Welch Two Sample t-test"), estimate = the mean
///   difference with its standard error and CI, `sampleSizes` = `[n_A, n_B]`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` when n < 2 in a group,
///   ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidRequest(_:)`` for a negative SD,
///   ``StatisticsError/zeroVariance(what:)`` when both SDs are 0 (R's "data are essentially constant"),
///   ``StatisticsError/invalidConfidenceLevel(_:)``.
public func welchTTest(summaryA: SummaryStatistics, summaryB: SummaryStatistics,
                       confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try summaryTwoSampleTTest(summaryA, summaryB, equalVariances: false, confidenceLevel: confidenceLevel)
}

/// Student's two-sample t-test of mean_A − mean_B = 0 from printed summaries, with a pooled variance.
///
/// ```
/// s_p² = ((n_A − 1) s_A² + (n_B − 1) s_B²) / (n_A + n_B − 2),   df = n_A + n_B − 2
/// se   = s_p · √(1/n_A + 1/n_B)
/// t    = (mean_A − mean_B) / se,   p = 2 · P(T_df > |t|)
/// CI   = mean_A − mean_B ± t_{df, (1 + level)/2} · se
/// ```
///
/// *Assumptions.* Independent groups, roughly normal, with equal variances.
///
/// *Matches R:* `t.test(a, b, var.equal = TRUE, conf.level = level)` on data with these summaries;
/// Stata `ttesti n_A mean_A sd_A n_B mean_B sd_B, level(95)` (Stata's default is the pooled test).
/// Unlike `t.test` on data, a summary needs n ≥ 2 (a printed SD of one value does not exist).
///
/// *Related GSL documentation:* `gsl_cdf_tdist_Q`, `gsl_cdf_tdist_Pinv`.
///
/// *References:* Student (1908), The probable error of a mean. Biometrika 6(1):1–25. doi:10.1093/biomet/6.1.1
///
/// - Parameters:
///   - summaryA: the first group.
///   - summaryB: the second group.
///   - confidenceLevel: the interval's level (default 0.95).
/// - Returns: a result named ``TestName/studentT`` ("Two Sample t-test"), estimate = mean_A − mean_B.
/// - Throws: as ``welchTTest(summaryA:summaryB:confidenceLevel:)``.
public func studentTTest(summaryA: SummaryStatistics, summaryB: SummaryStatistics,
                         confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try summaryTwoSampleTTest(summaryA, summaryB, equalVariances: true, confidenceLevel: confidenceLevel)
}

/// The paired t-test of mean(d) = 0 from the printed summary of the paired differences d (their n,
/// mean and SD), as when a paper prints the mean change and its SD.
///
/// ```
/// se = sd_d / √n,   t = mean_d / se,   df = n − 1
/// p  = 2 · P(T_{n−1} > |t|),   CI = mean_d ± t_{n−1, (1 + level)/2} · se
/// ```
///
/// This is the same core as ``pairedTTest(to:from:confidenceLevel:)`` on data, which reduces the
/// differences to this summary first.
///
/// *Assumptions.* Independent pairs; differences roughly normal (or n large).
///
/// *Matches R:* `t.test(to, from, paired = TRUE, conf.level = level)` on data whose differences have
/// this n, mean and SD; Stata `ttesti n mean_d sd_d 0`.
///
/// *References:* Student (1908), The probable error of a mean. Biometrika 6(1):1–25. doi:10.1093/biomet/6.1.1
///
/// - Parameters:
///   - differences: n, mean and SD of the differences (the estimate's sign follows them).
///   - confidenceLevel: the interval's level (default 0.95).
/// - Returns: a result named ``TestName/pairedT`` ("Paired t-test"), `sampleSizes` = `[n]`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for n < 2,
///   ``StatisticsError/zeroVariance(what:)`` for SD 0, ``StatisticsError/nonFiniteInput(what:)``,
///   ``StatisticsError/invalidRequest(_:)`` for a negative SD, ``StatisticsError/invalidConfidenceLevel(_:)``.
public func pairedTTest(differences: SummaryStatistics, confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    try SummaryValidation.check(differences, label: "the paired differences")
    return try TInference.oneSample(differences, name: .pairedT, method: "Paired t-test", confidenceLevel: confidenceLevel,
                                    what: "the paired differences")
}

/// Validates the summaries and runs the shared two-sample core
/// ``twoSampleTTest(_:_:equalVariances:confidenceLevel:what:)`` (also behind the tests on data).
private func summaryTwoSampleTTest(_ a: SummaryStatistics, _ b: SummaryStatistics, equalVariances: Bool,
                                   confidenceLevel: Double) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    try SummaryValidation.check(a, label: "the first summary")
    try SummaryValidation.check(b, label: "the second summary")
    return try twoSampleTTest(a, b, equalVariances: equalVariances, confidenceLevel: confidenceLevel, what: "both summaries")
}
