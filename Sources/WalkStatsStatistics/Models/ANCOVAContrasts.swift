import WalkStatsGSL

/// Every pairwise difference of baseline-adjusted arm means from one ANCOVA fitted to all arms, with
/// Tukey-adjusted p-values and simultaneous intervals: the `ancova_contrast` list of a trial with three or
/// more arms.
///
/// ```
/// fit      follow-up_i = β₀ + β₁·baseline_i + Σ_a β_a·[arm_i = a] + Σ γ_k·covariate_ik + ε_i   (reference: β = 0)
/// for each pair (b, a), b after a in `levels` (levels[0] is the reference):
/// estimate = β̂_b − β̂_a                       (the difference of adjusted means; covariates held equal)
/// se       = √(V_bb + V_aa − 2·V_ab),   V = σ̂² (XᵀX)⁻¹,   df = n − p
/// t        = estimate / se,   q = √2 · t
/// p        = 2 · P(T_df > |t|)                          (the contrast on its own)
/// p (Tukey)= P(Q_{k, df} > √2 · |t|)                   (k = number of arms)
/// CI       = estimate ± q_{level; k, df} / √2 · se      (simultaneous)
/// ```
///
/// *Matches R:* `emmeans(lm(follow_up ~ baseline + arm [+ covariates]), pairwise ~ arm, adjust = "tukey")`:
/// its contrasts are written earlier − later, these later − earlier (estimates and t change sign; SE, df,
/// p-values and the interval's width do not); `summary(..., adjust = "none")` gives the unadjusted p and
/// `confint(...)` the simultaneous interval. emmeans's Tukey p-value and quantile use R's `ptukey` and
/// `qtukey`; WalkStats uses the exact ``StudentizedRangeDistribution`` (see its notes on R's accuracy).
///
/// *References:* Lenth RV (2016), Least-squares means: the R package lsmeans. J Stat Softw 69(1).
/// doi:10.18637/jss.v069.i01. Searle SR, Speed FM, Milliken GA (1980), Population marginal means in the
/// linear model. Am Stat 34(4):216–221.
///
/// - Parameters:
///   - levels: every arm, the reference first; pairs are formed in this order.
///   - other parameters: as ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``.
/// - Returns: one comparison per pair: `statistic` is q = √2·t, `pValue` Tukey-adjusted,
///   `unadjustedPValue` the contrast's own.
/// - Throws: as ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``, and
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 2 levels or fewer than
///   2 residual degrees of freedom.
public func ancovaPairwiseContrasts(followUp: [Double], baseline: [Double], arm: [String], levels: [String],
                                   covariates: [Covariate] = [], confidenceLevel: Double = 0.95) throws -> [TukeyHSDComparison] {
    try ConfidenceInterval.validate(level: confidenceLevel)
    guard levels.count >= 2 else { throw StatisticsError.insufficientObservations(what: "arms", needed: 2, got: levels.count) }
    let reference = levels[0]
    let compared = try ANCOVAValidation.check(followUp: followUp, baseline: baseline, arm: arm, reference: reference,
                                              comparedArms: Array(levels.dropFirst()), covariates: covariates)
    let design = ANCOVADesign(baseline: baseline, arm: arm, reference: reference, comparedArms: compared, covariates: covariates)
    let fit = try design.fit(followUp)
    guard fit.standardErrors.allSatisfy({ $0 > 0 }) else { throw StatisticsError.zeroVariance(what: "the model residuals") }
    guard fit.residualDegreesOfFreedom >= 2 else {
        throw StatisticsError.insufficientObservations(what: "residual degrees of freedom for Tukey's adjustment", needed: 2,
                                                       got: fit.residualDegreesOfFreedom)
    }
    let df = Double(fit.residualDegreesOfFreedom)
    let column = levels.map { level in design.armColumns.firstIndex(of: level) }   // nil for the reference
    let range = try StudentizedRangeDistribution(numberOfMeans: levels.count, degreesOfFreedom: df)
    let critical = try range.quantile(confidenceLevel) / 2.0.squareRoot()
    let t = try StudentTDistribution(degreesOfFreedom: df)
    func coefficient(_ index: Int) -> Double { column[index].map { fit.coefficients[$0] } ?? 0 }
    func covariance(_ i: Int, _ j: Int) -> Double {
        guard let a = column[i], let b = column[j] else { return 0 }
        return fit.covariance[a][b]
    }
    var comparisons: [TukeyHSDComparison] = []
    for a in levels.indices {
        for b in levels.indices where b > a {
            let estimate = coefficient(b) - coefficient(a)
            let standardError = (covariance(b, b) + covariance(a, a) - 2 * covariance(a, b)).squareRoot()
            let ratio = estimate / standardError
            comparisons.append(TukeyHSDComparison(
                arms: [levels[b], levels[a]], estimate: estimate, standardError: standardError,
                confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: estimate - critical * standardError,
                                                       upper: estimate + critical * standardError),
                statistic: ratio * 2.0.squareRoot(), degreesOfFreedom: df,
                pValue: try range.survivalProbability(abs(ratio) * 2.0.squareRoot()),
                unadjustedPValue: try TInference.twoSidedPValue(ratio, distribution: t)))
        }
    }
    return comparisons
}
