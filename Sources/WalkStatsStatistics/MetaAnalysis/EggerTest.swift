/// Egger's regression test for funnel-plot asymmetry, as `metafor::regtest` reports it.
public struct EggerTest: Sendable, Equatable {
    /// Fewer studies than this trigger ``warning``: Sterne et al. (2011) recommend tests for funnel-plot
    /// asymmetry only with at least 10 studies, since below that their power is too low.
    public static let recommendedMinimumStudies = 10
    /// The text of ``warning``.
    public static let lowPowerWarning = "Egger's test has low power with fewer than 10 studies"

    /// The τ² estimator of the meta-regression (`regtest(...)$method`).
    public let method: HeterogeneityEstimator
    /// Whether the Knapp–Hartung adjustment was used (`test = "knha"`).
    public let hksj: Bool
    /// The level of ``limitConfidenceInterval``.
    public let confidenceLevel: Double
    /// The number of studies k.
    public let k: Int
    /// The test statistic for the slope on the standard error: z, or t with HKSJ (`regtest(...)$zval`).
    public let statistic: Double
    /// The degrees of freedom of t, k − 2, with HKSJ; nil for z (`regtest(...)$dfs`).
    public let degreesOfFreedom: Int?
    /// The two-sided p-value of "no asymmetry" (slope 0) (`regtest(...)$pval`).
    public let pValue: Double
    /// The limit estimate: the intercept, the effect expected as the standard error → 0
    /// (`regtest(...)$est`).
    public let limitEstimate: Double
    /// Its standard error (`regtest(..., ret.fit = TRUE)$fit$se[1]`).
    public let limitStandardError: Double
    /// The interval of the limit estimate (`regtest(...)$ci.lb`, `$ci.ub`).
    public let limitConfidenceInterval: ConfidenceInterval
    /// The slope on the standard error (`regtest(...)$fit$b[2]`).
    public let slope: Double
    /// Its standard error (`regtest(...)$fit$se[2]`).
    public let slopeStandardError: Double
    /// The residual between-study variance of the meta-regression (`regtest(...)$fit$tau2`; 0 for FE).
    public let tau2: Double
    /// ``lowPowerWarning`` when k < ``recommendedMinimumStudies``, else nil.
    public let warning: String?
}

/// Egger's regression test: a meta-regression of the effects on their standard errors, whose slope
/// measures funnel-plot asymmetry (small-study effects).
///
/// ```
/// y_i = β₀ + β₁ √v_i + u_i + ε_i,   u_i ~ N(0, τ²),  ε_i ~ N(0, v_i)
/// τ̂²  by `method` with design X = [1, √v] (FE: 0)
/// β̂   = (XᵀWX)⁻¹XᵀWy,  Var(β̂) = s2w (XᵀWX)⁻¹,  W = diag(1/(v_i + τ̂²))
/// statistic = β̂₁ / se(β̂₁)  (z; HKSJ: t on k − 2 df, s2w = Σ w_i r_i² / (k − 2))
/// limit estimate β̂₀ ± crit · se(β̂₀)
/// ```
///
/// *Assumptions.* Those of the random-effects (or FE) model; the test has low power with few studies and
/// can be biased for SMDs, whose variance depends on the effect.
///
/// *Missing values.* None accepted.
///
/// *Matches R:* `metafor::regtest(rma(yi, vi, method = method, test = if (hksj) "knha" else "z",
/// level = 100 * confidenceLevel))` (metafor 3.8-1; `model = "rma"`, `predictor = "sei"`, the defaults),
/// with the exact REML/PM estimates (see ``HeterogeneityEstimator``).
///
/// *References:* Egger M, Davey Smith G, Schneider M, Minder C (1997), Bias in meta-analysis detected by
/// a simple, graphical test. BMJ 315:629–634. doi:10.1136/bmj.315.7109.629. Sterne JAC et al. (2011),
/// Recommendations for examining and interpreting funnel plot asymmetry in meta-analyses of randomised
/// controlled trials. BMJ 343:d4002. doi:10.1136/bmj.d4002
///
/// - Parameters:
///   - effects: the studies, k ≥ 3, not all with the same standard error.
///   - method: the τ² estimator of the meta-regression (default REML).
///   - hksj: use the Knapp–Hartung adjustment (default false).
///   - confidenceLevel: the level of the limit estimate's interval (default 0.95).
/// - Returns: the test, with ``EggerTest/warning`` set when k < 10.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 3 studies,
///   ``StatisticsError/invalidRequest(_:)`` when the standard errors are (nearly) all equal (R's `lm`
///   rule: the centred standard errors have norm below 1e-7 times theirs; metafor: "Model matrix no
///   longer of full rank"), when REML does not converge, or when HKSJ is asked for and the regression fits
///   every effect exactly; and the input errors of ``metaAnalysis(_:method:hksj:confidenceLevel:)``.
public func eggerTest(_ effects: [StudyEffect], method: HeterogeneityEstimator = .reml, hksj: Bool = false,
                      confidenceLevel: Double = 0.95) throws -> EggerTest {
    try eggerTest(effects, method: method, hksj: hksj, confidenceLevel: confidenceLevel, convergence: .exact)
}

