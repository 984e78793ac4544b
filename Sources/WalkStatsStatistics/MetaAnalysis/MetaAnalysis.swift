import WalkStatsGSL

/// The pooled result of a meta-analysis, field for field as metafor reports it for
/// `fit <- rma(yi, vi, method = , test = , level = )`: the model (`fit$...`), `predict(fit)`,
/// `confint(fit)` and `weights(fit)`.
public struct MetaAnalysisResult: Sendable, Equatable {
    /// The τ² estimator (metafor `method`).
    public let method: HeterogeneityEstimator
    /// Whether the Knapp–Hartung(–Sidik–Jonkman) adjustment was used (metafor `test = "knha"`).
    public let hksj: Bool
    /// The confidence level of every interval, such as 0.95 (metafor `level` / 100).
    public let confidenceLevel: Double
    /// The number of studies k (`fit$k`).
    public let k: Int
    /// The pooled studies, in input order.
    public let studies: [StudyEffect]

    /// The pooled effect μ̂ = Σ w_i y_i / Σ w_i (`fit$b`).
    public let estimate: Double
    /// Its standard error √(s2w / Σ w_i) (`fit$se`).
    public let standardError: Double
    /// The Wald statistic μ̂ / se: z, or t with HKSJ (`fit$zval`).
    public let statistic: Double
    /// The degrees of freedom of t, k − 1, with HKSJ; nil for z (`fit$ddf`).
    public let degreesOfFreedom: Int?
    /// The two-sided p-value of μ = 0 (`fit$pval`).
    public let pValue: Double
    /// μ̂ ± crit · se, crit = z_{1−α/2} or t_{k−1, 1−α/2} (`fit$ci.lb`, `fit$ci.ub`).
    public let confidenceInterval: ConfidenceInterval
    /// μ̂ ± crit · √(se² + τ²) with the same crit (`predict(fit)$pi.lb`, `$pi.ub`); nil for FE, where
    /// metafor gives none.
    public let predictionInterval: ConfidenceInterval?

    /// The between-study variance τ̂² (`fit$tau2`; 0 for FE).
    public let tau2: Double
    /// Its standard error as metafor computes it (`fit$se.tau2`); nil for FE.
    public let tau2StandardError: Double?
    /// τ̂ = √τ̂² (`sqrt(fit$tau2)`).
    public let tau: Double
    /// The Q-profile interval of τ², τ, I² and H² (`confint(fit)$random`); nil for FE, where metafor has
    /// none.
    public let heterogeneityInterval: HeterogeneityConfidenceInterval?
    /// I² in percent (`fit$I2`). Random effects: 100 τ² / (vt + τ²) with the typical within-study variance
    /// vt; FE: max(0, 100 (Q − (k − 1)) / Q), the Q-based form.
    public let i2: Double
    /// H² (`fit$H2`). Random effects: τ²/vt + 1; FE: Q / (k − 1).
    public let h2: Double
    /// The typical within-study variance vt = (k − 1) / (Σw − Σw²/Σw), w = 1/v (`fit$vt`).
    public let typicalWithinStudyVariance: Double
    /// Cochran's Q = Σ (y_i − μ̂_FE)² / v_i (`fit$QE`), whatever the method.
    public let q: Double
    /// Its degrees of freedom k − 1.
    public let qDegreesOfFreedom: Int
    /// P(χ²_{k−1} > Q) (`fit$QEp`).
    public let qPValue: Double

    /// The Knapp–Hartung scale s2w = Σ w_i (y_i − μ̂)² / (k − 1) that multiplies the variance with HKSJ,
    /// not truncated at 1 (`test = "knha"`); 1 without HKSJ (`fit$s2w`).
    public let hksjScaleFactor: Double
    /// Each study's weight in percent, 100 w_i / Σ w, w_i = 1/(v_i + τ²) (`weights(fit)`), input order.
    public let weightsPercent: [Double]
}

