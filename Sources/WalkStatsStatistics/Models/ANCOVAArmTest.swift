import WalkStatsGSL

/// The F test of the arm factor in the ANCOVA model: do the k arms differ in follow-up after adjusting
/// for the baseline (and optional covariates)? The omnibus companion of the pairwise arm effects of
/// ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``.
///
/// ```
/// full:     follow-up ~ baseline + arm + covariates      (p columns, RSS_full, n − p residual df)
/// reduced:  follow-up ~ baseline + covariates            (the k − 1 arm columns dropped, RSS_reduced)
/// F  = ((RSS_reduced − RSS_full) / (k − 1)) / (RSS_full / (n − p))
/// df = (k − 1, n − p),   p = P(F_{k−1, n−p} > F)
/// ```
///
/// Without interaction terms, the type II sum of squares of arm is exactly RSS_reduced − RSS_full (arm
/// adjusted for every other term), so the reference arm and the order of the arms do not change the test.
/// Both models are fitted by the linear-model core ``LinearLeastSquares`` on the design of
/// ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``.
///
/// *Assumptions.* Those of the ANCOVA: independent participants, a common linear baseline slope in every
/// arm, normal residuals with equal variance.
///
/// *Missing values.* None accepted: the caller passes complete cases.
///
/// *Matches R:* `car::Anova(lm(follow_up ~ baseline + arm + covariates), type = 2)`, row `arm`
/// (`F value`, `Df`, `Pr(>F)`) and row `Residuals` (`Df`), car 3.1-1.
/// **Deviations:** as for the ANCOVA, a rank-deficient design or an essentially perfect fit throws where
/// R drops a coefficient or only warns.
///
/// *Related GSL documentation:* `gsl_multifit_linear_tsvd`, `gsl_cdf_fdist_Q`
/// (https://www.gnu.org/software/gsl/doc/html/lls.html#multi-parameter-regression).
///
/// *References:* Fox J, Weisberg S (2019), An R Companion to Applied Regression, 3rd ed., Sage, §5.3.4
/// (type II tests). Langsrud Ø (2003), ANOVA for unbalanced data: Use Type II instead of Type III sums of
/// squares. Statistics and Computing 13:163–167. doi:10.1023/A:1023260610025
///
/// - Parameters:
///   - followUp: the outcome at follow-up, one value per participant.
///   - baseline: the same outcome at baseline, aligned with `followUp`.
///   - arm: each participant's arm label (non-empty), aligned with `followUp`.
///   - reference: one of the arms (needed to build the design; the test does not depend on it).
///   - covariates: further adjustment variables (default none).
/// - Returns: a result named ``TestName/ancovaArm`` with statistic F, `degreesOfFreedom` k − 1,
///   `denominatorDegreesOfFreedom` n − p, the p-value, and the arm sizes as `sampleSizes` (the reference
///   first, then the other arms in code-point order).
/// - Throws: the errors of ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``
///   for the same inputs (mismatched lengths, unknown or tiny arms, constant baseline or covariates, a
///   rank-deficient design, no residual degrees of freedom, an essentially perfect fit).
/// - Complexity: O(n·p³).
public func ancovaArmTest(followUp: [Double], baseline: [Double], arm: [String], reference: String,
                          covariates: [Covariate] = []) throws -> HypothesisTestResult {
    let compared = try ANCOVAValidation.check(followUp: followUp, baseline: baseline, arm: arm, reference: reference,
                                              comparedArms: nil, covariates: covariates)
    let design = ANCOVADesign(baseline: baseline, arm: arm, reference: reference, comparedArms: compared,
                              covariates: covariates)
    let full = try design.fit(followUp)
    let reduced = try design.fit(followUp, keeping: design.armColumns.indices.filter { design.armColumns[$0] == nil })
    let numeratorDF = Double(compared.count)
    let denominatorDF = Double(full.residualDegreesOfFreedom)
    let armSumOfSquares = max(0, reduced.residualSumOfSquares - full.residualSumOfSquares)
    let f = (armSumOfSquares / numeratorDF) / (full.residualSumOfSquares / denominatorDF)
    let distribution = try FisherFDistribution(numeratorDegreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF)
    return HypothesisTestResult(
        name: .ancovaArm, method: "ANCOVA F test of arm (type II): car::Anova(lm(\(design.formula)), type = 2)",
        statistic: f, degreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF,
        pValue: try distribution.survivalProbability(f),
        sampleSizes: ([reference] + compared).map { ANCOVAValidation.count(of: $0, in: arm) })
}