/// ``eggerTest(_:method:hksj:confidenceLevel:)`` with the iterations stopped at `convergence`.
func eggerTest(_ effects: [StudyEffect], method: HeterogeneityEstimator, hksj: Bool, confidenceLevel: Double,
               convergence: MetaRegression.Convergence) throws -> EggerTest {
    var model = try eggerModel(effects, confidenceLevel: confidenceLevel)
    model.convergence = convergence
    return try eggerResult(model, method: method, hksj: hksj, confidenceLevel: confidenceLevel,
                           tau2: try model.estimateTau2(method: method))
}

/// The meta-regression of y on [1, √v], after validation.
func eggerModel(_ effects: [StudyEffect], confidenceLevel: Double) throws -> MetaRegression {
    try MetaAnalysisInput.validate(effects, minimumStudies: 3, confidenceLevel: confidenceLevel)
    let standardErrors = effects.map { $0.vi.squareRoot() }
    let mean = standardErrors.reduce(0, +) / Double(standardErrors.count)
    let centredNorm = standardErrors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }.squareRoot()
    let norm = standardErrors.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard centredNorm >= 1e-7 * norm else {
        throw StatisticsError.invalidRequest(
            "Egger's test needs studies with different standard errors; all \(effects.count) are (nearly) equal")
    }
    return MetaRegression(effects: effects.map(\.yi), variances: effects.map(\.vi),
                          design: standardErrors.map { [1, $0] })
}

/// Egger's test from the regression `model` at a given residual τ².
func eggerResult(_ model: MetaRegression, method: HeterogeneityEstimator, hksj: Bool, confidenceLevel: Double,
                 tau2: Double) throws -> EggerTest {
    let slope = try MetaAnalysisInput.weightedInference(model, tau2: tau2, hksj: hksj,
                                                        confidenceLevel: confidenceLevel, coefficient: 1)
    let limit = try MetaAnalysisInput.weightedInference(model, tau2: tau2, hksj: hksj,
                                                        confidenceLevel: confidenceLevel, coefficient: 0)
    let k = model.studyCount
    return EggerTest(method: method, hksj: hksj, confidenceLevel: confidenceLevel, k: k,
                     statistic: slope.statistic, degreesOfFreedom: hksj ? model.residualDegreesOfFreedom : nil,
                     pValue: slope.pValue, limitEstimate: limit.estimate, limitStandardError: limit.standardError,
                     limitConfidenceInterval: limit.confidenceInterval, slope: slope.estimate,
                     slopeStandardError: slope.standardError, tau2: tau2,
                     warning: k < EggerTest.recommendedMinimumStudies ? EggerTest.lowPowerWarning : nil)
}