/// Pools study effects by inverse-variance weighting with a fixed-effect or random-effects model, as
/// `metafor::rma` does, with heterogeneity statistics, the Q-profile interval of τ² and the prediction
/// interval.
///
/// ```
/// τ̂²  by `method` (FE: 0; see HeterogeneityEstimator)
/// w_i = 1 / (v_i + τ̂²),   μ̂ = Σ w_i y_i / Σ w_i
/// se  = √(1 / Σ w_i)                                      z test, crit = z_{1−α/2}
/// HKSJ: s2w = Σ w_i (y_i − μ̂)² / (k − 1),  se = √(s2w / Σ w_i),  t on k − 1 df, crit = t_{k−1, 1−α/2}
/// CI  = μ̂ ± crit · se,   PI = μ̂ ± crit · √(se² + τ̂²)
/// Q   = Σ (y_i − μ̂_FE)² / v_i,  p = P(χ²_{k−1} > Q)
/// vt  = (k − 1) / (Σ 1/v_i − Σ (1/v_i)² / Σ 1/v_i)
/// I²  = 100 τ̂² / (vt + τ̂²),  H² = τ̂²/vt + 1              (FE: I² = max(0, 100 (Q − (k−1))/Q), H² = Q/(k−1))
/// ```
///
/// The HKSJ factor is not truncated at 1 (metafor's `test = "knha"`; the truncated variant is its
/// `test = "adhoc"`). With FE and HKSJ metafor warns that the adjustment is not meant for FE models but
/// computes it; so does WalkStats.
///
/// *Assumptions.* Independent studies whose effects are approximately normal with known sampling
/// variances v_i; random effects: true effects drawn from N(μ, τ²).
///
/// *Missing values.* None accepted: drop studies without an effect or variance first (metafor's
/// `na.action` would drop them with a warning).
///
/// *Matches R:* `fit <- metafor::rma(yi, vi, method = method, test = if (hksj) "knha" else "z",
/// level = 100 * confidenceLevel)` (metafor 3.8-1), with `predict(fit)`, `confint(fit)`, `weights(fit)`.
/// REML, PM and the τ² interval are the exact roots of metafor's equations: they equal metafor run with a
/// tight `control` (`threshold` for REML, `tol` for PM and `confint`) and differ from metafor's defaults by
/// about metafor's tolerances (REML stops at a step ≤ 1e-5 in τ², PM and the interval bounds at
/// `uniroot`'s tol = 1.2e-4, all absolute; up to 1.7e-3 relative in τ² on metafor's example data). Where
/// metafor stops PM with "Value of 'tau2.max' too low", WalkStats widens the search and returns the
/// root. metafor accepts k = 1 (returning y_1 and √v_1 with no heterogeneity); WalkStats requires k ≥ 2.
///
/// *Related GSL documentation:* `gsl_cdf_ugaussian_Pinv`, `gsl_cdf_tdist_Pinv`, `gsl_cdf_chisq_Q`,
/// `gsl_cdf_chisq_Pinv`, `gsl_cdf_chisq_Qinv`.
///
/// *References:* DerSimonian R, Laird N (1986), Meta-analysis in clinical trials. Controlled Clinical
/// Trials 7(3):177–188. doi:10.1016/0197-2456(86)90046-2. Paule RC, Mandel J (1982), Consensus values and
/// weighting factors. Journal of Research of the NBS 87(5):377–385. doi:10.6028/jres.087.022.
/// Knapp G, Hartung J (2003), Improved tests for a random effects meta-regression with a single
/// covariate. Statistics in Medicine 22(17):2693–2710. doi:10.1002/sim.1482. Higgins JPT, Thompson SG
/// (2002), Quantifying heterogeneity in a meta-analysis. Statistics in Medicine 21(11):1539–1558.
/// doi:10.1002/sim.1186. Viechtbauer W (2005), Bias and efficiency of meta-analytic variance estimators
/// in the random-effects model. Journal of Educational and Behavioral Statistics 30(3):261–293.
/// doi:10.3102/10769986030003261
///
/// - Parameters:
///   - effects: the studies' effects and sampling variances, k ≥ 2.
///   - method: the τ² estimator (default REML, metafor's).
///   - hksj: use the Knapp–Hartung adjustment (default false, metafor's `test = "z"`).
///   - confidenceLevel: the level of the confidence, prediction and τ² intervals (default 0.95).
/// - Returns: every field of the fit; see ``MetaAnalysisResult``.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 2 studies,
///   ``StatisticsError/nonFiniteInput(what:)`` for a NaN or infinite effect or variance,
///   ``StatisticsError/invalidRequest(_:)`` for a sampling variance ≤ 0, when REML does not converge, or
///   when HKSJ is asked for and every effect equals the pooled estimate (metafor then reports a standard
///   error of 0 and an infinite statistic),
///   ``StatisticsError/invalidConfidenceLevel(_:)``.
/// - Complexity: O(k²) per REML step, per evaluation of Q in the PM and τ²-interval searches.
public func metaAnalysis(_ effects: [StudyEffect], method: HeterogeneityEstimator = .reml, hksj: Bool = false,
                         confidenceLevel: Double = 0.95) throws -> MetaAnalysisResult {
    try pooled(effects, method: method, hksj: hksj, confidenceLevel: confidenceLevel, convergence: .exact)
}

/// ``metaAnalysis(_:method:hksj:confidenceLevel:)`` with the iterations stopped at `convergence` (the
/// tests run it at metafor's default tolerances to reproduce metafor's default output).
func pooled(_ effects: [StudyEffect], method: HeterogeneityEstimator, hksj: Bool, confidenceLevel: Double,
            convergence: MetaRegression.Convergence) throws -> MetaAnalysisResult {
    var model = try MetaAnalysisInput.interceptModel(effects, minimumStudies: 2, confidenceLevel: confidenceLevel)
    model.convergence = convergence
    let tau2 = try model.estimateTau2(method: method)
    return try pooledResult(effects, model: model, method: method, hksj: hksj, confidenceLevel: confidenceLevel,
                            tau2: tau2)
}

/// Every field of ``MetaAnalysisResult`` for the intercept-only `model` at a given τ² (0 for FE): the one
/// place the result is assembled.
func pooledResult(_ effects: [StudyEffect], model: MetaRegression, method: HeterogeneityEstimator, hksj: Bool,
                  confidenceLevel: Double, tau2: Double) throws -> MetaAnalysisResult {
    let k = model.studyCount
    let df = model.residualDegreesOfFreedom
    let fit = try MetaAnalysisInput.weightedInference(model, tau2: tau2, hksj: hksj, confidenceLevel: confidenceLevel,
                                                      coefficient: 0)

    // Heterogeneity, always at the fixed-effect weights.
    let fixedEffect = try model.weightedFit(weights: model.weights(tau2: 0))
    let q = max(0, fixedEffect.weightedResidualSumOfSquares)
    let qPValue = try ChiSquaredDistribution(degreesOfFreedom: Double(df)).survivalProbability(q)
    let typicalVariance = Double(df) / model.projectionTrace(fixedEffect)
    let i2: Double, h2: Double
    if method == .fe {
        i2 = q > 0 ? max(0, 100 * (q - Double(df)) / q) : 0 // metafor: max(0, -Inf) = 0 when Q = 0
        h2 = q / Double(df)
    } else {
        i2 = 100 * tau2 / (typicalVariance + tau2)
        h2 = tau2 / typicalVariance + 1
    }

    let prediction: ConfidenceInterval?
    let interval: HeterogeneityConfidenceInterval?
    if method == .fe {
        prediction = nil
        interval = nil
    } else {
        let halfWidth = fit.critical * (fit.standardError * fit.standardError + tau2).squareRoot()
        prediction = ConfidenceInterval(level: confidenceLevel, lower: fit.estimate - halfWidth,
                                        upper: fit.estimate + halfWidth)
        interval = try HeterogeneityConfidenceInterval.qProfile(model, tau2: tau2, typicalVariance: typicalVariance,
                                                                confidenceLevel: confidenceLevel)
    }
    let weights = model.weights(tau2: tau2)
    let weightSum = weights.reduce(0, +)
    return MetaAnalysisResult(
        method: method, hksj: hksj, confidenceLevel: confidenceLevel, k: k, studies: effects,
        estimate: fit.estimate, standardError: fit.standardError, statistic: fit.statistic,
        degreesOfFreedom: hksj ? df : nil, pValue: fit.pValue, confidenceInterval: fit.confidenceInterval,
        predictionInterval: prediction, tau2: tau2,
        tau2StandardError: try model.tau2StandardError(method: method, tau2: tau2), tau: tau2.squareRoot(),
        heterogeneityInterval: interval, i2: i2, h2: h2, typicalWithinStudyVariance: typicalVariance, q: q,
        qDegreesOfFreedom: df, qPValue: qPValue, hksjScaleFactor: fit.scaleFactor,
        weightsPercent: weights.map { $0 / weightSum * 100 })
}

/// Input checks and the inference step shared by the pooling, leave-one-out and Egger's test.
enum MetaAnalysisInput {
    /// The intercept-only model for `effects`, after validation.
    static func interceptModel(_ effects: [StudyEffect], minimumStudies: Int,
                               confidenceLevel: Double) throws -> MetaRegression {
        try validate(effects, minimumStudies: minimumStudies, confidenceLevel: confidenceLevel)
        return MetaRegression(effects: effects.map(\.yi), variances: effects.map(\.vi),
                              design: effects.map { _ in [1] })
    }

    /// Checks the confidence level, the number of studies and every effect and variance.
    static func validate(_ effects: [StudyEffect], minimumStudies: Int, confidenceLevel: Double) throws {
        try ConfidenceInterval.validate(level: confidenceLevel)
        guard effects.count >= minimumStudies else {
            throw StatisticsError.insufficientObservations(what: "studies", needed: minimumStudies, got: effects.count)
        }
        for effect in effects {
            guard effect.yi.isFinite, effect.vi.isFinite else {
                throw StatisticsError.nonFiniteInput(what: "the effect and sampling variance of study '\(effect.study)'")
            }
            guard effect.vi > 0 else {
                throw StatisticsError.invalidRequest(
                    "study '\(effect.study)' has sampling variance \(effect.vi); every sampling variance must be > 0")
            }
        }
    }

    /// Why HKSJ is refused when the effects fit exactly.
    static let hksjUndefinedMessage = "the Knapp–Hartung (HKSJ) adjustment is undefined: every effect equals its "
        + "fitted value, so the scale factor and the standard error would be 0"

    /// The Wald inference for one coefficient of a fit at τ², as `rma.uni` does it.
    struct Inference {
        let estimate: Double
        let standardError: Double
        let statistic: Double
        let pValue: Double
        let critical: Double
        let confidenceInterval: ConfidenceInterval
        let scaleFactor: Double
        /// The whole coefficient vector and its standard errors (for Egger's slope).
        let coefficients: [Double]
        let standardErrors: [Double]
    }

    /// β̂ and Var(β̂) = s2w (XᵀWX)⁻¹ at w = 1/(v + τ²); coefficient `coefficient`'s z or t test and interval.
    static func weightedInference(_ model: MetaRegression, tau2: Double, hksj: Bool, confidenceLevel: Double,
                                  coefficient: Int) throws -> Inference {
        let fit = try model.weightedFit(weights: model.weights(tau2: tau2))
        let df = model.residualDegreesOfFreedom
        var scale = 1.0
        if hksj {
            let rss = fit.weightedResidualSumOfSquares
            guard rss > Double.ulpOfOne else {
                // metafor sets s2w = 0 when RSS <= .Machine$double.eps: a zero standard error.
                throw StatisticsError.invalidRequest(hksjUndefinedMessage)
            }
            scale = rss / Double(df)
        }
        let standardErrors = fit.inverseInformation.indices.map { (scale * fit.inverseInformation[$0][$0]).squareRoot() }
        let estimate = fit.coefficients[coefficient]
        let standardError = standardErrors[coefficient]
        let statistic = estimate / standardError
        let alpha = 1 - confidenceLevel
        let pValue: Double, critical: Double
        if hksj {
            let t = try StudentTDistribution(degreesOfFreedom: Double(df))
            pValue = 2 * (try t.survivalProbability(abs(statistic)))
            critical = try t.quantile(1 - alpha / 2)
        } else {
            pValue = 2 * (try NormalDistribution.survivalProbability(abs(statistic)))
            critical = try NormalDistribution.quantile(1 - alpha / 2)
        }
        return Inference(estimate: estimate, standardError: standardError, statistic: statistic, pValue: pValue,
                         critical: critical,
                         confidenceInterval: ConfidenceInterval(level: confidenceLevel,
                                                                lower: estimate - critical * standardError,
                                                                upper: estimate + critical * standardError),
                         scaleFactor: scale, coefficients: fit.coefficients, standardErrors: standardErrors)
    }
}
